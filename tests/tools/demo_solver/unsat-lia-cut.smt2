; Difference logic over the integers with a scaled atom: 2x - 2y <= 5 is x - y <= 2 only
; by rounding (a Chvatal-Gomory cut), then with y - z <= 1 it contradicts x - z >= 4. The
; negative cycle has one rounded edge: a `cut` lemma (multiplier 1 on that atom).
; trace hint: cut
(set-logic QF_LIA)
(declare-fun x () Int)
(declare-fun y () Int)
(declare-fun z () Int)
(assert (<= (- (* 2 x) (* 2 y)) 5))
(assert (<= (- y z) 1))
(assert (>= (- x z) 4))
(check-sat)
