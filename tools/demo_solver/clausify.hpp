// Tseitin clausification: each Boolean connective of the problem gets a variable defined
// as that connective applied to its arguments' literals (reported as a definition, with
// its defining clauses), each Bool symbol and comparison a variable standing for it (an
// atom), and each assertion the clauses it states (reported as input clauses of that
// assertion). Top-level conjunctions and disjunctions of an assertion become clauses
// directly. An arithmetic equality a = b gets the atoms (<= a b) and (>= a b) beside it and
// the three theory lemmas that tie them together. An arithmetic (ite c a b) inside an atom
// is named @N in the trace and is a variable to the theory, tied to its branches by the
// lemmas (~c \/ @N = a) and (c \/ @N = b).
#pragma once
#include <unordered_map>
#include <vector>

#include "tools/demo_solver/cdcl.hpp"
#include "tools/demo_solver/formula.hpp"

namespace demo {

class Clausifier {
 public:
  Clausifier(Problem& p, Solver& s, ProofLog* log) : p_(p), s_(s), log_(log) {}
  void assert_all();
  // The comparison atoms (Le, Lt, Ge, Gt) the theory decides: (solver variable, term).
  const std::vector<std::pair<uint32_t, uint32_t>>& theory_atoms() const { return theory_atoms_; }
  // The literal of a comparison made during the search (branch and bound's x <= k): an
  // atom (declared in the trace) the first time.
  Lit atom_literal(uint32_t term) { return lit(term); }

 private:
  Lit lit(uint32_t term);
  Lit define(uint32_t term);
  void clause(const std::vector<Lit>& lits);
  uint32_t atom_var(uint32_t term);
  void lift_ites(uint32_t atom);

  Problem& p_;
  Solver& s_;
  ProofLog* log_;
  std::unordered_map<uint32_t, Lit> memo_;
  std::vector<std::pair<uint32_t, uint32_t>> theory_atoms_;
};

}  // namespace demo
