; Remainders by a constant: x mod 3 is one of 0, 1, 2 (tests/corpus/check/cvc5-int-mod*);
; cvc5 rewrites (mod x 3) as x - 3 * intDiv_1.
(set-logic QF_LIA)
(declare-const x Int)
(assert (not (= 0 (mod x 3))))
(assert (not (= 1 (mod x 3))))
(assert (not (= 2 (mod x 3))))
(check-sat)
