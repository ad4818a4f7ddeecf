// Accept and reject micro-cases for every certificate record and step rule, run through the
// real checker against a small DIMACS problem. Accept cases state the exact conclusion with
// a `concl` record, so a rule that derives anything else fails the case.
#include <gtest/gtest.h>

#include <fstream>
#include <pthread.h>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "formats/cert_io.hpp"
#include "trusted/sha256.hpp"
#include "tests/support.hpp"

using namespace hcert;
using check::Outcome;

namespace {

// Problem 0: the empty clause, so "assert 1 0; end 1" is a refutation.
// Problem 1: x1 and ~x1.
// Problem 2: x1, x2 all four ways.
const char* kCnf[] = {"p cnf 1 1\n0\n", "p cnf 1 2\n1 0\n-1 0\n", "p cnf 2 4\n1 2 0\n1 -2 0\n-1 2 0\n-1 -2 0\n"};

std::string problem_path(int i) {
  std::string path = testing::TempDir() + "/hcert_checker_test_" + std::to_string(i) + ".cnf";
  std::ofstream(path) << kCnf[i];
  return path;
}

// Runs a certificate body (after the preamble) and returns the outcome; `finish` decides
// whether a missing end record counts (true) or only the records are checked (false).
// `on_demand`: the problem is elaborated as `hcert check` of a SAT proof does it
// (check::elaborate_on_demand: clause terms made as records ask for them).
Outcome run(const std::string& body, bool finish = true, int problem = 0, std::string* msg = nullptr,
            const std::string& preamble = "", bool on_demand = false) {
  std::string path = problem_path(problem);
  std::string cert = "hcert 1\nproblem dimacs " + sha256_hex(kCnf[problem]) + "\nclaim unsat\n" + preamble + body;
  Cnf cnf = read_dimacs(path);
  check::Checker c(hcert::tenv(), check::default_theory_dir(), [&](const std::string&) {
    return on_demand ? check::elaborate_on_demand(cnf) : check::elaborate(hcert::tenv(), cnf);
  });
  return test::outcome_of(c, [&] {
    auto in = cert::text_reader(string_source(cert));
    cert::Record r;
    while (in->next(r)) c.feed(r);
  }, msg, finish);
}

// bool (type 1), bool->bool (2), bool->bool->bool (3); p q (terms 1 2), = at bool (3),
// F (4), f : bool->bool (5); term 6 = (p = q), term 7 = (f p), term 8 = (f q).
const std::string kNodes =
    "tyop 1 bool\ntyop 2 fun 1 1\ntyop 3 fun 1 2\n"
    "var 1 p 1\nvar 2 q 1\nconst 3 = 3\nconst 4 F 1\nvar 5 f 2\n"
    "app 10 3 1\napp 6 10 2\napp 7 5 1\napp 8 5 2\n";
// eq(a, b) as term id `id`, using scratch id id+1000.
std::string eq(int id, int a, int b) {
  return "app " + std::to_string(id + 1000) + " 3 " + std::to_string(a) + "\napp " + std::to_string(id) + " " +
         std::to_string(id + 1000) + " " + std::to_string(b) + "\n";
}

struct Case {
  const char* name;
  std::string body;
  Outcome want;
};

class Micro : public testing::TestWithParam<Case> {};

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string n;
  for (char ch : std::string(info.param.name)) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
}

TEST_P(Micro, Outcome) {
  const Case& c = GetParam();
  std::string msg;
  EXPECT_EQ(run(kNodes + c.body, false, 0, &msg), c.want) << c.name << ": " << msg;
}

const std::string A = "step 1 assume 6\n";  // {p = q} ⊢ p = q
// \/ (40), p \/ q (42), ~ (44), ~p (43).
const std::string kClauseNodes = "const 40 |\\\\/| 3\napp 41 40 1\napp 42 41 2\nconst 44 ~ 2\napp 43 44 1\n";
const std::string kRupClauses = "app 46 40 43\napp 47 46 2\nstep 1 assume 42\nstep 2 clause_intro 1\nstep 3 assume 47\n"
                                "step 4 clause_intro 3\n";

INSTANTIATE_TEST_SUITE_P(
    Rules, Micro,
    testing::Values(
        Case{"refl", "step 1 refl 1\n" + eq(20, 1, 1) + "concl 1 20\n", Outcome::Verified},
        Case{"refl wrong concl", "step 1 refl 1\n" + eq(20, 2, 2) + "concl 1 20\n", Outcome::Rejected},
        Case{"refl no argument", "step 1 refl\n", Outcome::InputError},
        Case{"refl two arguments", "step 1 refl 1 2\n", Outcome::InputError},
        Case{"assume", A + "concl 1 6\n", Outcome::Verified},
        Case{"assume non-bool", "step 1 assume 5\n", Outcome::Rejected},
        Case{"trans", A + "step 2 refl 2\nstep 3 trans 1 2\nconcl 3 6\n", Outcome::Verified},
        Case{"trans mismatch", A + "step 2 trans 1 1\n", Outcome::Rejected},
        Case{"trans one premise", A + "step 2 trans 1\n", Outcome::InputError},
        Case{"trans zero premises", "step 2 trans\n", Outcome::InputError},
        Case{"mk_comb", A + "step 2 refl 5\nstep 3 mk_comb 2 1\n" + eq(20, 7, 8) + "concl 3 20\n", Outcome::Verified},
        Case{"mk_comb types", A + "step 3 mk_comb 1 1\n", Outcome::Rejected},
        Case{"abs hyp var", A + "step 2 abs 1 1\n", Outcome::Rejected},
        Case{"abs", "step 1 refl 1\nvar 30 r 1\nstep 2 abs 30 1\nlam 31 30 1\ntyop 60 fun 2 1\ntyop 61 fun 2 60\n"
                    "const 62 = 61\napp 63 62 31\napp 20 63 31\nconcl 2 20\n",
             Outcome::Verified},
        Case{"abs non-var", "step 1 refl 1\nstep 2 abs 7 1\n", Outcome::Rejected},
        Case{"beta", "var 30 r 1\nlam 31 30 30\napp 32 31 1\nstep 1 beta 32\n" + eq(20, 32, 1) + "concl 1 20\n",
             Outcome::Verified},
        Case{"beta non-var arg", "var 30 r 1\nlam 31 30 30\napp 32 31 7\nstep 1 beta 32\n", Outcome::Rejected},
        Case{"beta_conv non-var arg", "var 30 r 1\nlam 31 30 30\napp 32 31 7\nstep 1 beta_conv 32\n" + eq(20, 32, 7) +
                                          "concl 1 20\n", Outcome::Verified},
        Case{"eq_mp", A + "step 2 assume 1\nstep 3 eq_mp 1 2\nconcl 3 2\n", Outcome::Verified},
        Case{"eq_mp mismatch", A + "step 2 assume 2\nstep 3 eq_mp 1 2\n", Outcome::Rejected},
        Case{"deduct_antisym", "step 1 assume 1\nstep 2 assume 2\nstep 3 deduct_antisym 1 2\nconcl 3 6\n",
             Outcome::Verified},
        Case{"inst", A + "step 2 inst 1 2 1\n" + eq(20, 1, 1) + "concl 2 20\n", Outcome::Verified},
        Case{"inst type mismatch", A + "step 2 inst 1 2 5\n", Outcome::Rejected},
        Case{"inst odd arguments", A + "step 2 inst 1 2\n", Outcome::InputError},
        Case{"inst_type", "tyvar 40 A\nvar 41 x 40\nstep 1 refl 41\nstep 2 inst_type 1 40 1\nvar 42 x 1\n" +
                              eq(20, 42, 42) + "concl 2 20\n", Outcome::Verified},
        Case{"inst_type non-variable key", "step 1 refl 1\nstep 2 inst_type 1 1 2\n", Outcome::Rejected},
        Case{"sym", A + "step 2 sym 1\n" + eq(20, 2, 1) + "concl 2 20\n", Outcome::Verified},
        Case{"sym non-equation", "step 1 assume 1\nstep 2 sym 1\n", Outcome::Rejected},
        Case{"ap_term", A + "step 2 ap_term 5 1\n" + eq(20, 7, 8) + "concl 2 20\n", Outcome::Verified},
        Case{"ap_thm", "step 1 refl 5\nstep 2 ap_thm 1 1\n" + eq(20, 7, 7) + "concl 2 20\n", Outcome::Verified},
        Case{"ap_thm type", "step 1 refl 5\nstep 2 ap_thm 1 5\n", Outcome::Rejected},
        Case{"prove_hyp", A + "step 2 refl 1\nstep 3 assume 6\nstep 4 prove_hyp 1 3\nconcl 4 6\n", Outcome::Verified},
        Case{"unknown rule", "step 1 resolve_everything 1\n", Outcome::Incomplete},
        // Boolean and clause rules over the core theory (spec/rules.md).
        Case{"truth", "step 1 truth\nconst 50 T 1\nconcl 1 50\n", Outcome::Verified},
        Case{"truth with an argument", "step 1 truth 1\n", Outcome::InputError},
        Case{"conj and conjunct2", "step 1 assume 1\nstep 2 assume 2\nstep 3 conj 1 2\nstep 4 conjunct2 3\nconcl 4 2\n",
             Outcome::Verified},
        Case{"conjunct1 of a non-conjunction", "step 1 assume 1\nstep 2 conjunct1 1\n", Outcome::Rejected},
        Case{"clause_intro", kClauseNodes + "step 1 assume 42\nstep 2 clause_intro 1\nconcl 2 4\n", Outcome::Verified},
        Case{"clause_intro of an equation is a one-literal clause", "step 1 refl 5\nstep 2 clause_intro 1\nconcl 2 4\n",
             Outcome::Verified},
        Case{"clause_intro with two premises", "step 1 refl 5\nstep 2 clause_intro 1 1\n", Outcome::InputError},
        Case{"resolve_chain", kClauseNodes + "step 1 assume 42\nstep 2 clause_intro 1\nstep 3 assume 43\n"
                                             "step 4 clause_intro 3\nstep 5 resolve_chain 2 4 1 1\nconcl 5 4\n",
             Outcome::Verified},
        Case{"resolve_chain, wrong side", kClauseNodes + "step 1 assume 42\nstep 2 clause_intro 1\nstep 3 assume 43\n"
                                                        "step 4 clause_intro 3\nstep 5 resolve_chain 2 4 1 0\n",
             Outcome::Rejected},
        Case{"resolve_chain, side 2", kClauseNodes + "step 1 assume 42\nstep 2 clause_intro 1\nstep 3 assume 43\n"
                                                    "step 4 clause_intro 3\nstep 5 resolve_chain 2 4 1 2\n",
             Outcome::InputError},
        Case{"resolve, pivot not a hypothesis", kClauseNodes + "step 1 assume 42\nstep 2 clause_intro 1\n"
                                                               "step 3 resolve 2 2 1\n", Outcome::Rejected},
        Case{"assume_concl", "step 1 refl 1\nstep 2 assume_concl 1\n" + eq(20, 1, 1) + "concl 2 20\n", Outcome::Verified},
        Case{"assume_concl of a term id", "step 1 assume_concl 1\n", Outcome::InputError},
        // (~p) \/ q is 47; the clause theorems of p \/ q and of ~p \/ q are 2 and 4.
        Case{"rup", kClauseNodes + kRupClauses + "step 5 rup 1 2 1 2 4\nconcl 5 4\n", Outcome::Verified},
        Case{"rup, hint not unit", kClauseNodes + kRupClauses + "step 5 rup 0 2 4\n", Outcome::Rejected},
        Case{"rup, no conflict", kClauseNodes + kRupClauses + "step 5 rup 1 2 1 2\n", Outcome::Rejected},
        Case{"rup, sign 2", kClauseNodes + kRupClauses + "step 5 rup 1 2 2 2 4\n", Outcome::InputError},
        Case{"rup, more literals than arguments", kClauseNodes + kRupClauses + "step 5 rup 9 2 1\n", Outcome::InputError},
        Case{"theorem id as term", A + "step 2 refl 99\n", Outcome::InputError}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    Records, Micro,
    testing::Values(
        Case{"type id reused", "tyop 1 bool\n", Outcome::InputError},
        Case{"future reference", "app 50 51 52\n", Outcome::InputError},
        Case{"self reference (cycle)", "app 50 50 50\n", Outcome::InputError},
        Case{"undeclared type operator", "tyop 50 nosuchtype\n", Outcome::Rejected},
        Case{"wrong type arity", "tyop 50 fun 1\n", Outcome::Rejected},
        Case{"ill-typed application", "app 50 1 1\n", Outcome::Rejected},
        Case{"lam over non-variable", "lam 50 7 1\n", Outcome::Rejected},
        Case{"constant at wrong type", "const 50 F 2\n", Outcome::Rejected},
        Case{"deleted theorem", A + "del thm 1\nstep 2 sym 1\n", Outcome::InputError},
        Case{"delete unknown", "del tm 999\n", Outcome::InputError},
        Case{"delete bad kind", "del foo 1\n", Outcome::InputError},
        Case{"id reusable after delete", A + "del thm 1\n" + A, Outcome::Verified},
        Case{"axiom outside theory", "axiom 1 bad 4\n", Outcome::InputError},
        Case{"assert out of range", "assert 1 5\n", Outcome::InputError},
        Case{"aterm", "aterm 50 0\nassert 1 0\nconcl 1 50\nconcl 1 4\n", Outcome::Verified},
        Case{"fact of definition", "fact 1 F\nconcl 1 4\n", Outcome::Rejected},
        Case{"fact unknown", "fact 1 nosuchfact\n", Outcome::InputError},
        Case{"def in certificate", "var 50 mydef_c1 1\n" + eq(51, 50, 1) + "def 1 51\n", Outcome::Rejected},
        Case{"def closed", "var 50 mydef_c2 1\n" + eq(51, 50, 4) + "def 1 51\n", Outcome::Verified},
        Case{"redefine F", "var 50 F 1\n" + eq(51, 50, 4) + "def 1 51\n", Outcome::Rejected},
        Case{"newconst", "newconst mycert_c 1\nconst 50 mycert_c 1\n", Outcome::Verified},
        Case{"newtype twice", "newtype mycert_t 0\nnewtype mycert_t 0\n", Outcome::Rejected},
        Case{"theory after body", "theory core x\n", Outcome::InputError},
        Case{"second header", "hcert 1\n", Outcome::InputError},
        Case{"concl of unknown", "concl 77 1\n", Outcome::InputError}),
    case_name);

// Whole certificates, with end records.
TEST(Checker, RefutationVerifies) { EXPECT_EQ(run("assert 1 0\nend 1\n"), Outcome::Verified); }

TEST(Checker, MissingEndIsInputError) {
  std::string msg;
  EXPECT_EQ(run("assert 1 0\n", true, 0, &msg), Outcome::InputError);
  EXPECT_NE(msg.find("end record"), std::string::npos) << msg;
}

TEST(Checker, RecordAfterEnd) { EXPECT_EQ(run("assert 1 0\nend 1\nassert 2 0\n"), Outcome::InputError); }

TEST(Checker, FinalTheoremMustConcludeF) {
  EXPECT_EQ(run("assert 1 0\nassert 2 1\nend 2\n", true, 1), Outcome::Rejected);
}

// Carcara #103: F derived under an assumption that is not an assertion is no refutation.
TEST(Checker, RefutationUnderLocalAssumptionRejected) {
  EXPECT_EQ(run("tyop 1 bool\nconst 1 F 1\nstep 1 assume 1\nend 1\n", true, 1), Outcome::Rejected);
}

// A conjunction of the problem's clauses as the final hypothesis (spec/kernel.md §10: what
// a DRAT check's Φ over the clauses its core names is), the problem elaborated either way.
// Problem 1 is x1 (assertion 0) and ~x1 (assertion 1).
const std::string kConjHead = "tyop 1 bool\ntyop 2 fun 1 1\ntyop 3 fun 1 2\nconst 3 |/\\\\| 3\n";
TEST(Checker, ConjunctionOfAssertionsVerifies) {
  const std::string body = kConjHead + "aterm 1 0\naterm 2 1\napp 4 3 1\napp 5 4 2\nstep 1 assume 5\n"
                           "step 2 conjunct1 1\nstep 3 conjunct2 1\nstep 4 not_elim 3 2\nend 4\n";
  EXPECT_EQ(run(body, true, 1), Outcome::Verified);
  EXPECT_EQ(run(body, true, 1, nullptr, "", true), Outcome::Verified);
}

// Rejected: a conjunct (F) is no clause of the problem, so the problem does not entail the
// hypothesis the refutation rests on.
TEST(Checker, ConjunctNotAnAssertionRejected) {
  const std::string body = kConjHead + "const 6 F 1\naterm 1 0\napp 4 3 1\napp 5 4 6\nstep 1 assume 5\n"
                           "step 2 conjunct2 1\nend 2\n";
  for (bool on_demand : {false, true}) {
    std::string msg;
    EXPECT_EQ(run(body, true, 1, &msg, "", on_demand), Outcome::Rejected);
    EXPECT_NE(msg.find("not an assertion of the problem: (c F bool)"), std::string::npos) << msg;
  }
}

// The end check walks a hypothesis that shares its conjunctions (c_k+1 = c_k /\ c_k, 40
// deep: 2^40 paths) once per node, leaves before the seen-set: accepted when the bottom
// conjunction is of assertions, rejected (F is no clause, so the problem does not entail
// the hypothesis) when a conjunct at the bottom is not, at either depth of the walk.
std::string shared_conj(const std::string& bottom, const std::string& steps_after) {
  std::string body = kConjHead + bottom;
  for (int k = 1; k <= 40; ++k)
    body += "app " + std::to_string(1000 + k) + " 3 " + std::to_string(9 + k) + "\napp " + std::to_string(10 + k) + " " +
            std::to_string(1000 + k) + " " + std::to_string(9 + k) + "\n";
  body += "step 1 assume 50\n";
  for (int k = 1; k <= 40; ++k) body += "step " + std::to_string(k + 1) + " conjunct1 " + std::to_string(k) + "\n";
  return body + steps_after;
}
TEST(Checker, SharedConjunctionHypothesisWalkedOnce) {
  const std::string good = shared_conj("aconj 10 0 1\n", "step 42 conjunct1 41\nstep 43 conjunct2 41\nstep 44 not_elim 43 42\nend 44\n");
  const std::string bad = shared_conj("const 6 F 1\naterm 1 0\napp 4 3 1\napp 10 4 6\n", "step 42 conjunct2 41\nend 42\n");
  for (bool on_demand : {false, true}) {
    std::string msg;
    EXPECT_EQ(run(good, true, 1, &msg, "", on_demand), Outcome::Verified) << msg;
    EXPECT_EQ(run(bad, true, 1, &msg, "", on_demand), Outcome::Rejected);
    EXPECT_NE(msg.find("not an assertion of the problem: (c F bool)"), std::string::npos) << msg;
  }
}

// On demand, a clause the certificate built with var/app records instead of asking for its
// assertion is still found at the end (the checker then makes every assertion), as when
// the problem was elaborated at once; F under two assumptions that are no clauses is not.
TEST(Checker, OnDemandClauseBuiltByRecordsIsFoundAtTheEnd) {
  const std::string x1 = "tyop 1 bool\ntyop 2 fun 1 1\nvar 1 1 1\nconst 2 ~ 2\napp 3 2 1\n";
  EXPECT_EQ(run(x1 + "step 1 assume 1\nstep 2 assume 3\nstep 3 not_elim 2 1\nend 3\n", true, 1, nullptr, "", true),
            Outcome::Verified);
  const std::string x2 = "tyop 1 bool\ntyop 2 fun 1 1\nvar 1 2 1\nconst 2 ~ 2\napp 3 2 1\n";  // x2: no clause
  EXPECT_EQ(run(x2 + "step 1 assume 1\nstep 2 assume 3\nstep 3 not_elim 2 1\nend 3\n", true, 1, nullptr, "", true),
            Outcome::Rejected);
}

// `aconj`: the halving conjunction of assertions in one record (spec/format.md), the
// hypothesis a SAT translation states for a subset of the clauses; on demand and not.
TEST(Checker, AConjOfAssertionsVerifies) {
  const std::string body = "aconj 5 0 1\nstep 1 assume 5\nstep 2 conjunct1 1\nstep 3 conjunct2 1\nstep 4 not_elim 3 2\nend 4\n";
  for (bool on_demand : {false, true}) {
    std::string msg;
    EXPECT_EQ(run(body, true, 1, &msg, "", on_demand), Outcome::Verified) << msg;
  }
}

// The end check takes an `aconj` conjunction whole, also inside a larger conjunction of
// its own (accepted); a conjunction of it with F is still walked down to F (rejected: F
// is no clause, so the problem does not entail the hypothesis).
TEST(Checker, AConjTakenWholeByTheEndCheck) {
  const std::string head = kConjHead + "aconj 5 0 1\napp 6 3 5\n";
  const std::string good = head + "app 7 6 5\nstep 1 assume 7\nstep 2 conjunct1 1\nstep 3 conjunct1 2\nstep 4 conjunct2 2\n"
                                  "step 5 not_elim 4 3\nend 5\n";
  const std::string bad = head + "const 8 F 1\napp 7 6 8\nstep 1 assume 7\nstep 2 conjunct2 1\nend 2\n";
  for (bool on_demand : {false, true}) {
    std::string msg;
    EXPECT_EQ(run(good, true, 1, &msg, "", on_demand), Outcome::Verified) << msg;
    EXPECT_EQ(run(bad, true, 1, &msg, "", on_demand), Outcome::Rejected);
    EXPECT_NE(msg.find("not an assertion of the problem: (c F bool)"), std::string::npos) << msg;
  }
}

// Its tree has the shape of the problem's Φ (assertion m), leaf by leaf: over all four
// clauses in order it is Φ itself; in another order it is not (reject: concl differs).
// An index beyond the assertions is an input error, as for aterm.
TEST(Checker, AConjIsTheHalvingTree) {
  for (bool on_demand : {false, true}) {
    EXPECT_EQ(run("aconj 5 0 1 2 3\nassert 6 4\nconcl 6 5\n", false, 2, nullptr, "", on_demand), Outcome::Verified);
    // Three leaves split at 1: A0 /\ (A1 /\ A2), not (A0 /\ A1) /\ A2 (rejected).
    const std::string three = "aconj 5 0 1 2\ntyop 1 bool\ntyop 2 fun 1 1\ntyop 3 fun 1 2\nconst 3 |/\\\\| 3\nstep 1 assume 5\n";
    EXPECT_EQ(run(three + "aconj 7 0\naconj 8 1 2\napp 9 3 7\napp 10 9 8\nconcl 1 10\n", false, 2, nullptr, "", on_demand),
              Outcome::Verified);
    EXPECT_EQ(run(three + "aconj 7 0 1\naconj 8 2\napp 9 3 7\napp 10 9 8\nconcl 1 10\n", false, 2, nullptr, "", on_demand),
              Outcome::Rejected);
    std::string msg;
    EXPECT_EQ(run("aconj 5 1 0 2 3\nassert 6 4\nconcl 6 5\n", false, 2, &msg, "", on_demand), Outcome::Rejected) << msg;
    EXPECT_EQ(run("aconj 5 0 5\n", false, 2, &msg, "", on_demand), Outcome::InputError);
    EXPECT_NE(msg.find("the problem has no assertion 5"), std::string::npos) << msg;
  }
}

// On demand the assertions are the same: 0 … m−1 the clauses, m the conjunction Φ of all,
// nothing beyond (an input error, not a crash).
TEST(Checker, OnDemandAssertionIndices) {
  const std::string body = "assert 1 2\nstep 2 conjunct1 1\nstep 3 conjunct2 1\nstep 4 not_elim 3 2\nend 4\n";
  EXPECT_EQ(run(body, true, 1, nullptr, "", true), Outcome::Verified);
  EXPECT_EQ(run("assert 1 3\nend 1\n", true, 1, nullptr, "", true), Outcome::InputError);
  EXPECT_EQ(run("assert 1 0\nend 1\n", true, 0, nullptr, "", true), Outcome::Verified);
}

TEST(Checker, HoleMakesIncomplete) {
  std::string msg;
  EXPECT_EQ(run("tyop 1 bool\nconst 1 F 1\nhole 1 1 |trust me|\nend 1\n", true, 1, &msg), Outcome::Incomplete);
  EXPECT_NE(msg.find("hole"), std::string::npos);
}

TEST(Checker, UnusedHoleDoesNotMatter) {
  EXPECT_EQ(run("tyop 1 bool\nconst 1 F 1\nhole 1 1 unused\nassert 2 0\nend 2\n"), Outcome::Verified);
}

TEST(Checker, WrongProblemHash) {
  std::string path = problem_path(0);
  std::string cert = "hcert 1\nproblem dimacs " + sha256_hex(kCnf[1]) + "\nclaim unsat\nassert 1 0\nend 1\n";
  check::Checker c(hcert::tenv(), check::default_theory_dir(), [&](const std::string&) { return check::elaborate(hcert::tenv(), read_dimacs(path)); });
  auto in = cert::text_reader(string_source(cert));
  cert::Record r;
  try {
    while (in->next(r)) c.feed(r);
    FAIL() << "accepted a certificate for another problem";
  } catch (const check::Failure& e) {
    EXPECT_EQ(e.outcome, Outcome::InputError);
    EXPECT_NE(std::string(e.what()).find("another problem"), std::string::npos) << e.what();
  }
}

TEST(Checker, HeaderRequired) {
  check::Checker c(hcert::tenv(), check::default_theory_dir(), nullptr);
  auto in = cert::text_reader(string_source("claim unsat\n"));
  cert::Record r;
  ASSERT_TRUE(in->next(r));
  EXPECT_THROW(c.feed(r), check::Failure);
}

TEST(Checker, UnsupportedVersion) {
  check::Checker c(hcert::tenv(), check::default_theory_dir(), nullptr);
  auto in = cert::text_reader(string_source("hcert 2\n"));
  cert::Record r;
  ASSERT_TRUE(in->next(r));
  try {
    c.feed(r);
    FAIL();
  } catch (const check::Failure& e) {
    EXPECT_EQ(e.outcome, Outcome::InputError);
  }
}

TEST(Checker, UnknownTheoryAndWrongPin) {
  EXPECT_EQ(run("assert 1 0\nend 1\n", true, 0, nullptr, "theory nosuch 00\n"), Outcome::InputError);
  EXPECT_EQ(run("assert 1 0\nend 1\n", true, 0, nullptr, "theory core 00\n"), Outcome::InputError);
  EXPECT_EQ(run("assert 1 0\nend 1\n", true, 0, nullptr, "theory core " + check::pinned_theories().at("core") + "\n"),
            Outcome::Verified);
}

// The pinned hashes are those of the shipped files.
TEST(Theories, PinsMatchFiles) {
  for (auto& [name, sha] : check::pinned_theories()) {
    std::ifstream in(check::default_theory_dir() + "/" + name + ".hct", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_TRUE(in.good() || in.eof()) << name;
    EXPECT_EQ(sha256_hex(ss.str()), sha) << name;
  }
}

}  // namespace

namespace {
// A certificate whose term is a 10^6-deep spine f (f (... (f p))): built, used by REFL and
// SYM, deleted, all through the checker, with no native recursion on depth (the checker
// runs on a 1 MB stack here).
TEST(Checker, MillionDeepTermCertificate) {
  std::string cert;
  cert.reserve(30 << 20);
  cert += "tyop 1 bool\ntyop 2 fun 1 1\nvar 1 p 1\nvar 2 f 2\n";
  const int n = 1000000;
  for (int i = 0; i < n; ++i)
    cert += "app " + std::to_string(i + 3) + " 2 " + std::to_string(i == 0 ? 1 : i + 2) + "\n";
  std::string top = std::to_string(n + 2);
  cert += "step 1 refl " + top + "\nstep 2 sym 1\ndel thm 1 2\nassert 3 0\nend 3\n";
  struct Job {
    std::string* cert;
    Outcome got = Outcome::InputError;
  } job{&cert};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 20);
  pthread_t th;
  ASSERT_EQ(pthread_create(&th, &attr, [](void* p) -> void* {
              auto* j = static_cast<Job*>(p);
              j->got = run(*j->cert);
              return nullptr;
            }, &job), 0);
  pthread_join(th, nullptr);
  EXPECT_EQ(job.got, Outcome::Verified);
}
}  // namespace
