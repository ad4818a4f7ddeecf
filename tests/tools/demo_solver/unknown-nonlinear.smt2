; Rejected as unknown (exit 4): a product of two variables is beyond linear arithmetic.
(set-logic QF_NRA)
(declare-fun x () Real)
(declare-fun y () Real)
(assert (> (* x y) 1))
(check-sat)
