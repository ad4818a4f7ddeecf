#include "tools/proof_kind.hpp"

#include "trusted/source.hpp"

namespace hcert::tool {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// What kind of proof a file holds: --from, else the extension (.lrat, .drat, possibly
// followed by .zst), else its first bytes: a certificate starts with "hcert" or "HCB1";
// a text line with two zeros is LRAT, with one zero DRAT.
std::string proof_kind(const std::string& from, const std::string& path) {
  if (!from.empty()) return from;
  std::string p = ends_with(path, ".zst") ? path.substr(0, path.size() - 4) : path;
  for (const char* k : {"lrat", "drat", "z3"})
    if (ends_with(p, std::string(".") + k)) return k;
  if (ends_with(p, ".drup")) return "drat";  // DRUP is DRAT without RAT steps
  if (ends_with(p, ".z3proof")) return "z3";
  if (path == "-") return "cert";
  auto src = hcert::open_source(path);
  std::string head = hcert::read_head(*src, 4096);
  if (head.rfind("hcert", 0) == 0 || head.rfind("HCB1", 0) == 0 || head.rfind("#", 0) == 0) return "cert";
  if (head.rfind("unsat", 0) == 0 || head.rfind("((set-logic", 0) == 0 || head.rfind("(proof", 0) == 0) return "z3";
  size_t nl = head.find('\n');
  std::string first = head.substr(0, nl);
  first.erase(0, first.find_first_not_of(" \t"));  // solvers may indent (drat-trim's examples)
  size_t zeros = 0;
  for (size_t i = 0; i < first.size(); ++i)
    if (first[i] == '0' && (i == 0 || first[i - 1] == ' ') && (i + 1 == first.size() || first[i + 1] == ' ')) ++zeros;
  bool digit = !first.empty() && first[0] >= '0' && first[0] <= '9';
  if (digit) return zeros >= 2 ? "lrat" : "drat";
  if (first.rfind("-", 0) == 0 || first.rfind("d ", 0) == 0) return "drat";  // a negative literal or a deletion
  return "cert";
}

}  // namespace hcert::tool
