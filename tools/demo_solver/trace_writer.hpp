// The demo solver's ProofLog written as an hcert trace (spec/trace.md) through the emitter
// header formats/trace/hcert_trace.hpp: the one place where the solver meets the format.
#pragma once
#include <cstdio>
#include <memory>
#include <string>

#include "tools/demo_solver/proof_log.hpp"

namespace demo {

// Opens `path` ("-" for stdout) and writes the text form, or the binary form when
// `binary`. Throws std::runtime_error when the file cannot be opened.
std::unique_ptr<ProofLog> open_trace(const std::string& path, bool binary);

}  // namespace demo
