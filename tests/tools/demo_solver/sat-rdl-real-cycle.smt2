; The same cycle over the reals is satisfiable (x = 0, y = 0.5, z = 1).
(set-logic QF_RDL)
(declare-fun x () Real)
(declare-fun y () Real)
(declare-fun z () Real)
(assert (< x y))
(assert (< (- y z) 0))
(assert (< (- z x) 2))
(check-sat)
