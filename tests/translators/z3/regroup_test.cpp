// Z3's rewrites that regroup and reorder a nest of \/ or /\ below an unchanged context
// (translators/z3/z3_regroup.cpp, Translator::regrouped_in_context): proved by congruence
// down to the nest and the nest's leaves paired by key, a few records per node, where the
// normal forms re-normalise the whole formula. Accept: the regrouping, VERIFIED, in records
// linear in the formula. Reject: one leaf changed, so that the step is false.
#include <gtest/gtest.h>

#include <sstream>

#include "formats/z3proof.hpp"
#include "tests/translators/smt_check.hpp"
#include "translators/z3/z3_to_cert.hpp"

using namespace hcert;
using check::Outcome;

namespace {

// A problem over p and l0 … l{n-1} asserting p \/ ~(l0 \/ (l1 \/ …)) (right-nested), ~p
// and l0; the proof rewrites the assertion to p \/ ~((…(l{n-1} \/ l{n-2}) …) \/ r0)
// (left-nested, reversed; r0 is l0, or `other` when given, a leaf that changes), takes
// ~(…) by unit-resolution with ~p, then ~l0 by not-or-elim, against l0.
Outcome run(int n, const char* other, size_t& records, std::string& msg) {
  std::ostringstream smt, right, left;
  smt << "(set-logic QF_UF)\n(declare-fun p () Bool)\n(declare-fun other () Bool)\n";
  for (int i = 0; i < n; i++) smt << "(declare-fun l" << i << " () Bool)\n";
  for (int i = 0; i < n - 1; i++) right << "(or l" << i << " ";
  right << "l" << n - 1 << std::string(n - 1, ')');
  for (int i = 0; i < n - 1; i++) left << "(or ";
  left << "l" << n - 1;
  for (int i = n - 2; i >= 0; i--) left << " " << (i == 0 && other ? other : "l" + std::to_string(i)) << ")";
  std::string r0 = other ? other : "l0";
  smt << "(assert (or p (not " << right.str() << ")))\n(assert (not p))\n(assert l0)\n(check-sat)\n";
  std::string from = "(or p (not " + right.str() + "))", to = "(or p (not " + left.str() + "))";
  std::ostringstream proof;
  proof << "unsat\n((set-logic QF_UF)\n(proof\n"
        << "(let ((@x1 (mp (asserted " << from << ") (rewrite (= " << from << " " << to << ")) " << to << ")))\n"
        << "(let ((@x2 (unit-resolution @x1 (asserted (not p)) (not " << left.str() << "))))\n"
        << "(let ((@x3 (not-or-elim @x2 (not " << r0 << "))))\n"
        << "(unit-resolution (asserted l0) @x3 false))))))\n";
  std::string text = proof.str();
  return test::check_smt_translation(
      "z3_regroup", smt.str(),
      [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
        z3::ProofReader in(string_source(text));
        z3::z3_to_certificate(ctx, sha, in, em);
      },
      &msg, &records);
}

TEST(Z3Regroup, NestRegroupedBelowContextInLinearRecords) {
  for (int n : {3, 40, 80}) {
    size_t records = 0;
    std::string msg;
    EXPECT_EQ(run(n, nullptr, records, msg), Outcome::Verified) << n << ": " << msg;
    // Measured (records for 3, 40, 80 leaves): 181, 1,846, 3,646 with the regrouping; 454,
    // 4,302, 8,462 through the normal forms (regrouped_in_context disabled). The bound,
    // linear in the leaves, lies between.
    EXPECT_LE(records, 100u + 50u * n) << n;
  }
}

TEST(Z3Regroup, ChangedLeafIsRejected) {
  // `other` replaces l0 on the right side only: p \/ ~(l0 \/ …) = p \/ ~(… \/ other) is
  // false when p, l1 … are false and l0, other differ; no pairing of the leaves proves it
  // (other has no partner on the left), and the case split finds the countermodel.
  size_t records = 0;
  std::string msg;
  EXPECT_EQ(run(6, "other", records, msg), Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("rewrite step states a false formula"), std::string::npos) << msg;
}

}  // namespace
