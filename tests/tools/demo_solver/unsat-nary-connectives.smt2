; n-ary xor (left-associative, chained definitions) and => (right-associative): p, q, ~r
; force x < 0 through the xor, which the last assertion contradicts.
(set-logic QF_IDL)
(declare-fun p () Bool)
(declare-fun q () Bool)
(declare-fun r () Bool)
(declare-fun x () Int)
(assert (xor p q r (< x 0)))
(assert (=> p q r (< x 0)))
(assert (and p q (not r)))
(assert (>= x 0))
(check-sat)
