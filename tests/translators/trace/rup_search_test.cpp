// Hint search for hint-free derived clauses (translators/trace/rup_search.hpp): the hints
// it finds are the LRAT ones (propagation order, conflict last), and it finds none where
// propagation does not refute the clause's negation.
#include <gtest/gtest.h>

#include "translators/trace/rup_search.hpp"

using hcert::trace::RupSearch;

namespace {

TEST(RupSearch, FindsHintsInPropagationOrder) {
  RupSearch s;
  s.add(1, {-1, 2});
  s.add(2, {-2, 3});
  s.add(3, {-3, -1});
  s.add(4, {5, 6});  // not needed
  std::vector<uint64_t> h;
  // (1): under -1 every clause but 4 is satisfied, and 4 propagates nothing.
  EXPECT_FALSE(s.hints({1}, h));
  // (-1): under 1, clauses 1 and 3 (both watching -1) give 2 and -3; then clause 2 is
  // false. Reasons in trail order, the conflict last.
  ASSERT_TRUE(s.hints({-1}, h));
  EXPECT_EQ(h, (std::vector<uint64_t>{1, 3, 2}));
  // Searches leave no assignment behind: the same answer again.
  ASSERT_TRUE(s.hints({-1}, h));
  EXPECT_EQ(h, (std::vector<uint64_t>{1, 3, 2}));
}

TEST(RupSearch, UnitsAndEmptyClauses) {
  RupSearch s;
  s.add(1, {1});
  s.add(2, {-1, 2});
  std::vector<uint64_t> h;
  ASSERT_TRUE(s.hints({2}, h));  // units propagate first
  EXPECT_EQ(h, (std::vector<uint64_t>{1, 2}));
  s.add(3, {-2});
  ASSERT_TRUE(s.hints({}, h));  // the empty clause: the units 1 and 3 first, then 2 is false
  EXPECT_EQ(h, (std::vector<uint64_t>{1, 3, 2}));
}

// A deleted clause no longer propagates: the clause it made RUP is not found again.
TEST(RupSearch, DeletedClausesAreNotUsed) {
  RupSearch s;
  s.add(1, {1, 2});
  s.add(2, {1, -2});
  std::vector<uint64_t> h;
  ASSERT_TRUE(s.hints({1}, h));
  s.remove(2);
  EXPECT_FALSE(s.hints({1}, h));
}

// Regression (the demo solver's lemmas `88 14 14`, `88 -14 -14`): a repeated literal let
// both watches sit on it, and (88) was not found though the two clauses give it.
TEST(RupSearch, RepeatedLiteralsStillPropagate) {
  RupSearch s;
  s.add(175, {88, 14, 14});
  s.add(176, {88, -14, -14});
  std::vector<uint64_t> h;
  ASSERT_TRUE(s.hints({88}, h));
  EXPECT_EQ(h.size(), 2u);
}

// A clause with a literal and its negation: the kernel's RUP refuses it (S would hold x
// and ~x), so no hints are offered for it.
TEST(RupSearch, TautologyGetsNoHints) {
  RupSearch s;
  s.add(1, {3});
  std::vector<uint64_t> h;
  EXPECT_FALSE(s.hints({1, -1}, h));
}

}  // namespace
