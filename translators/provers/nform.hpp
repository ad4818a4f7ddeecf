// Theorems in N form, the provers' common currency (spec/z3.md, "Theorems: double
// negation"): for a formula φ, N(φ) is a theorem Γ ∪ {~φ} ⊢ F, Γ the hypotheses it rests
// on. Why not ⊢ φ: without excluded middle in the kernel's derived rules, a classical
// tautology ψ still has {~ψ} ⊢ F (Glivenko), and N-theorems compose (a premise's N
// discharges the premise).
// These helpers only emit steps to a StepSink; the kernel checks them.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "translators/provers/formula.hpp"
#include "translators/provers/sink.hpp"

namespace hcert::provers {

// N(φ) as a theorem id, with φ. `pos`, when not 0, is a live positive theorem Γ ⊢ φ
// with the same Γ (N(φ) was made from it by n_of): a premise with one is used by one
// PROVE_HYP instead of NOT_INTRO and PROVE_HYP against N(φ) (`use`): the same hypotheses
// (but ~φ, should Γ hold it, stays, where N(φ)'s route drops it). Who sets it keeps it
// live as long as thm.
struct NThm {
  uint64_t thm;
  Term phi;
  uint64_t pos = 0;
  // A translator's own third form (the Z3 translator's lemma results): Γ ∪ {comp(d1), …}
  // ⊢ F for φ = d1 \/ …, d1 … φ's right spine. Never set on a theorem given to a prover.
  uint64_t clause = 0;
};

// {t} ⊢ t.
inline uint64_t assume(StepSink& out, const Term& t) { return out.step("assume", {out.term(t)}); }
// N(φ) from a positive theorem Γ ⊢ φ.
inline uint64_t n_of(StepSink& out, uint64_t pos, const Term& phi) {
  return out.step("not_elim", {assume(out, neg(phi)), pos});
}
// Replaces the hypothesis ψ of an F-theorem by what N(ψ) needs (the premise's Γ).
inline uint64_t use(StepSink& out, const NThm& premise, uint64_t f_thm) {
  if (premise.pos) return out.step("prove_hyp", {premise.pos, f_thm});
  return out.step("prove_hyp", {out.step("not_intro", {out.term(premise.phi), f_thm}), premise.thm});
}
// `use` for each premise, once per formula.
inline uint64_t use_all(StepSink& out, const std::vector<NThm>& premises, uint64_t f) {
  std::vector<Term> done;
  for (const NThm& p : premises) {
    if (std::find(done.begin(), done.end(), p.phi) != done.end()) continue;
    done.push_back(p.phi);
    f = use(out, p, f);
  }
  return f;
}
// The standard shape: a positive theorem of φ from the premises assumed, then each
// assumption traded for its premise's N: N(φ) resting on the premises' Γs.
inline uint64_t from_positive(StepSink& out, uint64_t pos, const Term& phi, const std::vector<NThm>& premises) {
  return use_all(out, premises, n_of(out, pos, phi));
}

}  // namespace hcert::provers
