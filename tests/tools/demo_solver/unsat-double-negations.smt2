; Double and triple negations under connectives and of whole conjuncts: the solver reads
; them as literals, and writes its definitions' arguments with the problem's own `not`s
; (so that each definition expands to the problem's subterm); unsat, the trace VERIFIED.
(set-logic QF_IDL)
(declare-fun x () Int)
(declare-fun y () Int)
(declare-fun p () Bool)
(assert (and (not (not (xor (not (not (not (<= x y)))) p)))
             (not (not (not (not (ite p (<= y x) (not (not (< x y))))))))))
(assert (not p))
(assert (not (= x y)))
(check-sat)
