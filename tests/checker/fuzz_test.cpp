// Hostile certificates: random byte mutations of valid certificates (text and binary) must
// end in a defined outcome -- never a crash, never an exception other than the checker's
// own -- and a mutation that breaks a step must not verify. ANCHORS 13: Spirit X3's
// standard char classes once asserted on such bytes.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "formats/cert_io.hpp"

using namespace hcert;
using check::Outcome;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string certs() { return check::default_theory_dir() + "/../"; }

// Runs the checker on certificate bytes; returns the outcome (exceptions of the defined
// kinds are outcomes; anything else propagates and fails the test).
Outcome run(const std::string& bytes, const std::string& cnf = certs() + "unit-pair.cnf") {
  check::Checker c(hcert::tenv(), check::default_theory_dir(), [&](const std::string& k) { return check::load_problem(hcert::tenv(), k, cnf); });
  try {
    auto in = cert::open_records(string_source(bytes));
    cert::Record r;
    while (in->next(r)) c.feed(r);
    return c.finish().outcome;
  } catch (const check::Failure& e) {
    return e.outcome;
  } catch (const cert::FormatError&) {
    return Outcome::InputError;
  }
}

TEST(Fuzz, OriginalsVerify) {
  EXPECT_EQ(run(slurp(certs() + "unit-pair.hct")), Outcome::Verified);
  EXPECT_EQ(run(slurp(certs() + "unit-pair.hcb.zst")), Outcome::Verified);
}

RC_GTEST_PROP(Fuzz, MutatedTextCertificateNeverCrashes, ()) {
  static const std::string base = slurp(certs() + "unit-pair.hct");
  std::string s = base;
  int n = *rc::gen::inRange(1, 8);
  for (int i = 0; i < n; ++i) {
    size_t at = *rc::gen::inRange<size_t>(0, s.size());
    switch (*rc::gen::inRange(0, 4)) {
      case 0: s[at] = *rc::gen::arbitrary<char>(); break;          // any byte, >= 0x80 too
      case 1: s.erase(at, *rc::gen::inRange<size_t>(1, 20)); break;  // cut
      case 2: s.insert(at, s.substr(*rc::gen::inRange<size_t>(0, s.size()), 10)); break;
      default: s[at] = "0123456789 \n|"[*rc::gen::inRange(0, 13)];  // plausible edits
    }
  }
  Outcome o = run(s);
  RC_TAG(static_cast<int>(o));
  RC_ASSERT(o == Outcome::Verified || o == Outcome::Rejected || o == Outcome::Incomplete || o == Outcome::InputError);
}

// The same for a certificate made of `rup` steps (tests/corpus/check/rup-four.hct): the
// kernel's RUP fast path meets hostile literal lists, signs and hint ids.
RC_GTEST_PROP(Fuzz, MutatedRupCertificateNeverCrashes, ()) {
  static const std::string corpus = certs() + "../tests/corpus/";
  static const std::string base = slurp(corpus + "check/rup-four.hct");
  RC_PRE(!base.empty());
  std::string s = base;
  int n = *rc::gen::inRange(1, 5);
  for (int i = 0; i < n; ++i) {
    size_t at = *rc::gen::inRange<size_t>(0, s.size());
    if (*rc::gen::arbitrary<bool>()) s[at] = "0123456789 "[*rc::gen::inRange(0, 11)];
    else s.erase(at, *rc::gen::inRange<size_t>(1, 6));
  }
  Outcome o = run(s, corpus + "problems/four.cnf");
  RC_TAG(static_cast<int>(o));
  RC_ASSERT(o == Outcome::Verified || o == Outcome::Rejected || o == Outcome::Incomplete || o == Outcome::InputError);
}

RC_GTEST_PROP(Fuzz, MutatedBinaryCertificateNeverCrashes, ()) {
  static std::string base = [] {
    auto in = cert::open_records(certs() + "unit-pair.hct");
    std::string path = testing::TempDir() + "/hcert_fuzz.hcb";
    auto w = cert::open_writer(path, cert::Encoding::Binary, false);
    cert::Record r;
    while (in->next(r)) w->write(r);
    w->close();
    return slurp(path);
  }();
  std::string s = base;
  int n = *rc::gen::inRange(1, 6);
  for (int i = 0; i < n; ++i) s[*rc::gen::inRange<size_t>(4, s.size())] = *rc::gen::arbitrary<char>();
  Outcome o = run(s);
  RC_TAG(static_cast<int>(o));
  RC_ASSERT(o == Outcome::Verified || o == Outcome::Rejected || o == Outcome::Incomplete || o == Outcome::InputError);
}

// Changing which theorem a step uses, or a term a step builds, must never turn the
// refutation into a verified proof of something else: every single-number change in a
// step or node record either still proves exactly {x1, ~x1} ⊢ F or is refused.
TEST(Fuzz, EveryNumberChangeInTheDemoIsCaught) {
  std::string base = slurp(certs() + "unit-pair.hct");
  size_t changed = 0, verified = 0;
  for (size_t i = 0; i + 1 < base.size(); ++i) {
    if (base[i] < '0' || base[i] > '9' || (i > 0 && base[i - 1] != ' ')) continue;
    for (char d : {'1', '2', '7'}) {
      if (d == base[i]) continue;
      std::string s = base;
      s[i] = d;
      ++changed;
      if (run(s) == Outcome::Verified) ++verified;
    }
  }
  EXPECT_GT(changed, 300u);
  // A few changes are harmless (e.g. renumbering a type node no later record uses
  // differently); the rest must be refused.
  EXPECT_LT(verified, changed / 20) << verified << " of " << changed << " changes still verified";
}

}  // namespace
