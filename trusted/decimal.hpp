// Decimal numbers read digit by digit from untrusted text.
//
// Why one helper: a reader that multiplies before it compares lets a huge number wrap into
// a small one (issue 18: the LRAT hint 2^64 + 43 was read as 43, and a proof using it
// verified). Here the bound is compared before the arithmetic, so no value above `max` is
// ever formed, whatever the width of the type or the length of the digit string.
#pragma once
#include <cstdint>

namespace hcert {

// Appends the digit c ('0'..'9') to v. False, with v unchanged, when v * 10 + digit would
// exceed max (max >= 9).
inline bool append_digit(uint64_t& v, char c, uint64_t max) {
  uint64_t d = static_cast<uint64_t>(c - '0');
  if (v > (max - d) / 10) return false;
  v = v * 10 + d;
  return true;
}

}  // namespace hcert
