// Sha256 over OpenSSL's SHA256_* functions (trusted/sha256.hpp). Not EVP: its first use
// loads OpenSSL's configuration and providers, 1.2 ms of CPU in every run of hcert (perf
// stat, statically linked) where the whole check of a small trace takes about 5 ms; these
// functions run the same block code (SHA extensions where the CPU has them) without that.
// OpenSSL 3 marks them deprecated, not removed.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <stdexcept>

#include "trusted/sha256.hpp"

namespace hcert {

struct Sha256::Ctx {
  SHA256_CTX c;
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {
  if (SHA256_Init(&ctx_->c) != 1) throw std::runtime_error("OpenSSL: cannot start SHA-256");
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, size_t n) {
  if (!digest_.empty()) throw std::logic_error("Sha256::update after hex()");
  if (n && SHA256_Update(&ctx_->c, data, n) != 1) throw std::runtime_error("OpenSSL: SHA-256 update failed");
}

std::string Sha256::hex() {
  if (!digest_.empty()) return digest_;
  unsigned char md[SHA256_DIGEST_LENGTH];
  const unsigned int len = SHA256_DIGEST_LENGTH;
  if (SHA256_Final(md, &ctx_->c) != 1) throw std::runtime_error("OpenSSL: SHA-256 final failed");
  static const char* digits = "0123456789abcdef";
  for (unsigned int i = 0; i < len; ++i) digest_ += digits[md[i] >> 4], digest_ += digits[md[i] & 15];
  return digest_;
}

std::string sha256_hex(const std::string& data) {
  Sha256 s;
  s.update(data.data(), data.size());
  return s.hex();
}

}  // namespace hcert
