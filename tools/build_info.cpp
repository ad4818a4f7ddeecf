#include "tools/build_info.hpp"

#ifndef HCERT_VERSION
#define HCERT_VERSION "unknown"
#endif
#ifndef HCERT_TCB_SHA256
#define HCERT_TCB_SHA256 "unknown"
#endif

namespace hcert::tool {

const char* hcert_version() { return HCERT_VERSION; }
const char* trusted_sources_sha256() { return HCERT_TCB_SHA256; }

}  // namespace hcert::tool
