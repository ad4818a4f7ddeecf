; Upper-case function names, as in cvc5 regress1/auflia/bug330 (ALU, ALU_OP_OF): the proof
; reader must read (ALU (ALU_OP_OF A) B) as a term, not as a proof step printed without
; its conclusion.
(set-logic QF_UF)
(declare-sort U 0)
(declare-fun ALU (U U) U)
(declare-fun ALU_OP_OF (U) U)
(declare-fun A () U)
(declare-fun B () U)
(assert (= A B))
(declare-fun P (U) Bool)
(assert (P (ALU (ALU_OP_OF A) B)))
(assert (not (P (ALU (ALU_OP_OF B) A))))
(assert (or (= (ALU (ALU_OP_OF A) B) A) (= (ALU (ALU_OP_OF A) B) B)))
(check-sat)
