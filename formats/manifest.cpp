#include "formats/manifest.hpp"

#include <algorithm>
#include <set>

#include "formats/dsse.hpp"

namespace hcert::archive {

using nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& where, const std::string& why) {
  throw ManifestError("manifest.json: " + where + ": " + why);
}

const json& field(const json& o, const char* name, const std::string& where) {
  if (!o.is_object() || !o.contains(name)) bad(where + name, "missing");
  return o[name];
}

std::string text_field(const json& o, const char* name, const std::string& where) {
  const json& v = field(o, name, where);
  if (!v.is_string()) bad(where + name, "not a string");
  return v.get<std::string>();
}

bool is_sha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string manifest_text(const json& doc) { return doc.dump(2) + "\n"; }

Manifest parse_manifest(const std::string& text) {
  Manifest m;
  try {
    m.doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ManifestError(std::string("manifest.json: not JSON: ") + e.what());
  }
  if (!m.doc.is_object()) bad("top level", "not an object");
  if (text_field(m.doc, "format", "") != kFormatName) bad("format", "not \"" + std::string(kFormatName) + "\"");
  const json& version = field(m.doc, "format_version", "");
  if (!version.is_number_integer() || version.get<int64_t>() != kFormatVersion) {
    ManifestError e("manifest.json: format_version " + version.dump() + " is unknown (this hcert reads version " +
                    std::to_string(kFormatVersion) + ")");
    e.unknown_version = true;
    throw e;
  }
  const json& members = field(m.doc, "members", "");
  if (!members.is_array()) bad("members", "not an array");
  std::set<std::string> names;
  for (size_t i = 0; i < members.size(); ++i) {
    std::string where = "members[" + std::to_string(i) + "].";
    Member mem;
    mem.name = text_field(members[i], "name", where);
    mem.sha256 = text_field(members[i], "sha256", where);
    const json& size = field(members[i], "size", where);
    if (!size.is_number_unsigned()) bad(where + "size", "not a non-negative integer");
    mem.size = size.get<uint64_t>();
    if (!valid_member_name(mem.name) || mem.name == kManifestMember || mem.name == kEnvelopeMember)
      bad(where + "name", "'" + mem.name + "' is not a member name");
    if (!is_sha256(mem.sha256)) bad(where + "sha256", "not 64 lowercase hex digits");
    if (!names.insert(mem.name).second) bad(where + "name", "'" + mem.name + "' listed twice");
    m.members.push_back(mem);
  }
  auto member_ref = [&](const json& o, const char* name, const std::string& where, bool optional) -> std::string {
    if (optional && (!o.is_object() || !o.contains(name))) return "";
    std::string v = text_field(o, name, where);
    if (optional && v.empty()) return "";
    if (!names.count(v)) bad(where + name, "'" + v + "' is not a listed member");
    return v;
  };
  const json& entries = field(m.doc, "entries", "");
  if (!entries.is_array()) bad("entries", "not an array");
  std::set<std::string> ids;
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string where = "entries[" + std::to_string(i) + "].";
    Entry e;
    e.id = text_field(entries[i], "id", where);
    if (e.id.empty() || e.id.size() > 12 || e.id.find_first_not_of("0123456789") != std::string::npos)
      bad(where + "id", "'" + e.id + "' is not 1 to 12 decimal digits");
    if (!ids.insert(e.id).second) bad(where + "id", "'" + e.id + "' given twice");
    e.problem = member_ref(entries[i], "problem", where, false);
    e.certificate = member_ref(entries[i], "certificate", where, true);
    e.proof = member_ref(entries[i], "proof", where, true);
    e.check = field(entries[i], "check", where);
    if (!e.check.is_object()) bad(where + "check", "not an object");
    text_field(e.check, "verdict", where + "check.");
    m.entries.push_back(e);
  }
  const json& theories = field(m.doc, "theories", "");
  if (!theories.is_array()) bad("theories", "not an array");
  for (size_t i = 0; i < theories.size(); ++i) {
    std::string where = "theories[" + std::to_string(i) + "].";
    text_field(theories[i], "name", where);
    std::string member = member_ref(theories[i], "member", where, false);
    auto listed = std::find_if(m.members.begin(), m.members.end(), [&](const Member& x) { return x.name == member; });
    if (text_field(theories[i], "sha256", where) != listed->sha256) bad(where + "sha256", "not the member's SHA-256");
  }
  return m;
}

json statement(const json& manifest) {
  json subjects = json::array();
  for (const json& mem : manifest.at("members"))
    subjects.push_back({{"name", mem.at("name")}, {"digest", {{"sha256", mem.at("sha256")}}}});
  return {{"_type", kStatementType}, {"subject", subjects}, {"predicateType", kPredicateType}, {"predicate", manifest}};
}

std::vector<std::string> member_differences(const Manifest& m, const std::vector<Member>& read) {
  std::map<std::string, const Member*> listed, present;
  for (const Member& x : m.members) listed[x.name] = &x;
  for (const Member& x : read)
    if (x.name != kManifestMember && x.name != kEnvelopeMember) present[x.name] = &x;
  std::vector<std::string> out;
  for (auto& [name, x] : listed) {
    auto it = present.find(name);
    if (it == present.end()) {
      out.push_back(name + ": listed in the manifest, missing from the archive");
    } else if (it->second->size != x->size || it->second->sha256 != x->sha256) {
      out.push_back(name + ": " + std::to_string(it->second->size) + " bytes with SHA-256 " + it->second->sha256 +
                    ", the manifest says " + std::to_string(x->size) + " bytes with " + x->sha256);
    }
  }
  for (auto& [name, x] : present)
    if (!listed.count(name)) out.push_back(name + ": in the archive, not listed in the manifest");
  return out;
}

SignatureCheck check_envelope(const std::string& envelope_text, const Manifest& m, const crypto::Key* key) {
  SignatureCheck r;
  dsse::Envelope env;
  try {
    env = dsse::parse(envelope_text);
  } catch (const dsse::EnvelopeError& e) {
    r.problems.push_back(std::string(kEnvelopeMember) + ": " + e.what());
    return r;
  }
  for (const dsse::Signature& s : env.signatures) r.keyids.push_back(s.keyid);
  if (key) r.signed_by_key = dsse::verified_by(env, *key);
  if (env.payload_type != dsse::kInTotoPayloadType)
    r.problems.push_back(std::string(kEnvelopeMember) + ": payloadType is '" + env.payload_type + "', not " +
                         dsse::kInTotoPayloadType);
  json st;
  try {
    st = json::parse(env.payload);
  } catch (const json::parse_error& e) {
    r.problems.push_back(std::string(kEnvelopeMember) + ": the payload is not JSON: " + e.what());
    return r;
  }
  // The signed statement must be exactly the statement of manifest.json: anything the
  // manifest says that the signature does not cover would be unsigned.
  json expected = statement(m.doc);
  if (!st.is_object() || st.value("_type", json()) != expected["_type"])
    r.problems.push_back(std::string(kEnvelopeMember) + ": the payload is not an in-toto Statement v1");
  else if (st.value("predicateType", json()) != expected["predicateType"])
    r.problems.push_back(std::string(kEnvelopeMember) + ": predicateType is not " + kPredicateType);
  else if (st.value("predicate", json()) != expected["predicate"])
    r.problems.push_back("manifest.json differs from the manifest in the signed statement (edited after signing?)");
  else if (st.value("subject", json()) != expected["subject"])
    r.problems.push_back(std::string(kEnvelopeMember) + ": the statement's subjects are not the manifest's members");
  else if (st.size() != expected.size())
    r.problems.push_back(std::string(kEnvelopeMember) + ": the statement has fields beyond a Statement v1's");
  return r;
}

}  // namespace hcert::archive
