(set-logic QF_UF)(declare-const a Bool)(declare-const b Bool)
(assert (and (not (not a)) (not (not (not b)))))(assert (not a))(check-sat)
