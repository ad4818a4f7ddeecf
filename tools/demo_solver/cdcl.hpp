// The demo solver's CDCL core: two watched literals, first-UIP learning, VSIDS with phase
// saving, Luby restarts, learned-clause reduction, and a theory solver consulted after
// each propagation round (CDCL(T)). Every clause carries an id, and every step is reported
// to a ProofLog when one is given: learned clauses with their LRAT-style antecedents,
// theory lemmas with their explanation, deletions and the final empty clause.
#pragma once
#include <cstdint>
#include <vector>

#include "tools/demo_solver/proof_log.hpp"
#include "tools/demo_solver/theory.hpp"

namespace demo {

enum class Answer { Sat, Unsat };

struct Stats {
  uint64_t decisions = 0, conflicts = 0, propagations = 0, theory_conflicts = 0, theory_propagations = 0, restarts = 0, learned = 0, deleted = 0;
};

class Solver {
 public:
  explicit Solver(ProofLog* log) : log_(log) {}
  uint32_t new_var();
  uint32_t num_vars() const { return uint32_t(assign_.size()); }
  // A theory (again) from level 0: every literal on the trail is handed to it anew.
  void set_theory(Theory* t) { theory_ = t, theory_head_ = 0; }
  // Clauses of the problem, before solve(). The solver takes them as given by the caller,
  // who has already reported them to the log under `id` (input or definitional).
  void add_clause(std::vector<Lit> lits, ClauseId id);
  // A theory-valid clause known before search (e.g. from an equality's definition); it is
  // reported to the log here.
  void add_lemma(std::vector<Lit> lits, const std::vector<mpq_class>& coefficients);
  // After solve() answered Sat (branch and bound): back to level 0, where new variables
  // and the branch lemma `lits` (two atoms' literals; logged with the `br` hint) go in
  // before the next solve().
  void to_level0() { backtrack(0); }
  void add_branch(std::vector<Lit> lits);
  ClauseId fresh_id() { return ++last_id_; }
  Answer solve();
  bool value(uint32_t var) const { return assign_[var] == 1; }
  const Stats& stats() const { return stats_; }
  static TraceLit trace_lit(Lit l) { return lit_neg(l) ? -TraceLit(lit_var(l) + 1) : TraceLit(lit_var(l) + 1); }

 private:
  // Why a clause keeps its id: the trace names clauses by id, as LRAT does, and hints
  // refer to antecedents by id.
  struct Clause {
    std::vector<Lit> lits;
    ClauseId id;
    bool learned;
    bool deleted = false;
    uint32_t lbd = 0;
    double activity = 0;
  };
  struct Watch {
    uint32_t clause;
    Lit blocker;
  };
  static constexpr uint32_t NoReason = UINT32_MAX;

  int8_t lit_value(Lit l) const {  // 1 true, -1 false, 0 unassigned
    int8_t v = assign_[lit_var(l)];
    return lit_neg(l) ? int8_t(-v) : v;
  }
  uint32_t level() const { return uint32_t(trail_lim_.size()); }
  void enqueue(Lit l, uint32_t reason);
  uint32_t store(std::vector<Lit> lits, ClauseId id, bool learned);
  void attach(uint32_t c);
  uint32_t propagate();          // a conflicting clause, or NoReason
  uint32_t bcp();
  uint32_t theory_conflict(const Explanation& why);
  uint32_t theory_propagate();
  uint32_t store_lemma(const Explanation& why);
  void backtrack(uint32_t lvl);
  void analyze(uint32_t confl, std::vector<Lit>& learnt, std::vector<ClauseId>& hints, uint32_t& back_level);
  ClauseId derive_empty(uint32_t confl);
  void log_level0_unit(Lit l, uint32_t reason);
  Lit pick_branch();
  void bump(uint32_t var);
  void heap_up(uint32_t i);
  void heap_down(uint32_t i);
  void heap_insert(uint32_t var);
  uint32_t heap_pop();
  void reduce_db();
  std::vector<TraceLit> trace_clause(const std::vector<Lit>& lits) const;

  ProofLog* log_;
  Theory* theory_ = nullptr;
  ClauseId last_id_ = 0;
  std::vector<Clause> clauses_;
  std::vector<std::vector<Watch>> watches_;  // by literal: clauses watching its negation
  std::vector<int8_t> assign_;
  std::vector<uint32_t> level_, reason_;
  std::vector<ClauseId> unit_id_;  // level-0 literals: the id of a unit clause stating them
  std::vector<bool> phase_, seen_;
  std::vector<double> activity_;
  std::vector<Lit> trail_;
  std::vector<uint32_t> trail_lim_;
  size_t qhead_ = 0, theory_head_ = 0;
  std::vector<uint32_t> heap_, heap_pos_;
  double var_inc_ = 1, clause_inc_ = 1;
  bool empty_clause_ = false;  // an input clause was empty
  ClauseId empty_id_ = 0;
  uint64_t max_learned_ = 4000, learned_count_ = 0;
  uint32_t pending_conflict_ = NoReason;  // a unit input clause contradicting an earlier one
  Stats stats_;
};

}  // namespace demo
