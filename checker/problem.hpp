// The trusted elaboration of problems into HOL terms (spec/problems.md). What an auditor
// must read besides the kernel: it fixes what "the problem's assertions" mean.
#pragma once
#include <memory>
#include <unordered_map>

#include "checker/checker.hpp"
#include "formats/dimacs.hpp"
#include "formats/smtlib.hpp"

namespace hcert::check {

// Variable n is the HOL variable named by its decimal digits, of type bool; a clause is the
// right-nested disjunction of its literals in file order (~ for negative literals); the
// empty clause is F. Needs the core theory (\/, ~, F) to be loaded.
Problem elaborate(const Cnf& cnf);
Term dimacs_literal(int32_t lit);
Term dimacs_clause(const std::vector<int32_t>& lits);

// SMT-LIB 2.6 (spec/problems.md): Core and uninterpreted sorts and functions. Throws
// Failure: InputError for ill-formed scripts, Incomplete for features not elaborated yet.
Problem elaborate(const smt::Script& script);

// The elaborated problem together with its declarations, to elaborate further terms in
// them (the terms of a Z3 proof, spec/z3.md). Term throws Failure.
class SmtContext {
 public:
  explicit SmtContext(const smt::Script& problem);
  ~SmtContext();
  const Problem& problem() const;
  Term term(const smt::Script& s, uint32_t node, const std::unordered_map<std::string, Term>& names);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads and elaborates the problem file of the given kind ("dimacs" or "smtlib2").
Problem load_problem(const std::string& kind, const std::string& path);

}  // namespace hcert::check
