; Every connective the clausifier defines (and, or, =>, xor, = on Bool, ite, not), with
; an arithmetic atom among them: p must be both true and false.
(set-logic QF_IDL)
(declare-fun p () Bool)
(declare-fun q () Bool)
(declare-fun x () Int)
(declare-fun y () Int)
(assert (xor p q))
(assert (= q (> x y)))
(assert (=> p (ite (<= x y) q (not q))))
(assert (or (and p (not q)) (and q (not p))))
(assert (ite q (< (- x y) 0) (> x y)))
(check-sat)
