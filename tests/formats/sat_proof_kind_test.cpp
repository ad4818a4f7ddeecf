// SAT proof formats told apart by their first bytes (formats/sat_proof_kind.hpp): each
// kind as solvers write it, heads cut anywhere, and what is none of them.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "checker/checker.hpp"
#include "formats/sat_proof_kind.hpp"

using namespace hcert;

namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s.push_back(static_cast<char>(c));
  return s;
}
std::string corpus(const std::string& name) {
  std::ifstream in(check::default_theory_dir() + "/../../tests/corpus/check/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(SatProofKind, Text) {
  EXPECT_EQ(sniff_sat_proof("1 2 0\n-1 0\nd 1 2 0\n0\n"), SatProofKind::DratText);
  EXPECT_EQ(sniff_sat_proof("c a comment\n  -3 1 0\n"), SatProofKind::DratText);  // indented (drat-trim's examples)
  EXPECT_EQ(sniff_sat_proof("d 1 2 0\n1 0\n"), SatProofKind::DratText);
  EXPECT_EQ(sniff_sat_proof("5 1 0 1 2 0\n6 0 5 3 0\n"), SatProofKind::LratText);
  EXPECT_EQ(sniff_sat_proof("5 d 1 2 0\n6 1 0 3 4 0\n"), SatProofKind::LratText);
  EXPECT_EQ(sniff_sat_proof("o 1  1 2 0\no 2  -1 0\na 3  0  l 1 2 0\n"), SatProofKind::FratText);
  EXPECT_EQ(sniff_sat_proof("a 3  1 0\nf 3  1 0\n"), SatProofKind::FratText);
  // The last line cut in the middle of its hints still counts what came before.
  EXPECT_EQ(sniff_sat_proof("5 1 0 1 2 0\n6 2 0 5"), SatProofKind::LratText);
}

TEST(SatProofKind, Binary) {
  // DRAT: 'a' 2 (1) 0 'a' 0 (the empty clause); 'd' 2 4 0.
  EXPECT_EQ(sniff_sat_proof(bytes({'a', 2, 0, 'd', 2, 4, 0, 'a', 0})), SatProofKind::DratBinary);
  // LRAT: 'a' id 5 (10), literal 1 (2), 0, hints 1, 2 (2, 4), 0; then 'a' 6 (12), 0, hints 5, 3, 0.
  EXPECT_EQ(sniff_sat_proof(bytes({'a', 10, 2, 0, 2, 4, 0, 'a', 12, 0, 10, 6, 0})), SatProofKind::LratBinary);
  // FRAT: 'o' id 1 (unsigned), literals 1 2, 0; 'a' 3, literal 1, 0, 'l' 1 0.
  EXPECT_EQ(sniff_sat_proof(bytes({'o', 1, 2, 4, 0, 'a', 3, 2, 0, 'l', 2, 0, 'f', 3, 2, 0})), SatProofKind::FratBinary);
  // CaDiCaL 2's own output (tests/corpus), whole and cut anywhere after its first step.
  struct C { const char* file; SatProofKind kind; };
  for (C c : {C{"ph5-cadical2-lrat-binary", SatProofKind::LratBinary}, C{"ph5-cadical2-frat-binary", SatProofKind::FratBinary},
              C{"ph5-cadical2-frat-nohints", SatProofKind::FratBinary}, C{"ph5-cadical2-lrat-text", SatProofKind::LratText},
              C{"ph5-cadical2-frat-text", SatProofKind::FratText}}) {
    std::string all = corpus(c.file);
    ASSERT_GT(all.size(), 100u) << c.file;
    for (size_t cut = 40; cut <= all.size(); cut += 7)
      EXPECT_EQ(sniff_sat_proof(std::string_view(all).substr(0, cut)), c.kind) << c.file << " cut at " << cut;
  }
}

TEST(SatProofKind, NoneOfThem) {
  EXPECT_EQ(sniff_sat_proof(""), SatProofKind::Unknown);
  EXPECT_EQ(sniff_sat_proof("  \n\n"), SatProofKind::Unknown);
  EXPECT_EQ(sniff_sat_proof("hello world\n"), SatProofKind::Unknown);
  EXPECT_EQ(sniff_sat_proof("(proof (x))\n"), SatProofKind::Unknown);
  EXPECT_EQ(sniff_sat_proof(bytes({'x', 1, 2, 3, 0})), SatProofKind::Unknown);  // binary, but no step letter
  EXPECT_EQ(sat_proof_family(SatProofKind::Unknown), std::string());
  EXPECT_EQ(sat_proof_family(SatProofKind::FratBinary), std::string("frat"));
  EXPECT_TRUE(sat_proof_binary(SatProofKind::LratBinary));
  EXPECT_FALSE(sat_proof_binary(SatProofKind::DratText));
}

}  // namespace
