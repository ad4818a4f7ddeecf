; written for hcert: a /\ b against ~a
(set-logic QF_UF)
(declare-fun a () Bool)
(declare-fun b () Bool)
(assert (and a b))
(assert (not a))
(check-sat)
