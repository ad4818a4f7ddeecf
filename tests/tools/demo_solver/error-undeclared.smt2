; An input error (exit 3): y is not declared.
(set-logic QF_IDL)
(declare-fun x () Int)
(assert (< x y))
(check-sat)
