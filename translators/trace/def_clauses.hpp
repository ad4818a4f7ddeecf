// The clauses of a Tseitin definition, proved directly (untrusted: it emits steps the
// kernel checks). A solver that names a subformula (`d N (and @a @b)`, `(ite @c @a @b)`,
// `(= @a @b)`) writes the definition's clauses as theory lemmas without a hint, e.g.
// ¬N ∨ a: their negated literals {a ∧ b, ¬a} are contradictory by one connective's rule.
// The case split (taut.hpp) proves them too, at about half a millisecond each (19,361 in
// lpsat-goal-9's trace); this follows the connectives instead: a hypothesis that is a
// conjunction, disjunction, implication, equivalence or COND of Bool is taken apart, the
// negation of one is refuted by proving it from the others, to a depth of 3; a double
// negation ~~y (a solver that writes the problem's `(not (not e))` as it stands) is read as
// y at no cost in depth, intuitionistically (NOT_INTRO and NOT_ELIM). First on a
// dry prover (no steps, only predicted conclusions), then, when that succeeds, again
// emitting the steps, so a failed attempt costs no steps.
//
// What it proves: {some of hyps} ⊢ F, or 0 when it finds no such proof (the caller then
// searches). Premises: none; COND's equations come from CondLemmas (kept, COND's definition
// and SELECT_AX).
#pragma once
#include <optional>
#include <vector>

#include "translators/provers/cond.hpp"
#include "translators/provers/pf.hpp"

namespace hcert::trace {

class DefClauses {
 public:
  DefClauses(provers::StepSink& out, provers::CondLemmas& cond);
  uint64_t refute(const std::vector<Term>& hyps);

 private:
  using Pf = provers::Pf;
  using Set = std::vector<Term>;
  std::optional<Pf> prove(const Term& x, const Set& s, int depth);
  std::optional<Pf> refute_set(const Set& s, int depth);
  // {c} ⊢ t = p or {~c} ⊢ t = q for t = COND c p q, when c or ~c is in s.
  std::optional<Pf> cond_eq(const Term& t, const Set& s);
  Pf contradiction(const Term& h);  // {h, x} ⊢ F for h = ~x

  provers::StepSink dry_sink_;
  provers::Prover dry_, real_;
  provers::Prover* P_;
  provers::CondLemmas& cond_;
};

}  // namespace hcert::trace
