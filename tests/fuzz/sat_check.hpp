// A SAT check as `hcert check` runs it on one thread: the LRAT steps (read, or found by the
// backward DRAT check) translated into certificate records that stream into the checker,
// against a small bundled problem (four.cnf: all four clauses over two variables).
#pragma once
#include <functional>

#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "trusted/dimacs.hpp"
#include "formats/lrat.hpp"
#include "translators/drat/lrat_to_cert.hpp"
#include "tests/fuzz/harness.hpp"

namespace hcert::fuzz {

inline void sat_check(const std::function<bool(LratStep&)>& next) {
  static const std::string problem = repo_file("tests/corpus/problems/four.cnf");
  static const Cnf cnf = read_dimacs(problem);
  std::string theories = check::default_theory_dir();
  Env env;  // each input a check of its own: no declaration carries over
  check::load_pinned_theory(env, theories, "core");
  check::Checker checker(env, theories, [&](const std::string& kind) { return check::load_problem(env, kind, problem); });
  cert::CallbackWriter sink([&](const cert::Record& r) { checker.feed(r); });
  cert::Emitter em(sink);
  sat::lrat_to_certificate(env, cnf, next, em);
  checker.finish();
}

}  // namespace hcert::fuzz
