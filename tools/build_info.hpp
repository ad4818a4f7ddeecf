// What built this hcert, recorded in every evidence archive's manifest: the version (git
// describe at build time) and the SHA-256 of the trusted kernel sources (kernel/*.hpp and
// kernel/*.cpp concatenated in name order), both passed in by the Makefile.
#pragma once

namespace hcert::tool {

const char* hcert_version();
const char* trusted_sources_sha256();

}  // namespace hcert::tool
