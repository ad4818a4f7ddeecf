; 2x + 4y = 7 has no integer solution (the left side is even) but many rational ones in
; the box: branch and bound refutes it, each branch x <= k \/ x >= k + 1 a `br` lemma.
; trace hint: br
(set-logic QF_LIA)
(declare-fun x () Int)
(declare-fun y () Int)
(assert (= (+ (* 2 x) (* 4 y)) 7))
(assert (<= 0 x))
(assert (<= x 10))
(assert (<= (- 10) y))
(assert (<= y 10))
(check-sat)
