// cvc5 proof + SMT-LIB problem -> certificate records (spec/cvc5.md). Untrusted: every
// step it writes is checked by the kernel; a step it cannot justify (cvc5's trusted steps
// included) becomes an explicit hole named by its rule, so the check can end INCOMPLETE
// but never VERIFIED on a guess.
#pragma once
#include <map>
#include <string>

#include "formats/cert_emit.hpp"
#include "formats/cvc5proof.hpp"
#include "trusted/problem.hpp"

namespace hcert::cvc5 {

struct Cvc5Stats {
  uint64_t nodes = 0, holes = 0;
  std::map<std::string, uint64_t> justified, holed;  // per rule
};

// Writes the whole certificate (header to end). Theories core, ints, reals and mixed must
// be loaded. Throws check::Failure (Rejected when a step is false or the proof does not
// end in the refutation of the problem's assertions; InputError for a proof printed
// without conclusions) and cert::FormatError.
Cvc5Stats cvc5_to_certificate(check::SmtContext& ctx, const std::string& problem_sha256, ProofReader& in,
                              cert::Emitter& out);

}  // namespace hcert::cvc5
