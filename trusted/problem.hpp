// The trusted elaboration of problems into HOL terms (spec/problems.md). What an auditor
// must read besides the kernel: it fixes what "the problem's assertions" mean.
#pragma once
#include <memory>
#include <unordered_map>

#include <map>
#include <string>
#include <vector>

#include "kernel/kernel.hpp"
#include "trusted/outcome.hpp"
#include "trusted/dimacs.hpp"
#include "trusted/smtlib.hpp"

namespace hcert::check {

// The problem as the trusted elaborator sees it (spec/problems.md).
// Why a DIMACS problem may be elaborated on demand: its terms were most of a SAT check's
// memory (md5-506: 1.15M term nodes before the first step) while a DRAT proof's core
// names a few of the clauses. `clauses` then points at the CNF (which outlives the
// problem) and `assertions` stays empty; assertion() makes assertion i when asked.
struct Problem {
  std::string kind;                 // "dimacs" or "smtlib2"
  std::string sha256;               // of the file's bytes
  std::vector<Term> assertions;     // in file order
  const Cnf* clauses = nullptr;     // DIMACS elaborated on demand
  mutable std::vector<Term> made;   // its literal terms (trusted/problem.cpp, tabled_clause)
  size_t count() const { return clauses ? clauses->clauses.size() + !clauses->clauses.empty() : assertions.size(); }
};
// Assertion i < count(): for a problem elaborated on demand, clause i's term (i < m) or Φ
// (i = m, every clause made), exactly the terms elaborate() makes.
Term assertion(const Env& env, const Problem& p, size_t i);

// The theory files hcert ships, by name, with their pinned SHA-256 (trusted/theories.cpp).
const std::map<std::string, std::string>& pinned_theories();

// Variable n is the HOL variable named by its decimal digits, of type bool; a clause is the
// right-nested disjunction of its literals in file order (~ for negative literals); the
// empty clause is F. Needs the core theory (\/, ~, F) to be loaded.
Problem elaborate(const Env& env, const Cnf& cnf);
Problem elaborate_on_demand(const Cnf& cnf);  // cnf must outlive the problem
Term dimacs_literal(const Env& env, int32_t lit);
Term dimacs_clause(const Env& env, const std::vector<int32_t>& lits);
Term halving_conjunction(const Env& env, const std::vector<Term>& leaves);  // Φ over leaves (≥ 1)

// SMT-LIB 2.6 (spec/problems.md): Core and uninterpreted sorts and functions. Throws
// Failure: InputError for ill-formed scripts, Incomplete for features not elaborated yet.
Problem elaborate(const Env& env, const smt::Script& script);

// The elaborated problem together with its declarations, to elaborate further terms in
// them (the terms of a Z3 proof, spec/z3.md). Term throws Failure.
class SmtContext {
 public:
  SmtContext(const Env& env, const smt::Script& problem);
  ~SmtContext();
  const Problem& problem() const;
  const Env& env() const;  // the environment its terms are checked in
  Term term(const smt::Script& s, uint32_t node, const std::unordered_map<std::string, Term>& names);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads and elaborates the problem file of the given kind ("dimacs" or "smtlib2").
Problem load_problem(const Env& env, const std::string& kind, const std::string& path);

}  // namespace hcert::check
