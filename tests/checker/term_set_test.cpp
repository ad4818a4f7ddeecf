// checker/term_set.hpp: the set of terms the end check looks assertions up in. Every term
// inserted is found, through growth and duplicates; no other term is (a false "found"
// would let a hypothesis pass the end check as an assertion).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "checker/term_set.hpp"

using namespace hcert;

namespace {

Term var(int i) { return Term::var("t" + std::to_string(i), Type::boolean()); }

TEST(TermSet, EmptyFindsNothing) {
  check::TermSet s;
  EXPECT_FALSE(s.contains(var(1)));
  EXPECT_EQ(s.size(), 0u);
}

RC_GTEST_PROP(TermSet, FindsExactlyWhatWasInserted, ()) {
  const auto in = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 2000));
  const auto probe = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 4000));
  check::TermSet s;
  if (*rc::gen::arbitrary<bool>()) s.reserve(in.size());
  std::set<int> want(in.begin(), in.end());
  for (int i : in) s.insert(var(i));
  RC_ASSERT(s.size() == want.size());
  for (int i : in) RC_ASSERT(s.contains(var(i)));
  for (int i : probe) RC_ASSERT(s.contains(var(i)) == (want.count(i) > 0));
  // Terms of another shape over the same names are other terms.
  for (int i : in) RC_ASSERT(!s.contains(Term::var("t" + std::to_string(i), Type::fun(Type::boolean(), Type::boolean()))));
}

}  // namespace
