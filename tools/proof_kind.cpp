#include "tools/proof_kind.hpp"

#include <stdexcept>

#include "formats/sniff.hpp"
#include "trusted/source.hpp"

namespace hcert::tool {

// `from` when given, else the first bytes as `check` reads them (formats/sniff.hpp), so
// that `archive create` converts a proof as what `check` would take it for.
std::string proof_kind(const std::string& from, const std::string& path) {
  if (!from.empty()) return from;
  auto src = hcert::open_source(path);
  hcert::Look look = hcert::sniff_proof(hcert::read_head(*src, hcert::kSniffBytes));
  if (look.kind.empty())
    throw std::runtime_error(path + ": this looks like " + look.what + "; hcert reads certificates and LRAT, DRAT, FRAT and Z3 proofs");
  return look.kind;
}

}  // namespace hcert::tool
