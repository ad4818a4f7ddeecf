// Which input clauses an LRAT proof's hints name, from a quick first read of the file.
// Why: the translation's formula hypothesis Φ need only conjoin the input clauses the
// proof uses (spec/sat.md), and an LRAT proof names them only as it streams; without this
// read every clause of the problem becomes a kernel term before the first step (md5-506:
// 108,339 of 212,074 clauses named, 1.15M term nodes for all of them).
// The read is an optimisation only: it decides no verdict. A clause it misses enters the
// certificate alone (its own assertion), and Φ conjoins assertions of the problem only.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "trusted/dimacs.hpp"
#include "trusted/source.hpp"

namespace hcert {

// The 0-based indices, increasing, of the input clauses (ids 1 … inputs) that an
// addition's hints name (RAT hints by their absolute value), in a text or binary LRAT
// proof as LratReader reads it. Empty when the proof does not read as LRAT here (a
// malformed line, a number out of range): the caller then assumes every clause is used,
// and the proof's own reader reports the fault with its place.
std::vector<uint32_t> lrat_inputs_named(Source& src, uint64_t inputs);

// The first read of the LRAT proof at `path` for the translation (lrat_to_certificate's
// inputs_used), or an empty function when it would not pay: the path is not a regular
// file (stdin, a pipe: it cannot be read twice), or the problem has fewer than one
// literal per 32 bytes of proof (the read costs ~1.3 ns a byte, the elaboration of a
// literal ~100 ns: it must be able to save a good part of it). A file that cannot be
// opened again reads as empty (every clause used).
std::function<std::vector<uint32_t>()> lrat_inputs_reader(const std::string& path, const Cnf& cnf);

}  // namespace hcert
