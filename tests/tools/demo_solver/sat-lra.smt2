; 2x + 3y <= 5 with x >= 1 and y >= 1/2: x = 1, y = 1/2.
(set-logic QF_LRA)
(declare-fun x () Real)
(declare-fun y () Real)
(assert (<= (+ (* 2 x) (* 3 y)) 5))
(assert (>= x 1.0))
(assert (>= y 0.5))
(assert (or (> (+ x y) 10) (< (- x y) 1)))
(check-sat)
