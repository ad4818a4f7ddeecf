// What built this hcert, recorded in every evidence archive's manifest: the version (git
// describe at build time) and the SHA-256 of the trusted sources (kernel/*.{hpp,cpp} and
// trusted/*.{hpp,cpp} where present, concatenated in C-locale path order), both passed in
// by the Makefile.
#pragma once

namespace hcert::tool {

const char* hcert_version();
const char* trusted_sources_sha256();

}  // namespace hcert::tool
