; An arithmetic ite (named in the trace, tied to its branches by lemmas): whichever
; branch, m is at least 1, and m < 1 is asserted.
(set-logic QF_LRA)
(declare-fun c () Bool)
(declare-fun x () Real)
(declare-fun m () Real)
(assert (= m (ite c (+ x 1) (- 3 x))))
(assert (>= x 0))
(assert (<= x 2))
(assert (< m 1))
(check-sat)
