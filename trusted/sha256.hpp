// SHA-256 (FIPS 180-4), streaming, for binding certificates to problem and theory files.
#pragma once
#include <cstdint>
#include <string>

namespace hcert {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t n);
  std::string hex();  // finishes; lowercase hex digest

 private:
  void block(const unsigned char* p);
  uint32_t h_[8];
  unsigned char buf_[64];
  size_t used_ = 0;
  uint64_t bytes_ = 0;
};

std::string sha256_hex(const std::string& data);

}  // namespace hcert
