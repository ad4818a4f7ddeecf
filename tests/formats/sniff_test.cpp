// Inputs recognised by their content (formats/sniff.hpp): every form hcert reads, in text
// and binary, and the forms it does not read, which must not be taken for one it does.
#include <gtest/gtest.h>

#include <string>

#include "formats/sniff.hpp"

namespace hcert {
namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s += static_cast<char>(c);
  return s;
}

TEST(Sniff, Certificates) {
  EXPECT_EQ(sniff_proof("hcert 1\nproblem dimacs 00\n").kind, "cert");
  EXPECT_EQ(sniff_proof("# a comment\nhcert 1\n").kind, "cert");
  EXPECT_EQ(sniff_proof(std::string("HCB1\x01\x00", 6)).kind, "cert");
}

TEST(Sniff, TextSatProofs) {
  EXPECT_EQ(sniff_proof("1 2 0\nd 1 2 0\n0\n").kind, "drat");
  EXPECT_EQ(sniff_proof("c comment\n  -1 0\n  0\n").kind, "drat");  // indented, negative first
  EXPECT_EQ(sniff_proof("d 1 2 0\n").kind, "drat");
  EXPECT_EQ(sniff_proof("5 1 2 0 1 3 0\n").kind, "lrat");
  EXPECT_EQ(sniff_proof("5 d 1 2 0\n").kind, "lrat");
  EXPECT_EQ(sniff_proof("c only comments\n").kind, "drat");
}

// Binary DRAT: 'a' lits 0; binary LRAT: 'a' 2*id lits 0 hints 0 with increasing ids.
TEST(Sniff, BinarySatProofs) {
  std::string drat = bytes({'a', 2, 5, 0, 'd', 2, 5, 0, 'a', 3, 0, 'a', 0});
  EXPECT_EQ(sniff_proof(drat).kind, "drat");
  std::string lrat = bytes({'a', 10, 2, 0, 2, 4, 0, 'a', 12, 3, 0, 6, 0, 'd', 2, 0, 'a', 14, 0, 10, 12, 0});
  EXPECT_EQ(sniff_proof(lrat).kind, "lrat");
}

// FRAT (CaDiCaL 2 --frat, frat-rs), read since the SAT translation took it; the binary
// forms are told apart in detail by formats/sat_proof_kind (tests/formats/sat_proof_kind_test).
TEST(Sniff, FratProofs) {
  EXPECT_EQ(sniff_proof("o 1 1 2 0\na 5 1 0 l 1 0\n").kind, "frat");
  EXPECT_EQ(sniff_proof("o 1 1 2 0\na 5 1 0 l 1 0\n").what, "a text FRAT proof");
}

TEST(Sniff, Z3Proofs) {
  EXPECT_EQ(sniff_proof("unsat\n((set-logic QF_UF)\n(proof\n").kind, "z3");
  EXPECT_EQ(sniff_proof("((set-logic QF_UF)\n(proof\n").kind, "z3");
}

// Reject cases: each of these must not be read as a proof hcert checks; the description
// says what it is.
TEST(Sniff, FormsHcertDoesNotRead) {
  EXPECT_EQ(sniff_proof("").kind, "");  // empty: nothing to check
  EXPECT_EQ(sniff_proof("p cnf 3 2\n1 2 0\n").what, "a DIMACS CNF problem, not a proof");  // arguments swapped
  EXPECT_EQ(sniff_proof("pseudo-Boolean proof version 1.2\n").what, "a VeriPB proof");
  EXPECT_EQ(sniff_proof("(assume a0 (not p))\n").what, "an Alethe proof (cvc5, veriT)");
  EXPECT_EQ(sniff_proof("(set-logic QF_UF)\n(assert p)\n").what, "an SMT-LIB problem, not a proof");
  EXPECT_EQ(sniff_proof("s UNSATISFIABLE\n").what, "a solver's output, not a proof");
  EXPECT_EQ(sniff_proof(bytes({0x7f, 'E', 'L', 'F', 2, 1, 1, 0})).what, "binary data hcert does not recognise");
  EXPECT_EQ(sniff_proof("hello world\n").kind, "");
}

TEST(Sniff, Problems) {
  EXPECT_EQ(sniff_problem("c comment\np cnf 2 1\n1 2 0\n").kind, "dimacs");
  EXPECT_EQ(sniff_problem("; comment\n(set-logic QF_UF)\n").kind, "smtlib2");
  // Reject: a CNF without its header, and a certificate given as the problem.
  EXPECT_EQ(sniff_problem("1 2 0\n").kind, "");
  EXPECT_EQ(sniff_problem("hcert 1\n").kind, "");
  EXPECT_EQ(sniff_problem("").kind, "");
}

}  // namespace
}  // namespace hcert
