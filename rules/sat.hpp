// Derived rules for clause theorems (spec/sat.md): a clause C is represented by
// {Φ} ∪ {comp(l) : l ∈ C} ⊢ F. Untrusted: they only call the kernel and rules/bool.
#pragma once
#include "rules/bool.hpp"

namespace hcert::rules {

// The complement of a literal term: x ↦ ~x, ~x ↦ x (any p ↦ ~p).
Term complement(const Env& env, const Term& lit);

//  A ⊢ l1 \/ (l2 \/ … \/ lk)
//  ─────────────────────────────────────  CLAUSE_INTRO   (A ⊢ F is returned unchanged)
//  A ∪ {comp(l1), …, comp(lk)} ⊢ F
//  By DISJ_CASES on each disjunction and NOT_ELIM on each literal, then PROVE_HYP.
Thm clause_intro(const BoolDefs& d, const Thm& th);

//  P ⊢ F   N ⊢ F
//  ──────────────────────────────  RESOLVE x     (x ∈ P, ~x ∈ N)
//  (P − {x}) ∪ (N − {~x}) ⊢ F
//  PROVE_HYP (NOT_INTRO x P) N.
Thm resolve(const BoolDefs& d, const Thm& pos, const Thm& neg, const Term& x);

//  A_1 ⊢ F   …   A_n ⊢ F
//  ──────────────────────────  RUP S     (unit propagation from the literals S over the
//       S ∪ B ⊢ F                          A_i meets a conflict; B: the non-literal
//                                          hypotheses of the hints used; spec/kernel.md §12)
//  Propagation here (untrusted), then RESOLVE from the conflict back through the reasons it
//  needs, then PROVE_HYP (ASSUME s) for each literal s of S the resolutions did not keep.
//  The slow reference for the kernel's RUP fast path and `--pure`'s `rup` step.
Thm rup(const BoolDefs& d, const std::vector<Term>& s, const std::vector<const Thm*>& hints);

}  // namespace hcert::rules
