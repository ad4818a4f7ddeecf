// Many assumptions carried as one hypothesis. Untrusted: it only emits certificate steps.
//
// Why: a proof that assumes thousands of equations (the decision diagrams' lemma instances
// and atom facts, dd.hpp) and carries them as hypotheses to its end pays, at each TRANS or
// MK_COMB, the kernel's union of its premises' hypothesis sets: the sets grow to thousands
// of terms and the unions make the proof quadratic. Assuming instead one conjunction H of
// them all, balanced, each equation is a few CONJUNCT steps from ASSUME H (shared along the
// tree), and every theorem derived from them has the hypothesis set {H} of that one ASSUME
// (the union of a set with itself is a pointer test). At the end H is discharged once:
// N(H) = {~H} ⊢ F from the equations' N(e) = {~e} ⊢ F, pairwise up the tree
//     {l, r} ⊢ l /\ r,  {~(l /\ r), l, r} ⊢ F,  {~(l /\ r), l} ⊢ F by N(r),  {~(l /\ r)} ⊢ F by N(l),
// each step over at most three hypotheses.
//
// What it proves: get(e) = {H} ⊢ e for each of the equations; refute() = N(H). Premises:
// the equations' N, asked for by index. Side conditions: the terms are distinct formulas
// (at least one). Failure: none (a wrong N makes the kernel refuse the step).
#pragma once
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "translators/provers/formula.hpp"
#include "translators/provers/sink.hpp"

namespace hcert::provers {

class Conjoined {
 public:
  // The conjunction of `facts` (distinct, non-empty), no steps yet.
  explicit Conjoined(const std::vector<Term>& facts);
  // Whether e is one of the facts.
  bool has(const Term& e) const { return index_.count(e) != 0; }
  // The conjunction H.
  const Term& conj() const { return levels_.back()[0]; }
  // {H} ⊢ e on `out`, e one of the facts (the tree's CONJUNCT steps emitted once).
  uint64_t get(StepSink& out, const Term& e);
  // N(H) on `out`, from `n(k)` = N(facts[k]).
  uint64_t refute(StepSink& out, const std::function<uint64_t(size_t)>& n) const;

 private:
  // levels_[0] the facts; levels_[L + 1][p] = levels_[L][2p] /\ levels_[L][2p + 1], or
  // levels_[L][2p] alone when it has no partner; the last level holds H alone.
  std::vector<std::vector<Term>> levels_;
  // {H} ⊢ levels_[L][p] once emitted (0 before).
  std::vector<std::vector<uint64_t>> ids_;
  std::unordered_map<Term, size_t, TermHash> index_;
};

}  // namespace hcert::provers
