// The two-thread record pipe (tools/checker_pipe.hpp) with records filled in place
// (Emitter::begin / commit, RecordWriter::slot): the checker sees exactly the records
// written, in order, although the pipe's slots are reused with the vectors of records
// checked earlier (a stale number or name left in a slot would change a step's meaning).
#include <gtest/gtest.h>

#include <mutex>

#include "formats/cert_emit.hpp"
#include "tools/checker_pipe.hpp"

namespace hcert::tool {
namespace {

using cert::Record;
using cert::Tag;

// Record k: a step with k % 7 numbers and a rule name of k % 3 + 1 letters, or (every
// fifth) a deletion with one name; sizes go up and down so that reused slots shrink.
Record expected(uint64_t k) {
  Record r;
  if (k % 5 == 4) {
    r.tag = Tag::Del;
    r.nums = {k};
    r.names = {"thm"};
  } else {
    r.tag = Tag::Step;
    for (uint64_t i = 0; i <= k % 7; ++i) r.nums.push_back(k * 10 + i);
    r.names = {std::string(k % 3 + 1, 'r')};
  }
  r.line = k;
  return r;
}

void write_in_place(cert::Emitter& em, const Record& want) {
  em.set_place(want.line, 0);
  Record& r = em.begin(want.tag);
  r.nums = want.nums;
  r.names = want.names;
  em.commit();
}

TEST(CheckerPipe, RecordsFilledInPlaceArriveUnchangedAndInOrder) {
  std::vector<Record> seen;
  CheckerPipe pipe([&](const Record& r) { seen.push_back(r); });
  cert::Emitter em(pipe);
  const uint64_t n = 20000;  // many times the records in flight: every slot is reused
  for (uint64_t k = 0; k < n; ++k) {
    if (k % 11 == 0) {  // records given whole still mix with those filled in place
      Record r = expected(k);
      pipe.take(std::move(r));
    } else {
      write_in_place(em, expected(k));
    }
  }
  pipe.close();
  ASSERT_EQ(seen.size(), n);
  for (uint64_t k = 0; k < n; ++k) {
    ASSERT_EQ(seen[k], expected(k)) << "record " << k;
    ASSERT_EQ(seen[k].line, k);
  }
}

// A slot that held a long record (a step with thousands of hints) does not keep that
// capacity for the short records after it: the pipe cycles through thousands of slots, and
// each kept the largest it had ever held (Emitter::kKeptNums). Contents still arrive as
// written, long ones included.
TEST(CheckerPipe, SlotsDoNotKeepTheCapacityOfLongRecords) {
  std::vector<Record> seen;
  size_t short_over_cap = 0;
  CheckerPipe pipe([&](const Record& r) {
    seen.push_back(r);
    if (r.nums.size() <= cert::Emitter::kKeptNums && r.nums.capacity() > cert::Emitter::kKeptNums) ++short_over_cap;
  });
  cert::Emitter em(pipe);
  const uint64_t n = 12000;
  auto want = [](uint64_t k) {
    Record r = expected(k);
    if (k % 13 == 0) r.nums.assign(5000 + k % 7, k);  // a long one now and then
    return r;
  };
  for (uint64_t k = 0; k < n; ++k) write_in_place(em, want(k));
  pipe.close();
  ASSERT_EQ(seen.size(), n);
  for (uint64_t k = 0; k < n; ++k) ASSERT_EQ(seen[k], want(k)) << "record " << k;
  EXPECT_EQ(short_over_cap, 0u);
}

// A writer that does not keep records (the text and binary writers, CallbackWriter) gets
// the same records through RecordWriter's own slot.
TEST(CheckerPipe, DefaultSlotWritesEachRecordOnce) {
  std::vector<Record> seen;
  cert::CallbackWriter out([&](const Record& r) { seen.push_back(r); });
  cert::Emitter em(out);
  for (uint64_t k = 0; k < 50; ++k) write_in_place(em, expected(k));
  ASSERT_EQ(seen.size(), 50u);
  for (uint64_t k = 0; k < 50; ++k) EXPECT_EQ(seen[k], expected(k));
}

// The checker's error stops the writer at its next slot (it must not keep filling a pipe
// nobody reads), and close() reports that error.
TEST(CheckerPipe, CheckerErrorStopsTheWriterAtItsNextSlot) {
  CheckerPipe pipe([&](const Record& r) {
    if (r.line == 3) throw std::runtime_error("bad record");
  });
  cert::Emitter em(pipe);
  bool stopped = false;
  try {
    for (uint64_t k = 0; k < 1000000; ++k) write_in_place(em, expected(k));
  } catch (const CheckerPipe::Stopped&) {
    stopped = true;
  }
  EXPECT_TRUE(stopped);
  EXPECT_THROW(pipe.close(), std::runtime_error);
}

}  // namespace
}  // namespace hcert::tool
