; written for hcert: named assertions, as in an unsat-core run
(set-logic QF_UF)
(set-option :produce-unsat-cores true)
(declare-fun p () Bool)
(declare-fun q () Bool)
(assert (! (and p true) :named a0))
(assert (! (or (not p) q) :named a1))
(assert (not q))
(check-sat)
