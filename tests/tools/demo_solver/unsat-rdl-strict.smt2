; a < b and b <= a: a negative cycle only through the strict edge's infinitesimal.
(set-logic QF_RDL)
(declare-fun a () Real)
(declare-fun b () Real)
(assert (and (< a b) (<= (- b a) 0)))
(check-sat)
