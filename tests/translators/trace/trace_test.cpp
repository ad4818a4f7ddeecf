// Trace -> certificate -> kernel, end to end in one process (spec/trace.md): the
// hand-written traces of tests/translators/trace/data verify, with and without hints, in
// text and binary; every kind of step has a case the check must refuse, each saying why.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "checker/checker.hpp"
#include "formats/cert_emit.hpp"
#include "formats/trace/hcert_trace.hpp"
#include "formats/trace_reader.hpp"
#include "tests/support.hpp"
#include "tests/translators/smt_check.hpp"
#include "translators/trace/trace_to_cert.hpp"
#include "trusted/problem.hpp"

using namespace hcert;
using check::Outcome;

namespace {

std::string data(const std::string& f) {
  std::ifstream in(check::default_theory_dir() + "/../../tests/translators/trace/data/" + f, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Checks `trace` against the SMT-LIB problem `smt` (texts), in an environment of its own.
Outcome check_trace(const std::string& smt, const std::string& trace, std::string* msg = nullptr,
                    trace::TraceStats* stats = nullptr) {
  return test::check_smt_translation("trace", smt, [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
    trace::TraceStats st = trace::trace_to_certificate(ctx, sha, [&] { return string_source(trace); }, em);
    if (stats) *stats = st;
  }, msg);
}

// The trace with each derived clause's hints dropped and each lemma's hint replaced by "-".
std::string without_hints(const std::string& t) {
  std::string out;
  std::istringstream in(t);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, std::regex("(c [0-9]+ (?:-?[0-9]+ )*0) .*"))) line = m[1].str() + " 0";
    else if (std::regex_match(line, m, std::regex("(t [0-9]+ (?:-?[0-9]+ )*0) .*"))) line = m[1].str() + " -";
    out += line + "\n";
  }
  return out;
}

// `t` with the first occurrence of `from` replaced by `to` (the case must change it).
std::string edit(const std::string& t, const std::string& from, const std::string& to) {
  size_t at = t.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return t;
  return t.substr(0, at) + to + t.substr(at + from.size());
}

const char* const kProblems[] = {"rdl", "uf", "idl", "tseitin"};

TEST(Trace, HandWrittenTracesVerify) {
  for (const char* p : kProblems) {
    std::string msg;
    trace::TraceStats st;
    EXPECT_EQ(check_trace(data(std::string(p) + ".smt2"), data(std::string(p) + ".trace"), &msg, &st), Outcome::Verified)
        << p << ": " << msg;
    EXPECT_EQ(st.holes, 0u) << p;
  }
}

// Without hints hcert finds them: propagation for the clauses, search for the lemmas.
TEST(Trace, HintFreeTracesVerify) {
  for (const char* p : kProblems) {
    std::string msg, t = without_hints(data(std::string(p) + ".trace"));
    trace::TraceStats st;
    EXPECT_EQ(check_trace(data(std::string(p) + ".smt2"), t, &msg, &st), Outcome::Verified) << p << ": " << msg;
    EXPECT_EQ(st.derived_searched, st.derived) << p;
    EXPECT_EQ(st.lemmas_hinted, 0u) << p;
  }
}

// Steps the examples do not show: an input clause that is a conjunct of its assertion or
// needs the case split (clausified differently), a lemma kind hcert searches for (cut, br),
// an integer branch.
TEST(Trace, OtherStepShapesVerify) {
  struct Case {
    const char* what;
    std::string smt, trace;
  };
  std::string rdl = data("rdl.trace"), idl = data("idl.trace");
  std::string rdl_and = edit(edit(data("rdl.smt2"), "(assert (<= (- x y) 3))", "(assert (and (<= (- x y) 3) (<= (- z x) (- 2))))"),
                             "(assert (<= (- z x) (- 2)))", "(assert true)");
  const Case cases[] = {
      {"conjuncts of assertion 0", rdl_and, edit(rdl, "i 3 2 4 0", "i 3 0 4 0")},
      {"an input clause reordered (the case split)", data("rdl.smt2"), edit(rdl, "i 2 1 2 3 0", "i 2 1 3 2 0")},
      {"a 'cut' lemma: searched", data("rdl.smt2"), edit(rdl, "t 4 -1 -3 0 dl", "t 4 -1 -3 0 cut 1 1")},
      {"an integer branch", data("idl.smt2"),
       edit(idl, "c 18 -7 0 0\nc 19 0 0\n", "a 13 (<= s1 1)\na 14 (>= s1 2)\nt 18 13 14 0 br\nc 19 -7 0 0\nc 20 0 0\n")},
  };
  for (const Case& c : cases) {
    std::string msg;
    EXPECT_EQ(check_trace(c.smt, c.trace, &msg), Outcome::Verified) << c.what << ": " << msg;
  }
}

size_t to_string_sink(void* ctx, const void* data, size_t n) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), n);
  return n;
}

// A binary trace written by the emitter (the QF_RDL example, with deletions).
TEST(Trace, BinaryTraceFromEmitterVerifies) {
  std::string bytes;
  {
    hcert_trace::Writer w(&to_string_sink, &bytes, hcert_trace::Format::Binary);
    w.atom("(<= (- x y) 3)");
    w.atom("(<= (- y z) (- 2))");
    w.atom("(<= (- y x) (- 5))");
    w.atom("(<= (- z x) (- 2))");
    int l1[] = {1}, l23[] = {2, 3}, l4[] = {4}, t1[] = {-1, -3}, t2[] = {-1, -2, -4}, d1[] = {-3}, d2[] = {2};
    w.input_of(0, l1, 1);
    w.input_of(1, l23, 2);
    w.input_of(2, l4, 1);
    w.lemma_of(t1, 2, hcert_trace::Hint::NegCycle);
    hcert_trace::Coef c[] = {{2}, {2}, {2}};  // any positive multiple of a Farkas combination
    w.lemma_of(t2, 3, hcert_trace::Hint::Farkas, c, 3);
    uint64_t h6[] = {1, 4}, h7[] = {2, 6}, gone[] = {4}, h8[] = {1, 3, 7, 5};
    w.derived_of(d1, 1, h6, 2);
    w.derived_of(d2, 1, h7, 2);
    w.remove(gone, 1);
    w.conflict(h8, 4);
    ASSERT_TRUE(w.ok());
  }
  std::string msg;
  EXPECT_EQ(check_trace(data("rdl.smt2"), bytes, &msg), Outcome::Verified) << msg;
}

// A trace that claims unsat for a satisfiable problem never verifies, with hints or without:
// the problems below are the examples with one assertion weakened or dropped.
TEST(Trace, SatisfiableProblemNeverVerifies) {
  struct Case {
    const char* problem;
    std::string smt;
  };
  const Case cases[] = {
      {"rdl", edit(data("rdl.smt2"), "(assert (<= (- z x) (- 2)))", "(assert (<= (- z x) 10))")},
      {"rdl", edit(data("rdl.smt2"), "(assert (<= (- x y) 3))", "(assert (<= (- x y) 30))")},
      {"uf", edit(data("uf.smt2"), "(assert (= a b))", "(assert (= a a))")},
      {"idl", edit(data("idl.smt2"), "(assert (<= s3 3))", "(assert (<= s3 4))")},
      {"tseitin", edit(data("tseitin.smt2"), "(assert (< y x))", "(assert (< y (+ x 5)))")},
  };
  for (const Case& c : cases)
    for (bool hints : {true, false}) {
      std::string t = data(std::string(c.problem) + ".trace"), msg;
      if (!hints) t = without_hints(t);
      EXPECT_NE(check_trace(c.smt, t, &msg), Outcome::Verified) << c.problem << (hints ? "" : " (no hints)");
    }
}

// One wrong step of each kind: the outcome it must get and the reason, and why.
// The fast paths are the ones taken: hint-free definition clauses by their connectives,
// dl lemmas (and `la 1 1 1`) as cycles; with the hints removed, the cycles are found too.
TEST(Trace, DefinitionsAndCyclesTakeTheirDirectProofs) {
  trace::TraceStats st;
  std::string msg;
  EXPECT_EQ(check_trace(data("tseitin.smt2"), data("tseitin.trace"), &msg, &st), Outcome::Verified) << msg;
  EXPECT_EQ(st.lemmas_definitions, 3u);
  EXPECT_EQ(check_trace(data("idl.smt2"), data("idl.trace"), &msg, &st), Outcome::Verified) << msg;
  EXPECT_EQ(st.lemmas_cycles, 8u);
  EXPECT_EQ(check_trace(data("idl.smt2"), without_hints(data("idl.trace")), &msg, &st), Outcome::Verified) << msg;
  EXPECT_EQ(st.lemmas_cycles, 8u);
  // ite and iff definitions: N = ite p q r with p and ~q asserted; M = (p = q)
  std::string smt = "(set-logic QF_UF)(declare-const p Bool)(declare-const q Bool)(declare-const r Bool)"
                    "(assert (ite p q r))(assert (not q))(assert p)(check-sat)";
  std::string tr = "hcert-trace 1\na 1 p\na 2 q\na 3 r\nd 4 (ite @1 @2 @3)\nd 5 (= @1 @2)\n"
                   "i 1 0 4 0\ni 2 1 -2 0\ni 3 2 1 0\nt 4 -4 -1 2 0 -\nt 5 5 -1 -2 0 -\nt 6 -5 -1 2 0 -\n"
                   "c 7 0 1 2 3 4 0\n";
  EXPECT_EQ(check_trace(smt, tr, &msg, &st), Outcome::Verified) << msg;
  EXPECT_EQ(st.lemmas_definitions, 3u);
  // Refused: N's clause with r for q (p true, q true, r false: N true, the clause false).
  EXPECT_EQ(check_trace(smt, edit(tr, "t 4 -4 -1 2 0 -", "t 4 -4 -1 3 0 -"), &msg), Outcome::Rejected) << msg;
  // Refused: M's clause M \/ p \/ q is not valid (p, q false: M true).
  EXPECT_EQ(check_trace(smt, edit(tr, "t 5 5 -1 -2 0 -", "t 5 -5 1 2 0 -"), &msg), Outcome::Rejected) << msg;
}

// Definition clauses whose contradiction is a negation and its operand ({~x, x}, proved by
// CLAUSE_INTRO of ASSUME ~x, comp(~x) = x): also when the operand is itself a negation
// (N = ~a as an operand: the hypotheses ~~a and ~a), and when the literal is a definition's.
TEST(Trace, DefinitionClausesOverNegations) {
  std::string smt = "(set-logic QF_UF)(declare-const a Bool)(declare-const b Bool)"
                    "(assert (or (not a) b))(assert a)(assert (not b))(check-sat)";
  std::string tr = "hcert-trace 1\na 1 a\na 2 b\nd 3 (not @1)\nd 4 (or @3 @2)\nd 5 (and @3 @1)\n"
                   "i 1 0 4 0\ni 2 1 1 0\ni 3 2 -2 0\nt 4 -4 3 2 0 -\nt 5 -3 -1 0 -\nt 6 -5 -1 0 -\nc 7 0 1 2 3 4 5 0\n";
  trace::TraceStats st;
  std::string msg;
  EXPECT_EQ(check_trace(smt, tr, &msg, &st), Outcome::Verified) << msg;
  EXPECT_EQ(st.lemmas_definitions, 2u);  // 4 and 6; lemma 5 ({~a, a}: no connective) by the case split
  EXPECT_EQ(st.holes, 0u);
  // Refused: ~N \/ b for N = ~a \/ b is not valid (a, b false: N true).
  EXPECT_EQ(check_trace(smt, edit(tr, "t 4 -4 3 2 0 -", "t 4 -4 2 0 -"), &msg), Outcome::Rejected) << msg;
  // Refused: ~(~a) \/ a is a \/ a, not valid (a false).
  EXPECT_EQ(check_trace(smt, edit(tr, "t 5 -3 -1 0 -", "t 5 -3 1 0 -"), &msg), Outcome::Rejected) << msg;
  // Refused: M \/ a for M = ~a /\ a is not valid (a false: M false too); the trace's
  // ~M \/ ~a is (the negation has ~a and a).
  EXPECT_EQ(check_trace(smt, edit(tr, "t 6 -5 -1 0 -", "t 6 5 1 0 -"), &msg), Outcome::Rejected) << msg;
}

// An input clause {c} whose assertion has the conjunct ~~c (a clausifier that reads
// `(not (not e))` as e's literal): proved from the conjunct by NOT_ELIM and NOT_INTRO, a
// few records, where the case split over the assertion costs more the more atoms it has
// (without this path: 63 records over the same trace against an assertion without the
// negations, here at most 30). The problem has no arithmetic: only core is needed.
TEST(Trace, InputClausesUnderDoubleNegations) {
  auto records_of = [](const std::string& smt, const std::string& tr, std::string* msg) {
    size_t records = 0;
    Outcome o = test::check_smt_translation("trace", smt, [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
      trace::trace_to_certificate(ctx, sha, [&] { return string_source(tr); }, em);
    }, msg, &records);
    return std::make_pair(o, records);
  };
  std::string decls = "(set-logic QF_UF)";
  for (const char* v : {"a", "b", "c", "d", "e", "f", "g", "h", "k"}) decls += std::string("(declare-const ") + v + " Bool)";
  std::string big = "(or a b c d e f g h)";
  auto problem = [&](const std::string& first) {
    return decls + "(assert " + first + ")(assert (not " + big + "))(check-sat)";
  };
  std::string tr = "hcert-trace 1\na 1 a\na 2 b\na 3 c\na 4 d\na 5 e\na 6 f\na 7 g\na 8 h\na 9 k\n"
                   "d 10 (or @1 @2 @3 @4 @5 @6 @7 @8)\ni 1 0 10 0\ni 2 0 9 0\ni 3 1 -10 0\nc 4 0 1 3 0\n";
  std::string msg;
  auto plain = records_of(problem("(and " + big + " k)"), tr, &msg);
  ASSERT_EQ(plain.first, Outcome::Verified) << msg;
  // ~~(or …) gives clause 1, ~~~~k clause 2.
  auto negated = records_of(problem("(and (not (not " + big + ")) (not (not (not (not k)))))"), tr, &msg);
  ASSERT_EQ(negated.first, Outcome::Verified) << msg;
  EXPECT_LE(negated.second, plain.second + 30);
  // An odd number of negations: ~~~k gives ~k, so clause {-9} follows.
  EXPECT_EQ(records_of(problem("(and " + big + " (not (not (not k))))"), edit(tr, "i 2 0 9 0", "i 2 0 -9 0"), &msg).first,
            Outcome::Verified) << msg;
  // Refused: ~~~k does not give k.
  EXPECT_EQ(records_of(problem("(and " + big + " (not (not (not k))))"), tr, &msg).first, Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("input clause 2 does not follow from assertion 0"), std::string::npos) << msg;
  // Refused: ~~(or …) does not give its negation.
  EXPECT_EQ(records_of(problem("(and (not (not " + big + ")) k)"), edit(tr, "i 1 0 10 0", "i 1 0 -10 0"), &msg).first,
            Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("input clause 1 does not follow from assertion 0"), std::string::npos) << msg;
}

// A definition whose operands are written with the problem's double negations
// (`(not (not @1))`, as the example solver writes them): its clauses by the connectives,
// each ~~y read as y; a wrong clause is still refused. Before this reading one of them
// went to the case split, which in a problem without arithmetic failed the whole check
// (Arith::is_atom made the type int, which was not loaded).
TEST(Trace, DefinitionClausesUnderDoubleNegations) {
  std::string smt = "(set-logic QF_UF)(declare-const a Bool)(declare-const b Bool)"
                    "(assert (and (not (not a)) (not (not (not b)))))(assert (not a))(check-sat)";
  std::string tr = "hcert-trace 1\na 1 a\na 2 b\nd 3 (and (not (not @1)) (not (not (not @2))))\ni 1 0 3 0\ni 2 1 -1 0\n"
                   "t 3 -3 1 0 -\nt 4 -3 -2 0 -\nt 5 3 -1 2 0 -\nc 6 0 1 2 3 0\n";
  trace::TraceStats st;
  std::string msg;
  EXPECT_EQ(check_trace(smt, tr, &msg, &st), Outcome::Verified) << msg;
  EXPECT_EQ(st.lemmas_definitions, 3u);
  EXPECT_EQ(st.holes, 0u);
  // Refused: ~N \/ b for N = ~~a /\ ~~~b is not valid (a true, b false: N true).
  EXPECT_EQ(check_trace(smt, edit(tr, "t 4 -3 -2 0 -", "t 4 -3 2 0 -"), &msg), Outcome::Rejected) << msg;
  // Refused: N \/ ~a \/ ~b is not valid (a true, b true: N false).
  EXPECT_EQ(check_trace(smt, edit(tr, "t 5 3 -1 2 0 -", "t 5 3 -1 -2 0 -"), &msg), Outcome::Rejected) << msg;
}

// Arithmetic lemmas of one shape over other atoms (an equation's split, a Farkas lemma)
// are instances of the first one's pattern (one INST each); an instance never makes a
// wrong lemma pass: one of the same shape with another constant, or the same atoms with
// other coefficients, is proved (or refused) on its own.
TEST(Trace, ArithmeticLemmasOfOnePatternAreInstances) {
  std::string smt = "(set-logic QF_IDL)(declare-const x Int)(declare-const y Int)(declare-const u Int)"
                    "(declare-const v Int)(assert (<= x 3))(assert (>= x 3))(assert (not (= x 3)))(check-sat)";
  std::string tr = "hcert-trace 1\na 1 (= x 3)\na 2 (<= x 3)\na 3 (>= x 3)\na 4 (= y 3)\na 5 (<= y 3)\na 6 (>= y 3)\n"
                   "a 7 (<= (- x y) 2)\na 8 (<= (- y x) (- 3))\na 9 (<= (- u v) 2)\na 10 (<= (- v u) (- 3))\n"
                   "i 1 0 2 0\ni 2 1 3 0\ni 3 2 -1 0\nt 4 4 -5 -6 0 -\nt 5 1 -2 -3 0 -\n"
                   "t 6 -7 -8 0 la 2 2\nt 7 -9 -10 0 la 2 2\nc 8 0 1 2 3 5 0\n";
  trace::TraceStats st;
  std::string msg;
  EXPECT_EQ(check_trace(smt, tr, &msg, &st), Outcome::Verified) << msg;
  EXPECT_EQ(st.lemmas_patterns, 4u);
  EXPECT_EQ(st.holes, 0u);
  // Refused: y = 3 \/ ~(y <= 4) \/ ~(y >= 3) is not valid (y = 4), though its shape is
  // that of lemma 4 (another constant: another pattern).
  std::string wrong = edit(edit(tr, "i 1 0", "a 11 (<= y 4)\ni 1 0"), "t 5 1 -2 -3 0 -", "t 5 4 -11 -6 0 -");
  EXPECT_EQ(check_trace(smt, wrong, &msg), Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("theory lemma 5"), std::string::npos) << msg;
  // Refused: lemma 7 with the multipliers 2 1 (the sum keeps u and v), after lemma 6's
  // pattern was proved with 2 2.
  EXPECT_EQ(check_trace(smt, edit(tr, "t 7 -9 -10 0 la 2 2", "t 7 -9 -10 0 la 2 1"), &msg), Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("theory lemma 7: the coefficients are not a Farkas combination"), std::string::npos) << msg;
}

// The `cut`, `br` and `row` hints are used, not searched around (stats: from hints); a
// hint that does not work falls back to the search, which decides the lemma as if it had
// no hint: a valid lemma still verifies (searched), a false one is refused or left a hole,
// never accepted.
TEST(Trace, CutBranchAndRowHintsAreUsed) {
  struct Case {
    const char* why;
    std::string smt, trace;
    Outcome want;
    uint64_t hinted, searched;
  };
  std::string lia = "(set-logic QF_LIA)(declare-const x Int)(declare-const y Int)";
  std::string cut_smt = lia + "(assert (<= 18 (* 4 x)))(assert (<= (* 4 x) 19))(check-sat)";
  std::string cut_tr = "hcert-trace 1\na 1 (<= 18 (* 4 x))\na 2 (<= (* 4 x) 19)\ni 1 0 1 0\ni 2 1 2 0\n"
                       "t 3 -1 -2 0 cut 1 0\nc 4 0 1 2 3 0\n";
  std::string gcd_smt = lia + "(assert (= (+ (* 3 x) (* 3 y)) 1))(check-sat)";
  std::string gcd_tr = "hcert-trace 1\na 1 (= (+ (* 3 x) (* 3 y)) 1)\ni 1 0 1 0\nt 2 -1 0 cut 1\nc 3 0 1 2 0\n";
  std::string br_smt = lia + "(assert (not (<= x 3)))(assert (not (>= x 4)))(check-sat)";
  std::string br_tr = "hcert-trace 1\na 1 (<= x 3)\na 2 (>= x 4)\ni 1 0 -1 0\ni 2 1 -2 0\nt 3 1 2 0 br\nc 4 0 1 2 3 0\n";
  std::string br2_smt = lia + "(assert (not (<= (+ x y) 3)))(assert (not (>= (+ x y) 4)))(check-sat)";
  std::string br2_tr = "hcert-trace 1\na 1 (<= (+ x y) 3)\na 2 (>= (+ x y) 4)\ni 1 0 -1 0\ni 2 1 -2 0\n"
                       "t 3 1 2 0 br\nc 4 0 1 2 3 0\n";
  std::string ax = "(set-logic QF_ALIA)(declare-const a (Array Int Int))(declare-const i Int)(declare-const j Int)"
                   "(declare-const v Int)";
  std::string row_smt = ax + "(assert (not (= (select (store a i v) i) v)))(check-sat)";
  std::string row_tr = "hcert-trace 1\na 1 (= (select (store a i v) i) v)\ni 1 0 -1 0\nt 2 1 0 row\nc 3 0 1 2 0\n";
  std::string row2_smt = ax + "(assert (not (= i j)))(assert (not (= (select (store a i v) j) (select a j))))(check-sat)";
  std::string row2_tr = "hcert-trace 1\na 1 (= i j)\na 2 (= (select (store a i v) j) (select a j))\ni 1 0 -1 0\n"
                        "i 2 1 -2 0\nt 3 1 2 0 row\nc 4 0 1 2 3 0\n";
  const Case cases[] = {
      {"cut: 4x >= 18 rounds to x >= 5, which 4x <= 19 refutes", cut_smt, cut_tr, Outcome::Verified, 1, 0},
      {"cut: the gcd test, 3x + 3y = 1", gcd_smt, gcd_tr, Outcome::Verified, 1, 0},
      {"cut with a negative multiplier of an inequality: no cut, the search proves it", cut_smt,
       edit(cut_tr, "cut 1 0", "cut -1 0"), Outcome::Verified, 0, 1},
      {"refused: cut on 18 <= 4x <= 20 (x = 5 is a solution; the search finds it)",
       edit(cut_smt, "19))", "20))"), edit(cut_tr, "19)\n", "20)\n"), Outcome::Rejected, 0, 1},
      {"br: x <= 3 \\/ x >= 4", br_smt, br_tr, Outcome::Verified, 1, 0},
      {"br over a sum: x + y <= 3 \\/ x + y >= 4", br2_smt, br2_tr, Outcome::Verified, 1, 0},
      {"refused: br x <= 3 \\/ x >= 5 is no branch and not valid (x = 4)", edit(br_smt, "(>= x 4)", "(>= x 5)"),
       edit(br_tr, "(>= x 4)", "(>= x 5)"), Outcome::Rejected, 0, 1},
      {"row: read-over-write at the same index", row_smt, row_tr, Outcome::Verified, 1, 0},
      {"row: read-over-write at another index", row2_smt, row2_tr, Outcome::Verified, 1, 0},
      {"read-over-write without a hint: the search tries the array instances", row2_smt,
       edit(row2_tr, "0 row", "0 -"), Outcome::Verified, 0, 1},
  };
  for (const Case& c : cases) {
    std::string msg;
    trace::TraceStats st;
    EXPECT_EQ(check_trace(c.smt, c.trace, &msg, &st), c.want) << c.why << ": " << msg;
    if (c.want != Outcome::Verified) continue;
    EXPECT_EQ(st.lemmas_hinted, c.hinted) << c.why;
    EXPECT_EQ(st.lemmas_searched, c.searched) << c.why;
  }
  // Not verified: a row lemma that is no instance (the read at j is not v when i != j):
  // no array axiom gives it, and the search has no proof (a hole) or a countermodel.
  std::string msg;
  EXPECT_NE(check_trace(row2_smt, edit(row2_tr, "(select a j)", "v"), &msg), Outcome::Verified) << msg;
}

TEST(Trace, WrongStepsRefused) {
  struct Case {
    const char* why;
    const char* problem;
    std::string trace;
    Outcome want;
    const char* reason;
  };
  std::string rdl = data("rdl.trace"), uf = data("uf.trace"), ts = data("tseitin.trace"), idl = data("idl.trace");
  const Case cases[] = {
      // atom / definition records
      {"an atom of sort Real is no formula, so no literal", "rdl", edit(rdl, "a 1 (<= (- x y) 3)", "a 1 (- x y)"),
       Outcome::InputError, "an atom must be a formula"},
      {"a term naming a symbol the problem does not declare", "rdl", edit(rdl, "a 1 (<= (- x y) 3)", "a 1 (<= (- x w) 3)"),
       Outcome::InputError, "does not elaborate"},
      {"a term that does not parse", "rdl", edit(rdl, "a 1 (<= (- x y) 3)", "a 1 (<= (- x y) 3"), Outcome::InputError,
       "does not parse"},
      {"a dropped definition: @3 then names nothing", "tseitin", edit(ts, "d 3 (and @1 @2)\n", ""), Outcome::InputError,
       "literal 3 names no atom"},
      {"a definition of another term: its defining clauses are no longer tautologies", "tseitin",
       edit(ts, "d 3 (and @1 @2)", "d 3 (or @1 @2)"), Outcome::Rejected, "theory lemma 3"},
      // input clauses
      {"an input clause that does not follow from its assertion", "rdl", edit(rdl, "i 2 1 2 3 0", "i 2 1 2 0"),
       Outcome::Rejected, "input clause 2 does not follow from assertion 1"},
      {"an input clause tied to the wrong assertion", "rdl", edit(rdl, "i 1 0 1 0", "i 1 2 1 0"), Outcome::Rejected,
       "input clause 1 does not follow from assertion 2"},
      {"an assertion index the problem does not have", "rdl", edit(rdl, "i 1 0 1 0", "i 1 9 1 0"), Outcome::InputError,
       "assertion 9 does not exist (the problem has 3)"},
      // derived clauses
      {"a flipped literal: clause 6 is then not implied", "rdl", edit(rdl, "c 6 -3 0", "c 6 3 0"), Outcome::Rejected,
       "RUP"},
      {"hints out of propagation order", "tseitin", edit(ts, "c 10 0 9 1 6 2 8 0", "c 10 0 1 9 6 2 8 0"),
       Outcome::Rejected, "hint 1 of 5 is not unit"},
      {"a hint dropped: no conflict", "rdl", edit(rdl, "c 8 0 1 3 7 5 0", "c 8 0 1 3 7 0"), Outcome::Rejected, "RUP"},
      {"a hint to a deleted clause", "rdl", edit(rdl, "c 7 2 0 2 6 0", "x 6 0\nc 7 2 0 2 6 0"), Outcome::Rejected,
       "hint 6 names no live clause"},
      {"a hint-free clause that propagation does not imply (the empty clause needs clause 18 first)", "idl",
       edit(without_hints(idl), "c 18 -7 0 0\n", ""), Outcome::Rejected, "clause 19 is not implied by unit propagation"},
      // theory lemmas
      {"a wrong Farkas coefficient (the sum keeps a variable)", "rdl", edit(rdl, "la 1 1 1", "la 1 2 1"),
       Outcome::Rejected, "theory lemma 5: the coefficients are not a Farkas combination"},
      {"a negative multiplier of an inequality", "rdl", edit(rdl, "la 1 1 1", "la -1 -1 -1"), Outcome::Rejected,
       "theory lemma 5"},
      {"a negative cycle claimed for a lemma that is none", "idl", edit(idl, "t 16 -7 -11 -10 0 dl", "t 16 -7 -11 -9 0 dl"),
       Outcome::Rejected, "theory lemma 16"},
      {"a cycle whose constants sum to 0 (s1 - s2 <= -2, s2 - s3 <= 4, s3 - s1 <= -2)", "idl",
       edit(idl, "t 16 -7 -11 -10 0 dl\n", "a 13 (<= (- s2 s3) 4)\nt 16 -7 -13 -10 0 dl\n"), Outcome::Rejected,
       "theory lemma 16"},
      {"a wrong cycle: the last edge returns to s2, not to s1 (contradictory, but not by this hint)", "idl",
       edit(idl, "t 16 -7 -11 -10 0 dl", "t 16 -7 -11 -12 0 dl"), Outcome::Rejected, "theory lemma 16"},
      {"a definition's clause with a literal flipped: ~(x < y /\\ p) \\/ ~p is not valid", "tseitin",
       edit(ts, "t 4 -3 2 0 -", "t 4 -3 -2 0 -"), Outcome::Rejected, "theory lemma 4"},
      {"a lemma that is not valid (its negation has a model)", "rdl", edit(rdl, "t 4 -1 -3 0 dl", "t 4 -1 3 0 -"),
       Outcome::Rejected, "theory lemma 4: the negated literals have a model"},
      {"an equality lemma that does not hold (a = b does not give f(a) = f(c)): no proof, so a hole", "uf",
       "hcert-trace 1\na 1 (= a b)\na 2 (= (f a) (f c))\nt 1 -1 2 0 eq\ni 2 0 1 0\ni 3 2 -2 0\nc 4 0 2 1 3 0\n",
       Outcome::Incomplete, ""},
      {"an unprovable lemma the empty clause does not rest on (a = b does not give f(a) = f(c)): every step of a "
       "trace must hold, so INCOMPLETE, not VERIFIED (a wrong step unused by the end is still a wrong trace)", "uf",
       edit(uf, "c 9 0", "t 10 -1 4 0 eq\nc 11 0"), Outcome::Incomplete, "trace line 18: theory lemma not proved"},
      {"a lemma without literals would make the theories inconsistent", "rdl", edit(rdl, "t 4 -1 -3 0 dl", "t 4 0 -"),
       Outcome::Rejected, "theory lemma 4 has no literals"},
      // deletions and the end
      {"a clause deleted twice", "rdl", edit(rdl, "c 8 0", "x 4 0\nx 4 0\nc 8 0"), Outcome::Rejected,
       "deletion of clause 4, which is not live"},
      {"no empty clause: nothing is refuted", "rdl", edit(rdl, "c 8 0 1 3 7 5 0\n", ""), Outcome::Rejected,
       "the trace ends without the empty clause"},
  };
  for (const Case& c : cases) {
    std::string msg;
    Outcome got = check_trace(data(std::string(c.problem) + ".smt2"), c.trace, &msg);
    EXPECT_EQ(got, c.want) << c.why << ": " << msg;
    EXPECT_NE(msg.find(c.reason), std::string::npos) << c.why << ": " << msg;
  }
}

// Hostile traces: random edits of a valid one (text or the binary form) end in a verdict
// or an input error naming a place, never in another exception or a crash; and whatever
// they say, the satisfiable problem is never refuted.
RC_GTEST_PROP(TraceFuzz, MutatedTracesEndInAVerdict, ()) {
  std::string t = data("rdl.trace");
  int n = *rc::gen::inRange(1, 5);
  for (int i = 0; i < n && !t.empty(); ++i) {
    size_t at = *rc::gen::inRange<size_t>(0, t.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0: t[at] = "0123456789 -\nacitdx@()"[*rc::gen::inRange(0, 22)]; break;
      case 1: t.erase(at, *rc::gen::inRange<size_t>(1, 6)); break;
      default: t.insert(at, 1, "0123456789 -\n"[*rc::gen::inRange(0, 13)]);
    }
  }
  std::string msg;
  Outcome o = check_trace(data("rdl.smt2"), t, &msg);
  RC_ASSERT(o == Outcome::Verified || o == Outcome::Rejected || o == Outcome::Incomplete || o == Outcome::InputError);
  std::string sat = edit(data("rdl.smt2"), "(assert (<= (- z x) (- 2)))", "(assert (<= (- z x) 10))");
  RC_ASSERT(check_trace(sat, t) != Outcome::Verified);
}

}  // namespace
