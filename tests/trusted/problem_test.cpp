// The elaboration of DIMACS problems (trusted, spec/problems.md): with its table of
// literal terms, each assertion must be exactly the clause term built literal by literal,
// for small and huge variable numbers alike; after them, their conjunction Φ in the
// halving tree.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <random>

#include "tests/env.hpp"
#include "trusted/problem.hpp"
#include "tests/support.hpp"

using namespace hcert;

// A random CNF (inside a property): small variables and ones far beyond the literal
// table's bound, either sign; at least one clause when `non_empty`.
Cnf random_cnf(bool non_empty) {
  Cnf cnf;
  cnf.vars = *rc::gen::oneOf(rc::gen::inRange<uint32_t>(1, 50), rc::gen::just<uint32_t>(2147483647u));
  auto var = rc::gen::oneOf(rc::gen::inRange<int32_t>(1, 50), rc::gen::inRange<int32_t>(1, 2147483647));
  auto lit = rc::gen::map(rc::gen::pair(var, rc::gen::arbitrary<bool>()),
                          [](std::pair<int32_t, bool> p) { return p.second ? -p.first : p.first; });
  auto clauses = rc::gen::container<std::vector<std::vector<int32_t>>>(rc::gen::container<std::vector<int32_t>>(lit));
  cnf.clauses = non_empty ? *rc::gen::nonEmpty(clauses) : *clauses;
  return cnf;
}

RC_GTEST_PROP(Problem, DimacsElaborationIsTheClauseTerms, ()) {
  test::core_defs();
  Cnf cnf = random_cnf(false);
  check::Problem p = check::elaborate(hcert::tenv(), cnf);
  size_t n = cnf.clauses.size();
  RC_ASSERT(p.assertions.size() == n + (n > 0));
  for (size_t i = 0; i < n; ++i) RC_ASSERT(p.assertions[i] == check::dimacs_clause(hcert::tenv(), cnf.clauses[i]));
  if (n == 0) return;
  // Assertion n is Φ(0, n): descending from it, a node covering clauses [lo, hi) is
  // clause lo when hi = lo + 1, else a conjunction of the halves at lo + (hi - lo) / 2.
  std::vector<std::tuple<Term, size_t, size_t>> todo{{p.assertions[n], 0, n}};
  while (!todo.empty()) {
    auto [t, lo, hi] = todo.back();
    todo.pop_back();
    if (hi - lo == 1) {
      RC_ASSERT(t == p.assertions[lo]);
      continue;
    }
    RC_ASSERT(t.kind() == TermKind::Comb && t.rator().kind() == TermKind::Comb);
    RC_ASSERT(t.rator().rator().kind() == TermKind::Const && t.rator().rator().name() == "/\\");
    size_t mid = lo + (hi - lo) / 2;
    todo.push_back({t.rator().rand(), lo, mid});
    todo.push_back({t.rand(), mid, hi});
  }
}

// On demand (the SAT check's path), assertion i is the same term as elaborate()'s, in any
// order of requests, with the literal table shared across clauses, for variables inside
// and beyond the table's bound; index m is Φ. A table slot mixed up (x's term at ~x's
// place, (\/ l) at l's) would make a different term and fail here.
RC_GTEST_PROP(Problem, OnDemandAssertionsAreTheElaboratedOnes, ()) {
  test::core_defs();
  Cnf cnf = random_cnf(true);
  check::Problem whole = check::elaborate(hcert::tenv(), cnf), lazy = check::elaborate_on_demand(cnf);
  RC_ASSERT(lazy.count() == whole.assertions.size());
  std::vector<size_t> order(whole.assertions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 shuffle_by(*rc::gen::arbitrary<uint32_t>());
  std::shuffle(order.begin(), order.end(), shuffle_by);
  for (size_t i : order) RC_ASSERT(check::assertion(hcert::tenv(), lazy, i) == whole.assertions[i]);
}
