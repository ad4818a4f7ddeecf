// Which SAT proof format a file holds, judged from its first bytes (decompressed), never
// from its name: DRAT, LRAT and FRAT, each as text or binary (spec/sat.md, "Formats").
#pragma once
#include <string_view>

namespace hcert {

enum class SatProofKind { Unknown, DratText, DratBinary, LratText, LratBinary, FratText, FratBinary };

// `head`: the first bytes of the proof (a few kilobytes; the last step may be cut).
SatProofKind sniff_sat_proof(std::string_view head);

// "drat", "lrat", "frat" (the reader to use), or "" for Unknown.
const char* sat_proof_family(SatProofKind k);
bool sat_proof_binary(SatProofKind k);

}  // namespace hcert
