; The constant false asserted: the atom `true`, stated by a lemma, refutes it.
(set-logic QF_IDL)
(declare-fun x () Int)
(assert (or false (< x x)))
(check-sat)
