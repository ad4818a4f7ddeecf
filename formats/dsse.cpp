#include "formats/dsse.hpp"

#include <nlohmann/json.hpp>

namespace hcert::dsse {

using nlohmann::json;

std::string pae(const std::string& type, const std::string& body) {
  return "DSSEv1 " + std::to_string(type.size()) + " " + type + " " + std::to_string(body.size()) + " " + body;
}

std::string sign(const std::string& type, const std::string& payload, const crypto::Key& key) {
  json env = {{"payloadType", type},
              {"payload", crypto::base64_encode(payload)},
              {"signatures", json::array({{{"keyid", key.keyid()}, {"sig", crypto::base64_encode(key.sign(pae(type, payload)))}}})}};
  return env.dump() + "\n";
}

namespace {

// DSSE allows the standard or the URL-safe alphabet, padded or not: both decode here.
std::string decode_base64_either(std::string text) {
  for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  if (text.size() % 4 == 2 || text.size() % 4 == 3) text.append(4 - text.size() % 4, '=');
  return crypto::base64_decode(text);
}

}  // namespace

Envelope parse(const std::string& json_text) {
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::parse_error& e) {
    throw EnvelopeError(std::string("not JSON: ") + e.what());
  }
  auto text = [&](const json& o, const char* field, const std::string& where) -> std::string {
    if (!o.is_object() || !o.contains(field) || !o[field].is_string())
      throw EnvelopeError(where + field + ": missing or not a string");
    return o[field].get<std::string>();
  };
  Envelope env;
  env.payload_type = text(j, "payloadType", "");
  try {
    env.payload = decode_base64_either(text(j, "payload", ""));
  } catch (const crypto::CryptoError& e) {
    throw EnvelopeError(std::string("payload: ") + e.what());
  }
  if (!j.contains("signatures") || !j["signatures"].is_array() || j["signatures"].empty())
    throw EnvelopeError("signatures: missing, not an array or empty");
  for (size_t i = 0; i < j["signatures"].size(); ++i) {
    const json& s = j["signatures"][i];
    std::string where = "signatures[" + std::to_string(i) + "].";
    Signature sig;
    if (s.is_object() && s.contains("keyid")) sig.keyid = text(s, "keyid", where);
    try {
      sig.sig = decode_base64_either(text(s, "sig", where));
    } catch (const crypto::CryptoError& e) {
      throw EnvelopeError(where + "sig: " + e.what());
    }
    env.signatures.push_back(sig);
  }
  return env;
}

bool verified_by(const Envelope& env, const crypto::Key& key) {
  std::string message = pae(env.payload_type, env.payload);
  for (const Signature& s : env.signatures)
    if (key.verify(message, s.sig)) return true;
  return false;
}

}  // namespace hcert::dsse
