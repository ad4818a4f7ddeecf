// DRAT -> hints (backward checking) -> LRAT translation -> kernel: valid proofs verify,
// broken ones are refused, malformed ones are input errors with a place.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <stdexcept>
#include <type_traits>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "formats/cert_emit.hpp"
#include "formats/frat.hpp"
#include "translators/drat/drat_to_lrat.hpp"
#include "translators/drat/lrat_to_cert.hpp"
#include "tests/support.hpp"

using namespace hcert;
using check::Outcome;

namespace {

std::string file(const std::string& name, const std::string& text) { return test::temp_file("drat_" + name, text); }

const char* kFour = "p cnf 2 4\n1 2 0\n1 -2 0\n-1 2 0\n-1 -2 0\n";

// Reads the proof with Reader (DRAT or FRAT), runs the backward pass, the LRAT translation
// and the checker; the outcome.
template <class Reader>
Outcome check_proof(const std::string& cnf_text, const std::string& proof_text, std::string* msg) {
  std::string cnf = file("p.cnf", cnf_text), proof = file("p.proof", proof_text);
  // As `hcert check` does it: the problem elaborated on demand, Φ over the inputs the
  // hints name when they are at most half of the clauses.
  Cnf problem = read_dimacs(cnf);
  check::Checker c(hcert::tenv(), check::default_theory_dir(), [&](const std::string&) { return check::elaborate_on_demand(problem); });
  return test::outcome_of(c, [&] {
    // Through ProofHints, the reader's owner the CLI uses for both formats.
    sat::ProofHints hints(open_source(proof), std::is_same_v<Reader, FratReader>);
    hints.find(problem);
    cert::CallbackWriter sink([&](const cert::Record& r) { c.feed(r); });
    cert::Emitter em(sink);
    sat::lrat_to_certificate(test::core_env(), problem, [&](LratStep& s) { return hints.next(s); }, em,
                             [&] { return hints.inputs_used(); });
  }, msg);
}
Outcome check_drat(const std::string& cnf, const std::string& drat, std::string* msg = nullptr) {
  return check_proof<DratReader>(cnf, drat, msg);
}
Outcome check_frat(const std::string& cnf, const std::string& frat, std::string* msg = nullptr) {
  return check_proof<FratReader>(cnf, frat, msg);
}

TEST(Drat, ValidTextAndBinary) {
  std::string msg;
  EXPECT_EQ(check_drat(kFour, "c comment\n1 0\n0\n", &msg), Outcome::Verified) << msg;
  EXPECT_EQ(check_drat(kFour, "1 2 0\nd 1 2 0\n1\n0\n0\n"), Outcome::Verified);  // a step across lines
  EXPECT_EQ(check_drat(kFour, std::string("a\x02\x00" "a\x00", 5)), Outcome::Verified);  // binary: 1 0, 0
  EXPECT_EQ(check_drat(kFour, "1 0\nd 1 0\n0\n"), Outcome::Verified);  // unit deletion ignored (like drat-trim)
}

TEST(Drat, Refused) {
  std::string msg;
  EXPECT_EQ(check_drat(kFour, "0\n", &msg), Outcome::Rejected) << "a lemma later steps need was removed: " << msg;
  EXPECT_EQ(check_drat(kFour, "1 0\n", &msg), Outcome::Rejected) << "no empty clause: " << msg;
  EXPECT_EQ(check_drat(kFour, "1 0\nd 1 2 0\nd 1 -2 0\nd -1 2 0\n0\n", &msg), Outcome::Rejected)
      << "needed clauses deleted: " << msg;
  // x1 = x2 = true satisfies the first three clauses: no proof can refute them.
  EXPECT_EQ(check_drat("p cnf 2 3\n1 2 0\n1 -2 0\n-1 2 0\n", "1 0\n0\n", &msg), Outcome::Rejected) << msg;
  // A RAT lemma (x3 is a fresh variable: blocked, not RUP) is reported, not verified.
  EXPECT_EQ(check_drat(kFour, "3 0\n1 0\n0\n", &msg), Outcome::Verified) << "unneeded RAT lemma: " << msg;
}

// RAT lemmas (spec/sat.md): x3 defined by ¬x3 ∨ x1, then x3 added by RAT. Whether or not
// the backward check needs them, the proof verifies with no axiom; a RAT lemma whose
// resolvent is not implied is refused.
TEST(Drat, RatLemmas) {
  std::string msg;
  EXPECT_EQ(check_drat(kFour, "-3 1 0\n3 0\n1 0\n0\n", &msg), Outcome::Verified) << msg;
  EXPECT_EQ(check_drat(kFour, "-3 1 0\n3 2 0\n-3 -1 0\n3 0\n0\n", &msg), Outcome::Verified) << msg;
  // A satisfiable formula (x2 true, x3 false): the unit x3 is neither RUP nor RAT (its
  // resolvent with ¬x3 ∨ ¬x2 is x3 ∨ ¬x2, not implied), so the refutation is refused.
  EXPECT_EQ(check_drat("p cnf 3 3\n1 2 0\n-1 2 0\n-3 -2 0\n", "3 0\n0\n", &msg), Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("line 1: the lemma is neither RUP nor RAT"), std::string::npos) << msg;  // the lemma's place
}

// The steps handed out after the pass (written out compactly, the pass's tables freed):
// ids are the problem's clauses' places and the lemmas' after them (an unneeded lemma keeps
// its number), an unneeded lemma and its deletion are left out, a problem clause's deletion
// is kept, and each lemma has its literals, hints and line.
TEST(Drat, StepsAfterThePass) {
  std::string cnf = file("steps.cnf", kFour), proof = file("steps.drat", "2 3 0\nd 2 3 0\n1 0\nd 1 -2 0\n0\n");
  Cnf problem = read_dimacs(cnf);
  DratReader in(open_source(proof));
  std::vector<LratStep> steps = sat::drat_to_lrat(problem, in);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_FALSE(steps[0].deletion);
  EXPECT_EQ(steps[0].id, 6u);  // lemma 5 (2 3) is not needed
  EXPECT_EQ(steps[0].lits, std::vector<int64_t>{1});
  EXPECT_EQ(std::set<int64_t>(steps[0].hints.begin(), steps[0].hints.end()), (std::set<int64_t>{1, 2}));
  EXPECT_EQ(steps[0].line, 3u);
  EXPECT_TRUE(steps[1].deletion);
  EXPECT_EQ(steps[1].hints, std::vector<int64_t>{2});
  EXPECT_FALSE(steps[2].deletion);
  EXPECT_EQ(steps[2].id, 7u);
  EXPECT_TRUE(steps[2].lits.empty());
  EXPECT_EQ(std::set<int64_t>(steps[2].hints.begin(), steps[2].hints.end()), (std::set<int64_t>{6, 3, 4}));
  EXPECT_EQ(steps[2].hints.back(), 4);  // the conflict last: x1 (lemma 6) gives x2 by clause 3, against clause 4
  EXPECT_EQ(steps[2].line, 5u);
}

// The backward check keeps the units' propagation assigned across checks (spec/sat.md):
// it must follow the clause set as it changes going backwards.
TEST(Drat, TopLevelFollowsTheClauseSet) {
  std::string msg;
  // Checking `1` kills it: x1 and what it implied leave the top level, and x3 (the unit
  // `3`) implies ¬x1 there, which refutes the formula at the top level. Checking `3` kills
  // it: that refutation goes away and the revived ¬x1 ∨ x3 is needed.
  EXPECT_EQ(check_drat("p cnf 3 4\n1 2 0\n1 -2 0\n-1 3 0\n-1 -3 0\n", "3 0\nd -1 3 0\n1 0\n0\n", &msg),
            Outcome::Verified) << msg;
  // ¬x1 ∨ x3 is revived under the unit x1, so it is unit at the top level (x3); the lemma
  // `3` is then true there and is checked from its negation.
  EXPECT_EQ(check_drat("p cnf 3 4\n1 2 0\n1 -2 0\n-1 3 0\n-3 -1 0\n", "1 0\n3 0\nd -1 3 0\n0\n", &msg),
            Outcome::Verified) << msg;
  // x1 implies x3 at the top level; when `4` dies, ¬x3 ∨ x4 is not yet revived, so x4
  // leaves the top level; revived, it implies x4 there again (and refutes the formula).
  EXPECT_EQ(check_drat("p cnf 4 5\n1 2 0\n1 -2 0\n-1 3 0\n-3 4 0\n-4 -1 0\n", "1 0\n4 0\nd -3 4 0\n0\n", &msg),
            Outcome::Verified) << msg;
}

// A lemma with a literal true at the top level is checked without a new top level: the
// reason of its earliest true literal is the conflict (spec/sat.md).
TEST(Drat, LemmaTrueAtTheTopLevel) {
  std::string msg;
  // u (1) implies a (2) implies b (3) while -1 2 lives. The lemma `3 2` (b written first)
  // is true at the top level on both literals; only a's reason, -1 2, is false under its
  // negation (b's, -2 3, is satisfied by ¬a): a hint list built from b would be refused.
  // After -1 2 is deleted the lemma gives b, and b is refuted by a case split on 4 and 5.
  const char* f = "p cnf 5 7\n1 0\n-1 2 0\n-2 3 0\n-3 4 5 0\n-3 4 -5 0\n-3 -4 5 0\n-3 -4 -5 0\n";
  EXPECT_EQ(check_drat(f, "3 2 0\nd -1 2 0\n3 0\n-3 4 0\n-3 0\n0\n", &msg), Outcome::Verified) << msg;
  // Reject: deleted before the lemma, -1 2 no longer makes it true, and without the lemma
  // b is not RUP (the formula without -1 2 is satisfiable: u, ¬a, ¬b).
  EXPECT_EQ(check_drat(f, "d -1 2 0\n3 2 0\n3 0\n-3 4 0\n-3 0\n0\n", &msg), Outcome::Rejected) << msg;
}

// Hints are kept in chunks of 2^18 (translators/drat/drat_to_lrat.cpp, HintArena): one
// lemma whose hints cross a chunk's end keeps them whole and in order. The chain
// x1, x1 -> x2, ..., x(n-1) -> xn, not xn is refuted by the empty clause with the n + 1
// clauses as hints, in propagation order.
// A clause killed and revived keeps watches of its older epochs in the lists until they
// are met (a watch holds only the epoch's parity): those of a dead clause, or of an epoch
// gone, must never propagate. `1 3` is added, deleted and added again (a new clause);
// going backwards the second dies, the first is revived (its watches of epoch 0 still
// filed beside the new ones of epoch 1) and then dies as a lemma (epoch 2: the parity of
// its oldest watches, but dead).
TEST(Drat, WatchesOfKilledAndRevivedClauses) {
  std::string msg;
  EXPECT_EQ(check_drat(kFour, "1 3 0\nd 1 3 0\n1 3 0\n-3 1 0\n1 0\n0\n", &msg), Outcome::Verified) << msg;
  EXPECT_EQ(check_drat(kFour, "1 3 0\n-3 1 0\nd 1 3 0\n1 3 0\nd -3 1 0\n1 0\n0\n", &msg), Outcome::Verified) << msg;
  // Refused: with `1 3`, (1 2) and (1 -2) deleted, `1` is neither RUP nor RAT (¬x1 gives
  // only ¬x3 by `-3 1`); the dead `1 3`, whose watches are still filed, must not make it RUP.
  EXPECT_EQ(check_drat(kFour, "1 3 0\n-3 1 0\nd 1 3 0\nd 1 2 0\nd 1 -2 0\n1 0\n0\n", &msg), Outcome::Rejected) << msg;
  EXPECT_NE(msg.find("neither RUP nor RAT"), std::string::npos) << msg;
}

TEST(Drat, HintsAcrossChunks) {
  const uint32_t n = 300000;  // > 2^18 hints in one step
  std::string text = "p cnf " + std::to_string(n) + " " + std::to_string(n + 1) + "\n1 0\n";
  for (uint32_t v = 1; v < n; ++v) text += "-" + std::to_string(v) + " " + std::to_string(v + 1) + " 0\n";
  text += "-" + std::to_string(n) + " 0\n";
  Cnf problem = read_dimacs(file("chain.cnf", text));
  DratReader in(open_source(file("chain.drat", "0\n")));
  std::vector<LratStep> steps = sat::drat_to_lrat(problem, in);
  ASSERT_EQ(steps.size(), 1u);
  ASSERT_EQ(steps[0].hints.size(), n + 1);
  for (uint32_t k = 0; k <= n; ++k) ASSERT_EQ(steps[0].hints[k], static_cast<int64_t>(k + 1)) << k;
}

// The backward pass polls the caller while it reads and while it walks back (a time limit
// must hold inside it, spec/cli.md); an exception from the poll stops it.
TEST(Drat, PollDuringThePass) {
  std::string proof;
  for (int i = 0; i < 70000; ++i) proof += "1 2 0\n";  // never needed
  proof += "1 0\n0\n";
  std::string cnf = file("poll.cnf", kFour), path = file("poll.drat", proof);
  Cnf problem = read_dimacs(cnf);
  std::vector<std::string> seen;
  {
    DratReader in(open_source(path));
    sat::DratHints hints(problem, in, [&](const sat::DratProgress& p) {
      seen.push_back(std::string(p.phase) + " " + std::to_string(p.done) + "/" + std::to_string(p.total));
    });
  }
  ASSERT_EQ(seen.size(), 69u);  // one while reading (step 65,536), 68 going back (every 1,024 of 70,002)
  EXPECT_EQ(seen.front(), "reading 65536/0");
  EXPECT_EQ(seen[1], "backward 1024/70002");
  EXPECT_EQ(seen.back(), "backward 69632/70002");
  DratReader in(open_source(path));
  auto stop = [](const sat::DratProgress& p) {
    if (std::string(p.phase) == "backward") throw std::runtime_error("stopped");
  };
  EXPECT_THROW(sat::DratHints(problem, in, stop), std::runtime_error);
}

// FRAT (spec/sat.md): the proof's ids mapped to clauses, its hints used as given, missing
// hints found by the backward pass.
TEST(Frat, Translation) {
  std::string msg;
  const std::string o = "o 1  1 2 0\no 2  1 -2 0\no 3  -1 2 0\no 4  -1 -2 0\n";
  EXPECT_EQ(check_frat(kFour, o + "a 5  1 0  l 1 2 0\na 6  0  l 5 3 4 0\nf 6  0\n", &msg), Outcome::Verified) << msg;
  EXPECT_EQ(check_frat(kFour, o + "a 5  1 0\na 6  0\n", &msg), Outcome::Verified) << msg;  // no hints: searched
  // Originals in another order under other ids, a relocation, a deletion, the end.
  EXPECT_EQ(check_frat(kFour, "o 40  -1 -2 0\no 30  2 -1 0\no 10  1 2 0\no 20  -2 1 0\na 5  1 0  l 10 20 0\n"
                              "r 5 50 0\nd 10  1 2 0\na 6  0  l 50 30 40 0\nf 50  1 0\nf 6  0\n", &msg),
            Outcome::Verified) << msg;
  // Reject: after the relocation clause 5 is 50; a hint naming 5 names nothing.
  EXPECT_EQ(check_frat(kFour, o + "a 5  1 0  l 1 2 0\nr 5 50 0\na 6  0  l 5 3 4 0\n", &msg), Outcome::Rejected);
  // Reject: a wrong hint (4 instead of 3: after 5, clause 4 gives ~2 and no conflict).
  EXPECT_EQ(check_frat(kFour, o + "a 5  1 0  l 1 2 0\na 6  0  l 5 4 0\n", &msg), Outcome::Rejected);
  // Input errors: an id used twice, a deletion with other literals, an 'a' after the end.
  EXPECT_EQ(check_frat(kFour, o + "a 4  1 0\na 6  0\n", &msg), Outcome::InputError);
  EXPECT_EQ(check_frat(kFour, o + "d 1  1 -2 0\na 5  1 0\na 6  0\n", &msg), Outcome::InputError);
  EXPECT_EQ(check_frat(kFour, o + "a 5  1 0\na 6  0\na 7  2 0\n", &msg), Outcome::InputError);
}

// Reject: steps asked for before the backward pass has run would have no hints; that is
// a caller's bug, refused loudly rather than answered with an empty proof.
TEST(Drat, ProofHintsNeedTheirPass) {
  sat::ProofHints hints(open_source(file("early.drat", "1 0\n0\n")), false);
  LratStep s;
  EXPECT_THROW(hints.next(s), std::logic_error);
  Cnf problem = read_dimacs(file("early.cnf", kFour));
  hints.find(problem);
  hints.find(problem);  // a second find does nothing
  int steps = 0;
  while (hints.next(s)) ++steps;
  EXPECT_GT(steps, 0);
}

TEST(Drat, Malformed) {
  struct M {
    const char* text;
    uint64_t line;
  };
  for (const M& m : std::vector<M>{{"1 x 0\n", 1}, {"1 2\n", 1}, {"1 0\n-0\n0\n", 2}, {"4294967297 0\n", 1},
                                   {"d\n1 0 5\n", 2}}) {
    std::string msg;
    EXPECT_EQ(check_drat(kFour, m.text, &msg), Outcome::InputError) << m.text;
    EXPECT_NE(msg.find("line " + std::to_string(m.line)), std::string::npos) << m.text << " -> " << msg;
  }
  EXPECT_EQ(check_drat(kFour, std::string("a\x82", 2)), Outcome::InputError);  // truncated binary
}

TEST(Drat, BundledCadicalProof) {
  // certs/ph6.drat.zst: CaDiCaL 1.5.3's DRAT proof of the pigeonhole formula certs/ph6.cnf.
  std::string dir = check::default_theory_dir() + "/../";
  std::string cnf = dir + "ph6.cnf", proof = dir + "ph6.drat.zst";
  check::Checker c(hcert::tenv(), check::default_theory_dir(), [&](const std::string& k) { return check::load_problem(hcert::tenv(), k, cnf); });
  Cnf problem = read_dimacs(cnf);
  DratReader in(open_source(proof));
  sat::DratStats st;
  std::vector<LratStep> steps = sat::drat_to_lrat(problem, in, &st);
  EXPECT_GT(st.core_lemmas, 100u);
  size_t i = 0;
  cert::CallbackWriter sink([&](const cert::Record& r) { c.feed(r); });
  cert::Emitter em(sink);
  sat::lrat_to_certificate(test::core_env(), problem, [&](LratStep& s) { return i < steps.size() ? (s = steps[i++], true) : false; },
                           em);
  check::Report r = c.finish();
  EXPECT_EQ(r.outcome, Outcome::Verified) << r.message;
  EXPECT_TRUE(r.axioms.empty());
}

}  // namespace
