// Z3 proof + SMT-LIB problem -> certificate records (spec/z3.md). Untrusted: every step it
// writes is checked by the kernel; a rule it cannot justify becomes an explicit hole, so
// the check can end INCOMPLETE but never VERIFIED on a guess.
#pragma once
#include <map>
#include <string>

#include "trusted/problem.hpp"
#include "formats/cert_emit.hpp"
#include "formats/z3proof.hpp"

namespace hcert::z3 {

struct Z3Stats {
  uint64_t nodes = 0, holes = 0;
  std::map<std::string, uint64_t> justified, holed;  // per rule
};

// Writes the whole certificate (header to end). Theories core, ints, reals and mixed must
// be loaded (the problem's elaboration needs them). Throws check::Failure (Rejected when
// the proof does not end in false or is malformed in its structure) and cert::FormatError.
Z3Stats z3_to_certificate(check::SmtContext& ctx, const std::string& problem_sha256, ProofReader& in,
                          cert::Emitter& out);

}  // namespace hcert::z3
