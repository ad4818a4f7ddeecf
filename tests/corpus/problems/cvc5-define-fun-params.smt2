; A define-fun with parameters: the larger of u and 3 is never below u. cvc5 states the
; definition as the assumption (= mx (lambda ((a Int) (b Int)) ...)) in its proof
; (tests/corpus/check/cvc5-define-fun-params*).
(set-logic QF_LIA)
(define-fun mx ((a Int) (b Int)) Int (ite (>= a b) a b))
(declare-const u Int)
(assert (< (mx u 3) u))
(check-sat)
