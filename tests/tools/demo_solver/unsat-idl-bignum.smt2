; Constants beyond 64 bits: the difference-logic solver's rational weights.
(set-logic QF_IDL)
(declare-fun x () Int)
(declare-fun y () Int)
(declare-fun z () Int)
(assert (<= (- x y) 100000000000000000000000000000))
(assert (<= (- y z) 200000000000000000000000000000))
(assert (<= (- z x) (- 300000000000000000000000000001)))
(check-sat)
