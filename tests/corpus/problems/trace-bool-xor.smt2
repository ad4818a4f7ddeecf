(set-logic QF_UF)(declare-const a Bool)(declare-const b Bool)
(assert (xor (not (not (not a))) b))(assert a)(assert (not b))(check-sat)
