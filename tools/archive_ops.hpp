// The archive subcommands behind tools/archive_cmd.cpp's option parsing, and what they
// share: the exit codes (spec/archive.md, "Exit codes") and opening an archive with its
// integrity checked.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/archive.hpp"
#include "formats/manifest.hpp"

namespace hcert::tool {

// Exit codes of the archive subcommands: the check's (spec/cli.md) plus one for an
// archive whose contents or signature do not match.
enum ArchiveExit { kOk = 0, kRejected = 1, kIncomplete = 2, kInputError = 3, kLimit = 4, kIntegrity = 5, kUsage = 64 };
const char* verdict_word(int exit_code);  // "VERIFIED", "NOT VERIFIED", "INCOMPLETE", "ERROR"
// The overall code of several checks: a rejection first, then an input error (any code
// above 4, a crashed worker, counts as one), a limit, an incomplete check, success.
int worse(int a, int b);

// Text from an archive (or a worker) made safe for one output line: control characters
// become '?', and it is cut at 1,000 bytes. A hostile manifest or member name could
// otherwise print a line "s VERIFIED" of its own.
std::string one_line(const std::string& text);
// One JSON line for the output; bytes that are not UTF-8 (a hostile name in a message)
// become U+FFFD instead of failing the output.
std::string json_line(const nlohmann::json& j);

struct CreateOptions {
  std::string out, sign_key, solver_name, solver_version, solver_cmd, list;
  std::vector<std::string> pairs;  // PROBLEM PROOF PROBLEM PROOF ...
  bool keep_proofs = false, allow_unverified = false;
  int jobs = 2;
  std::string time_limit, mem_limit;  // passed to each check as given
};
int archive_create(const CreateOptions& o);

struct ReadOptions {
  std::string archive, key;
  bool json = false;
  int jobs = 2;
  std::string time_limit, mem_limit;
  archive::Limits limits;
};
int archive_verify(const ReadOptions& o);
int archive_show(const ReadOptions& o);
int archive_extract(const ReadOptions& o, const std::string& dir);

// An archive read, its manifest parsed, its members compared with the manifest and its
// signature checked. `integrity` lists every mismatch (each makes the exit code 5);
// `signature` says in words what was found about the signature.
struct OpenedArchive {
  std::vector<archive::Member> read;
  archive::Manifest manifest;
  std::vector<std::string> integrity;
  std::string signature;
};
// Reads `o.archive`, into `dir` when non-empty (extract_archive) else only hashing.
// Throws ArchiveError, ManifestError, crypto::CryptoError (an unreadable --key).
OpenedArchive open_archive(const ReadOptions& o, const std::string& dir);
// Prints an error that ends a subcommand (a `c` line and `s ERROR`, or one JSON object)
// and returns `code`.
int report_error(const std::string& archive, bool json, int code, const std::string& message);
// The same for the error open_archive threw (3, or 4 for a bound), from a catch block.
int report_open_error(const std::string& archive, bool json);

}  // namespace hcert::tool
