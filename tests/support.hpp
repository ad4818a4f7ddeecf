// Helpers shared by the test files: temporary files, and running a check to its outcome.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <string>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "formats/cert.hpp"
#include "rules/bool.hpp"

namespace hcert::test {

// Writes text to a file in the test temporary directory and returns its path.
inline std::string temp_file(const std::string& name, const std::string& text) {
  std::string path = testing::TempDir() + "/hcert_test_" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Runs `feed` (which feeds records to `c`) and finishes the check; a Failure or a
// FormatError becomes its outcome. The message, if asked for, says why.
inline check::Outcome outcome_of(check::Checker& c, const std::function<void()>& feed, std::string* msg = nullptr,
                                 bool finish = true) {
  try {
    feed();
    if (!finish) return check::Outcome::Verified;
    check::Report r = c.finish();
    if (msg) *msg = r.message;
    return r.outcome;
  } catch (const check::Failure& e) {
    if (msg) *msg = e.what();
    return e.outcome;
  } catch (const cert::FormatError& e) {
    if (msg) *msg = e.what();
    return check::Outcome::InputError;
  }
}

// Loads the core theory (idempotent) and returns its definitions for the derived rules.
inline const rules::BoolDefs& core_defs() {
  check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), "core");
  static const rules::BoolDefs d = rules::BoolDefs::from_core(hcert::tenv());
  return d;
}

// The shared test environment with the core theory loaded (the SAT translators' vocabulary).
inline Env& core_env() {
  core_defs();
  return tenv();
}

}  // namespace hcert::test
