// Congruence closure over formulas and terms, with the case split and the linear arithmetic
// at its leaves (spec/z3.md, "Tautologies"). Untrusted: it only emits certificate steps
// (nform.hpp's N form); the kernel checks every one.
//
// What it proves, each result a theorem id (0 when it finds no proof; then nothing it
// emitted is needed, and the caller's scratch deletion removes it):
//   congruent(l, r)        N(l = r), l and r formulas applying one connective (or nests of
//                          one of /\, \/ with as many operands), each differing operand
//                          pair proved equal on its own (case split, normal forms, or
//                          congruence again, 64 levels at most); Γ = {}.
//   terms_equal(a, b)      N(a = b), a and b terms of one non-bool type: the case split
//                          with arithmetic, or argument-wise congruence, or equations
//                          between the applications they contain; at most `budget` tries.
//   rewrite_with_applications(l, r)
//                          N(l = r), formulas whose function applications differ in their
//                          arguments (each pair by terms_equal).
//   cong(l, r, premises)   Γ ⊢ l = r (a positive theorem, not N form) from the premises'
//                          equations assumed, Γ those equations; by MK_COMB down both terms.
//   implies(premises, φ)   N(φ) resting on the premises' Γs, when p1 ==> … ==> pn ==> φ
//                          is a tautology of at most 256 cases.
// Budgets: nests of at most 400 operands, 64 levels of congruence, case splits of at most
// 4096 leaves (256 for implications and term equations). No result is a verdict: 0 means
// "not found", never "false" (the caller decides whether a countermodel rejects a step).
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "translators/provers/nform.hpp"
#include "translators/provers/normal.hpp"
#include "translators/provers/taut.hpp"

namespace hcert::provers {

class Congruence {
 public:
  // Steps go to `out`, whose theorems the caller deletes between proof nodes (then call
  // forget()); the case split uses `theories` (theories.key names arithmetic atoms for the
  // pairing of operands); rewrites between formulas also try `normal`'s normal forms.
  Congruence(StepSink& out, const Theories& theories, Normaliser& normal)
      : out_(out), th_(theories), normal_(&normal) {}

  // N(l = r) for a rewrite too large for one case split (De Morgan over 5 × 5 atoms, say):
  // when l and r apply the same connective, each pair of differing operands is proved
  // equal on its own (by the case split, or again by congruence), and MK_COMB rebuilds
  // l = r under those equations, which are then traded for their N's.
  uint64_t congruent(const Term& l, const Term& r, int depth);

  // N(a = b) for two terms of one non-bool type, by congruence and arithmetic: a = b by the
  // case split with the arithmetic at its leaves; else, for two applications of one
  // function, each differing argument pair on its own, then MK_COMB; else the problem's
  // function applications inside a and b that differ are paired by function, each pair
  // proved equal on its own, and `e1 ==> … ==> a = b` by the case split (the equations are
  // linear facts about those applications as arithmetic variables). At most 64 attempts
  // in all (`budget`), 8 levels deep.
  uint64_t terms_equal(const Term& a, const Term& b, int depth, int& budget);

  // N(l = r) for a rewrite between formulas whose function applications differ in their
  // arguments (`f(x + -1*y) < 0` for `f(x - y) < 0`): each application of l is replaced by
  // its partner in r (paired_applications), l = l' by congruence under those equations, and
  // l' = r by the rewrite's own means (normal forms, the case split, congruence).
  uint64_t rewrite_with_applications(const Term& l, const Term& r, int depth = 0);

  // Γ ⊢ l = r from the premises' equalities (assumed, either orientation), by congruence
  // down the two terms (1,000 levels at most); 0 when they do not suffice.
  uint64_t cong(const Term& l, const Term& r, const std::vector<NThm>& p, int depth);

  // N(φ) when p1 ==> … ==> pn ==> φ (the premises' formulas, each once) is a tautology of
  // at most 256 cases: {p1, …, pn, ~φ} ⊢ ~(p1 ==> …) by MP discharges the implication's
  // negation, then each pi is traded for its N. Else 0 and nothing emitted; then
  // *countermodel (if given) is the case split's countermodel (empty when none is known),
  // *implication the implication and *formulas the pi.
  uint64_t implies(const std::vector<NThm>& p, const Term& phi, std::string* countermodel = nullptr,
                   Term* implication = nullptr, std::vector<Term>* formulas = nullptr);

  // A name for a formula up to what congruent_ac can prove: /\ and \/ nests flattened and
  // sorted, ~~ dropped, arithmetic atoms by their constraint (Theories::key), others by
  // identity. Public as the key by which a rewritten nest's leaves are paired directly
  // (translators/cvc5/conjunctions.cpp).
  const std::string& signature(const Term& t);
  // How many elements two sorted hash vectors share (parts, below; also the cvc5
  // translator's pairing of rewritten leaves by their atoms).
  static size_t likeness(const std::vector<size_t>& a, const std::vector<size_t>& b);

  // Forgets the results remembered for the current proof node (their theorems are gone).
  void forget() { operands_memo_.clear(); }

 private:
  // The applications of the problem's functions (a variable applied) in a and b, outermost
  // only, that differ: each paired with one of the other side with the same function that
  // terms_equal proves equal to it (its arguments equal up to arithmetic, say). Their
  // equations and N's; at most 8.
  std::vector<NThm> paired_applications(const Term& a, const Term& b, int depth, int& budget);
  // t with the subterms in `to` replaced (not under binders), or null beyond 2,000 levels.
  static Term replaced(const Term& t, const std::unordered_map<Term, Term, TermHash>& to,
                       std::unordered_map<Term, Term, TermHash>& memo, int depth);
  // N(a = b) for two operands: by the case split, or by congruence (first, when both are
  // conjunctions or both disjunctions: a split over their atoms would be large).
  // Also first by congruence for two conditionals (their three operands pairwise). Results
  // are remembered for the proof node (a shared subformula is met again on every path).
  uint64_t operands_equal(const Term& a, const Term& b, int depth);
  // t with its i-th flattened operand replaced by to[i], proved equal under the equations
  // `from[i] = to[i]` assumed where they differ (leaves numbered as `flatten` does).
  uint64_t rebuild(const Term& t, const char* op, const std::vector<Term>& from, const std::vector<Term>& to, size_t& i,
                   int depth);
  // The term of rebuild: t's nest of `op` with its operands replaced by `to`, in order.
  Term rebuild_term(const Term& t, const char* op, const std::vector<Term>& to);
  // Congruence modulo association: l and r are nests of one connective with as many
  // operands, paired left to right. Each differing pair is proved equal on its own; l = l'
  // (l's shape, r's operands) by MK_COMB under those equations; l' = r by the case split with
  // the operands as shared atoms (association alone). N(l = r) from the two.
  uint64_t congruent_ac(const Term& l, const Term& r, int depth);
  // What pairs unlike operands (congruent_ac): the signatures of a formula's operands, one
  // level of its own connective (/\ or \/) flattened, at most 400, as sorted hashes; how
  // alike two formulas are is how many of these they share (likeness). A collision only
  // misleads the pairing, which the proof then refuses.
  std::vector<size_t> parts(const Term& t);

  uint64_t step(const char* rule, std::vector<uint64_t> args) { return out_.step(rule, std::move(args)); }
  uint64_t term(const Term& t) { return out_.term(t); }
  uint64_t assume(const Term& t) { return provers::assume(out_, t); }
  uint64_t n_of(uint64_t pos, const Term& phi) { return provers::n_of(out_, pos, phi); }
  uint64_t use_all(const std::vector<NThm>& premises, uint64_t f) { return provers::use_all(out_, premises, f); }
  uint64_t from_positive(uint64_t pos, const Term& phi, const std::vector<NThm>& premises) {
    return provers::from_positive(out_, pos, phi, premises);
  }

  StepSink& out_;
  const Theories& th_;
  Normaliser* normal_;
  std::unordered_map<Term, std::string, TermHash> signatures_;  // per certificate
  std::unordered_map<Term, uint64_t, TermHash> operands_memo_;  // operands_equal, per proof node
};

}  // namespace hcert::provers
