// An SMT check as `hcert check` runs it on one thread: a solver's proof (Z3, cvc5, a trace)
// translated into certificate records that stream into the checker, against a bundled
// SMT-LIB problem; each input a check of its own (a fresh Env: no declaration carries over).
#pragma once
#include <initializer_list>
#include <string>

#include "checker/checker.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "tests/fuzz/harness.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"

namespace hcert::fuzz {

// translate(ctx, problem_sha256, emitter) writes the whole certificate.
template <class Translate>
void smt_check(const std::string& problem, std::initializer_list<const char*> theories, Translate translate) {
  Env env;
  for (const char* t : theories) check::load_pinned_theory(env, check::default_theory_dir(), t);
  smt::Script sc = smt::read_script(problem);
  check::SmtContext ctx(env, sc);
  check::Checker checker(env, check::default_theory_dir(), [&](const std::string& kind) { return check::load_problem(env, kind, problem); });
  cert::CallbackWriter sink([&](const cert::Record& r) { checker.feed(r); });
  cert::Emitter em(sink);
  translate(ctx, sc.sha256, em);
  checker.finish();
}

}  // namespace hcert::fuzz
