; written for hcert: a nested conjunction, one of whose conjuncts is a disjunction
(set-logic QF_UF)
(declare-fun a () Bool)
(declare-fun b () Bool)
(declare-fun c () Bool)
(assert (and a (and (or b c) c)))
(assert (not b))
(assert (not c))
(check-sat)
