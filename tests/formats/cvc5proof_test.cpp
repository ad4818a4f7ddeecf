// The cvc5 proof reader (formats/cvc5proof.hpp): bindings come out one by one in order,
// the body last, each with its line; rule applications are told from terms and argument
// lists; truncated, unbalanced or trailing input is an error with a line and byte
// offset; let chains of any depth are read without recursion. Recognition by content
// (formats/sniff.hpp) tells a cvc5 proof from a Z3 proof, which also follows "unsat".
#include <gtest/gtest.h>

#include "formats/cvc5proof.hpp"
#include "formats/sniff.hpp"
#include "trusted/outcome.hpp"

using namespace hcert;

namespace {

std::vector<cvc5::Binding> read(const std::string& text) {
  cvc5::ProofReader in(string_source(text));
  std::vector<cvc5::Binding> out;
  cvc5::Binding b;
  while (in.next(b)) out.push_back(b);
  return out;
}

const char* kProof =
    "unsat\n(\n"
    "(let ((_let_1 (= x 7))) (let ((_let_2 (_let_1)))\n"
    "(let ((_let_3 (ASSUME :conclusion _let_1 :args _let_2)))\n"
    "(SCOPE :conclusion (not _let_1) (MACRO_SR_PRED_ELIM :conclusion false _let_3 :args (_let_1 SB_DEFAULT)) :args _let_2))))\n"
    ")\n";

TEST(Cvc5Proof, BindingsThenBody) {
  auto bs = read(kProof);
  ASSERT_EQ(bs.size(), 4u);
  EXPECT_EQ(bs[0].name, "_let_1");
  EXPECT_EQ(bs[0].line, 3u);
  EXPECT_EQ(cvc5::rule_of(bs[0].expr, 0), "");  // a term
  EXPECT_EQ(cvc5::rule_of(bs[1].expr, 0), "");  // an argument list
  EXPECT_EQ(bs[2].name, "_let_3");
  EXPECT_EQ(bs[2].line, 4u);
  EXPECT_EQ(cvc5::rule_of(bs[2].expr, 0), "ASSUME");
  EXPECT_EQ(bs[3].name, "");
  EXPECT_EQ(bs[3].line, 5u);
  EXPECT_EQ(cvc5::rule_of(bs[3].expr, 0), "SCOPE");
  // Atoms are classified as the SMT-LIB reader does: 7 a numeral, :args a keyword.
  const auto& t = bs[0].expr;
  EXPECT_EQ(t.nodes[t.nodes[0].kids[2]].kind, smt::Node::Numeral);
  EXPECT_EQ(bs[3].expr.nodes[bs[3].expr.nodes[0].kids[1]].kind, smt::Node::Keyword);
}

TEST(Cvc5Proof, WithoutConclusionsStillARule) {
  // Printed without --proof-print-conclusion: the translator says so (tests/corpus).
  auto bs = read("unsat\n(\n(let ((_let_1 (false))) (SCOPE (ASSUME :args _let_1) :args _let_1))\n)\n");
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_EQ(cvc5::rule_of(bs[1].expr, 0), "SCOPE");
}

TEST(Cvc5Proof, AnswersAroundTheProofAreSkipped) {
  // cvc5's answer to a later (get-unsat-core) is not part of the proof.
  EXPECT_EQ(read("unsat\n(\n(REFL :conclusion (= a a))\n)\n(\na4\na3\n)\n").size(), 1u);
  EXPECT_EQ(read("unsupported\nunsupported\nunsat\n(\n(SCOPE :conclusion true (TRUE_INTRO :conclusion true))\n)\n").size(), 1u);
  EXPECT_EQ(read("(\n(REFL :conclusion (= a a) :args (a))\n)").size(), 1u);  // no status line
}

// Each malformed input is refused with its line: cut off, unbalanced, a let of two
// bindings, no opening parenthesis.
TEST(Cvc5Proof, MalformedInputIsAnErrorWithItsPlace) {
  const char* bad[] = {
      "unsat\n(\n(let ((_let_1 (= x 7))) (SCOPE :conclusion",
      "unsat\n(\n(let ((_let_1 (= x 7))) (REFL :conclusion (= a a)))))\n)\n",
      "unsat\n(\n(let ((_let_1 a) (_let_2 b)) _let_1)\n)\n",
      "unsat\nREFL\n",
  };
  for (const char* text : bad) {
    try {
      read(text);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const cert::FormatError& e) {
      EXPECT_GT(e.line, 0u) << text;
    }
  }
}

// Atoms come classified from the lexer (formats/sexpr_lexer.hpp): a quoted symbol is a
// symbol, also when it looks like a parenthesis; a string literal is a string, its ""
// one quote; #x/#b literals lose their prefix as in the SMT-LIB reader.
TEST(Cvc5Proof, AtomsAsTheSmtlibReaderHasThem) {
  auto bs = read("unsat\n(\n(let ((|_let 1| (f |(| \"a\"\"b\" #x0F #b1 2.5))) (REFL :conclusion (= a a)))\n)\n");
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_EQ(bs[0].name, "_let 1");
  const auto& n = bs[0].expr.nodes;
  ASSERT_EQ(n.size(), 7u);
  const std::pair<smt::Node::Kind, std::string> want[] = {{smt::Node::Symbol, "f"}, {smt::Node::Symbol, "("},
                                                          {smt::Node::String, "a\"b"}, {smt::Node::Hex, "0F"},
                                                          {smt::Node::Binary, "1"}, {smt::Node::Decimal, "2.5"}};
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(n[i + 1].kind, want[i].first) << i;
    EXPECT_EQ(n[i + 1].text, want[i].second) << i;
  }
}

// A let must name what it binds: an empty quoted name (||) would come out as a binding
// without a name, which is how the body is told apart.
TEST(Cvc5Proof, EmptyLetNameRefused) {
  try {
    read("unsat\n(\n(let ((|| (= x 7))) (REFL :conclusion (= a a)))\n)\n");
    ADD_FAILURE() << "accepted an empty let name";
  } catch (const cert::FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("line 3 (byte 15): expected a let name"), std::string::npos) << e.what();
  }
}

TEST(Cvc5Proof, LimitsOnHostileInput) {
  cvc5::ReaderLimits lim;
  lim.max_atom = 8;
  cvc5::ProofReader in(string_source("unsat\n(\n(REFL :conclusion (= averyveryverylongname a))\n)\n"), lim);
  cvc5::Binding b;
  EXPECT_THROW(in.next(b), cert::FormatError);
}

TEST(Cvc5Proof, DeepLetChainsWithoutRecursion) {
  std::string text = "unsat\n(\n";
  const int n = 200000;
  for (int i = 0; i < n; ++i) text += "(let ((_let_" + std::to_string(i) + " a)) ";
  text += "(REFL :conclusion (= a a))" + std::string(n, ')') + "\n)\n";
  EXPECT_EQ(read(text).size(), static_cast<size_t>(n) + 1);
}

TEST(Cvc5Proof, RecognisedByContent) {
  EXPECT_EQ(sniff_proof(kProof).kind, "cvc5");
  EXPECT_EQ(sniff_proof("unsupported\nunsat\n(\n(SCOPE :conclusion").kind, "cvc5");
  EXPECT_EQ(sniff_proof("(\n(let ((_let_1 (= x 7)))").kind, "cvc5");
  // Z3's proofs also follow "unsat"; an LFSC or Alethe proof from cvc5 is not this format.
  EXPECT_EQ(sniff_proof("unsat\n((set-logic QF_UF)\n(proof\n").kind, "z3");
  EXPECT_EQ(sniff_proof("(check\n(% A1 (th_holds").kind, "");
  EXPECT_EQ(sniff_proof("(assume a0 (= x 7))\n").kind, "");
}

}  // namespace
