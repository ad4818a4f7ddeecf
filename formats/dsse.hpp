// DSSE (Dead Simple Signing Envelope, v1.0): a payload and its type signed together
// through the pre-authentication encoding, so that supply-chain tools (in-toto, Sigstore)
// can read an archive's signed manifest (spec/archive.md, "Signature").
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "formats/crypto.hpp"

namespace hcert::dsse {

// The payload type of an in-toto Statement inside an envelope.
constexpr const char* kInTotoPayloadType = "application/vnd.in-toto+json";

// An envelope that is not JSON, lacks a field, or has a field of the wrong kind.
struct EnvelopeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN the byte
// length in ASCII decimal: the exact bytes a signature covers.
std::string pae(const std::string& type, const std::string& body);

// One signature: the key's id (a hint, not trusted) and the raw signature bytes.
struct Signature {
  std::string keyid;
  std::string sig;
};

// An envelope as read: payload decoded from base64, signatures decoded.
struct Envelope {
  std::string payload_type;
  std::string payload;
  std::vector<Signature> signatures;
};

// The envelope JSON (one line, then a newline) signing `payload` of `type` with `key`.
std::string sign(const std::string& type, const std::string& payload, const crypto::Key& key);
// Throws EnvelopeError naming the field.
Envelope parse(const std::string& json_text);
// Whether one of the envelope's signatures verifies under `key` over PAE(type, payload).
bool verified_by(const Envelope& env, const crypto::Key& key);

}  // namespace hcert::dsse
