; Satisfiable (x = 2, y = 2), but the simplex's first model is fractional (x = 7/3):
; branch and bound adds x <= 2 \/ x >= 3 and finds the integer model. Its trace (with
; a `br` lemma) has no empty clause and must never verify.
(set-logic QF_LIA)
(declare-fun x () Int)
(declare-fun y () Int)
(assert (<= (* 3 x) 7))
(assert (>= (+ (* 3 x) y) 8))
(assert (<= y 2))
(check-sat)
