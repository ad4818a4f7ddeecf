// `hcert archive create|verify|show|extract` and `hcert keygen` (spec/archive.md).
#pragma once

namespace hcert::tool {

// argv[1] is "archive" or "keygen"; returns the exit code.
int archive_main(int argc, char** argv);
int keygen_main(int argc, char** argv);

}  // namespace hcert::tool
