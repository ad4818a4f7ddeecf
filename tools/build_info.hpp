// What built this hcert, recorded in every evidence archive's manifest and shown by
// --version: the version and the SHA-256 of the trusted sources (the Makefile's TRUSTED:
// kernel/, trusted/ and the pinned theories; `make trusted-sha256` shows how it is made).
#pragma once

namespace hcert::tool {

const char* hcert_version();
const char* trusted_sources_sha256();

}  // namespace hcert::tool
