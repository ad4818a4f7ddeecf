// The elaboration of DIMACS problems (trusted, spec/problems.md): with its table of
// literal terms, each assertion must be exactly the clause term built literal by literal,
// for small and huge variable numbers alike.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/env.hpp"
#include "trusted/problem.hpp"
#include "tests/support.hpp"

using namespace hcert;

RC_GTEST_PROP(Problem, DimacsElaborationIsTheClauseTerms, ()) {
  test::core_defs();
  Cnf cnf;
  cnf.vars = *rc::gen::oneOf(rc::gen::inRange<uint32_t>(1, 50), rc::gen::just<uint32_t>(2147483647u));
  auto var = rc::gen::oneOf(rc::gen::inRange<int32_t>(1, 50), rc::gen::inRange<int32_t>(1, 2147483647));
  auto lit = rc::gen::map(rc::gen::pair(var, rc::gen::arbitrary<bool>()),
                          [](std::pair<int32_t, bool> p) { return p.second ? -p.first : p.first; });
  cnf.clauses = *rc::gen::container<std::vector<std::vector<int32_t>>>(
      rc::gen::container<std::vector<int32_t>>(lit));
  check::Problem p = check::elaborate(hcert::tenv(), cnf);
  RC_ASSERT(p.assertions.size() == cnf.clauses.size());
  for (size_t i = 0; i < cnf.clauses.size(); ++i) RC_ASSERT(p.assertions[i] == check::dimacs_clause(hcert::tenv(), cnf.clauses[i]));
}
