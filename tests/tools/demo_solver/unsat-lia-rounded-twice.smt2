; 2x <= 5 and 2x >= 5: x = 5/2 over the rationals, no integer. Both edges are roundings
; (x <= 2, x >= 3), which one cut cannot express: the lemma has no hint, hcert searches.
(set-logic QF_LIA)
(declare-fun x () Int)
(assert (<= (* 2 x) 5))
(assert (>= (* 2 x) 5))
(check-sat)
