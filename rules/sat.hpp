// Derived rules for clause theorems (spec/sat.md): a clause C is represented by
// {Φ} ∪ {comp(l) : l ∈ C} ⊢ F. Untrusted: they only call the kernel and rules/bool.
#pragma once
#include "rules/bool.hpp"

namespace hcert::rules {

// The complement of a literal term: x ↦ ~x, ~x ↦ x (any p ↦ ~p).
Term complement(const Term& lit);

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

}  // namespace hcert::rules
