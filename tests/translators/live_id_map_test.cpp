// The LRAT translator's map of live clause ids against a plain map: backward-shift
// deletion must keep every entry reachable, an id may be reused after its deletion, and a
// second definition, a second deletion or a lookup after deletion must find nothing.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "translators/drat/live_id_map.hpp"

using hcert::sat::LiveIdMap;

TEST(LiveIdMap, ReuseAfterDeletionAndDoubleDeletionRefused) {
  LiveIdMap<int> m;
  ASSERT_TRUE(m.emplace(7, 1));
  EXPECT_FALSE(m.emplace(7, 2));  // already live: refused, the first value stays
  EXPECT_EQ(*m.find(7), 1);
  EXPECT_TRUE(m.erase(7));
  EXPECT_EQ(m.find(7), nullptr);  // used after deletion: not found
  EXPECT_FALSE(m.erase(7));       // deleted twice: the second is refused
  ASSERT_TRUE(m.emplace(7, 3));   // reused after deletion
  EXPECT_EQ(*m.find(7), 3);
  EXPECT_FALSE(m.emplace(0, 4));  // 0 is no clause id
  EXPECT_EQ(m.find(0), nullptr);
  EXPECT_EQ(m.size(), 1u);
}

// A sliding band of live ids (as LRAT proofs have them): the buckets follow the live
// count, not the largest id.
TEST(LiveIdMap, MemoryFollowsLiveIdsNotTheLargest) {
  LiveIdMap<int> m;
  for (uint64_t id = 1; id <= 100000; ++id) {
    ASSERT_TRUE(m.emplace(id, static_cast<int>(id)));
    if (id > 1000) { ASSERT_TRUE(m.erase(id - 1000)); }
  }
  EXPECT_EQ(m.size(), 1000u);
  EXPECT_LE(m.capacity(), 2048u);
  for (uint64_t id = 99001; id <= 100000; ++id) {
    ASSERT_NE(m.find(id), nullptr);
    EXPECT_EQ(*m.find(id), static_cast<int>(id));
  }
  EXPECT_EQ(m.find(99000), nullptr);
  ASSERT_TRUE(m.emplace(uint64_t(1) << 62, 5));  // a huge id costs one bucket
  EXPECT_EQ(*m.find(uint64_t(1) << 62), 5);
}

RC_GTEST_PROP(LiveIdMap, AgreesWithMap, ()) {
  LiveIdMap<int> m;
  std::map<uint64_t, int> ref;
  // Small id ranges make long probe runs and many deletions inside them.
  auto ops = *rc::gen::container<std::vector<std::pair<int, uint64_t>>>(
      rc::gen::pair(rc::gen::inRange(0, 3), rc::gen::oneOf(rc::gen::inRange<uint64_t>(0, 64),
                                                            rc::gen::inRange<uint64_t>(0, 5000),
                                                            rc::gen::arbitrary<uint64_t>())));
  int v = 0;
  for (auto [op, id] : ops) {
    ++v;
    if (op == 0) RC_ASSERT(m.emplace(id, v) == (id != 0 && ref.emplace(id, v).second));
    else if (op == 1) RC_ASSERT(m.erase(id) == (ref.erase(id) > 0));
    int* got = m.find(id);
    auto it = ref.find(id);
    RC_ASSERT((got != nullptr) == (it != ref.end()));
    if (got) RC_ASSERT(*got == it->second);
  }
  RC_ASSERT(m.size() == ref.size());
  for (auto& [id, val] : ref) RC_ASSERT(m.find(id) && *m.find(id) == val);
  size_t seen = 0;
  m.for_each([&](uint64_t id, int& val) { ++seen, RC_ASSERT(ref.at(id) == val); });
  RC_ASSERT(seen == ref.size());
}
