// Which proof format a file holds (spec/cli.md, `check`): shared by `check` and by
// `archive create`, which converts each proof to a certificate.
#pragma once
#include <string>

namespace hcert::tool {

// "cert", "lrat", "drat" or "z3": `from` when given (non-empty), else the file's
// extension, else its first bytes. Throws what open_source throws for an unreadable file.
std::string proof_kind(const std::string& from, const std::string& path);

}  // namespace hcert::tool
