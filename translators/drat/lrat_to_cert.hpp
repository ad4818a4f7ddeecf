// LRAT proof + DIMACS problem -> certificate records (spec/sat.md). Untrusted: it chooses
// the resolution order; every step it writes is checked by the kernel.
#pragma once
#include <functional>

#include "formats/cert_emit.hpp"
#include "formats/dimacs.hpp"
#include "formats/lrat.hpp"

namespace hcert::sat {

struct LratStats {
  uint64_t additions = 0, deletions = 0, resolutions = 0, inputs_used = 0, rat_steps = 0;
};

// Writes the whole certificate (header to end) to `out`. Throws check::Failure with
// outcome Rejected when the proof is wrong (a step that is not RUP or RAT with its hints,
// an unknown or deleted hint, no empty clause), and cert::FormatError for malformed LRAT.
// theory_dir: where the pinned core theory is, which the clause terms are built from.
LratStats lrat_to_certificate(const Cnf& cnf, LratReader& in, cert::Emitter& out,
                              const std::string& theory_dir);
// The same from any source of LRAT steps (the DRAT translation produces them in memory).
LratStats lrat_to_certificate(const Cnf& cnf, const std::function<bool(LratStep&)>& next,
                              cert::Emitter& out, const std::string& theory_dir);

}  // namespace hcert::sat
