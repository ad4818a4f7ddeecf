// Propositional tautologies in double-negation form, for Z3's def-axiom and its
// propositional rewrite steps (spec/z3.md, "Tautologies"). Untrusted: it only emits
// certificate steps; a wrong step is refused by the kernel.
//
// Why a case split that needs no excluded middle: for a classical tautology ψ, Glivenko's
// theorem gives ~~ψ intuitionistically, and {~ψ} ⊢ F is exactly what the translation wants
// (N(ψ)). Splitting on an atom x: {~ψ, x} ⊢ F gives ~x, which discharges ~x from
// {~ψ, ~x} ⊢ F. At a leaf every atom ψ depends on is assumed true or false, and ψ is
// evaluated bottom-up into a theorem of each subformula or of its negation.
//
// Atoms are the subterms that are not T, F, ~, /\, \/, ==> or = on bool; an equation
// `t = t` is true by REFL whatever its type, and `a = b`, `b = a` are one atom (SYM). Splits are lazy (only atoms the evaluation
// reaches), so `a \/ b \/ ~(a \/ b)` costs three leaves, not four.
//
// What it proves (refute_negation): {~ψ} ∪ H ⊢ F, H the assumptions of the theories' lemmas
// (none: the arithmetic and COND lemmas are closed). Premises: none. Side conditions: ψ a
// bool term; with theories, arithmetic atoms over int/real and COND. Budgets: max_leaves
// cases, max_depth connective levels, 20,000 connective visits. Failure (0): not a
// tautology of its atoms, or over a budget; nothing emitted; a countermodel over
// propositional variables alone (if asked) means ψ is not valid.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_set>
#include <utility>
#include <string>
#include <vector>

#include "kernel/kernel.hpp"
#include "translators/provers/sink.hpp"

namespace hcert::provers {

// A theory refuter for the leaves of the case split (spec/arith.md): {l1, …, lk} ⊢ F from
// the assigned literals (atoms or their negations; it may use a subset), emitted when
// `emit`, else only decided (any non-zero value). 0 when it cannot refute them; then
// `*satisfiable` (if given) says whether the literals are known to have a model (linear
// real arithmetic over variables: a rational solution exists by Farkas' lemma).
// Its steps go to `out`, the case split's own sink.
using TheoryRefuter = std::function<uint64_t(StepSink& out, const std::vector<Term>& lits, bool emit, bool* satisfiable)>;

class CondLemmas;  // translators/provers/cond.hpp
// What the case split knows beyond propositional logic: the arithmetic for its leaves, and
// the conditional (COND, SMT-LIB's ite) through its two defining equations.
// `key` names an arithmetic atom's constraint up to equivalence (Arith::key): two atoms with
// one key are split as one (the branch where they disagree is closed by `arith` at once).
struct Theories {
  const TheoryRefuter* arith = nullptr;
  CondLemmas* cond = nullptr;
  std::function<std::optional<std::pair<std::string, bool>>(const Term&)> key;
};

// {~ψ} ⊢ F as a certificate theorem id, or 0 when ψ is not a tautology of its atoms, is
// deeper than `max_depth` connectives, needs more than `max_leaves` cases or more than
// 20,000 connective visits in all (so each call emits a bounded number of steps). Emits
// nothing when it returns 0. If `countermodel` is given and ψ is false under an assignment
// of propositional variables alone (so ψ is not valid, whatever its other atoms mean), it
// receives that assignment, e.g. "a = true, b = false".
// With theories.arith, a leaf where ψ is false propositionally is closed by the theory
// refuter; with theories.cond, `COND c a b` on bool is a connective and `COND c a b = a`
// (or `= b`) is true once c is decided for that branch.
// With `opaque`, those subformulas are atoms (split on whole, never looked into).
uint64_t refute_negation(StepSink& out, const Term& psi, std::string* countermodel = nullptr, int max_leaves = 4096,
                         int max_depth = 400, const Theories* theories = nullptr,
                         const std::unordered_set<Term, TermHash>* opaque = nullptr);

// The atoms of ψ (as above), at most `limit` of them, by an explicit-stack walk.
std::vector<Term> atoms_of(const Term& psi, size_t limit = 1000);

}  // namespace hcert::provers
