; An assumption without atoms once elaborated: distinct is the pairwise conjunction, so
; it states ~(C = C) (cvc5 regress0/distinct); Z3 restates it as ~((C /\ true) = C).
(set-logic QF_UF)
(declare-sort U 0)
(declare-fun x () U)
(declare-fun y () U)
(declare-fun z () U)
(check-sat-assuming ( (not (= (distinct x y z) (and (not (= x y)) (not (= x z)) (not (= y z))))) ))
