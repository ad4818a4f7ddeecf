// Congruence closure with proofs, for equality lemmas (spec/trace.md, "Theory lemmas"):
// a set of literals over uninterpreted functions refuted by the chain of equations and
// congruences that makes a disequation's two sides (or a predicate and its negation) equal.
// Untrusted: it only emits certificate steps (trans, sym, mk_comb, ...); the kernel checks
// every one.
//
// Why its own prover: the case split (taut.hpp) knows equations only up to symmetry and
// Congruence (congruence.hpp) proves one rewrite from given premises; an equality lemma
// needs transitivity through terms the lemma does not name, which is what closure finds.
//
// What it proves (refute): {h_1, …, h_k} ⊢ F, the h_i some of the literals given: the
// equations used, and the disequation ~(a = b) or the pair P, ~Q (P, Q formulas equal by
// the closure) that closes it. Premises: none. Side conditions: equations between terms of
// one type; other literals are ignored. Budgets: 400 distinct subterms, 64 levels of
// congruence when explaining. Failure (0): no conflict found (an explanation cut off by
// the depth budget may leave steps behind: the caller's scratch).
#pragma once
#include <cstdint>
#include <vector>

#include "translators/provers/formula.hpp"
#include "translators/provers/sink.hpp"

namespace hcert::provers {

uint64_t refute_by_closure(StepSink& out, const std::vector<Term>& lits);

}  // namespace hcert::provers
