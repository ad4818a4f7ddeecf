; An input error (exit 3): nothing asks for an answer.
(set-logic QF_IDL)
(declare-fun x () Int)
(assert (< x 1))
