(set-logic QF_UF)
(assert (or))
(check-sat)
