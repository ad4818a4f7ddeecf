(set-logic QF_UF)
(declare-fun p () Bool)
(assert (or p (not true)))
(check-sat)
