// The shared provers' wiring (translators/provers/toolbox.hpp): scratch steps go through
// the translator's own step function (which records them for deletion), lemmas and facts
// straight to the certificate; the arithmetic refuter's decisions are remembered (until
// forget()), so a dry run followed by the real one searches once for a satisfiable set.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "formats/cert_emit.hpp"
#include "tests/env.hpp"
#include "tests/translators/provers/assertions.hpp"
#include "tests/support.hpp"
#include "translators/provers/toolbox.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"

using namespace hcert;

namespace {

std::vector<Term> literals(const std::string& name, const std::string& asserts) {
  return test::smt_assertions(name, "(set-logic QF_LRA)(declare-const x Real)(declare-const y Real)" + asserts);
}

// A translator's side of the wiring: every record written, and the ids of its scratch steps.
struct Harness {
  std::vector<cert::Record> records;
  std::vector<uint64_t> scratch_ids;
  cert::CallbackWriter writer{[this](const cert::Record& r) { records.push_back(r); }};
  cert::Emitter em{writer};
  provers::Toolbox tools{em, [this](const char* rule, std::vector<uint64_t> args) {
                           uint64_t id = em.new_thm_id();
                           scratch_ids.push_back(id);
                           args.insert(args.begin(), id);
                           em.write(cert::Emitter::make(cert::Tag::Step, std::move(args), {rule}));
                           return id;
                         }};
  size_t count(cert::Tag tag) const {
    return std::count_if(records.begin(), records.end(), [tag](const cert::Record& r) { return r.tag == tag; });
  }
  bool is_scratch(uint64_t id) const { return std::find(scratch_ids.begin(), scratch_ids.end(), id) != scratch_ids.end(); }
};

}  // namespace

TEST(ProversToolbox, ScratchStepsGoThroughTheTranslatorAndLemmasStraightOut) {
  Harness h;
  std::vector<Term> lits = literals("tb1", "(assert (< x y))(assert (< y x))");
  uint64_t f = h.tools.arith_refuter(h.tools.scratch, lits, true, nullptr);
  ASSERT_NE(f, 0u);
  EXPECT_TRUE(h.is_scratch(f));  // the refutation itself is the caller's, to delete
  // The arithmetic's facts and lemmas are live: written by the toolbox, not recorded as scratch.
  EXPECT_GT(h.count(cert::Tag::Fact), 0u);
  size_t kept = 0;
  for (const cert::Record& r : h.records)
    if (r.tag == cert::Tag::Step && !h.is_scratch(r.nums.at(0))) ++kept;
  EXPECT_GT(kept, 0u);
}

TEST(ProversToolbox, DecisionsAreRemembered) {
  Harness h;
  std::vector<Term> sat = literals("tb2", "(assert (< x y))");
  bool satisfiable = false;
  EXPECT_EQ(h.tools.arith_refuter(h.tools.scratch, sat, false, &satisfiable), 0u);
  EXPECT_TRUE(satisfiable);
  // Remembered: the answer (and the model's existence) without a new search, and no records.
  size_t before = h.records.size();
  satisfiable = false;
  EXPECT_EQ(h.tools.arith_refuter(h.tools.scratch, sat, true, &satisfiable), 0u);
  EXPECT_TRUE(satisfiable);
  EXPECT_EQ(h.records.size(), before);
  // A refutable set found in a dry run is searched again when it is to be emitted: the
  // refutation's steps are made then.
  std::vector<Term> unsat = literals("tb3", "(assert (< x y))(assert (< y x))");
  EXPECT_NE(h.tools.arith_refuter(h.tools.scratch, unsat, false, nullptr), 0u);
  size_t dry = h.scratch_ids.size();
  uint64_t f = h.tools.arith_refuter(h.tools.scratch, unsat, true, nullptr);
  EXPECT_NE(f, 0u);
  EXPECT_GT(h.scratch_ids.size(), dry);
  EXPECT_TRUE(h.is_scratch(f));
}
