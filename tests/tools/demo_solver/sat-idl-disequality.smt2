; x != y with x <= y <= x + 1: y = x + 1.
(set-logic QF_IDL)
(declare-fun x () Int)
(declare-fun y () Int)
(assert (not (= x y)))
(assert (<= (- x y) 0))
(assert (<= (- y x) 1))
(check-sat)
