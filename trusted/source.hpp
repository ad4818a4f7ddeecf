// Byte streams in and out: files or stdin/stdout, with zstd, gzip and xz detected by their
// magic on input (trusted/decompress.hpp). Everything streams in fixed-size chunks, so
// memory does not depend on the size of the input. (Output, which no verdict depends on,
// is formats/sink.hpp.)
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "trusted/outcome.hpp"

namespace hcert {

// A pull source of bytes. read() returns 0 only at the end.
class Source {
 public:
  virtual ~Source() = default;
  virtual size_t read(char* buf, size_t cap) = 0;
};

// Up to n bytes from the front of src (fewer only at the end of input).
std::string read_head(Source& src, size_t n);
// A source that yields prefix, then the rest of src: used after peeking at a header.
std::unique_ptr<Source> replay(std::string prefix, std::unique_ptr<Source> rest);

// The bytes of a string, as a source (theory files are read whole to check their hash).
std::unique_ptr<Source> string_source(std::string data);

// Opens a file ("-" is stdin) and, if it starts with the zstd, gzip or xz magic,
// decompresses it. Throws cert::FormatError for unreadable files and corrupt or truncated
// compressed streams.
std::unique_ptr<Source> open_source(const std::string& path);
// The same detection on any source.
std::unique_ptr<Source> decompressed(std::unique_ptr<Source> src);

// The audit record (hcert check --json) names the SHA-256 of the problem and proof files as
// stored. It must be the digest of the bytes the check read, taken in that same read: stdin
// cannot be read twice, and a file read twice may have changed in between. A path given to
// hash_when_read() is hashed by open_source() as its bytes are read (its first opening only).
void hash_when_read(const std::string& path);
struct FileDigest {
  std::string sha256;  // lowercase hex, of the bytes as stored (before decompression)
  uint64_t bytes = 0;
};
// The digest of a path given to hash_when_read(): what the check left unread is read now
// (the rest of the file or of stdin, in the same read), and a file the check never opened
// is read whole. Throws cert::FormatError when it cannot be read.
FileDigest file_digest(const std::string& path);

// Buffered reading with the byte offset of the decompressed stream, for error messages.
class ByteReader {
 public:
  explicit ByteReader(std::unique_ptr<Source> src) : src_(std::move(src)) {}
  int peek();     // next byte or -1 at the end
  int get();      // consume one byte
  // Reads through the next '\n' (not stored); false at the end of input. Throws when a
  // line exceeds max_len bytes.
  bool line(std::string& out, size_t max_len);
  uint64_t offset() const { return consumed_; }

 private:
  bool fill();
  std::unique_ptr<Source> src_;
  static constexpr size_t kBufSize = 1 << 16;  // bytes past end_ are never read: not zeroed
  std::unique_ptr<char[]> buf_ = std::make_unique_for_overwrite<char[]>(kBufSize);
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0;
};


}  // namespace hcert
