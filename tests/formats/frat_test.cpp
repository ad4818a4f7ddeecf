// The FRAT reader (formats/frat.hpp): every step kind in text and binary as CaDiCaL 2 and
// frat-rs write them, and malformed input refused with its place.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "formats/frat.hpp"
#include "formats/sat_proof_kind.hpp"

using namespace hcert;

namespace {

std::vector<FratStep> read_all(const std::string& bytes) {
  FratReader in(string_source(bytes));
  std::vector<FratStep> out;
  FratStep s;
  while (in.next(s)) out.push_back(s);
  return out;
}

TEST(Frat, TextSteps) {
  auto v = read_all("c a comment\no 1  1 2 0\no 2  -1 0\na 3  2 0  l 1 2 0\na 4  1\n 0\nl 3 -2 0\n"
                    "d 2  -1 0\nt 4 0\nr 3 7 4 8 0\na 9  0\nf 7  2 0\n");
  ASSERT_EQ(v.size(), 8u);
  EXPECT_EQ(v[0].kind, 'o');
  EXPECT_EQ(v[0].id, 1u);
  EXPECT_EQ(v[0].lits, (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(v[0].line, 2u);
  EXPECT_TRUE(v[2].has_hints);
  EXPECT_EQ(v[2].hints, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(v[3].lits, (std::vector<int32_t>{1}));  // a step across lines, its 'l' on the next
  EXPECT_EQ(v[3].hints, (std::vector<int64_t>{3, -2}));
  EXPECT_EQ(v[4].kind, 'd');
  EXPECT_EQ(v[5].kind, 'r');  // the 't' step is skipped
  EXPECT_EQ(v[5].moves, (std::vector<std::pair<uint64_t, uint64_t>>{{3, 7}, {4, 8}}));
  EXPECT_FALSE(v[6].has_hints);
  EXPECT_TRUE(v[6].lits.empty());
  EXPECT_EQ(v[7].kind, 'f');
  EXPECT_EQ(v[7].line, 12u);
}

TEST(Frat, BinarySteps) {
  // 'o' 1 [1 2] 0, 'a' 300 (varint ac 02) [-1] 0 'l' [1 -2] 0, 'd' 1 [1 2] 0, 'f' 300 [-1] 0.
  std::string b = std::string("o\x01\x02\x04\x00", 5) + std::string("a\xac\x02\x03\x00l\x02\x05\x00", 9) +
                  std::string("d\x01\x02\x04\x00", 5) + std::string("f\xac\x02\x03\x00", 5);
  auto v = read_all(b);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[1].id, 300u);
  EXPECT_EQ(v[1].lits, (std::vector<int32_t>{-1}));
  EXPECT_EQ(v[1].hints, (std::vector<int64_t>{1, -2}));
  EXPECT_EQ(v[1].offset, 5u);
  EXPECT_EQ(v[2].kind, 'd');
  EXPECT_EQ(v[3].kind, 'f');
  EXPECT_EQ(v[3].line, 0u);
}

TEST(Frat, Malformed) {
  struct M {
    std::string text;
    uint64_t line;
  };
  // Each must be refused (an input error at a place), never read as something else.
  for (const M& m : std::vector<M>{
           {"o 1  1 2 0\nx 2 0\n", 2},       // an unknown step
           {"o 1  1 2\n", 0},                // the list is not ended (line 0: at the end)
           {"a 0  1 0\n", 1},                // clause id 0
           {"a 2  1 -0 0\n", 1},             // '-0'
           {"a 2  1 x 0\n", 1},              // not a number
           {"l 1 2 0\n", 1},                 // hints that follow no addition
           {"a 2  4294967296 0\n", 1},       // a variable beyond 2^31 - 1
           {"r 1 0\n", 1},                   // a relocation without its target
           {"t 1 5\n", 1},                   // 't' ID not followed by 0
           {std::string("a\x02\x82", 3), 0}, // binary, cut inside a varint
           {std::string("o\x01\x02", 3), 0}, // binary, cut before the 0
       }) {
    try {
      read_all(m.text);
      ADD_FAILURE() << "accepted: " << m.text;
    } catch (const cert::FormatError& e) {
      if (m.line) {
        EXPECT_NE(std::string(e.what()).find("line " + std::to_string(m.line)), std::string::npos) << e.what();
      }
    }
  }
}

// Mutated and random bytes: the reader either reads steps or refuses with a place, and the
// format sniffer always answers.
RC_GTEST_PROP(Frat, MutatedAndRandomBytes, ()) {
  std::string text = "o 1  1 2 0\no 2  -1 0\na 3  2 0  l 1 2 0\nd 1  1 2 0\na 4  0  l 3 2 0\nf 4  0\n";
  std::string bin = std::string("o\x01\x02\x04\x00a\x03\x04\x00l\x02\x04\x00f\x03\x04\x00", 18);
  std::string random = *rc::gen::container<std::string>(rc::gen::arbitrary<char>());
  for (std::string input : {text, bin, random}) {
    int n = *rc::gen::inRange(0, 6);
    for (int i = 0; i < n && !input.empty(); ++i) {
      size_t at = *rc::gen::inRange<size_t>(0, input.size());
      if (*rc::gen::arbitrary<bool>()) input[at] = *rc::gen::arbitrary<char>();
      else input.erase(at, *rc::gen::inRange<size_t>(1, 4));
    }
    try {
      read_all(input);
    } catch (const cert::FormatError& e) {
      std::string what = e.what();
      RC_ASSERT(what.find("byte") != std::string::npos || what.find("line") != std::string::npos);
    }
    sniff_sat_proof(input);
  }
}

}  // namespace
