// SHA-256 (FIPS 180-4), streaming, for binding certificates to problem and theory files
// and for the audit record's digests. OpenSSL's libcrypto computes it (SHA256_*, which use the
// CPU's SHA extensions where there are any); this wrapper only keeps callers independent
// of OpenSSL's headers.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

namespace hcert {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  void update(const void* data, size_t n);
  // Finishes: the lowercase hex digest. update() after hex() starts nothing new: it throws.
  std::string hex();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
  std::string digest_;  // once finished
};

std::string sha256_hex(const std::string& data);

}  // namespace hcert
