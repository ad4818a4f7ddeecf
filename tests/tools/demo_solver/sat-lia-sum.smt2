; Satisfiable (x = y = 0): an integer sum of two variables is not a difference
; constraint, so the simplex decides it, with branch and bound over the integers.
(set-logic QF_LIA)
(declare-fun x () Int)
(declare-fun y () Int)
(assert (<= (+ x y) 3))
(check-sat)
