// A SAT check as `hcert check` runs it on one thread: the LRAT steps (read, or found by the
// backward DRAT check) translated into certificate records that stream into the checker,
// against a small bundled problem (four.cnf: all four clauses over two variables).
#pragma once
#include <functional>

#include "checker/checker.hpp"
#include "checker/problem.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "formats/dimacs.hpp"
#include "formats/lrat.hpp"
#include "translators/drat/lrat_to_cert.hpp"
#include "tests/fuzz/harness.hpp"

namespace hcert::fuzz {

inline void sat_check(const std::function<bool(LratStep&)>& next) {
  static const std::string problem = repo_file("tests/corpus/problems/four.cnf");
  static const Cnf cnf = read_dimacs(problem);
  std::string theories = check::default_theory_dir();
  check::Checker checker(theories, [&](const std::string& kind) { return check::load_problem(kind, problem); });
  cert::CallbackWriter sink([&](const cert::Record& r) { checker.feed(r); });
  cert::Emitter em(sink);
  sat::lrat_to_certificate(cnf, next, em, theories);
  checker.finish();
}

}  // namespace hcert::fuzz
