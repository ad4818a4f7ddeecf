; An input error (exit 3): a list left open.
(set-logic QF_IDL)
(declare-fun x () Int)
(assert (< x 1)
(check-sat)
