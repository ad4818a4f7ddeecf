// The quick first read of an LRAT proof (formats/lrat_inputs.hpp): which input clauses
// the additions' hints name, in text and binary, against what LratReader reads; input it
// cannot read gives the empty answer (every clause used), never a short list.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "formats/lrat.hpp"
#include "formats/lrat_inputs.hpp"
#include "tests/support.hpp"

using namespace hcert;

namespace {

std::vector<uint32_t> named(const std::string& bytes, uint64_t inputs) {
  auto src = string_source(bytes);
  return lrat_inputs_named(*src, inputs);
}

// What LratReader reads: the additions' hints at most `inputs`, 0-based, increasing.
std::vector<uint32_t> named_by_reader(const std::string& bytes, uint64_t inputs) {
  LratReader in(string_source(bytes));
  std::set<uint32_t> out;
  LratStep s;
  while (in.next(s))
    if (!s.deletion)
      for (int64_t h : s.hints)
        if (uint64_t a = static_cast<uint64_t>(h < 0 ? -h : h); a >= 1 && a <= inputs) out.insert(static_cast<uint32_t>(a - 1));
  return {out.begin(), out.end()};
}

void varint(std::string& out, uint64_t v) {
  for (; v >= 0x80; v >>= 7) out += static_cast<char>((v & 0x7f) | 0x80);
  out += static_cast<char>(v);
}
void signed_varint(std::string& out, int64_t x) { varint(out, 2 * static_cast<uint64_t>(x < 0 ? -x : x) + (x < 0)); }

TEST(LratInputs, TextNamesTheHintedInputsOnly) {
  // Inputs 1..6. Named: 1, 2 (by 7), 3 (a RAT hint, -3), 6. Not named: 4 and 5 appear as
  // literals and in a deletion only; 7 and 8 are derived clauses.
  const std::string proof =
      "c a comment naming 1 2 3\n"
      "7 4 5 0 1 2 0\n"
      "\n"
      "7 d 4 5 0\r\n"
      "8 -4 0 7 -3 6 0\n"
      "9 0 8 7 0";  // no final newline
  EXPECT_EQ(named(proof, 6), (std::vector<uint32_t>{0, 1, 2, 5}));
  EXPECT_EQ(named(proof, 6), named_by_reader(proof, 6));
  EXPECT_EQ(named(proof, 2), (std::vector<uint32_t>{0, 1}));  // ids above the inputs are derived
}

TEST(LratInputs, BinaryNamesTheHintedInputsOnly) {
  std::string proof;
  proof += 'a', varint(proof, 2 * 7), signed_varint(proof, 4), signed_varint(proof, 0);
  for (int64_t h : {1, 2, 0}) signed_varint(proof, h);
  proof += 'd';
  for (int64_t h : {4, 5, 0}) signed_varint(proof, h);
  proof += 'a', varint(proof, 2 * 8), signed_varint(proof, 0);
  for (int64_t h : {7, -3, 200, 6, 0}) signed_varint(proof, h);  // 200: a long varint
  EXPECT_EQ(named(proof, 6), (std::vector<uint32_t>{0, 1, 2, 5}));
  EXPECT_EQ(named(proof, 6), named_by_reader(proof, 6));
}

// Reject: each of these is not LRAT the reader accepts, so the read must not claim to
// know the proof's inputs (empty: Φ over every clause), whatever it saw before the fault.
TEST(LratInputs, InputItCannotReadGivesNoList) {
  for (const char* bad : {"5 1 0 2\n6 0 1 0\n",      // a line ends before its final 0
                          "5 1 0 2",                   // the proof ends inside a step
                          "5 1 0 1 x 0\n",             // a letter among the hints
                          "5 1 0 1- 0\n",              // a sign inside a number
                          "5 1 0 99999999999999999999 0\n",  // out of range
                          "5 1 0 36893488147419103233 0\n",  // 2^65 + 1: would wrap to 1 in 64 bits
                          "5d 1 0\n", ""})
    EXPECT_TRUE(named(bad, 4).empty()) << bad;
  std::string cut;
  cut += 'a', varint(cut, 2 * 5), signed_varint(cut, 0), cut += static_cast<char>(0x81);  // a cut varint
  EXPECT_TRUE(named(cut, 4).empty());
  std::string tag;
  tag += 'a', varint(tag, 2 * 5), signed_varint(tag, 0), signed_varint(tag, 1), signed_varint(tag, 0), tag += 'x';
  EXPECT_TRUE(named(tag, 4).empty());
}

// Random proofs in both encodings (additions and deletions, RAT hints, ids above and
// below the inputs, numbers of several varint bytes): the same list as LratReader's.
RC_GTEST_PROP(LratInputs, SameAsTheReader, ()) {
  const uint64_t inputs = *rc::gen::inRange<uint64_t>(1, 300);
  const bool binary = *rc::gen::arbitrary<bool>();
  const int steps = *rc::gen::inRange(0, 40);
  std::string proof;
  uint64_t id = inputs;
  for (int k = 0; k < steps; ++k) {
    bool del = *rc::gen::inRange(0, 4) == 0;
    auto some = [&](int64_t lo, int64_t hi) { return *rc::gen::container<std::vector<int64_t>>(*rc::gen::inRange(0, 6), rc::gen::inRange(lo, hi)); };
    std::vector<int64_t> lits = some(-500, 500), hints = some(-600, 600);
    std::erase(lits, 0), std::erase(hints, 0);
    if (binary) {
      if (del) {
        proof += 'd';
        for (int64_t h : hints) signed_varint(proof, h < 0 ? -h : h);
        signed_varint(proof, 0);
      } else {
        proof += 'a', varint(proof, 2 * ++id);
        for (int64_t l : lits) signed_varint(proof, l);
        signed_varint(proof, 0);
        for (int64_t h : hints) signed_varint(proof, h);
        signed_varint(proof, 0);
      }
    } else if (del) {
      proof += std::to_string(id) + "  d";
      for (int64_t h : hints) proof += " " + std::to_string(h < 0 ? -h : h);
      proof += " 0\n";
    } else {
      proof += std::to_string(++id);
      for (int64_t l : lits) proof += " " + std::to_string(l);
      proof += "\t0";
      for (int64_t h : hints) proof += " " + std::to_string(h);
      proof += " 0\n";
    }
  }
  RC_ASSERT(named(proof, inputs) == named_by_reader(proof, inputs));
}

// The read is offered only when it can pay: a regular file (stdin cannot be read twice)
// and a problem with a literal per 32 bytes of proof or more.
TEST(LratInputs, OfferedOnlyWhenItCanPay) {
  Cnf small;
  small.clauses = {{1, 2}, {-1}};
  std::string proof = test::temp_file("lrat_inputs_small.lrat", "3 2 0 1 2 0\n4 0 3 2 0\n");
  auto read = lrat_inputs_reader(proof, small);  // 3 literals, 22 bytes
  ASSERT_TRUE(static_cast<bool>(read));
  EXPECT_EQ(read(), (std::vector<uint32_t>{0, 1}));
  EXPECT_FALSE(static_cast<bool>(lrat_inputs_reader("-", small)));
  std::string big = test::temp_file("lrat_inputs_big.lrat", "3 2 0 1 2 0\n" + std::string(200, 'c') + "\n4 0 3 2 0\n");
  EXPECT_FALSE(static_cast<bool>(lrat_inputs_reader(big, small)));
}

}  // namespace
