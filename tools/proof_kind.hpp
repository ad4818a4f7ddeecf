// Which proof format a file holds (spec/cli.md, `check`): shared by `check` and by
// `archive create`, which converts each proof to a certificate.
#pragma once
#include <string>

namespace hcert::tool {

// "cert", "lrat", "drat", "frat" or "z3": `from` when given (non-empty), else recognised
// by content as `check` does (formats/sniff.hpp). Throws what open_source throws for an
// unreadable file, and std::runtime_error for a form hcert does not read.
std::string proof_kind(const std::string& from, const std::string& path);

}  // namespace hcert::tool
