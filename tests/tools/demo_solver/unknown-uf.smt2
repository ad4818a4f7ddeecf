; Rejected as unknown (exit 4): uninterpreted functions.
(set-logic QF_UF)
(declare-sort U 0)
(declare-fun f (U) U)
(check-sat)
