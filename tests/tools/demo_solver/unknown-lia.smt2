; Rejected as unknown (exit 4): an integer sum of two variables is not a difference
; constraint, and the simplex is for reals only (no branch and bound).
(set-logic QF_LIA)
(declare-fun x () Int)
(declare-fun y () Int)
(assert (<= (+ x y) 3))
(check-sat)
