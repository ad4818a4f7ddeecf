// Strict DIMACS: everything drat-trim silently accepts and mis-reads (its issue #3:
// variables >= 2^31 wrap) is an input error naming the line.
#include <gtest/gtest.h>

#include <fstream>

#include "trusted/dimacs.hpp"
#include "trusted/sha256.hpp"

using namespace hcert;

namespace {

std::string file(const std::string& text) {
  std::string path = testing::TempDir() + "/hcert_dimacs_test.cnf";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(Dimacs, ReadsClausesAcrossLinesAndHashesTheBytes) {
  std::string text = "c x\np cnf 3 2\n1 -2\n 3 0 -1 0\n";
  Cnf c = read_dimacs(file(text));
  EXPECT_EQ(c.vars, 3u);
  ASSERT_EQ(c.clauses.size(), 2u);
  EXPECT_EQ(c.clauses[0], (std::vector<int32_t>{1, -2, 3}));
  EXPECT_EQ(c.clauses[1], (std::vector<int32_t>{-1}));
  EXPECT_EQ(c.sha256, sha256_hex(text));
}

TEST(Dimacs, SatlibTrailer) {
  Cnf c = read_dimacs(file("p cnf 1 1\n1 0\n%\n0\n"));
  EXPECT_EQ(c.clauses.size(), 1u);
}

TEST(Dimacs, Errors) {
  struct E {
    const char* text;
    uint64_t line;
  };
  for (const E& e : std::vector<E>{
           {"1 0\n", 1},                                  // no header
           {"p cnf 2 1\n3 0\n", 2},                       // variable beyond the header
           {"p cnf 2 1\n4294967297 0\n", 2},              // 2^32 + 1 (drat-trim #3 wraps it to 1)
           {"p cnf 2 1\n2147483648 0\n", 2},              // 2^31
           {"p cnf 2147483648 1\n1 0\n", 1},              // header above 2^31 - 1
           {"p cnf 2 2\n1 0\n", 2},                       // fewer clauses than declared
           {"p cnf 2 1\n1 0\n2 0\n", 3},                  // more
           {"p cnf 2 1\n1 2\n", 2},                       // last clause not ended
           {"p cnf 2 1\n1 x 0\n", 2},                     // not an integer
           {"p cnf 2 1\n-0 0\n", 2},
           {"p cnf 2 1 7\n1 0\n", 1},                     // text after the header
       }) {
    try {
      read_dimacs(file(e.text));
      ADD_FAILURE() << "accepted: " << e.text;
    } catch (const cert::FormatError& err) {
      EXPECT_EQ(err.line, e.line) << e.text << " -> " << err.what();
    }
  }
}

}  // namespace
