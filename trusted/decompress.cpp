#include "trusted/decompress.hpp"

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <new>

#include "trusted/deadline.hpp"
#include "trusted/outcome.hpp"

namespace hcert {

using cert::FormatError;

namespace {

// zlib and liblzma take bytes as unsigned char; our buffers are char.
template <class Byte>
Byte* as(char* p) {
  return static_cast<Byte*>(static_cast<void*>(p));
}

// Streaming zstd decompression. The window is capped at 2^27 bytes (zstd's default), so a
// hostile frame cannot make us allocate more; a bomb costs time, which --time-limit bounds.
// Offsets in errors are compressed-input offsets.
class ZstdSource : public Source {
 public:
  explicit ZstdSource(std::unique_ptr<Source> in) : in_(std::move(in)), ds_(ZSTD_createDStream()) {
    if (!ds_) throw std::bad_alloc();  // under --mem-limit: a resource limit, not a crash
    ZSTD_DCtx_setParameter(ds_, ZSTD_d_windowLogMax, 27);
    ibuf_.resize(ZSTD_DStreamInSize());
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }
  size_t read(char* buf, size_t cap) override {
    ZSTD_outBuffer out{buf, cap, 0};
    while (out.pos == 0) {
      poll_deadline();  // a bomb's gigabytes may hold no record at all: --time-limit still holds
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

// Streaming gzip (RFC 1952) through zlib; members that follow one another are one stream,
// as gzip(1) reads them. A corrupt member or a stream cut short is an error.
class GzipSource : public Source {
 public:
  explicit GzipSource(std::unique_ptr<Source> in) : in_(std::move(in)), ibuf_(1 << 16, '\0') {
    int r = inflateInit2(&z_, 16 + MAX_WBITS);
    if (r == Z_MEM_ERROR) throw std::bad_alloc();
    if (r != Z_OK) throw FormatError(0, 0, "zlib: cannot start gzip decompression");
  }
  ~GzipSource() override { inflateEnd(&z_); }
  size_t read(char* buf, size_t cap) override {
    z_.next_out = as<Bytef>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(cap, 1u << 30));
    while (z_.avail_out == std::min<size_t>(cap, 1u << 30)) {
      if (z_.avail_in == 0) {
        size_t n = in_->read(ibuf_.data(), ibuf_.size());
        if (n == 0) {
          if (!member_done_) throw FormatError(0, read_, "truncated gzip stream");
          break;
        }
        z_.next_in = as<Bytef>(ibuf_.data());
        z_.avail_in = static_cast<uInt>(n);
      }
      if (member_done_) {  // another member follows
        inflateReset(&z_);
        member_done_ = false;
      }
      uInt before = z_.avail_in;
      int r = inflate(&z_, Z_NO_FLUSH);
      read_ += before - z_.avail_in;
      if (r == Z_STREAM_END) member_done_ = true;
      else if (r != Z_OK && r != Z_BUF_ERROR)
        throw FormatError(0, read_, std::string("corrupt gzip stream: ") + (z_.msg ? z_.msg : zError(r)));
    }
    return std::min<size_t>(cap, 1u << 30) - z_.avail_out;
  }

 private:
  std::unique_ptr<Source> in_;
  std::string ibuf_;
  z_stream z_{};
  uint64_t read_ = 0;
  bool member_done_ = false;
};

// Streaming xz through liblzma. The decoder's memory is capped (256 MiB, far above what
// xz -9 needs), so a hostile header cannot make us allocate more.
class XzSource : public Source {
 public:
  explicit XzSource(std::unique_ptr<Source> in) : in_(std::move(in)), ibuf_(1 << 16, '\0') {
    lzma_ret r = lzma_stream_decoder(&z_, uint64_t(256) << 20, LZMA_CONCATENATED);
    if (r == LZMA_MEM_ERROR) throw std::bad_alloc();
    if (r != LZMA_OK) throw FormatError(0, 0, "liblzma: cannot start xz decompression");
  }
  ~XzSource() override { lzma_end(&z_); }
  size_t read(char* buf, size_t cap) override {
    z_.next_out = as<uint8_t>(buf);
    z_.avail_out = cap;
    while (z_.avail_out == cap && !done_) {
      lzma_action action = LZMA_RUN;
      if (z_.avail_in == 0 && !eof_) {
        size_t n = in_->read(ibuf_.data(), ibuf_.size());
        z_.next_in = as<uint8_t>(ibuf_.data());
        z_.avail_in = n;
        eof_ = n == 0;
      }
      if (eof_) action = LZMA_FINISH;
      size_t before = z_.avail_in;
      lzma_ret r = lzma_code(&z_, action);
      read_ += before - z_.avail_in;
      if (r == LZMA_STREAM_END) done_ = true;
      else if (r == LZMA_BUF_ERROR && eof_) throw FormatError(0, read_, "truncated xz stream");
      else if (r == LZMA_MEM_ERROR) throw std::bad_alloc();
      else if (r == LZMA_MEMLIMIT_ERROR) throw FormatError(0, read_, "xz stream needs more than 256 MiB to decompress");
      else if (r != LZMA_OK) throw FormatError(0, read_, "corrupt xz stream (liblzma error " + std::to_string(r) + ")");
    }
    return cap - z_.avail_out;
  }

 private:
  std::unique_ptr<Source> in_;
  std::string ibuf_;
  lzma_stream z_ = LZMA_STREAM_INIT;
  uint64_t read_ = 0;
  bool eof_ = false, done_ = false;
};

}  // namespace

Compression compression_of(const std::string& head) {
  auto starts = [&](const char* magic, size_t n) { return head.size() >= n && head.compare(0, n, magic, n) == 0; };
  if (starts("\x28\xb5\x2f\xfd", 4)) return Compression::Zstd;
  if (starts("\x1f\x8b", 2)) return Compression::Gzip;
  if (starts("\xfd" "7zXZ\0", 6)) return Compression::Xz;
  return Compression::None;
}

const char* compression_name(Compression c) {
  switch (c) {
    case Compression::None: return "none";
    case Compression::Zstd: return "zstd";
    case Compression::Gzip: return "gzip";
    case Compression::Xz: return "xz";
  }
  return "?";
}

std::unique_ptr<Source> zstd_source(std::unique_ptr<Source> in) { return std::make_unique<ZstdSource>(std::move(in)); }
std::unique_ptr<Source> gzip_source(std::unique_ptr<Source> in) { return std::make_unique<GzipSource>(std::move(in)); }
std::unique_ptr<Source> xz_source(std::unique_ptr<Source> in) { return std::make_unique<XzSource>(std::move(in)); }

}  // namespace hcert
