// Proof-producing normal forms of formulas, for Z3's rewrite steps that reorder, flatten
// and push negations through large formulas (spec/z3.md, "Rewrites by normal form").
// Untrusted: it only emits steps.
//
// Why a normal form: a rewrite l = r over a hundred atoms is far beyond a case split, and
// its two sides differ by many small rewrites at once (association, commutation, De Morgan,
// double negation, `=>` and `ite` expanded, equivalent arithmetic atoms). Each side is
// brought to one canonical form nf, every local step proved by a small case split; l = r
// holds when nf(l) = nf(r). Equalities are carried in double-negation form
// N(a = b) = {~(a = b)} ∪ Γ ⊢ F (spec/z3.md), which compose like equalities.
//
// What it proves (Normaliser::equal): N(l = r) = {~(l = r)} ∪ H ⊢ F, l and r bool, H kept
// atom facts' hypotheses (none). Premises: none. Side conditions: both sides reach one
// normal form (flattened, sorted, deduplicated nests; ~ pushed in; ==> and bool COND
// expanded; arithmetic atoms by their constraint; equations oriented). Budgets: 300
// levels, nests of 2,000 operands, each local step a case split of at most 4,096 cases.
// Failure (0): different normal forms or a budget exceeded; its scratch steps are the
// caller's to delete (nothing it returned is used).
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "translators/provers/taut.hpp"

namespace hcert::provers {

class Normaliser {
 public:
  // Atom-level rewrites (an arithmetic atom to its representative, an equation oriented or
  // split in two inequalities) are proved on `kept`, whose theorems stay for the whole
  // certificate, once per atom; everything else on `out`.
  Normaliser(StepSink& out, StepSink& kept, const Theories* theories) : out_(out), kept_(kept), th_(theories) {}
  // N(l = r) when l and r have one normal form, else 0. Proofs are remembered until
  // `forget` (the caller deletes its scratch theorems between proof nodes), costly full
  // normal forms for the whole certificate (`carried_`).
  uint64_t equal(const Term& l, const Term& r);
  // Drops the memo of this node's proofs; carried normal forms (on `kept`) stay.
  void forget() { memo_.clear(); }

 private:
  struct Nf {
    Term t;
    uint64_t n = 0;  // N(x = t); 0 when t is x itself
    bool ok = true;
  };
  uint64_t equal_deep(const Term& l, const Term& r);
  Nf nf(const Term& x, int depth);
  Nf nf_uncached(const Term& x, int depth);
  // nf_uncached by the shape of x: a negation, a nest of /\ or \/, an iff, an atom.
  Nf nf_neg(const Term& x, int depth);
  Nf nf_nest(const Term& x, int depth);
  Nf nf_iff(const Term& x, int depth);
  Nf nf_atom(const Term& x, int depth);
  // nf(y) continued from N(x = y) = n (0: fail unless y is x).
  Nf then(const Term& x, const Term& y, uint64_t n, int depth);
  // N(x = x') from a positive proof `pos` under the operand equations, each traded for its N.
  uint64_t discharge(const Term& x, uint64_t pos, const Term& xp, const std::vector<std::pair<Term, uint64_t>>& eqs);
  // N(a = c) from N(a = b) and N(b = c) (either 0 for identity).
  uint64_t trans(const Term& a, const Term& b, uint64_t ab, const Term& c, uint64_t bc);
  // ⊢ x1 = result for a nest x1 of `op` and its flattened, sorted, deduplicated form
  // (operands T/F dropped or absorbing), both directions by introduction and elimination
  // rules; 0 when it needs a classical step (u \/ ~u absorbed to T).
  uint64_t ac(const Term& x1, const char* op, const Term& result);
  // ⊢ ~y = target for a disjunction y and target the conjunction of its leaves' negations
  // (De Morgan, in the order `flatten` gives), by introduction and elimination rules: linear
  // in y where a case split over its n leaves evaluates y at each (quadratic, and the most
  // of a large rewrite's cost). 0 when y has over 2,000 leaves.
  uint64_t de_morgan_or(const Term& y, const Term& target);
  // N(~y = target) for a conjunction y and target the disjunction of its leaves' negations
  // (De Morgan, in the order `flatten` gives): {target} ⊢ ~y by cases, {~y, ~target} ⊢ F
  // by y's leaves each traded for its ~~ (the classical half, in N-form), joined; linear in
  // y where the case split evaluated y at each leaf. 0 beyond 4,000 nodes.
  uint64_t de_morgan_and(const Term& y, const Term& target);
  // N(a = b) by a case split (small: its operands are shared atoms), or 0.
  uint64_t by_split(const Term& a, const Term& b);
  uint64_t step(const char* rule, std::vector<uint64_t> args) { return ++steps_, out_.step(rule, std::move(args)); }
  size_t steps_ = 0;  // scratch steps emitted so far: what a normal form cost
  uint64_t assume(const Term& t) { return step("assume", {out_.term(t)}); }

  // N(x = target) for an atom x, proved once on kept_ by a case split of at most `leaves`.
  uint64_t atom_step(const Term& x, const Term& target, int leaves = 4096);
  // N(x = target) for an int or real equation x = `l = r` and target `l <= r /\ r <= l`: an
  // instance (INST, one step) of that statement over the variables x, y of l's type, proved
  // once per type on kept_ by a case split. Why: the split at each equation itself cost two
  // Farkas refutations over its own terms, times its conditionals' cases (143 of the 255
  // slowest atom steps of pursuit-safety-8). atom_step when the lemma is not proved, and
  // over int div and mod (see normal.cpp).
  uint64_t equation_split(const Term& x, const Term& target, const Term& l, const Term& r);
  std::unordered_map<std::string, uint64_t> equation_lemmas_;  // by type name; 0: not proved
  // For an arithmetic atom x with a COND inside whose constraint is new: an earlier such atom
  // y with x = y (second false) or x = ~y (second true), proved by atom_step; else x is
  // recorded as a representative and nothing is returned.
  std::optional<std::pair<Term, bool>> cond_rep(const Term& x);
  StepSink& out_;
  StepSink& kept_;
  const Theories* th_;
  std::unordered_map<Term, std::pair<Term, uint64_t>, TermHash> atom_steps_;
  std::unordered_map<Term, Nf, TermHash> memo_;
  // Full normal forms that cost at least kCarrySteps steps, their theorems on `kept_`, for
  // the whole certificate (`forget` keeps them): Z3 rewrites a 90-conjunct assertion five
  // times in a row, and each step's sides share most of their subformulas with the last
  // (often the last step's other side itself). Sides of kLargeSkeleton connectives or more
  // go to the full normal forms first (`equal`).
  static constexpr size_t kCarrySteps = 256, kLargeSkeleton = 1000;
  std::unordered_map<Term, Nf, TermHash> carried_;
  // Subformulas of both sides, taken as atoms in a first, shallow attempt (a flattening
  // rewrite need not look inside its operands).
  std::unordered_set<Term, TermHash> common_;
  // The first atom met for each arithmetic constraint, and whether it is the key's negation.
  std::unordered_map<std::string, std::pair<Term, bool>> reps_;
  // Atoms with a COND inside have no key up to equivalence: Z3 rewrites the conditionals
  // themselves (`ite c x (ite d y x)` to `ite (c \/ ~d) x y`, the atom moved to one side).
  // Two such atoms are candidates when their COND-free instances (each conditional replaced
  // by a branch, every combination) have one set of keys; this index maps that set to the
  // representatives met so far, and a candidate is confirmed by a small case split.
  std::unordered_map<std::string, std::vector<Term>> cond_reps_;
};

}  // namespace hcert::provers
