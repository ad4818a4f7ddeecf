// Hint search for hint-free derived clauses (translators/trace/rup_search.hpp): the hints
// it finds are the LRAT ones (propagation order, conflict last), and it finds none where
// propagation does not refute the clause's negation.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>

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
  // the empty clause: the base (unit 1, then 2 by clause 2) makes clause 3 false
  ASSERT_TRUE(s.hints({}, h));
  EXPECT_EQ(h, (std::vector<uint64_t>{1, 2, 3}));
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

// The base (what the units imply) is kept between searches: a clause added unit under it
// extends it, a clause the base makes true gets its reasons as hints, and removing a
// reason of the base drops what it implied.
TEST(RupSearch, KeptBaseFollowsAddsAndRemovals) {
  RupSearch s;
  s.add(1, {1});
  std::vector<uint64_t> h;
  EXPECT_FALSE(s.hints({3}, h));
  s.add(2, {-1, 3});  // unit under the base: 3 joins it
  ASSERT_TRUE(s.hints({3}, h));
  EXPECT_EQ(h, (std::vector<uint64_t>{1, 2}));
  s.add(3, {-3, 4});
  ASSERT_TRUE(s.hints({4, 5}, h));
  EXPECT_EQ(h, (std::vector<uint64_t>{1, 2, 3}));
  s.remove(2);  // a reason of the base: 3 and 4 no longer follow
  EXPECT_FALSE(s.hints({4}, h));
  EXPECT_FALSE(s.hints({3}, h));
  ASSERT_TRUE(s.hints({1}, h));
  EXPECT_EQ(h, (std::vector<uint64_t>{1}));
}

// Random adds, removals and searches against the definition: the hints found, replayed
// over the live clauses as the kernel's RUP reads them (spec/kernel.md §12: from the
// negated clause, each hint unit, satisfied or the conflict, after which the rest is not
// read), refute the clause; and when none are found, plain propagation from scratch over
// the live clauses does not refute it either.
RC_GTEST_PROP(RupSearch, HintsReplayAndMatchPropagationFromScratch, ()) {
  RupSearch s;
  std::map<uint64_t, std::vector<int64_t>> live;
  auto lit = rc::gen::map(rc::gen::pair(rc::gen::inRange(1, 7), rc::gen::arbitrary<bool>()),
                          [](std::pair<int, bool> p) { return int64_t(p.second ? p.first : -p.first); });
  auto clause_gen = rc::gen::container<std::vector<int64_t>>(lit);
  // 1 under the literals assigned (true), -1 false, 0 unassigned.
  auto val = [](const std::map<int64_t, int>& a, int64_t l) {
    auto it = a.find(std::abs(l));
    return it == a.end() ? 0 : (l > 0 ? it->second : -it->second);
  };
  auto negated = [&](const std::vector<int64_t>& c, std::map<int64_t, int>& a) {
    for (int64_t l : c) {
      if (val(a, l) == 1) return false;  // l and its negation
      a[std::abs(l)] = l < 0 ? 1 : -1;
    }
    return true;
  };
  uint64_t next = 1;
  int steps = *rc::gen::inRange(1, 40);
  for (int i = 0; i < steps; ++i) {
    int op = *rc::gen::inRange(0, 3);
    if (op == 0 || live.empty()) {
      std::vector<int64_t> c = *rc::gen::resize(3, clause_gen);
      s.add(next, c), live[next++] = c;
    } else if (op == 1) {
      auto it = std::next(live.begin(), *rc::gen::inRange<size_t>(0, live.size()));
      s.remove(it->first), live.erase(it);
    } else {
      std::vector<int64_t> c = *rc::gen::resize(3, clause_gen);
      std::vector<uint64_t> h;
      bool found = s.hints(c, h);
      std::map<int64_t, int> a;
      bool consistent = negated(c, a);
      if (found) {
        RC_ASSERT(consistent);
        bool conflict = false;
        for (size_t k = 0; k < h.size() && !conflict; ++k) {
          RC_ASSERT(live.count(h[k]) == 1u);
          std::vector<int64_t> open;  // the literals not false (each once)
          for (int64_t l : live[h[k]])
            if (val(a, l) != -1 && std::find(open.begin(), open.end(), l) == open.end()) open.push_back(l);
          if (open.empty()) conflict = true;
          else if (open.size() == 1 && val(a, open[0]) == 0) a[std::abs(open[0])] = open[0] > 0 ? 1 : -1;
          else RC_ASSERT(open.size() == 1u);  // satisfied: skipped
        }
        RC_ASSERT(conflict);
      } else if (consistent) {
        // propagation from scratch over all live clauses reaches no conflict
        bool changed = true, conflict = false;
        while (changed && !conflict) {
          changed = false;
          for (const auto& [id, cl] : live) {
            int64_t open = 0;
            int unassigned = 0;
            bool sat = false;
            for (int64_t l : cl) {
              int v = val(a, l);
              sat = sat || v == 1;
              if (v == 0 && open != l) ++unassigned, open = l;
            }
            if (sat) continue;
            if (unassigned == 0) conflict = true;
            else if (unassigned == 1) a[std::abs(open)] = open > 0 ? 1 : -1, changed = true;
          }
        }
        RC_ASSERT(!conflict);
      }
    }
  }
}

}  // namespace
