// A SAT check as `hcert check` runs it on one thread: the LRAT steps (read, or found by the
// backward DRAT check) translated into certificate records that stream into the checker,
// against a small bundled problem (four.cnf: all four clauses over two variables).
#pragma once
#include <functional>
#include <optional>

#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "trusted/dimacs.hpp"
#include "formats/lrat.hpp"
#include "translators/drat/drat_to_lrat.hpp"
#include "translators/drat/lrat_to_cert.hpp"
#include "tests/fuzz/harness.hpp"

namespace hcert::fuzz {

inline const char* const kFourCnf = "tests/corpus/problems/four.cnf";

inline void sat_check(const std::function<bool(LratStep&)>& next) {
  static const std::string problem = repo_file(kFourCnf);
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

// The same for a proof without hints (DRAT) or with some (FRAT): the backward check finds
// them when the first step is asked for, as `hcert check` runs it.
template <class Reader>
void backward_sat_check(Reader& in) {
  static const Cnf cnf = read_dimacs(repo_file(kFourCnf));
  std::optional<sat::DratHints> hints;
  sat_check([&](LratStep& s) {
    if (!hints) hints.emplace(cnf, in);
    return hints->next(s);
  });
}

}  // namespace hcert::fuzz
