; A Boolean function of a Boolean that takes value true at a and false at both b and
; (not b): impossible, since a equals b or (not b). Z3 resolves the clause (or (not b) b)
; against the unit (not (not b)), a double negation (tests/corpus/check/z3-double-negated-unit*).
(set-logic QF_UF)
(declare-fun g (Bool) Bool)
(declare-const a Bool)
(declare-const b Bool)
(assert (g a))
(assert (not (g b)))
(assert (not (g (not b))))
(check-sat)
