// The Z3 proof reader: bindings come out one by one in order, the body last; indexed
// th-lemma rules are named without their numbers; truncated or malformed proofs are
// errors with a byte offset; let chains of any depth are read without recursion.
#include <gtest/gtest.h>

#include "formats/z3proof.hpp"

using namespace hcert;

namespace {

std::vector<z3::Binding> read(const std::string& text) {
  z3::ProofReader in(string_source(text));
  std::vector<z3::Binding> out;
  z3::Binding b;
  while (in.next(b)) out.push_back(b);
  return out;
}

const char* kProof =
    "unsat\n((set-logic QF_UF)\n(proof\n"
    "(let ((?x1 (f a)))\n"
    " (let (($x2 (= ?x1 a)))\n"
    " (let ((@x3 (asserted $x2)))\n"
    " (let ((@x4 ((_ th-lemma arith farkas 1 -1/2) @x3 (not $x2) false)))\n"
    " (mp @x3 @x4 false)))))))\n";

TEST(Z3Proof, BindingsThenBody) {
  auto bs = read(kProof);
  ASSERT_EQ(bs.size(), 5u);
  EXPECT_EQ(bs[0].name, "?x1");
  EXPECT_EQ(bs[2].name, "@x3");
  EXPECT_EQ(z3::rule_of(bs[2].expr, bs[2].expr.root), "asserted");
  EXPECT_EQ(z3::rule_of(bs[3].expr, bs[3].expr.root), "th-lemma arith farkas");
  EXPECT_EQ(bs[4].name, "");
  EXPECT_EQ(z3::rule_of(bs[4].expr, bs[4].expr.root), "mp");
  EXPECT_EQ(z3::rule_of(bs[0].expr, bs[0].expr.root), "");  // a term, not a rule
  // The head atom of a rule application is not a second application.
  int rules = 0;
  for (uint32_t i = 0; i < bs[4].expr.nodes.size(); ++i) rules += !z3::rule_of(bs[4].expr, i).empty();
  EXPECT_EQ(rules, 1);
}

TEST(Z3Proof, AtomBodyAndQuotedSymbols) {
  auto bs = read("(proof (let ((?x |a b|)) @y))");
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_EQ(bs[0].expr.nodes[0].atom, "a b");
  EXPECT_EQ(bs[1].expr.nodes[0].atom, "@y");
}

TEST(Z3Proof, Malformed) {
  for (const char* bad : {"unsat\n", "(proof (let ((?x (f a))) (mp", "(proof (let ((?x (f a) (g b))) x))",
                          "(proof (let ((?x |open)) x))", "(proof x"}) {
    try {
      read(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const cert::FormatError& e) {
      EXPECT_NE(std::string(e.what()).find("byte"), std::string::npos);
    }
  }
}

TEST(Z3Proof, DeepLetChain) {
  const int n = 200000;
  std::string s = "(proof ";
  s.reserve(n * 30);
  for (int i = 0; i < n; ++i) s += "(let ((?x" + std::to_string(i) + " (f ?x" + std::to_string(i ? i - 1 : 0) + ")))\n";
  s += "@p" + std::string(n, ')') + ")";
  EXPECT_EQ(read(s).size(), size_t(n) + 1);
}

}  // namespace
