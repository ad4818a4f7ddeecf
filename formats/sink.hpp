// Writing bytes: certificates, exported proofs and reports go to a file or stdout,
// optionally zstd-compressed. Untrusted: nothing the checker decides is read back from here.
#pragma once
#include <cstdio>
#include <memory>
#include <string>

namespace hcert {

// A push sink of bytes: a file ("-" is stdout), optionally zstd-compressed.
class Sink {
 public:
  Sink(const std::string& path, bool zstd, int level = 3);
  ~Sink();
  void write(const char* data, size_t n);
  void write(const std::string& s) { write(s.data(), s.size()); }
  void close();  // flushes; throws std::runtime_error on I/O failure

 private:
  void raw(const char* data, size_t n);
  FILE* f_ = nullptr;
  bool own_ = false;
  struct Z;
  std::unique_ptr<Z> z_;
  std::string buf_;
};

}  // namespace hcert
