// The Z3 proof reader: bindings come out one by one in order, the body last; indexed
// th-lemma rules are named without their numbers; truncated or malformed proofs are
// errors with a line and byte offset; let chains of any depth are read without recursion.
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
  // A quoted parenthesis is an atom, not a list (the lexer marks quoted symbols).
  bs = read("(proof (let ((?x (f |(| |)|))) @y))");
  ASSERT_EQ(bs.size(), 2u);
  ASSERT_EQ(bs[0].expr.nodes.size(), 4u);
  EXPECT_FALSE(bs[0].expr.nodes[2].list);
  EXPECT_EQ(bs[0].expr.nodes[2].atom, "(");
  EXPECT_EQ(bs[0].expr.nodes[3].atom, ")");
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

// What Z3 prints before the proof is read exactly: its answer, the wrapper with the logic
// (or without one) and its declarations; the proof term alone is read too.
TEST(Z3Proof, PreamblesZ3Prints) {
  const std::string body = "(let ((@x1 (asserted false))) @x1))";
  for (const std::string& pre : {std::string("unsat\n((set-logic QF_LIA)\n(proof\n"), std::string("unsat\n((proof\n"),
                                 std::string("(proof "), std::string("unsat\n(proof "), std::string("((set-logic ALL) (proof "),
                                 std::string("unsat ; a comment is a space\n((set-logic QF_UF)\n(proof\n")}) {
    const bool wrapped = pre.find("((") != std::string::npos;
    auto bs = read(pre + body + (wrapped ? ")" : ""));
    EXPECT_EQ(bs.size(), 2u) << pre;
  }
  z3::ProofReader in(string_source(
      "unsat\n((set-logic QF_UFLIA)\n(declare-fun z3name!0 () Int)\n(declare-fun z3name!1 () (Array Int Int))\n"
      "(declare-fun k!2 (Int Bool) Real)\n(declare-fun |z3name!3| () Bool)\n(proof\n@p))\n"));
  z3::Binding b;
  ASSERT_TRUE(in.next(b));
  // Only names without arguments of an atomic sort are kept (the translation knows those).
  std::vector<std::pair<std::string, std::string>> want = {{"z3name!0", "Int"}, {"z3name!3", "Bool"}};
  EXPECT_EQ(in.declarations(), want);
  EXPECT_FALSE(in.next(b));
}

// Anything else before the proof is refused at its byte: another answer, the responses to
// other commands of the script, garbage in the wrapper, a malformed declaration.
TEST(Z3Proof, PreambleRefused) {
  const std::pair<const char*, const char*> cases[] = {
      {"sat\n((set-logic QF_UF)\n(proof @p))", "line 1 (byte 0): Z3 answered 'sat'"},
      {"unknown\n(proof @p)", "line 1 (byte 0): Z3 answered 'unknown'"},
      {"success\nunsat\n(proof @p)", "line 1 (byte 0): expected Z3's answer 'unsat' or its proof '(', found 'success'"},
      {"unsat\nunsat\n(proof @p)", "line 2 (byte 6): expected Z3's answer 'unsat'"},
      {"unsat\n(a0 a1)\n((set-logic QF_UF)\n(proof @p))", "line 2 (byte 7): expected '(proof' or Z3's wrapper"},
      {"unsat\n((set-logic QF_UF) x17\n(proof @p))", "line 2 (byte 25): expected '(' in Z3's wrapper, found 'x17'"},
      {"unsat\n((set-logic QF_UF)\n(set-info :x 1)\n(proof @p))", "line 3 (byte 26): expected 'proof', 'declare-fun' or 'set-logic'"},
      {"unsat\n((set-logic QF_UF)\n(declare-fun n ())\n(proof @p))", "line 3 (byte 42): unexpected ')'"},
      {"unsat\n((set-logic QF_UF)\n(declare-fun n () Int Int)\n(proof @p))", "line 3 (byte 47): expected ')', found 'Int'"},
      {"unsat\n((set-logic)\n(proof @p))", "line 2 (byte 17): expected a logic's name after 'set-logic'"},
      {"unsat\n((declare-fun (x) () Int)\n(proof @p))", "line 2 (byte 20): expected a name after 'declare-fun'"},
      {"unsat\n((set-logic QF_UF)\n(declare-fun n () Int)", "line 3 (byte 47): the input ends before Z3's proof in its wrapper"},
      {"", "line 1 (byte 0): the input ends before Z3's proof"},
      {"unsat\n", "line 2 (byte 6): the input ends before Z3's proof after 'unsat'"},
  };
  for (const auto& [text, why] : cases) {
    try {
      read(text);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const cert::FormatError& e) {
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << text << " -> " << e.what();
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
