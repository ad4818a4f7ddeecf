; distinct with x <= y <= x: an equality atom split into its two inequalities.
(set-logic QF_IDL)
(declare-fun x () Int)
(declare-fun y () Int)
(assert (distinct x y))
(assert (<= (- x y) 0))
(assert (<= (- y x) 0))
(check-sat)
