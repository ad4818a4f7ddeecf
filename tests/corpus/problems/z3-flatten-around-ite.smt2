; written for hcert: a negated disjunction with an atom over a real conditional inside,
; flattened and De Morgan'd by one Z3 rewrite that leaves the conditional as it is (the
; normal forms prove it before the decision diagrams are tried)
(set-logic QF_LRA)
(declare-fun b0 () Bool)
(declare-fun b1 () Bool)
(declare-fun b2 () Bool)
(declare-fun c () Bool)
(declare-fun x () Real)
(declare-fun y () Real)
(assert (not (or (or b0 (= x (ite c 2.0 y))) (or b1 b2))))
(assert b1)
(check-sat)
