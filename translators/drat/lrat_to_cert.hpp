// LRAT proof + DIMACS problem -> certificate records (spec/sat.md). Untrusted: it chooses
// the resolution order; every step it writes is checked by the kernel.
#pragma once
#include <functional>

#include "formats/cert_emit.hpp"
#include "trusted/dimacs.hpp"
#include "formats/lrat.hpp"

namespace hcert::sat {

// Entered around every use of kernel terms when the certificate's records are checked on
// another thread, whose checker holds it while it checks (the kernel's tables are not
// thread-safe). The translator uses terms only to name variables, in RAT steps, at the
// start and at the end; its RUP and resolution steps are records of ids.
class KernelGate {
 public:
  virtual ~KernelGate() = default;
  virtual void enter() = 0;
  virtual void leave() = 0;
};

struct LratStats {
  uint64_t additions = 0, deletions = 0, resolutions = 0, inputs_used = 0, rat_steps = 0, rup_steps = 0;
};

// Writes the whole certificate (header to end) to `out`. Throws check::Failure with
// outcome Rejected when the proof is wrong (a step that is not RUP or RAT with its hints,
// an unknown or deleted hint, no empty clause), and cert::FormatError for malformed LRAT.
// env: an environment with the pinned core theory loaded, whose constants the clause
// terms name (translators/vocabulary.hpp).
LratStats lrat_to_certificate(const Env& env, const Cnf& cnf, LratReader& in, cert::Emitter& out,
                              KernelGate* gate = nullptr);
// The same from any source of LRAT steps (the DRAT translation produces them in memory).
// With a gate, every use of kernel terms happens inside it.
LratStats lrat_to_certificate(const Env& env, const Cnf& cnf, const std::function<bool(LratStep&)>& next,
                              cert::Emitter& out, KernelGate* gate = nullptr);

}  // namespace hcert::sat
