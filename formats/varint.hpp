// An unsigned LEB128 number of a binary proof (LRAT, traces): at most 64 bits, else an
// error at the number's first byte; a number cut by the end of the input is an error too.
#pragma once
#include <cstdint>
#include <string>

#include "trusted/outcome.hpp"
#include "trusted/source.hpp"

namespace hcert {

inline uint64_t read_varint(ByteReader& in, const char* what) {
  uint64_t at = in.offset(), v = 0;
  for (int shift = 0;; shift += 7) {
    int c = in.get();
    if (c < 0) throw cert::FormatError(0, at, std::string("truncated ") + what);
    if (shift > 56) throw cert::FormatError(0, at, std::string(what) + " too large");
    v |= static_cast<uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return v;
  }
}

}  // namespace hcert
