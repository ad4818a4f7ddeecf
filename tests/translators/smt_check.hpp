// Checking what an SMT translator emits for a problem given as text, end to end in one
// process and in an environment of its own (the cvc5 and trace translator tests): the
// problem is elaborated with the pinned theories, the translator's records go straight
// into a checker, and the outcome (with its message) is returned.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "checker/checker.hpp"
#include "formats/cert_emit.hpp"
#include "tests/support.hpp"
#include "trusted/problem.hpp"

namespace hcert::test {

using SmtTranslation = std::function<void(check::SmtContext& ctx, const std::string& sha256, cert::Emitter& em)>;

// `records`, when given, counts the records the translator wrote (what a proof cost).
inline check::Outcome check_smt_translation(const std::string& name, const std::string& smt,
                                            const SmtTranslation& translate, std::string* msg = nullptr,
                                            size_t* records = nullptr) {
  static int n = 0;
  std::string path = temp_file(name + "_" + std::to_string(++n) + ".smt2", smt);
  Env env;
  for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) check::load_pinned_theory(env, check::default_theory_dir(), t);
  smt::Script sc = smt::read_script(path);
  std::optional<check::SmtContext> ctx;
  ctx.emplace(env, sc);
  check::Checker c(env, check::default_theory_dir(), [&](const std::string&) { return ctx->problem(); });
  return outcome_of(c, [&] {
    cert::CallbackWriter sink([&](const cert::Record& r) {
      if (records) ++*records;
      c.feed(r);
    });
    cert::Emitter em(sink);
    translate(*ctx, sc.sha256, em);
  }, msg);
}

}  // namespace hcert::test
