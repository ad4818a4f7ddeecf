; z3-asserted-ground.z3's problem with another assumption (3 <= 4, true): the proof's
; restated assumption does not follow from it.
(set-logic QF_LRA)
(check-sat-assuming ( (<= 3 4) ))
