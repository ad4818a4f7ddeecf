; No assertion at all.
(set-logic QF_RDL)
(declare-fun x () Real)
(check-sat)
