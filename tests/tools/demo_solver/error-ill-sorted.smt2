; An input error (exit 3): `and` applied to an Int.
(set-logic QF_IDL)
(declare-fun x () Int)
(assert (and x true))
(check-sat)
