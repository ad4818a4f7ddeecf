// LRAT proof + DIMACS problem -> certificate records (spec/sat.md). Untrusted: it chooses
// the resolution order; every step it writes is checked by the kernel.
#pragma once
#include <functional>

#include "formats/cert_emit.hpp"
#include "trusted/dimacs.hpp"
#include "formats/lrat.hpp"

namespace hcert::sat {

struct LratStats {
  uint64_t additions = 0, deletions = 0, resolutions = 0, inputs_used = 0, rat_steps = 0, rup_steps = 0;
};

// Writes the whole certificate (header to end) to `out`. Throws check::Failure with
// outcome Rejected when the proof is wrong (a step that is not RUP or RAT with its hints,
// an unknown or deleted hint, no empty clause), and cert::FormatError for malformed LRAT.
// env: an environment with the pinned core theory loaded, whose constants the clause
// terms name (translators/vocabulary.hpp).
// inputs_used as below (an LRAT file's first read, formats/lrat_inputs.hpp).
LratStats lrat_to_certificate(const Env& env, const Cnf& cnf, LratReader& in, cert::Emitter& out,
                              const std::function<std::vector<uint32_t>()>& inputs_used = {});
// The same from any source of LRAT steps (the DRAT translation produces them in memory).
// inputs_used, if given, is asked once, after the first step, which problem clauses
// (0-based, increasing) the steps' hints name: when they are at most two thirds, the
// formula hypothesis Φ is their conjunction only (spec/sat.md). Only speed and memory
// depend on it: a clause it leaves out enters alone when a hint names it.
LratStats lrat_to_certificate(const Env& env, const Cnf& cnf, const std::function<bool(LratStep&)>& next,
                              cert::Emitter& out, const std::function<std::vector<uint32_t>()>& inputs_used = {});

// Sizes the kernel's term table for the terms the checker's elaboration of `cnf` makes
// (each clause as a disjunction and Φ as the conjunction tree of the clauses), so that the
// table is not copied again and again while they are built (md5-506: 3 % of the check's
// time). The estimate is one node per literal occurrence and two per variable (x, ~x):
// at most two are made per occurrence, but clauses share their tails (md5-506: 1.15M
// nodes for 1.17M occurrences), and a table sized for the most would waste its memory.
// Only speed and memory depend on it.
void reserve_problem_terms(const Cnf& cnf);

}  // namespace hcert::sat
