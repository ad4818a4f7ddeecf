#include "tools/proof_kind.hpp"

#include "formats/sat_proof_kind.hpp"
#include "trusted/source.hpp"

namespace hcert::tool {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// What kind of proof a file holds: --from, else its first bytes: a certificate starts
// with "hcert" or "HCB1", a Z3 proof with "unsat" or "(", a SAT proof is told by its
// content (formats/sat_proof_kind.hpp: DRAT, LRAT, FRAT, text or binary), whatever its
// name; else the extension (.lrat, .drat, .drup, .frat, .z3, possibly followed by .zst).
std::string proof_kind(const std::string& from, const std::string& path) {
  if (!from.empty()) return from;
  if (path == "-") return "cert";
  auto src = hcert::open_source(path);
  std::string head = hcert::read_head(*src, 4096);
  if (head.rfind("hcert", 0) == 0 || head.rfind("HCB1", 0) == 0 || head.rfind("#", 0) == 0) return "cert";
  if (head.rfind("unsat", 0) == 0 || head.rfind("((set-logic", 0) == 0 || head.rfind("(proof", 0) == 0) return "z3";
  if (const char* k = hcert::sat_proof_family(hcert::sniff_sat_proof(head)); *k) return k;
  std::string p = ends_with(path, ".zst") ? path.substr(0, path.size() - 4) : path;
  for (const char* k : {"lrat", "drat", "frat", "z3"})
    if (ends_with(p, std::string(".") + k)) return k;
  if (ends_with(p, ".drup")) return "drat";  // DRUP is DRAT without RAT steps
  if (ends_with(p, ".z3proof")) return "z3";
  return "cert";
}

}  // namespace hcert::tool
