// The theories an SMT-LIB text names (checker/theory_needs.hpp) and a trace check that
// loads only those (as `hcert check PROBLEM TRACE` does): the set read off the symbols,
// elaboration with it equal to elaboration with all five on every problem of the corpus,
// the checker reporting what it used, an atom naming a theory its problem does not, and
// wrong traces still refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "checker/checker.hpp"
#include "checker/theory_needs.hpp"
#include "formats/cert_emit.hpp"
#include "formats/hol_text.hpp"
#include "tests/support.hpp"
#include "translators/trace/trace_to_cert.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"

using namespace hcert;
using check::Outcome;
using Names = std::vector<std::string>;

namespace {

Names named(const std::string& text) { return check::theories_named(smt::parse_script(text)); }

TEST(TheoryNeeds, ReadOffTheSymbols) {
  EXPECT_EQ(named("(set-logic QF_UF)(declare-sort U 0)(declare-fun a () U)(assert (not (= a a)))"), Names{"core"});
  EXPECT_EQ(named("(set-logic QF_RDL)(declare-fun x () Real)(assert (< x x))"), (Names{"core", "ints", "reals"}));
  EXPECT_EQ(named("(set-logic QF_IDL)(declare-fun x () Int)(assert (< x x))"), (Names{"core", "ints", "reals"}));
  // A numeral alone is arithmetic (its sort comes from the logic); a command's numeral
  // argument is not a term.
  EXPECT_EQ(named("(declare-fun p () Bool)(assert (= 1 2))"), (Names{"core", "ints", "reals"}));
  EXPECT_EQ(named("(set-info :smt-lib-version 2.6)(push 1)(declare-fun p () Bool)(assert p)"), Names{"core"});
  // A trace's definition of a numeral: the term is the wrapper's argument, a term.
  EXPECT_EQ(named("(7\n)"), (Names{"core", "ints", "reals"}));
  EXPECT_EQ(named("(declare-fun x () Int)(assert (<= (to_real x) 2.5))"), (Names{"core", "ints", "reals", "mixed"}));
  // Both sorts, no conversion: mixed anyway (conservative).
  EXPECT_EQ(named("(declare-fun x () Int)(declare-fun y () Real)(assert (< x x))"),
            (Names{"core", "ints", "reals", "mixed"}));
  EXPECT_EQ(named("(declare-sort U 0)(declare-fun a () (Array U U))(assert (= a a))"), (Names{"core", "arrays"}));
  EXPECT_EQ(named("(declare-fun a () (Array Int Int))(assert (= (select a 0) 1))"), (Names{"core", "ints", "reals", "arrays"}));
  // z3's negative literal is a symbol the elaboration reads as a number (review 9 F1: a
  // problem whose only arithmetic was -5 elaborated with a Z3 proof, not with a trace).
  EXPECT_EQ(named("(declare-fun p () Bool)(assert (or p (distinct -5 -5)))"), (Names{"core", "ints", "reals"}));
  EXPECT_EQ(named("(declare-fun p () Bool)(assert (or p (distinct -2.5 -2.5)))"), (Names{"core", "ints", "reals"}));
  EXPECT_EQ(named("(declare-fun -p () Bool)(assert -p)"), Names{"core"});
}

// Elaborates `sc` in a fresh environment with the given theories; nullopt when it fails.
std::optional<std::vector<std::string>> elaborated(const smt::Script& sc, const Names& theories) {
  Env env;
  for (const std::string& t : theories) check::load_pinned_theory(env, check::default_theory_dir(), t);
  try {
    check::SmtContext ctx(env, sc);
    std::vector<std::string> out;
    for (const Term& a : ctx.problem().assertions) out.push_back(text::print(a));
    return out;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Never omits a theory the elaboration needs: every SMT-LIB problem of the corpus and of
// the trace tests that elaborates with all five theories elaborates with the named ones
// too, to the same assertions.
TEST(TheoryNeeds, ElaborationWithTheNamedTheoriesIsTheSame) {
  namespace fs = std::filesystem;
  std::string root = check::default_theory_dir() + "/../../tests/";
  size_t compared = 0, fewer = 0;
  for (const char* dir : {"corpus/problems", "translators/trace/data"})
    for (const auto& e : fs::directory_iterator(root + dir)) {
      if (e.path().extension() != ".smt2") continue;
      std::optional<smt::Script> sc;
      try {
        sc = smt::read_script(e.path().string());
      } catch (const std::exception&) {
        continue;  // a case of malformed syntax
      }
      auto all = elaborated(*sc, {"core", "ints", "reals", "mixed", "arrays"});
      if (!all) continue;  // a case the elaboration refuses anyway
      Names some = check::theories_named(*sc);
      fewer += some.size() < 5;
      EXPECT_EQ(elaborated(*sc, some), all) << e.path();
      ++compared;
    }
  EXPECT_GE(compared, 40u);
  EXPECT_GE(fewer, 30u);  // most of them need fewer than all five
}

std::string read(const std::string& f) {
  std::ifstream in(check::default_theory_dir() + "/../../tests/translators/trace/data/" + f, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A trace check as `hcert check` makes it: the problem's named theories loaded, the
// checker told so, each atom's theories loaded by the hook (when `hook`).
struct Checked {
  Outcome outcome = Outcome::InputError;
  std::string message;
  Names reported;  // report.theories, names only
  std::map<std::string, std::string> in_env;
};
Checked check_trace(const std::string& smt, const std::string& trace, bool hook = true, bool from_env = true) {
  static int n = 0;
  Checked out;
  std::string path = test::temp_file("theory_needs_" + std::to_string(++n) + ".smt2", smt);
  Env env;
  smt::Script sc = smt::read_script(path);
  check::load_theories_named(env, check::default_theory_dir(), sc);
  std::optional<check::SmtContext> ctx;
  ctx.emplace(env, sc);
  check::Checker c(env, check::default_theory_dir(), [&](const std::string&) { return ctx->problem(); });
  if (from_env) c.theories_from_env();
  trace::MoreTheories more;
  if (hook) more = [&](const smt::Script& t) { check::load_theories_named(env, check::default_theory_dir(), t); };
  out.outcome = test::outcome_of(c, [&] {
    cert::CallbackWriter sink([&](const cert::Record& r) { c.feed(r); });
    cert::Emitter em(sink);
    trace::trace_to_certificate(*ctx, sc.sha256, [&] { return string_source(trace); }, em, more);
  }, &out.message);
  for (const std::string& t : c.report().theories) out.reported.push_back(t.substr(0, t.find(' ')));
  out.in_env = env.theories();
  return out;
}

TEST(TheoryNeeds, TraceChecksWithTheNamedTheoriesOnly) {
  Checked r = check_trace(read("rdl.smt2"), read("rdl.trace"));
  EXPECT_EQ(r.outcome, Outcome::Verified) << r.message;
  EXPECT_EQ(r.reported, (Names{"core", "ints", "reals"}));
  EXPECT_EQ(r.in_env.count("mixed") + r.in_env.count("arrays"), 0u);
  r = check_trace(read("uf.smt2"), read("uf.trace"));
  EXPECT_EQ(r.outcome, Outcome::Verified) << r.message;
  EXPECT_EQ(r.reported.front(), "core");
  EXPECT_EQ(r.in_env.count("mixed") + r.in_env.count("arrays"), 0u);
}

// A certificate's checker that was not told: every theory of an smtlib2 problem, as before.
TEST(TheoryNeeds, CheckerLoadsAllTheoriesUnlessTold) {
  Checked r = check_trace(read("rdl.smt2"), read("rdl.trace"), true, false);
  EXPECT_EQ(r.outcome, Outcome::Verified) << r.message;
  EXPECT_EQ(r.reported, (Names{"core", "ints", "reals", "mixed", "arrays"}));
}

// Wrong traces are refused as with all theories loaded.
TEST(TheoryNeeds, WrongTracesStillRefused) {
  std::string t = read("rdl.trace");
  // 1·a1 + 2·a2 + 1·a4 leaves y - z in the sum: not a Farkas combination.
  std::string wrong = t.substr(0, t.find("la 1 1 1")) + "la 1 2 1" + t.substr(t.find("la 1 1 1") + 8);
  Checked r = check_trace(read("rdl.smt2"), wrong);
  EXPECT_EQ(r.outcome, Outcome::Rejected) << r.message;
  // The cycle x - y <= 3, y - x <= -5 dropped to one edge: no negative cycle is left.
  std::string one = t.substr(0, t.find("t 4 -1 -3 0 dl")) + "t 4 -3 0 dl" + t.substr(t.find("t 4 -1 -3 0 dl") + 14);
  r = check_trace(read("rdl.smt2"), one);
  EXPECT_EQ(r.outcome, Outcome::Rejected) << r.message;
}

const char* const kLia = "(set-logic QF_LIA)(declare-fun x () Int)(assert (<= x 2))(assert (>= x 3))(check-sat)\n";
const char* const kLiaTrace =
    "hcert-trace 1\na 1 (<= x 2)\na 2 (>= x 3)\na 3 (<= (to_real x) 2.5)\ni 1 0 1 0\ni 2 1 2 0\n"
    "t 3 -1 -2 0 la 1 1\nc 4 0 1 2 3 0\n";

// An atom may name a theory its problem does not (to_real in a QF_LIA problem): the hook
// loads it before the atom is elaborated, and the report lists it.
TEST(TheoryNeeds, AtomNamingAnotherTheoryLoadsIt) {
  EXPECT_EQ(named(kLia), (Names{"core", "ints", "reals"}));
  Checked r = check_trace(kLia, kLiaTrace);
  EXPECT_EQ(r.outcome, Outcome::Verified) << r.message;
  EXPECT_EQ(r.reported, (Names{"core", "ints", "reals", "mixed"}));
  // Without the hook the atom's to_real is undeclared: an input error (exit 3) naming the
  // term, never a verdict on a term elaborated differently.
  r = check_trace(kLia, kLiaTrace, false);
  EXPECT_EQ(r.outcome, Outcome::InputError);
  EXPECT_NE(r.message.find("does not elaborate"), std::string::npos) << r.message;
  // With the hook, a wrong lemma over the same atoms is still refused: x <= 2 and
  // x >= 2 are consistent, no multipliers refute them.
  std::string sat = kLia;
  sat.replace(sat.find(">= x 3"), 6, ">= x 2");
  std::string tr = kLiaTrace;
  tr.replace(tr.find(">= x 3"), 6, ">= x 2");
  r = check_trace(sat, tr);
  EXPECT_EQ(r.outcome, Outcome::Rejected) << r.message;
}

}  // namespace
