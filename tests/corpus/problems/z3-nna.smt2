; written for hcert: ~~a against ~a
(set-logic QF_UF)
(declare-fun a () Bool)
(assert (not (not a)))
(assert (not a))
(check-sat)
