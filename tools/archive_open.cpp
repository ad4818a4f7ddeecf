#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "formats/crypto.hpp"
#include "tools/archive_ops.hpp"

namespace hcert::tool {

using archive::ArchiveError;

const char* verdict_word(int exit_code) {
  switch (exit_code) {
    case kOk: return "VERIFIED";
    case kRejected: return "NOT VERIFIED";
    case kIncomplete: return "INCOMPLETE";
    default: return "ERROR";
  }
}

std::string one_line(const std::string& text) {
  std::string out = text.size() > 1000 ? text.substr(0, 1000) + "..." : text;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

std::string json_line(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

int worse(int a, int b) {
  auto rank = [](int c) {
    switch (c) {
      case kOk: return 0;
      case kIncomplete: return 1;
      case kLimit: return 2;
      case kRejected: return 4;
      default: return 3;
    }
  };
  auto normal = [](int c) { return c > kLimit ? kInputError : c; };
  return rank(a) >= rank(b) ? normal(a) : normal(b);
}

namespace {

std::string read_member_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

OpenedArchive open_archive(const ReadOptions& o, const std::string& dir) {
  // The key first: a wrong --key path is the caller's error, found before any work.
  std::optional<crypto::Key> key;
  if (!o.key.empty()) key = crypto::Key::read_public(o.key);
  OpenedArchive r;
  std::string manifest, envelope;
  // Both are read whole into memory.
  auto bound_manifest = [&](const std::string& name, uint64_t size) {
    if (size > archive::kMaxManifestBytes)
      throw ArchiveError(ArchiveError::Kind::Limit, o.archive + ": " + name + " is " + std::to_string(size) +
                                                        " bytes, over the bound of " + std::to_string(archive::kMaxManifestBytes));
  };
  bool has_manifest = false, has_envelope = false;
  if (dir.empty()) {
    // Only the manifest and the envelope are kept (bounded); the rest is hashed.
    r.read = archive::read_archive(o.archive, o.limits, [&](const std::string& name, uint64_t size) -> archive::ChunkSink {
      std::string* keep = name == archive::kManifestMember ? &manifest : name == archive::kEnvelopeMember ? &envelope : nullptr;
      if (!keep) return nullptr;
      bound_manifest(name, size);
      (name == archive::kManifestMember ? has_manifest : has_envelope) = true;
      return [keep](const char* p, size_t n) { keep->append(p, n); };
    });
  } else {
    r.read = archive::extract_archive(o.archive, dir, o.limits);
    for (const archive::Member& m : r.read) {
      if (m.name != archive::kManifestMember && m.name != archive::kEnvelopeMember) continue;
      bound_manifest(m.name, m.size);
      (m.name == archive::kManifestMember ? has_manifest : has_envelope) = true;
      (m.name == archive::kManifestMember ? manifest : envelope) = read_member_file(dir + "/" + m.name);
    }
  }
  if (!has_manifest) throw ArchiveError(ArchiveError::Kind::Malformed, o.archive + ": no manifest.json member");
  try {
    r.manifest = archive::parse_manifest(manifest);
  } catch (archive::ManifestError& e) {
    archive::ManifestError located(o.archive + ": " + e.what());
    located.unknown_version = e.unknown_version;
    throw located;
  }
  r.integrity = archive::member_differences(r.manifest, r.read);
  if (!has_envelope) {
    r.signature = "unsigned";
    if (key) r.integrity.push_back("the archive is not signed, and --key asks for a signature");
    return r;
  }
  archive::SignatureCheck sc = archive::check_envelope(envelope, r.manifest, key ? &*key : nullptr);
  r.integrity.insert(r.integrity.end(), sc.problems.begin(), sc.problems.end());
  std::string ids;
  for (const std::string& id : sc.keyids) ids += (ids.empty() ? "" : ", ") + (id.empty() ? "(none)" : one_line(id.substr(0, 16)));
  if (!key) {
    r.signature = "signed (keyid " + ids + "), signature not checked: no --key";
  } else if (sc.signed_by_key) {
    r.signature = "signed (keyid " + ids + "), signature verified with " + o.key + " (keyid " + key->keyid().substr(0, 16) + ")";
  } else {
    r.signature = "signed (keyid " + ids + "), NOT by the key " + o.key + " (keyid " + key->keyid().substr(0, 16) + ")";
    r.integrity.push_back("no signature in manifest.dsse.json verifies under " + o.key);
  }
  return r;
}

int report_open_error(const std::string& archive_path, bool json) {
  int code = kInputError;
  std::string message;
  try {
    throw;
  } catch (const ArchiveError& e) {
    code = e.kind == ArchiveError::Kind::Limit ? kLimit : kInputError;
    message = e.what();
  } catch (const archive::ManifestError& e) {
    message = e.what();
  } catch (const crypto::CryptoError& e) {
    message = e.what();
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  return report_error(archive_path, json, code, message);
}

int report_error(const std::string& archive_path, bool json, int code, const std::string& message) {
  if (json) {
    nlohmann::json j = {{"archive", archive_path}, {"verdict", "ERROR"}, {"exit", code}, {"message", message}};
    std::cout << json_line(j) << "\n";
  } else {
    std::cout << "c " << one_line(message) << "\ns ERROR\n";
  }
  return code;
}

}  // namespace hcert::tool
