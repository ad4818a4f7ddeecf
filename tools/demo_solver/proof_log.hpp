// Where the demo solver reports what a checker needs to re-derive its answer: one small
// interface, called by the clausifier (definitions, input clauses), the CDCL core (learned
// clauses with their antecedents, deletions, the final conflict) and the theory solvers
// (lemmas with their Farkas coefficients). The trace writer (trace_writer.cpp) implements
// it over the emitter; a solver that does not trace pays one null check per call site.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <string>
#include <vector>

namespace demo {

// A literal as the trace writes it: +v or -v for the solver's variable v (1-based).
using TraceLit = int64_t;
using ClauseId = uint64_t;

class ProofLog {
 public:
  virtual ~ProofLog() = default;
  // Variable `var` stands for the SMT-LIB term `smtlib` (a Bool symbol or a theory atom),
  // declared once before any clause uses it.
  virtual void atom(uint32_t var, const std::string& smtlib) = 0;
  // Variable `var` is defined as (op args...), args as literals (a negative literal is the
  // `not` of its variable's term), each written under `nots[i]` further `not`s (none when
  // nots is shorter): a Tseitin variable. The problem's own `(not (not e))` is written as
  // such, not as e's literal, so that a definition expands to the problem's subterm itself
  // and an input clause is found among the assertion's conjuncts by hcert (no case split).
  virtual void definition(uint32_t var, const std::string& op, const std::vector<TraceLit>& args,
                          const std::vector<uint32_t>& nots) = 0;
  // Variable `var` names the (non-Bool) SMT-LIB term `smtlib`, written @var from then on: an
  // arithmetic ite the theory treats as a variable. The variable is never a literal.
  virtual void name(uint32_t var, const std::string& smtlib) = 0;
  // A clause that follows from the definitions alone (one of a Tseitin variable's clauses).
  virtual void definitional(ClauseId id, const std::vector<TraceLit>& clause) = 0;
  // A clause that follows from assertion `assertion` (0-based, file order) and the
  // definitions.
  virtual void input(ClauseId id, const std::vector<TraceLit>& clause, uint32_t assertion) = 0;
  // A clause derived by resolution; hints are antecedent ids in LRAT order (each becomes
  // unit under the clause's negation and the earlier ones, the last one conflicts).
  virtual void derived(ClauseId id, const std::vector<TraceLit>& clause, const std::vector<ClauseId>& hints) = 0;
  // A theory-valid clause. `coefficients` (empty: no hint) gives one Farkas multiplier per
  // literal of the clause: the negations of the literals, each read as its inequality,
  // summed with these multipliers give a false constant comparison.
  virtual void lemma(ClauseId id, const std::vector<TraceLit>& clause, const std::vector<mpq_class>& coefficients) = 0;
  // A theory-valid clause over the integers whose negated literals, summed with these
  // multipliers, give 0 <= g*t + K that rounds to a cut contradicting them (the `cut` hint).
  virtual void cut(ClauseId id, const std::vector<TraceLit>& clause, const std::vector<mpq_class>& coefficients) = 0;
  // The integer branch x <= k \/ x >= k + 1, clause (the two atoms' literals), valid over
  // the integers only (the `br` hint).
  virtual void branch(ClauseId id, const std::vector<TraceLit>& clause) = 0;
  virtual void deleted(ClauseId id) = 0;
  // The empty clause `id` has been derived: the problem is unsatisfiable.
  virtual void unsat(ClauseId id) = 0;
  virtual void finish() = 0;  // flushes; throws std::runtime_error if writing failed
};

}  // namespace demo
