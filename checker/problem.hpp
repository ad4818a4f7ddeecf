// The trusted elaboration of problems into HOL terms (spec/problems.md). What an auditor
// must read besides the kernel: it fixes what "the problem's assertions" mean.
#pragma once
#include "checker/checker.hpp"
#include "formats/dimacs.hpp"

namespace hcert::check {

// Variable n is the HOL variable named by its decimal digits, of type bool; a clause is the
// right-nested disjunction of its literals in file order (~ for negative literals); the
// empty clause is F. Needs the core theory (\/, ~, F) to be loaded.
Problem elaborate(const Cnf& cnf);
Term dimacs_literal(int32_t lit);
Term dimacs_clause(const std::vector<int32_t>& lits);

}  // namespace hcert::check
