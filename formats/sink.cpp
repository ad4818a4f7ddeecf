#include "formats/sink.hpp"

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>

namespace hcert {

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
    if (!z_->cs) throw std::bad_alloc();
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
