// A check-sat-assuming's assumption as Z3 proves it (translators/z3/z3_rules.cpp,
// Translator::asserted_consequence): Z3 asserts `proxy!0` and `proxy!0 => A`; at the end
// proxy!0 is instantiated by A, and `A ==> A` is proved by DISCH of A assumed, in records
// independent of A (the case split over A's atoms it replaced grew with A). Accept: the
// assumption A of n conjuncts, VERIFIED in records bounded by the problem's own terms.
// Reject: the same proof against a problem whose assumption is another, satisfiable
// formula (A with l0 for its last conjunct): A is then no consequence of the problem, and
// the proof is not VERIFIED (proxy!0, instantiated by A, is not asserted).
#include <gtest/gtest.h>

#include <sstream>

#include "formats/z3proof.hpp"
#include "tests/translators/smt_check.hpp"
#include "translators/z3/z3_to_cert.hpp"

using namespace hcert;
using check::Outcome;

namespace {

// (and l0 (and l1 … (and l{n-1} (not l0)))): unsatisfiable, n + 1 conjuncts; without
// `clash`, (not l0) is l0 (satisfiable).
std::string assumption(int n, bool clash = true) {
  std::string s, close;
  for (int i = 0; i < n; i++) s += "(and l" + std::to_string(i) + " ", close += ")";
  return s + (clash ? "(not l0)" : "l0") + close;
}

// The problem assumes `problem_a` (check-sat-assuming); the proof, Z3's shape, refutes
// `proof_a`: proxy!0 => A and proxy!0 give A, whose first and last conjuncts clash.
Outcome run(int n, const std::string& problem_a, const std::string& proof_a, size_t& records, std::string& msg) {
  std::ostringstream smt;
  smt << "(set-logic QF_UF)\n";
  for (int i = 0; i < n; i++) smt << "(declare-fun l" << i << " () Bool)\n";
  smt << "(check-sat-assuming (" << problem_a << "))\n";
  std::string a = proof_a, proxied = "(or (not proxy!0) " + a + ")";
  std::string proof = "unsat\n((set-logic QF_UF)\n(declare-fun proxy!0 () Bool)\n(proof\n"
                      "(let ((@x1 (mp (asserted (=> proxy!0 " + a + ")) (rewrite (= (=> proxy!0 " + a + ") " + proxied +
                      ")) " + proxied + ")))\n"
                      "(let ((@x2 (unit-resolution @x1 (asserted proxy!0) " + a + ")))\n"
                      "(unit-resolution (and-elim @x2 l0) (and-elim @x2 (not l0)) false)))))\n";
  return test::check_smt_translation(
      "z3_assumptions", smt.str(),
      [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
        z3::ProofReader in(string_source(proof));
        z3::z3_to_certificate(ctx, sha, in, em);
      },
      &msg, &records);
}

}  // namespace

TEST(Z3Assumptions, ProxyImplicationInRecordsIndependentOfTheAssumption) {
  for (int n : {3, 40, 80}) {
    size_t records = 0;
    std::string msg, a = assumption(n);
    EXPECT_EQ(run(n, a, a, records, msg), Outcome::Verified) << n << ": " << msg;
    // Measured (records for 3, 40, 80; the problem's own terms grow with n): 306, 491, 691
    // by DISCH; 343, 676, 1,036 by the case split before. The bound lies between.
    EXPECT_LE(records, 300u + 6u * n) << records << " " << n;
  }
}

TEST(Z3Assumptions, ProofOfAnotherAssumptionIsNotVerified) {
  for (int n : {3, 40}) {
    size_t records = 0;
    std::string msg;
    Outcome o = run(n, assumption(n, false), assumption(n), records, msg);
    EXPECT_NE(o, Outcome::Verified) << n << ": " << msg;
  }
}
