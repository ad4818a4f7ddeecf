// The checker's id table against a plain map: ids that start in the sparse part and are
// later covered by the growing dense part must stay visible and stay unique.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "formats/id_table.hpp"

using hcert::check::IdTable;

TEST(IdTable, SparseIdStaysVisibleWhenDenseGrowsOverIt) {
  IdTable<int> t;
  ASSERT_TRUE(t.emplace(5000, 1));  // beyond the dense bound for an empty table: sparse
  for (uint64_t id = 0; id < 6000; ++id)
    if (id != 5000) { ASSERT_TRUE(t.emplace(id, 2)); }  // the dense part grows past 5000
  ASSERT_NE(t.find(5000), nullptr);
  EXPECT_EQ(*t.find(5000), 1);
  EXPECT_FALSE(t.emplace(5000, 3));  // still defined: a second definition is refused
  EXPECT_TRUE(t.erase(5000));
  EXPECT_EQ(t.find(5000), nullptr);
  EXPECT_EQ(t.size(), 5999u);
}

RC_GTEST_PROP(IdTable, AgreesWithMap, ()) {
  IdTable<int> t;
  std::map<uint64_t, int> ref;
  auto ops = *rc::gen::container<std::vector<std::pair<int, uint64_t>>>(
      rc::gen::pair(rc::gen::inRange(0, 3), rc::gen::oneOf(rc::gen::inRange<uint64_t>(0, 64),
                                                            rc::gen::inRange<uint64_t>(0, 5000),
                                                            rc::gen::arbitrary<uint64_t>())));
  int v = 0;
  for (auto [op, id] : ops) {
    ++v;
    if (op == 0) RC_ASSERT(t.emplace(id, v) == ref.emplace(id, v).second);
    else if (op == 1) RC_ASSERT(t.erase(id) == (ref.erase(id) > 0));
    int* got = t.find(id);
    auto it = ref.find(id);
    RC_ASSERT((got != nullptr) == (it != ref.end()));
    if (got) RC_ASSERT(*got == it->second);
  }
  RC_ASSERT(t.size() == ref.size());
  std::map<uint64_t, int> seen;
  t.for_each([&](uint64_t id, int x) { seen[id] = x; });
  RC_ASSERT(seen == ref);
}
