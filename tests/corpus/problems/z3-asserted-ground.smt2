; A ground assumption: Z3 restates 3 <= -3 as 3.0 <= -(3.0), which shares no atom
; or symbol with it (cvc5 regress0/arith/leq.01).
(set-logic QF_LRA)
(check-sat-assuming ( (<= 3 (- 3)) ))
