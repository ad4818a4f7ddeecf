; Integer division by a constant: x is 7 whichever c is, and (div 7 3) = 2, not 3. cvc5
; names the quotient intDiv_1 and states its bounds (THEORY_PREPROCESS_LEMMA) before the
; equation that defines it (tests/corpus/check/cvc5-int-div*).
(set-logic QF_LIA)
(declare-const x Int)
(declare-const c Bool)
(assert (or c (= x 7)))
(assert (or (not c) (= x 7)))
(assert (= 3 (div x 3)))
(check-sat)
