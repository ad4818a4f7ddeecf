// Z3's unit simplifications of one connective (translators/z3/z3_units.cpp,
// Translator::unit_simplified): `(and X true) = X` and its kin proved in a few records
// whatever X, where the normal forms re-normalised all of X. Accept: every form and both
// orientations VERIFIED (a wrong step of the direct proof would make the kernel refuse
// it), and the records of `(and X true) = X` growing only with the problem's own terms.
// Reject: a
// unit dropped where it is not a unit (`(or p true) = p`, `(and p false) = p`), or the
// other operand changed: each step is false, so the proof is rejected.
#include <gtest/gtest.h>

#include <sstream>

#include "formats/z3proof.hpp"
#include "tests/translators/smt_check.hpp"
#include "translators/z3/z3_to_cert.hpp"

using namespace hcert;
using check::Outcome;

namespace {

// A problem over l0 … l{n-1}, p, q asserting `from` and `(not to)`; the proof rewrites
// `from` to `to` and resolves the result against `(not to)`.
Outcome run(int n, const std::string& from, const std::string& to, size_t& records, std::string& msg) {
  std::ostringstream smt;
  smt << "(set-logic QF_UF)\n(declare-fun p () Bool)\n(declare-fun q () Bool)\n";
  for (int i = 0; i < n; i++) smt << "(declare-fun l" << i << " () Bool)\n";
  smt << "(assert " << from << ")\n(assert (not " << to << "))\n(check-sat)\n";
  std::string proof = "unsat\n((set-logic QF_UF)\n(proof\n(let ((@x1 (mp (asserted " + from + ") (rewrite (= " + from + " " +
                      to + ")) " + to + ")))\n(unit-resolution @x1 (asserted (not " + to + ")) false))))\n";
  return test::check_smt_translation(
      "z3_units", smt.str(),
      [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
        z3::ProofReader in(string_source(proof));
        z3::z3_to_certificate(ctx, sha, in, em);
      },
      &msg, &records);
}

// (and l0 (and l1 … l{n-1})): X of the rewrites below.
std::string conjunction(int n) {
  std::string s;
  for (int i = 0; i < n - 1; i++) s += "(and l" + std::to_string(i) + " ";
  return s + "l" + std::to_string(n - 1) + std::string(n - 1, ')');
}

TEST(Z3Units, TrueDroppedInRecordsIndependentOfTheFormula) {
  for (int n : {3, 40, 80}) {
    size_t records = 0;
    std::string msg, x = conjunction(n);
    EXPECT_EQ(run(n, "(and " + x + " true)", x, records, msg), Outcome::Verified) << n << ": " << msg;
    // Measured (records for 3, 40, 80 conjuncts; the problem's own terms grow with n):
    // 60, 166, 286 by unit_simplified; 98, 653, 1,253 through the normal forms
    // (unit_simplified disabled). The bound lies between.
    EXPECT_LE(records, 75u + 5u * n) << records << " " << n;
  }
}

TEST(Z3Units, EveryFormInBothOrientationsIsVerified) {
  const std::vector<std::pair<std::string, std::string>> steps{
      {"(and (or p q) true)", "(or p q)"}, {"(and true (or p q))", "(or p q)"}, {"(or (and p q) false)", "(and p q)"},
      {"(or false (and p q))", "(and p q)"}, {"(and (or p q) false)", "false"}, {"(and false p)", "false"},
      {"(or (and p q) true)", "true"},      {"(or true p)", "true"},           {"(and p true)", "p"}};
  for (const auto& [from, to] : steps)
    for (bool swapped : {false, true}) {
      size_t records = 0;
      std::string msg;
      // Swapped: the rewrite states to = from (Z3 states either), applied to `to`.
      EXPECT_EQ(swapped ? run(0, to, from, records, msg) : run(0, from, to, records, msg), Outcome::Verified)
          << from << " = " << to << (swapped ? " swapped" : "") << ": " << msg;
    }
}

TEST(Z3Units, NoUnitOrOtherOperandIsRejected) {
  // Each step is false: `(or p true) = p` and `(or p false) = true` at p false, `(and p
  // false) = p` and `(and p true) = q` at p true, q false. The problem (from and not to)
  // is satisfiable there, so the case split finds the countermodel.
  const std::vector<std::pair<std::string, std::string>> steps{
      {"(or p true)", "p"}, {"(or p false)", "true"}, {"(and p false)", "p"}, {"(and p true)", "q"}, {"(and true p)", "q"}};
  for (const auto& [from, to] : steps) {
    size_t records = 0;
    std::string msg;
    EXPECT_EQ(run(0, from, to, records, msg), Outcome::Rejected) << from << " = " << to << ": " << msg;
    EXPECT_NE(msg.find("rewrite step states a false formula"), std::string::npos) << from << " = " << to << ": " << msg;
  }
}

}  // namespace
