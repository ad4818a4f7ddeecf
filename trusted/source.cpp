#include "trusted/source.hpp"

#include "trusted/deadline.hpp"

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <set>
#include <stdexcept>

#include "trusted/decompress.hpp"
#include "trusted/sha256.hpp"

namespace hcert {

using cert::FormatError;

namespace {

// An open input file, shared by its source and, for a path to hash, the digest registry,
// which reads what the check left unread when the audit record asks for the digest.
struct OpenFile {
  std::string path;
  FILE* f = nullptr;
  bool own = false;
  std::unique_ptr<Sha256> hash;  // only for a path given to hash_when_read()
  uint64_t bytes = 0;

  explicit OpenFile(const std::string& p) : path(p) {
    if (path == "-") {
      f = stdin;
    } else {
      f = std::fopen(path.c_str(), "rb");
      if (!f && errno == ENOMEM) throw std::bad_alloc();  // under --mem-limit: the limit, not the file
      if (!f) throw FormatError(0, 0, "cannot open " + path + ": " + std::strerror(errno));
      own = true;
    }
  }
  ~OpenFile() {
    if (own) std::fclose(f);
  }
  size_t read(char* buf, size_t cap) {
    size_t n = std::fread(buf, 1, cap, f);
    if (n == 0 && std::ferror(f)) throw FormatError(0, bytes, "cannot read " + path + ": " + std::strerror(errno));
    if (hash) hash->update(buf, n);
    bytes += n;
    return n;
  }
};

// The paths to hash and their open files (one per path: its first opening).
struct Digests {
  std::mutex m;
  std::set<std::string> wanted;
  std::map<std::string, std::shared_ptr<OpenFile>> files;
};
Digests& digests() {
  static Digests d;
  return d;
}

std::shared_ptr<OpenFile> open_file(const std::string& path) {
  auto file = std::make_shared<OpenFile>(path);
  Digests& d = digests();
  std::lock_guard<std::mutex> lock(d.m);
  if (d.wanted.count(path) && !d.files.count(path)) {
    file->hash = std::make_unique<Sha256>();
    d.files.emplace(path, file);
  }
  return file;
}

class FileSource : public Source {
 public:
  explicit FileSource(const std::string& path) : file_(open_file(path)) {}
  size_t read(char* buf, size_t cap) override { return file_->read(buf, cap); }

 private:
  std::shared_ptr<OpenFile> file_;
};

// Lets the first bytes be looked at and then read again.
class PrefixSource : public Source {
 public:
  PrefixSource(std::string prefix, std::unique_ptr<Source> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  size_t read(char* buf, size_t cap) override {
    if (pos_ < prefix_.size()) {
      size_t n = std::min(cap, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, n);
      pos_ += n;
      return n;
    }
    return rest_->read(buf, cap);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<Source> rest_;
};

}  // namespace

std::string read_head(Source& src, size_t n) {
  std::string head(n, '\0');
  size_t got = 0;
  while (got < n) {
    size_t k = src.read(head.data() + got, n - got);
    if (k == 0) break;
    got += k;
  }
  head.resize(got);
  return head;
}

std::unique_ptr<Source> replay(std::string prefix, std::unique_ptr<Source> rest) {
  return std::make_unique<PrefixSource>(std::move(prefix), std::move(rest));
}

std::unique_ptr<Source> string_source(std::string data) {
  struct Empty : Source {
    size_t read(char*, size_t) override { return 0; }
  };
  return replay(std::move(data), std::make_unique<Empty>());
}

std::unique_ptr<Source> open_source(const std::string& path) {
  return decompressed(std::make_unique<FileSource>(path));
}

std::unique_ptr<Source> decompressed(std::unique_ptr<Source> file) {
  std::string head = read_head(*file, kMagicBytes);
  Compression c = compression_of(head);
  std::unique_ptr<Source> src = replay(head, std::move(file));
  switch (c) {
    case Compression::None: return src;
    case Compression::Zstd: return zstd_source(std::move(src));
    case Compression::Gzip: return gzip_source(std::move(src));
    case Compression::Xz: return xz_source(std::move(src));
  }
  return src;
}

void hash_when_read(const std::string& path) {
  Digests& d = digests();
  std::lock_guard<std::mutex> lock(d.m);
  d.wanted.insert(path);
}

FileDigest file_digest(const std::string& path) {
  hash_when_read(path);
  std::shared_ptr<OpenFile> file;
  {
    Digests& d = digests();
    std::lock_guard<std::mutex> lock(d.m);
    auto it = d.files.find(path);
    if (it != d.files.end()) file = it->second;
  }
  if (!file) file = open_file(path);  // never opened by the check: read it whole now
  std::string buf(1 << 16, '\0');
  while (file->read(buf.data(), buf.size()) > 0) {
  }
  return {file->hash->hex(), file->bytes};
}

bool ByteReader::fill() {
  if (pos_ < end_) return true;
  poll_deadline();
  end_ = src_->read(buf_.get(), kBufSize);
  pos_ = 0;
  return end_ > 0;
}

int ByteReader::peek() { return fill() ? static_cast<unsigned char>(buf_[pos_]) : -1; }

int ByteReader::get() {
  if (!fill()) return -1;
  ++consumed_;
  return static_cast<unsigned char>(buf_[pos_++]);
}

bool ByteReader::line(std::string& out, size_t max_len) {
  out.clear();
  if (!fill()) return false;
  for (;;) {
    const char* start = buf_.get() + pos_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
    size_t n = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
    if (out.size() + n > max_len)
      throw FormatError(0, consumed_, "line longer than " + std::to_string(max_len) + " bytes");
    out.append(start, n);
    pos_ += n;
    consumed_ += n;
    if (nl) {
      ++pos_;
      ++consumed_;
      return true;
    }
    if (!fill()) return true;  // last line without '\n'
  }
}

}  // namespace hcert
