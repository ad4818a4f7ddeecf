// The manifest of an evidence archive (spec/archive.md, "Manifest"): what each member is
// and its SHA-256, each check's verdict record, who made and who checked it; and its
// signed form, an in-toto Statement v1 in a DSSE envelope.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/archive.hpp"
#include "formats/crypto.hpp"

namespace hcert::archive {

constexpr int kFormatVersion = 1;
constexpr const char* kFormatName = "hcert-evidence-archive";
constexpr const char* kManifestMember = "manifest.json";
constexpr const char* kEnvelopeMember = "manifest.dsse.json";
constexpr const char* kStatementType = "https://in-toto.io/Statement/v1";
constexpr const char* kPredicateType = "https://github.com/hcert/hcert/spec/archive.md#manifest-v1";
constexpr uint64_t kMaxManifestBytes = 256u << 20;  // read whole into memory

// A manifest that is not JSON, lacks a field, has one of the wrong kind, or has an
// unknown format version (then `version` is set).
struct ManifestError : std::runtime_error {
  using std::runtime_error::runtime_error;
  bool unknown_version = false;
};

// One check kept in the archive: the problem, the certificate that re-checks it, the
// original proof if kept, and the verdict record of the check at creation.
struct Entry {
  std::string id;           // "0001"
  std::string problem;      // member names
  std::string certificate;  // empty when the conversion failed (only with --allow-unverified)
  std::string proof;        // empty unless the proofs were kept
  nlohmann::json check;     // the `check --json` object, measurements removed; "verdict" a string
};

// A manifest as read and checked for shape.
struct Manifest {
  nlohmann::json doc;
  std::vector<Member> members;  // every member but the manifest and the envelope
  std::vector<Entry> entries;
};

// The manifest bytes: 2-space indented JSON, keys sorted, a final newline.
std::string manifest_text(const nlohmann::json& doc);
// Parses and checks the shape (every field the verification reads, members named
// validly and once, entries naming listed members). Throws ManifestError.
Manifest parse_manifest(const std::string& text);

// The in-toto Statement v1 of a manifest: one subject per member (name, sha256), the
// manifest as predicate.
nlohmann::json statement(const nlohmann::json& manifest);

// Integrity: the differences between the members the manifest lists and those read
// from the archive (missing, extra, other size or hash), one line each, sorted.
std::vector<std::string> member_differences(const Manifest& m, const std::vector<Member>& read);

// What the envelope says about the manifest. `problems` lists every way the envelope
// fails to cover manifest.json (empty when it covers it); `signed_by_key` whether a
// signature verifies under the given key (false when no key was given).
struct SignatureCheck {
  std::vector<std::string> problems;
  std::vector<std::string> keyids;
  bool signed_by_key = false;
};
SignatureCheck check_envelope(const std::string& envelope_text, const Manifest& m, const crypto::Key* key);

}  // namespace hcert::archive
