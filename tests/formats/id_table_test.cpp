// The checker's id table against a plain map: ids that start in the sparse part and are
// later covered by the growing dense part must stay visible and stay unique.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
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

// A copy-only object (as Thm and Term are) that counts its copies.
struct Counted {
  static inline int copies = 0;
  int v;
  explicit Counted(int x) : v(x) {}
  Counted(const Counted& o) : v(o.v) { ++copies; }
  Counted& operator=(const Counted& o) = default;
};

// Growing the dense part must not copy the objects already in it: each emplace copies its
// object once into its slot and nothing else. A table that relocated its slots on growth
// (one vector resized) copied each object again at every doubling: about 2 copies each.
TEST(IdTable, GrowthNeverCopiesLiveObjects) {
  IdTable<Counted> t;
  Counted::copies = 0;
  const int n = 100000;
  for (int id = 0; id < n; ++id) ASSERT_TRUE(t.emplace(static_cast<uint64_t>(id), Counted(id)));
  EXPECT_EQ(Counted::copies, n);
  for (int id = 0; id < n; id += 997) {
    ASSERT_NE(t.find(static_cast<uint64_t>(id)), nullptr);
    EXPECT_EQ(t.find(static_cast<uint64_t>(id))->v, id);
  }
  Counted* p = t.find(5);
  ASSERT_TRUE(t.emplace(n, Counted(-1)));  // a further block: earlier slots stay put
  EXPECT_EQ(t.find(5), p);
}

// Ids on both sides of every block edge (64 · (2^i − 1)) are distinct slots: each keeps
// its own object, a second definition of either is refused, and erasing one leaves its
// neighbours.
TEST(IdTable, BlockEdgesAreDistinctSlots) {
  IdTable<int> t;
  std::vector<uint64_t> ids;
  for (uint64_t i = 1; i <= 12; ++i) {
    uint64_t edge = 64 * ((uint64_t(1) << i) - 1);
    ids.push_back(edge - 1), ids.push_back(edge), ids.push_back(edge + 1);
  }
  t.allow_dense(64 * ((uint64_t(1) << 13) - 1));  // all of them dense
  for (uint64_t id : ids) ASSERT_TRUE(t.emplace(id, static_cast<int>(id)));
  for (uint64_t id : ids) {
    ASSERT_NE(t.find(id), nullptr);
    EXPECT_EQ(*t.find(id), static_cast<int>(id));
    EXPECT_FALSE(t.emplace(id, -1));  // already defined
  }
  EXPECT_EQ(t.find(64 * 3 - 2), nullptr);  // next to an edge, never defined
  EXPECT_TRUE(t.erase(64 * 3));
  EXPECT_FALSE(t.erase(64 * 3));  // not defined any more
  EXPECT_EQ(*t.find(64 * 3 - 1), 64 * 3 - 1);
  EXPECT_EQ(*t.find(64 * 3 + 1), 64 * 3 + 1);
  EXPECT_EQ(t.size(), ids.size() - 1);
}

// Past 64 · (2^10 − 1) ids the blocks stop doubling and hold 32,768 slots each: ids on
// both sides of each such edge are distinct slots too, objects made before a further block
// stay where they are, and a table agrees with a map over ids up to 400,000 (the dense
// part reaching through thirteen fixed blocks). Fails if an id of a fixed block were
// placed by the doubling formula (a slot beyond its block) or two edges shared a slot.
TEST(IdTable, FixedBlocksAfterTheDoublingOnes) {
  const uint64_t doubled = 64 * ((uint64_t(1) << 10) - 1), fixed = 32768;
  IdTable<int> t;
  t.allow_dense(doubled + 14 * fixed);
  std::vector<uint64_t> ids;
  for (uint64_t k = 0; k <= 12; ++k) {
    uint64_t edge = doubled + k * fixed;
    ids.push_back(edge - 1), ids.push_back(edge), ids.push_back(edge + 1);
  }
  for (uint64_t id : ids) ASSERT_TRUE(t.emplace(id, static_cast<int>(id)));
  int* early = t.find(doubled - 1);
  for (uint64_t id = 0; id < 400000; id += 3)
    if (!t.find(id)) { ASSERT_TRUE(t.emplace(id, static_cast<int>(id))); }
  EXPECT_EQ(t.find(doubled - 1), early);
  for (uint64_t id : ids) {
    ASSERT_NE(t.find(id), nullptr);
    EXPECT_EQ(*t.find(id), static_cast<int>(id));
    EXPECT_FALSE(t.emplace(id, -1));
  }
  std::map<uint64_t, int> ref;
  t.for_each([&](uint64_t id, int x) { ref[id] = x; });
  for (auto [id, x] : ref) {
    EXPECT_EQ(static_cast<uint64_t>(x), id);
    EXPECT_TRUE(id % 3 == 0 || std::find(ids.begin(), ids.end(), id) != ids.end());
  }
  EXPECT_EQ(t.size(), ref.size());
  EXPECT_EQ(t.find(doubled + fixed + 2), nullptr);  // next to an edge, never defined (not a multiple of 3)
  EXPECT_TRUE(t.erase(doubled + 3 * fixed));
  EXPECT_EQ(t.find(doubled + 3 * fixed), nullptr);
  EXPECT_EQ(*t.find(doubled + 3 * fixed + 1), static_cast<int>(doubled + 3 * fixed + 1));
}
