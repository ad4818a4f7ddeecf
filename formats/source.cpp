#include "formats/source.hpp"

#include "formats/deadline.hpp"

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace hcert {

using cert::FormatError;

namespace {

class FileSource : public Source {
 public:
  explicit FileSource(const std::string& path) {
    if (path == "-") {
      f_ = stdin;
    } else {
      f_ = std::fopen(path.c_str(), "rb");
      if (!f_) throw FormatError(0, 0, "cannot open " + path + ": " + std::strerror(errno));
      own_ = true;
    }
  }
  ~FileSource() override {
    if (own_) std::fclose(f_);
  }
  size_t read(char* buf, size_t cap) override {
    size_t n = std::fread(buf, 1, cap, f_);
    if (n == 0 && std::ferror(f_)) throw FormatError(0, 0, "read error");
    return n;
  }

 private:
  FILE* f_;
  bool own_ = false;
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

// Streaming zstd decompression. The window is capped at 2^27 bytes (zstd's default), so a
// hostile frame cannot make us allocate more; a bomb costs time, which --time-limit bounds.
// Offsets in errors are compressed-input offsets.
class ZstdSource : public Source {
 public:
  explicit ZstdSource(std::unique_ptr<Source> in) : in_(std::move(in)), ds_(ZSTD_createDStream()) {
    ZSTD_DCtx_setParameter(ds_, ZSTD_d_windowLogMax, 27);
    ibuf_.resize(ZSTD_DStreamInSize());
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }
  size_t read(char* buf, size_t cap) override {
    ZSTD_outBuffer out{buf, cap, 0};
    while (out.pos == 0) {
      poll_deadline();  // a bomb's gigabytes may hold no record for the caller to count
      if (in_pos_ == in_end_) {
        in_end_ = in_->read(ibuf_.data(), ibuf_.size());
        in_pos_ = 0;
        if (in_end_ == 0) {
          if (!frame_done_) throw FormatError(0, read_, "truncated zstd stream");
          return 0;
        }
      }
      ZSTD_inBuffer in{ibuf_.data(), in_end_, in_pos_};
      size_t r = ZSTD_decompressStream(ds_, &out, &in);
      read_ += in.pos - in_pos_;
      in_pos_ = in.pos;
      if (ZSTD_isError(r))
        throw FormatError(0, read_, std::string("corrupt zstd stream: ") + ZSTD_getErrorName(r));
      frame_done_ = r == 0;
    }
    return out.pos;
  }

 private:
  std::unique_ptr<Source> in_;
  ZSTD_DStream* ds_;
  std::string ibuf_;
  size_t in_pos_ = 0, in_end_ = 0;
  uint64_t read_ = 0;
  bool frame_done_ = true;
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
  std::string head = read_head(*file, 4);
  bool zstd = head == std::string("\x28\xb5\x2f\xfd", 4);
  std::unique_ptr<Source> src = replay(head, std::move(file));
  if (zstd) src = std::make_unique<ZstdSource>(std::move(src));
  return src;
}

bool ByteReader::fill() {
  if (pos_ < end_) return true;
  poll_deadline();
  end_ = src_->read(buf_.data(), buf_.size());
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
    const char* start = buf_.data() + pos_;
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

// ---- sink -------------------------------------------------------------------------------------

struct Sink::Z {
  ZSTD_CStream* cs = ZSTD_createCStream();
  ~Z() { ZSTD_freeCStream(cs); }
};

Sink::Sink(const std::string& path, bool zstd, int level) {
  if (path == "-") {
    f_ = stdout;
  } else {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    own_ = true;
  }
  if (zstd) {
    z_ = std::make_unique<Z>();
    ZSTD_CCtx_setParameter(z_->cs, ZSTD_c_compressionLevel, level);
  }
}

Sink::~Sink() {
  try {
    close();
  } catch (...) {
  }
}

void Sink::raw(const char* data, size_t n) {
  if (n && std::fwrite(data, 1, n, f_) != n) throw std::runtime_error("write error");
}

void Sink::write(const char* data, size_t n) {
  buf_.append(data, n);
  if (buf_.size() < (1 << 16)) return;
  if (!z_) {
    raw(buf_.data(), buf_.size());
  } else {
    std::string out(ZSTD_CStreamOutSize(), '\0');
    ZSTD_inBuffer in{buf_.data(), buf_.size(), 0};
    while (in.pos < in.size) {
      ZSTD_outBuffer o{out.data(), out.size(), 0};
      size_t r = ZSTD_compressStream2(z_->cs, &o, &in, ZSTD_e_continue);
      if (ZSTD_isError(r)) throw std::runtime_error(ZSTD_getErrorName(r));
      raw(out.data(), o.pos);
    }
  }
  buf_.clear();
}

void Sink::close() {
  if (!f_) return;
  if (!z_) {
    raw(buf_.data(), buf_.size());
  } else {
    std::string out(ZSTD_CStreamOutSize(), '\0');
    ZSTD_inBuffer in{buf_.data(), buf_.size(), 0};
    for (;;) {
      ZSTD_outBuffer o{out.data(), out.size(), 0};
      size_t r = ZSTD_compressStream2(z_->cs, &o, &in, ZSTD_e_end);
      if (ZSTD_isError(r)) throw std::runtime_error(ZSTD_getErrorName(r));
      raw(out.data(), o.pos);
      if (r == 0) break;
    }
  }
  buf_.clear();
  bool bad = std::fflush(f_) != 0;
  if (own_) bad = std::fclose(f_) != 0 || bad;
  f_ = nullptr;
  if (bad) throw std::runtime_error("write error");
}

}  // namespace hcert
