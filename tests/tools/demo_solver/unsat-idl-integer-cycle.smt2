; x < y < z < x + 2 has no integer solution (each strict step is at least 1) but has a
; real one: integer tightening of strict difference constraints.
(set-logic QF_IDL)
(declare-fun x () Int)
(declare-fun y () Int)
(declare-fun z () Int)
(assert (< x y))
(assert (< (- y z) 0))
(assert (< (- z x) 2))
(check-sat)
