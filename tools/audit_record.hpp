// The audit record: what `hcert check --json` writes, one JSON object to keep with the
// evidence (schema: spec/record.schema.json). It names the inputs by path and by the
// SHA-256 of their bytes as read, the whole proved statement, what the verdict depends on
// (axioms, holes, theories, kernel fast paths) and which hcert made it (version and the
// hash of its trusted sources), so a reader can tell later what was checked and by what.
#pragma once
#include <string>

#include "checker/checker.hpp"
#include "trusted/source.hpp"

namespace hcert::tool {

struct CheckFacts {
  const check::Report& report;
  std::string problem, proof;  // paths as given ("-" for stdin)
  std::string proof_format;    // "cert", "lrat", "drat", "z3" (empty when not recognised)
  FileDigest problem_digest, proof_digest;
  bool pure = false;
  double seconds = 0;
  long peak_rss_kb = 0;
};

// The record as JSON text (one line, then '\n'): always valid JSON; every name from the
// inputs passes through printable() (tools/escape.hpp).
std::string audit_record(const CheckFacts& facts);

}  // namespace hcert::tool
