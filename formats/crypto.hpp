// The cryptography evidence archives use, all from OpenSSL's libcrypto: SHA-256 of
// members, base64 for the DSSE envelope, Ed25519 keys and signatures (spec/archive.md).
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_pkey_st EVP_PKEY;

namespace hcert::crypto {

// A key file that cannot be read or is not an Ed25519 key, a failed OpenSSL call.
struct CryptoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Streaming SHA-256 (EVP): the digest of a member as its bytes pass by.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void update(const void* data, size_t n);
  std::string hex();  // finishes; lowercase hex

 private:
  EVP_MD_CTX* ctx_;
};

std::string sha256_hex(const std::string& data);
std::string sha256_file_hex(const std::string& path, uint64_t* size = nullptr);  // throws CryptoError

// Standard base64 with padding (RFC 4648 §4). decode throws CryptoError on a character
// outside the alphabet, a length that is not a multiple of 4, or misplaced padding.
std::string base64_encode(const std::string& bytes);
std::string base64_decode(const std::string& text);

// An Ed25519 key (private, or public only) read from PEM: PKCS#8 for a private key,
// SubjectPublicKeyInfo for a public one.
class Key {
 public:
  static Key generate();
  static Key read_private(const std::string& path);
  static Key read_public(const std::string& path);
  std::string private_pem() const;
  std::string public_pem() const;
  // SHA-256 (hex) of the DER public key: the DSSE keyid, a hint for which key signed.
  std::string keyid() const;
  std::string sign(const std::string& message) const;  // 64 raw bytes
  bool verify(const std::string& message, const std::string& signature) const;

 private:
  explicit Key(EVP_PKEY* k);
  std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace hcert::crypto
