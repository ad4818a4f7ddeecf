; 2x + 3y <= 5 with x >= 2 and y >= 1/2 would need 5.5 <= 5: simplex, Farkas 1, 2, 3.
(set-logic QF_LRA)
(declare-fun x () Real)
(declare-fun y () Real)
(assert (<= (+ (* 2 x) (* 3 y)) 5))
(assert (>= x 2))
(assert (>= y (/ 1 2)))
(check-sat)
