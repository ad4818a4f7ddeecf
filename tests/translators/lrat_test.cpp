// LRAT -> certificate -> kernel, end to end in one process: a valid proof verifies, and each
// mutation from the SAT issue (flipped literal, dropped or permuted hints, hints to deleted
// or future clauses, no empty clause, a satisfiable formula, RAT) is refused.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "checker/steps.hpp"
#include "formats/cert_emit.hpp"
#include "formats/lrat_inputs.hpp"
#include "translators/drat/lrat_to_cert.hpp"
#include "tests/support.hpp"

using namespace hcert;
using check::Outcome;

namespace {

std::string file(const std::string& name, const std::string& text) { return test::temp_file("lrat_" + name, text); }

const char* kFour = "p cnf 2 4\n1 2 0\n1 -2 0\n-1 2 0\n-1 -2 0\n";

// Each check in an environment of its own (with the kernel's fast paths unless pure), as
// hcert check makes one: nothing of one check is seen by the next.
// `subset`, if given, is what the translation is told the proof's hints name (Φ is then
// their conjunction when they are at most half), and the problem is elaborated on demand,
// as `hcert check` of a DRAT proof does.
Outcome check_lrat(const std::string& cnf_text, const std::string& lrat, std::string* msg = nullptr,
                   bool pure = false, Env* used = nullptr, const std::vector<uint32_t>* subset = nullptr) {
  std::string cnf = file("p.cnf", cnf_text), proof = file("p.lrat", lrat);
  Env own(!pure);
  Env& env = used ? *used : own;
  Cnf problem = read_dimacs(cnf);
  check::Checker c(env, check::default_theory_dir(), [&](const std::string& k) {
    return subset ? check::elaborate_on_demand(problem) : check::load_problem(env, k, cnf);
  });
  return test::outcome_of(c, [&] {
    check::load_pinned_theory(env, check::default_theory_dir(), "core");
    cert::CallbackWriter sink([&](const cert::Record& r) { c.feed(r); });
    cert::Emitter em(sink);
    LratReader in(open_source(proof));
    std::function<std::vector<uint32_t>()> inputs;
    if (subset) inputs = [&] { return *subset; };
    sat::lrat_to_certificate(env, problem, [&](LratStep& s) { return in.next(s); }, em, inputs);
  }, msg);
}

TEST(Lrat, ValidProofVerifies) {
  std::string msg;
  EXPECT_EQ(check_lrat(kFour, "5 1 0 1 2 0\n6 0 5 3 4 0\n", &msg), Outcome::Verified) << msg;
}

// --pure derives every RESOLVE from the primitive rules: same verdict, no fast path used.
// Φ over a subset of the clauses (what a DRAT check does with its core's inputs): clauses
// 1 and 2 in the conjunction, 3 and 4, which the refutation needs too, each assumed alone
// (an input outside the subset); with and without the kernel's fast paths. A subset of
// more than half the clauses is not used (Φ is then the problem's assertion m).
TEST(Lrat, FormulaHypothesisOverASubsetOfTheClauses) {
  const std::string proof = "5 1 0 1 2 0\n6 0 5 3 4 0\n";
  for (const std::vector<uint32_t>& subset : std::vector<std::vector<uint32_t>>{{0, 1}, {2}, {0, 1, 2}, {0, 1, 2, 3}}) {
    for (bool pure : {false, true}) {
      std::string msg;
      EXPECT_EQ(check_lrat(kFour, proof, &msg, pure, nullptr, &subset), Outcome::Verified) << subset.size() << ": " << msg;
    }
  }
  // A wrong proof stays wrong: clause 6 (the empty clause) with a hint that is not unit.
  std::vector<uint32_t> two{0, 1};
  EXPECT_EQ(check_lrat(kFour, "5 1 0 1 2 0\n6 0 1 3 4 0\n", nullptr, false, nullptr, &two), Outcome::Rejected);
}

// Φ over what an LRAT file's first read names (formats/lrat_inputs.hpp, as `hcert check`
// does): the four clauses the refutation uses out of twelve, one `aconj` record. The
// proof's faults are refused as without it (reject, each a mutation the issue names):
// a hint naming a clause the problem does not have, a hint that is not unit, an input
// used after its deletion, a proof cut before the empty clause. A read that missed a
// clause the proof uses (the last two subsets) cannot make it fail or pass: the clause
// enters alone.
TEST(Lrat, FormulaHypothesisOverWhatTheFirstReadNames) {
  const std::string cnf = std::string(kFour).replace(0, 9, "p cnf 6 12") +
                          "3 4 5 0\n-3 4 6 0\n3 -4 5 0\n-3 -4 -6 0\n4 5 6 0\n-4 -5 6 0\n3 5 -6 0\n-3 -5 6 0\n";
  auto first_read = [](const std::string& proof) {
    auto src = string_source(proof);
    return lrat_inputs_named(*src, 12);
  };
  const std::string good = "13 1 0 1 2 0\n14 0 13 3 4 0\n";
  std::vector<uint32_t> named = first_read(good);
  ASSERT_EQ(named, (std::vector<uint32_t>{0, 1, 2, 3}));
  for (bool pure : {false, true}) {
    std::string msg;
    EXPECT_EQ(check_lrat(cnf, good, &msg, pure, nullptr, &named), Outcome::Verified) << msg;
    for (const std::vector<uint32_t>& missed : std::vector<std::vector<uint32_t>>{{0, 1, 2}, {5, 6}})
      EXPECT_EQ(check_lrat(cnf, good, &msg, pure, nullptr, &missed), Outcome::Verified) << msg;
  }
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"13 1 0 1 2 0\n14 0 13 3 15 4 0\n", "hint 15 is not a live clause"},
      {"13 1 0 1 2 0\n14 0 13 3 1 0\n", "not unit"},
      {"13 1 0 1 2 0\n13 d 3 0\n14 0 13 3 4 0\n", "hint 3 is not a live clause"},
      {"13 1 0 1 2 0\n", "without deriving the empty clause"}};
  for (const auto& [proof, why] : bad) {
    std::vector<uint32_t> subset = first_read(proof);
    EXPECT_FALSE(subset.empty()) << proof;
    std::string msg;
    EXPECT_EQ(check_lrat(cnf, proof, &msg, false, nullptr, &subset), Outcome::Rejected) << proof;
    EXPECT_NE(msg.find(why), std::string::npos) << msg;
  }
}

TEST(Lrat, PureModeVerifiesWithoutFastPath) {
  Env pure(false), fast;
  EXPECT_EQ(check_lrat(kFour, "5 1 0 1 2 0\n6 0 5 3 4 0\n", nullptr, true, &pure), Outcome::Verified);
  for (const auto& [name, uses] : pure.fast_path_uses()) EXPECT_EQ(uses, 0u) << name;
  EXPECT_EQ(check_lrat(kFour, "5 1 0 1 2 0\n6 0 5 3 4 0\n", nullptr, false, &fast), Outcome::Verified);
  uint64_t used = 0;  // the same check with fast paths uses them (so the test above can fail)
  for (const auto& [name, uses] : fast.fast_path_uses()) used += uses;
  EXPECT_GT(used, 0u);
}

TEST(Lrat, CommentsDeletionsAndSubsumedLemma) {
  // Lemma 7 is clause 3 itself (one hint, already a conflict): no resolution, shared theorem.
  EXPECT_EQ(check_lrat(kFour, "c a comment\n5 1 0 1 2 0\n5 d 1 2 0\n7 -1 2 0 3 0\n6 0 5 7 4 0\n"), Outcome::Verified);
}

// The Φ tree's theorems go once every input clause below them is built or deleted
// (lrat_to_cert.cpp, consume): 2,996 padding unit clauses are each used once (as the hint
// of a lemma equal to it) and then deleted, then the refutation comes from the last four.
// The refutation still finds every tree node it needs, the certificate deletes the
// padding's tree theorems in batches, and a hint to a deleted padding clause is still
// refused.
TEST(Lrat, TreeTheoremsOfGoneInputsAreDeleted) {
  const int pad = 2996;
  std::string cnf = "p cnf " + std::to_string(pad + 2) + " " + std::to_string(pad + 4) + "\n";
  for (int v = 3; v < pad + 3; ++v) cnf += std::to_string(v) + " 0\n";
  cnf += "1 2 0\n1 -2 0\n-1 2 0\n-1 -2 0\n";
  std::string proof, del = std::to_string(2 * pad + 4) + " d";
  for (int k = 1; k <= pad; ++k) {
    proof += std::to_string(pad + 4 + k) + " " + std::to_string(k + 2) + " 0 " + std::to_string(k) + " 0\n";
    del += " " + std::to_string(k);
  }
  proof += del + " 0\n";
  auto id = [&](int k) { return std::to_string(k); };
  std::string refute = id(2 * pad + 5) + " 1 0 " + id(pad + 1) + " " + id(pad + 2) + " 0\n" + id(2 * pad + 6) + " 0 " +
                       id(2 * pad + 5) + " " + id(pad + 3) + " " + id(pad + 4) + " 0\n";
  std::string msg;
  EXPECT_EQ(check_lrat(cnf, proof + refute, &msg), Outcome::Verified) << msg;
  // The batches were written: a del record of 1,024 theorems or more.
  size_t largest = 0;
  cert::CallbackWriter sink([&](const cert::Record& r) {
    if (r.tag == cert::Tag::Del) largest = std::max(largest, r.nums.size());
  });
  cert::Emitter em(sink);
  Env env;
  check::load_pinned_theory(env, check::default_theory_dir(), "core");
  LratReader in(open_source(file("tree.lrat", proof + refute)));
  sat::lrat_to_certificate(env, read_dimacs(file("tree.cnf", cnf)), in, em);
  EXPECT_GE(largest, 1024u);
  // Rejected: clause 1 was deleted, so it cannot be a hint (the first hint of a lemma).
  std::string bad = proof + id(2 * pad + 5) + " 1 0 1 " + id(pad + 1) + " " + id(pad + 2) + " 0\n";
  EXPECT_EQ(check_lrat(cnf, bad, &msg), Outcome::Rejected) << msg;
}

// Φ's tree at every size from 4 to 71 clauses: ¬y, then x_v ∨ y for v < n, then
// ¬x_1 ∨ … ∨ ¬x_(n−1) ∨ y (y = x_n); the lemma y names every input but the first, with the
// units in order and in reverse (each tree node's theorem made once and found again by
// its number, lrat_to_cert.cpp down_to), and the empty clause follows with ¬y. Φ over
// all clauses and over a subset (the first half: the rest assumed alone).
TEST(Lrat, EveryInputFoundThroughTheTreeAtEverySize) {
  auto id = [](int k) { return std::to_string(k); };
  // From n = 3: at n = 2 `half` is the one unit clause ¬y, and Φ a literal, which RUP reads
  // as one; a real proof's hints name at least two clauses (one clause is satisfiable).
  for (int n = 3; n <= 70; ++n) {
    std::string cnf = "p cnf " + id(n) + " " + id(n + 1) + "\n-" + id(n) + " 0\n", big, fwd, rev;
    for (int v = 1; v < n; ++v) cnf += id(v) + " " + id(n) + " 0\n", big += "-" + id(v) + " ";
    cnf += big + id(n) + " 0\n";
    for (int k = 2; k <= n; ++k) fwd += " " + id(k), rev += " " + id(n + 2 - k);
    std::vector<uint32_t> half;
    for (int k = 0; 2 * (k + 1) <= n + 1; ++k) half.push_back(static_cast<uint32_t>(k));
    auto proof = [&](const std::string& units) {
      return id(n + 2) + " " + id(n) + " 0" + units + " " + id(n + 1) + " 0\n" + id(n + 3) + " 0 " + id(n + 2) + " 1 0\n";
    };
    std::string msg;
    for (const std::string& units : {fwd, rev}) {
      EXPECT_EQ(check_lrat(cnf, proof(units), &msg), Outcome::Verified) << n << ": " << msg;
      EXPECT_EQ(check_lrat(cnf, proof(units), &msg, false, nullptr, &half), Outcome::Verified) << n << " (half): " << msg;
    }
    // Rejected: without the hint x_(n−1) ∨ y the long clause keeps ¬x_(n−1) open under ¬y,
    // so it is no conflict (and nothing follows it).
    std::string missing;
    for (int k = 2; k <= n; ++k)
      if (k != n) missing += " " + id(k);
    EXPECT_EQ(check_lrat(cnf, proof(missing), &msg), Outcome::Rejected) << n;
    EXPECT_EQ(check_lrat(cnf, proof(missing), &msg, false, nullptr, &half), Outcome::Rejected) << n;
  }
}

TEST(Lrat, BinaryProof) {
  // 'a' 2*id lits 0 hints 0 with 2|x|+sign encoding: 5 1 0 1 2 0 and 6 0 5 3 4 0.
  std::string bin = std::string("a\x0a\x02\x00\x02\x04\x00", 7) + std::string("a\x0c\x00\x0a\x06\x08\x00", 7);
  EXPECT_EQ(check_lrat(kFour, bin), Outcome::Verified);
}

TEST(Lrat, Mutations) {
  struct M {
    const char* what;
    std::string lrat;
    Outcome want;
  };
  for (const M& m : std::vector<M>{
           {"flipped literal: the lemma is no longer implied", "5 -1 0 1 2 0\n6 0 5 3 4 0\n", Outcome::Rejected},
           {"hint dropped", "5 1 0 1 2 0\n6 0 5 3 0\n", Outcome::Rejected},
           {"hints permuted (not unit)", "5 1 0 1 2 0\n6 0 3 5 4 0\n", Outcome::Rejected},
           {"hint to a deleted clause", "5 1 0 1 2 0\n5 d 3 0\n6 0 5 3 4 0\n", Outcome::Rejected},
           {"hint to a future clause", "5 1 0 1 2 0\n6 0 5 3 7 0\n", Outcome::Rejected},
           {"hint to a nonexistent clause", "5 1 0 99 1 2 0\n6 0 5 3 4 0\n", Outcome::Rejected},
           {"a needed lemma removed", "6 0 5 3 4 0\n", Outcome::Rejected},
           {"no empty clause", "5 1 0 1 2 0\n", Outcome::Rejected},
           {"id of an input clause reused", "1 1 0 1 2 0\n6 0 1 3 4 0\n", Outcome::Rejected},
           {"RAT step missing a block (clause 3 has the negated pivot)", "5 1 0 -1 2 0\n6 0 5 3 4 0\n",
            Outcome::Rejected},
           {"missing final 0", "5 1 0 1 2\n", Outcome::InputError},
           {"not a number", "5 x 0 1 2 0\n", Outcome::InputError},
       }) {
    std::string msg;
    EXPECT_EQ(check_lrat(kFour, m.lrat, &msg), m.want) << m.what << ": " << msg;
  }
}

// RAT (spec/sat.md): x3 is defined by (¬x3 ∨ x1), then x3 itself is added by RAT on x3
// (its one resolvent with clause 5, x3 ∨ x1, is RUP by clauses 1 and 2), then used.
const char* kRat = "5 -3 1 0 0\n6 3 0 -5 1 2 0\n7 1 0 6 5 0\n8 0 7 4 3 0\n";

TEST(Lrat, RatStepsVerifyWithoutAxioms) {
  std::string cnf = file("p.cnf", kFour), proof = file("rat.lrat", kRat);
  check::Checker c(hcert::tenv(), check::default_theory_dir(), [&](const std::string& k) { return check::load_problem(hcert::tenv(), k, cnf); });
  std::string msg;
  check::Outcome o = test::outcome_of(c, [&] {
    cert::CallbackWriter sink([&](const cert::Record& r) { c.feed(r); });
    cert::Emitter em(sink);
    LratReader in(open_source(proof));
    sat::LratStats st = sat::lrat_to_certificate(test::core_env(), read_dimacs(cnf), in, em);
    EXPECT_EQ(st.rat_steps, 2u);
  }, &msg);
  EXPECT_EQ(o, Outcome::Verified) << msg;
  EXPECT_TRUE(c.report().axioms.empty());
  EXPECT_EQ(check_lrat(kFour, kRat, nullptr, true), Outcome::Verified);  // and without fast paths
}

// drat-trim's own LRAT for a RAT proof: lemma 5 (¬x3 ∨ x1) is derived as x1 alone, yet
// the proof gives a RAT block for it when x3 is added (it contains ¬x3 as stated). The
// block is not needed and is accepted, as lrat-check accepts it.
TEST(Lrat, RatBlockForAClauseDerivedWithoutTheNegatedPivot) {
  std::string msg;
  EXPECT_EQ(check_lrat(kFour, "4 d 0\n5 -3 1 0 1 2 0\n6 3 0 -5 1 2 0\n6 d 1 2 0\n9 0 6 5 3 4 0\n", &msg),
            Outcome::Verified) << msg;
}

TEST(Lrat, RatMutationsRefused) {
  struct M {
    const char* what;
    std::string lrat;
  };
  for (const M& m : std::vector<M>{
           {"no RAT block at all", "5 -3 1 0 0\n6 3 0 1 2 0\n7 1 0 6 5 0\n8 0 7 4 3 0\n"},
           {"a block whose hints do not refute the resolvent", "5 -3 1 0 0\n6 3 0 -5 1 0\n7 1 0 6 5 0\n8 0 7 4 3 0\n"},
           {"a block for a clause without the negated pivot", "5 -3 1 0 0\n6 3 0 -5 1 2 -1 2 0\n7 1 0 6 5 0\n8 0 7 4 3 0\n"},
           {"the defining clause used the wrong way round", "5 -3 1 0 0\n6 -3 0 0\n7 1 0 6 5 0\n8 0 7 4 3 0\n"},
           {"two blocks for one clause", "5 -3 1 0 0\n6 3 0 -5 1 2 -5 1 2 0\n7 1 0 6 5 0\n8 0 7 4 3 0\n"},
       }) {
    std::string msg;
    EXPECT_EQ(check_lrat(kFour, m.lrat, &msg), Outcome::Rejected) << m.what << ": " << msg;
  }
}

// A step with no blocks whose hints refute nothing is RAT only while no live clause has
// its negated pivot: the translator's occurrence counts follow additions and deletions.
TEST(Lrat, RatWithoutBlocksFollowsDeletions) {
  std::string msg;
  EXPECT_EQ(check_lrat(kFour, "5 -3 1 0 0\n5 d 5 0\n6 3 0 0\n7 1 0 1 2 0\n8 0 7 3 4 0\n", &msg), Outcome::Verified) << msg;
  EXPECT_EQ(check_lrat(kFour, "5 -3 1 0 0\n6 3 0 0\n7 1 0 1 2 0\n8 0 7 3 4 0\n", &msg), Outcome::Rejected) << msg;
  EXPECT_EQ(check_lrat(kFour, "6 3 0 0\n7 1 0 1 2 0\n8 0 7 3 4 0\n", &msg), Outcome::Verified) << msg;
}

// The counts of an input clause that repeats a literal: the literal counts once when the
// clause comes and once when it goes, deleted unbuilt or after a step used it (then its
// Clause's deduplicated literals are uncounted); a short clause is counted in place, a
// long one (over 16 literals) through a sorted copy. Counted twice and uncounted once,
// the RAT step on 3 after the deletions would be taken for RUP and refused; the reject
// cases keep a clause with -3 alive.
TEST(Lrat, RepeatedLiteralOfAnInputCountsOnce) {
  std::string longer = "-3 -3";
  for (int v = 4; v <= 20; ++v) longer += " " + std::to_string(v);
  const std::string rest = "8 1 0 1 2 0\n9 0 8 3 4 0\n";
  for (const std::string& c5 : {std::string("-3 -3 1"), longer}) {
    std::string cnf = "p cnf 20 5\n1 2 0\n1 -2 0\n-1 2 0\n-1 -2 0\n" + c5 + " 0\n", msg;
    std::string used = "6 " + c5 + " 0 5 0\n";  // clause 5 again, by RUP from clause 5: built
    EXPECT_EQ(check_lrat(cnf, "5 d 5 0\n7 3 0 0\n" + rest, &msg), Outcome::Verified) << c5 << ": " << msg;
    EXPECT_EQ(check_lrat(cnf, used + "6 d 5 6 0\n7 3 0 0\n" + rest, &msg), Outcome::Verified) << c5 << ": " << msg;
    EXPECT_EQ(check_lrat(cnf, "7 3 0 0\n" + rest, &msg), Outcome::Rejected) << c5;
    EXPECT_EQ(check_lrat(cnf, used + "6 d 5 0\n7 3 0 0\n" + rest, &msg), Outcome::Rejected) << c5;
  }
}

// lrat-check stops reading hints at the conflict: a deleted clause named after it does not
// matter, one named before it is refused (found by review).
TEST(Lrat, HintsAfterTheConflictAreNotRead) {
  const char* cnf = "p cnf 2 4\n1 2 0\n-1 2 0\n1 -2 0\n-1 -2 0\n";
  std::string msg;
  EXPECT_EQ(check_lrat(cnf, "5 2 0 1 2 0\n5 d 1 0\n6 -2 0 3 4 1 0\n7 0 5 6 0\n", &msg), Outcome::Verified) << msg;
  EXPECT_EQ(check_lrat(cnf, "5 2 0 1 2 0\n5 d 1 0\n6 -2 0 1 3 4 0\n7 0 5 6 0\n", &msg), Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("hint 1 is not a live clause"), std::string::npos) << msg;
}

TEST(Lrat, SatisfiableFormulaRejected) {
  // Without clause 4 the formula is satisfiable (x1 = x2 = true): the last step fails.
  EXPECT_EQ(check_lrat("p cnf 2 3\n1 2 0\n1 -2 0\n-1 2 0\n", "5 1 0 1 2 0\n6 0 5 3 4 0\n"), Outcome::Rejected);
  EXPECT_EQ(check_lrat("p cnf 2 3\n1 2 0\n1 -2 0\n-1 2 0\n", "5 1 0 1 2 0\n6 0 5 3 0\n"), Outcome::Rejected);
}

}  // namespace
