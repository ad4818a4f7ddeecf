// A custom solver's trace (spec/trace.md) + SMT-LIB problem -> certificate records.
// Untrusted: every step it writes is checked by the kernel; a theory lemma it cannot prove
// becomes an explicit hole (the check ends INCOMPLETE, never VERIFIED on a guess), and a
// step shown wrong (a countermodel, a hint that does not work) rejects the trace.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "formats/cert_emit.hpp"
#include "formats/trace_reader.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"

namespace hcert::trace {

// What the translation did, for the verdict's stats line (spec/trace.md, "Costs").
struct TraceStats {
  uint64_t atoms = 0, definitions = 0, inputs = 0, derived = 0, deletions = 0;
  uint64_t derived_searched = 0;   // derived clauses without hints: found by propagation
  uint64_t propagations = 0;       // the clause visits that search cost
  double search_seconds = 0;       // and its time
  uint64_t lemmas = 0, lemmas_hinted = 0, lemmas_searched = 0, holes = 0;
  uint64_t lemmas_cycles = 0;      // of these, proved as difference-logic cycles (linear)
  uint64_t lemmas_definitions = 0; // and as a Tseitin definition's clauses (def_clauses.hpp)
  uint64_t lemmas_patterns = 0;    // and as instances of an earlier lemma's pattern (one INST)
  double lemma_seconds = 0;        // time spent proving theory lemmas (hinted or not)
};

// Called with each atom's and definition's term (parsed, not yet elaborated) in the first
// pass: a caller that loaded only the theories its problem names (checker/theory_needs.hpp)
// loads those a term names besides, before the term is elaborated and before the
// certificate's first record.
using MoreTheories = std::function<void(const smt::Script& term)>;

// Writes the whole certificate (header to end). The trace is read twice, each time from a
// fresh source that `open` gives (the same bytes): first its atoms and definitions, which
// make the one background hypothesis Δ, then its clauses (translator.hpp says why). The
// theories the problem names must be loaded (its elaboration needs them); those its atoms
// name besides, more_theories loads (without it: all must be loaded). Throws check::Failure (Rejected for a wrong step, with the trace's line or byte)
// and cert::FormatError (malformed trace, or a record naming what does not exist: an
// assertion index, an ill-sorted term).
TraceStats trace_to_certificate(check::SmtContext& ctx, const std::string& problem_sha256,
                                const std::function<std::unique_ptr<Source>()>& open, cert::Emitter& out,
                                const MoreTheories& more_theories = {});

}  // namespace hcert::trace
