// Evidence archives' manifest and signature (formats/manifest.hpp, formats/dsse.hpp,
// formats/crypto.hpp): DSSE's pre-authentication encoding is the specification's own
// test vector; a signature verifies under its key only, and over its exact payload and
// type; a manifest's shape, version, member list and signed statement are checked.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>

#include "formats/dsse.hpp"
#include "formats/manifest.hpp"

using namespace hcert;
using nlohmann::json;

namespace {

std::string tmp(const std::string& name) { return testing::TempDir() + "/hcert_manifest_test_" + name; }

const std::string kSha(64, 'a');

json sample_manifest() {
  return {{"format", archive::kFormatName},
          {"format_version", 1},
          {"created", "2026-01-01T00:00:00Z"},
          {"theories", json::array({{{"name", "core"}, {"member", "theories/core.hct"}, {"sha256", kSha}}})},
          {"members", json::array({{{"name", "certificates/0001.hcb.zst"}, {"sha256", kSha}, {"size", 10}},
                                   {{"name", "problems/0001-a.cnf"}, {"sha256", kSha}, {"size", 20}},
                                   {{"name", "theories/core.hct"}, {"sha256", kSha}, {"size", 30}}})},
          {"entries", json::array({{{"id", "0001"},
                                    {"problem", "problems/0001-a.cnf"},
                                    {"certificate", "certificates/0001.hcb.zst"},
                                    {"check", {{"verdict", "VERIFIED"}, {"exit", 0}}}}})}};
}

// The ManifestError message of a manifest, or "ok".
std::string manifest_error(const json& doc) {
  try {
    archive::parse_manifest(archive::manifest_text(doc));
    return "ok";
  } catch (const archive::ManifestError& e) {
    return e.what();
  }
}

}  // namespace

TEST(Dsse, PaeIsTheSpecificationsTestVector) {
  // DSSE protocol.md, "Test Vectors".
  EXPECT_EQ(dsse::pae("http://example.com/HelloWorld", "hello world"), "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  EXPECT_EQ(dsse::pae("", ""), "DSSEv1 0  0 ");
}

TEST(Dsse, ASignatureVerifiesUnderItsKeyOnly) {
  crypto::Key key = crypto::Key::generate(), other = crypto::Key::generate();
  dsse::Envelope env = dsse::parse(dsse::sign(dsse::kInTotoPayloadType, "{\"a\":1}", key));
  EXPECT_EQ(env.payload, "{\"a\":1}");
  EXPECT_EQ(env.signatures.at(0).keyid, key.keyid());
  EXPECT_TRUE(dsse::verified_by(env, key));
  // Another key, another payload or another type: the signature covers all three.
  EXPECT_FALSE(dsse::verified_by(env, other));
  dsse::Envelope changed = env;
  changed.payload = "{\"a\":2}";
  EXPECT_FALSE(dsse::verified_by(changed, key));
  changed = env;
  changed.payload_type = "application/json";
  EXPECT_FALSE(dsse::verified_by(changed, key));
}

TEST(Dsse, EnvelopesInTheUrlSafeAlphabetUnpaddedAreRead) {
  // The DSSE envelope allows either base64 alphabet; another signer may use URL-safe.
  crypto::Key key = crypto::Key::generate();
  json env = json::parse(dsse::sign(dsse::kInTotoPayloadType, "{\"a\":\"\xff\xfe?>\"}", key));
  for (const char* field : {"payload"}) {
    std::string t = env[field];
    for (char& c : t) c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!t.empty() && t.back() == '=') t.pop_back();
    env[field] = t;
  }
  std::string sig = env["signatures"][0]["sig"];
  for (char& c : sig) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!sig.empty() && sig.back() == '=') sig.pop_back();
  env["signatures"][0]["sig"] = sig;
  dsse::Envelope read = dsse::parse(env.dump());
  EXPECT_EQ(read.payload, "{\"a\":\"\xff\xfe?>\"}");
  EXPECT_TRUE(dsse::verified_by(read, key));
}

TEST(Dsse, EnvelopesMissingPartsAreRefused) {
  // Each lacks something a verifier needs; none may read as an unsigned success.
  for (const char* bad : {"", "[]", "{\"payloadType\":\"t\",\"payload\":\"e30=\"}",
                          "{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[]}",
                          "{\"payloadType\":\"t\",\"payload\":\"e\",\"signatures\":[{\"sig\":\"AA==\"}]}",
                          "{\"payloadType\":\"t\",\"payload\":\"e3!=\",\"signatures\":[{\"sig\":\"AA==\"}]}",
                          "{\"payloadType\":1,\"payload\":\"e30=\",\"signatures\":[{\"sig\":\"AA==\"}]}",
                          "{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\"}]}"})
    EXPECT_THROW(dsse::parse(bad), dsse::EnvelopeError) << bad;
}

TEST(Crypto, KeysSurviveTheirPemFiles) {
  crypto::Key key = crypto::Key::generate();
  std::ofstream(tmp("k.key")) << key.private_pem();
  std::ofstream(tmp("k.pub")) << key.public_pem();
  crypto::Key priv = crypto::Key::read_private(tmp("k.key")), pub = crypto::Key::read_public(tmp("k.pub"));
  EXPECT_EQ(pub.keyid(), key.keyid());
  EXPECT_TRUE(pub.verify("m", priv.sign("m")));
  EXPECT_THROW(pub.sign("m"), crypto::CryptoError);  // a public key cannot sign
  // A private key is not a public key file, and neither is junk.
  EXPECT_THROW(crypto::Key::read_public(tmp("k.key")), crypto::CryptoError);
  std::ofstream(tmp("junk.pub")) << "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
  EXPECT_THROW(crypto::Key::read_public(tmp("junk.pub")), crypto::CryptoError);
  EXPECT_THROW(crypto::Key::read_public(tmp("absent.pub")), crypto::CryptoError);
}

TEST(Crypto, Sha256IsTheStandardOne) {
  EXPECT_EQ(crypto::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

RC_GTEST_PROP(Crypto, Base64RoundTrips, (const std::string& bytes)) { RC_ASSERT(crypto::base64_decode(crypto::base64_encode(bytes)) == bytes); }

TEST(Crypto, Base64RefusesMalformedText) {
  // Not a multiple of 4, a character outside the alphabet, padding in the middle.
  for (const char* bad : {"A", "AAA", "AA=A", "A===", "AA A", "AA\nA", "====", "AB-_"})
    EXPECT_THROW(crypto::base64_decode(bad), crypto::CryptoError) << bad;
  EXPECT_EQ(crypto::base64_decode("aGk="), "hi");
}

TEST(Manifest, ASampleParses) {
  EXPECT_EQ(manifest_error(sample_manifest()), "ok");
  archive::Manifest m = archive::parse_manifest(archive::manifest_text(sample_manifest()));
  EXPECT_EQ(m.members.size(), 3u);
  EXPECT_EQ(m.entries.at(0).certificate, "certificates/0001.hcb.zst");
}

TEST(Manifest, AnUnknownFormatVersionIsNamed) {
  // A newer layout may mean something this hcert cannot check: refuse, say why.
  json doc = sample_manifest();
  doc["format_version"] = 2;
  try {
    archive::parse_manifest(archive::manifest_text(doc));
    FAIL();
  } catch (const archive::ManifestError& e) {
    EXPECT_TRUE(e.unknown_version);
    EXPECT_NE(std::string(e.what()).find("format_version 2 is unknown"), std::string::npos) << e.what();
  }
}

TEST(Manifest, MalformedManifestsAreRefusedWithTheField) {
  // Each would let verification skip or misread a member or an entry.
  struct Case {
    std::function<void(json&)> edit;
    const char* says;
  };
  std::vector<Case> cases = {
      {[](json& d) { d.erase("members"); }, "members: missing"},
      {[](json& d) { d["format"] = "zip"; }, "format"},
      {[](json& d) { d["members"][0]["sha256"] = "ABC"; }, "members[0].sha256"},
      {[](json& d) { d["members"][0]["size"] = -1; }, "members[0].size"},
      {[](json& d) { d["members"][0]["name"] = "../x"; }, "members[0].name"},
      {[](json& d) { d["members"][0]["name"] = "manifest.json"; }, "members[0].name"},
      {[](json& d) { d["members"][1]["name"] = d["members"][0]["name"]; }, "listed twice"},
      {[](json& d) { d["entries"][0]["problem"] = "problems/other.cnf"; }, "not a listed member"},
      {[](json& d) { d["entries"][0].erase("check"); }, "entries[0].check: missing"},
      {[](json& d) { d["entries"].push_back(d["entries"][0]); }, "given twice"},
      {[](json& d) { d["entries"][0]["id"] = "../../x"; }, "entries[0].id"},  // ids reach the output
      {[](json& d) { d["entries"][0]["id"] = ""; }, "entries[0].id"},
      {[](json& d) { d["entries"][0]["check"]["verdict"] = 0; }, "entries[0].check.verdict"},
      {[](json& d) { d["theories"][0]["member"] = "theories/absent.hct"; }, "theories[0].member"},
      {[](json& d) { d["theories"][0]["sha256"] = std::string(64, 'b'); }, "theories[0].sha256"},
  };
  for (const Case& c : cases) {
    json doc = sample_manifest();
    c.edit(doc);
    std::string msg = manifest_error(doc);
    EXPECT_NE(msg.find(c.says), std::string::npos) << c.says << " / " << msg;
  }
  EXPECT_NE(std::string(manifest_error(json::array())).find("not an object"), std::string::npos);
  try {
    archive::parse_manifest("{\"format\": ");
    FAIL();
  } catch (const archive::ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("not JSON"), std::string::npos);
  }
}

TEST(Manifest, MemberDifferencesNameMissingExtraAndChanged) {
  archive::Manifest m = archive::parse_manifest(archive::manifest_text(sample_manifest()));
  std::vector<archive::Member> read = {{"certificates/0001.hcb.zst", 10, kSha},
                                       {"problems/0001-a.cnf", 20, std::string(64, 'b')},
                                       {"manifest.json", 5, kSha},
                                       {"extra", 1, kSha}};
  auto diff = archive::member_differences(m, read);
  ASSERT_EQ(diff.size(), 3u);
  EXPECT_NE(diff[0].find("problems/0001-a.cnf: 20 bytes"), std::string::npos) << diff[0];
  EXPECT_NE(diff[1].find("theories/core.hct: listed in the manifest, missing"), std::string::npos) << diff[1];
  EXPECT_NE(diff[2].find("extra: in the archive, not listed"), std::string::npos) << diff[2];
  read[1].sha256 = kSha;
  read.pop_back();
  read.push_back({"theories/core.hct", 30, kSha});
  EXPECT_TRUE(archive::member_differences(m, read).empty());
}

TEST(Manifest, TheEnvelopeMustCoverExactlyThisManifest) {
  crypto::Key key = crypto::Key::generate(), other = crypto::Key::generate();
  json doc = sample_manifest();
  std::string env = dsse::sign(dsse::kInTotoPayloadType, archive::statement(doc).dump(), key);
  archive::Manifest m = archive::parse_manifest(archive::manifest_text(doc));
  archive::SignatureCheck ok = archive::check_envelope(env, m, &key);
  EXPECT_TRUE(ok.problems.empty());
  EXPECT_TRUE(ok.signed_by_key);
  EXPECT_FALSE(archive::check_envelope(env, m, &other).signed_by_key);
  // The statement: one subject per member, with its digest.
  json st = archive::statement(doc);
  EXPECT_EQ(st["_type"], "https://in-toto.io/Statement/v1");
  EXPECT_EQ(st["subject"].size(), 3u);
  EXPECT_EQ(st["subject"][1]["digest"]["sha256"], kSha);
  // manifest.json edited after signing (a verdict changed): the signature still verifies
  // over what was signed, but it no longer covers the manifest.
  json edited = doc;
  edited["entries"][0]["check"]["verdict"] = "NOT VERIFIED";
  archive::SignatureCheck r = archive::check_envelope(env, archive::parse_manifest(archive::manifest_text(edited)), &key);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("edited after signing"), std::string::npos);
  // Another payload type, a payload that is not a statement.
  EXPECT_FALSE(archive::check_envelope(dsse::sign("application/json", st.dump(), key), m, &key).problems.empty());
  EXPECT_FALSE(archive::check_envelope(dsse::sign(dsse::kInTotoPayloadType, "[1]", key), m, &key).problems.empty());
  EXPECT_FALSE(archive::check_envelope("{}", m, &key).problems.empty());
}
