// One line of a text proof (LRAT, custom-solver traces) read from left to right: blanks
// skipped, words, and integers whose bound is checked before any arithmetic, so that no
// reader turns one number into another; every error names the line and the byte.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>

#include "trusted/decimal.hpp"
#include "trusted/outcome.hpp"

namespace hcert {

struct LineCursor {
  static constexpr uint64_t kMaxNumber = (uint64_t(1) << 62) - 1;
  const std::string& line;
  uint64_t line_no, start;  // the line's number, and the offset of its first byte
  size_t i = 0;

  static bool space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
  static bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }
  [[noreturn]] void fail(size_t col, const std::string& why) const {
    throw cert::FormatError(line_no, start + col, why);
  }
  void skip() {
    while (i < line.size() && space(line[i])) ++i;
  }
  std::string word() {
    skip();
    size_t at = i;
    while (i < line.size() && !space(line[i])) ++i;
    return line.substr(at, i - at);
  }
  // An integer of magnitude below 2^62 (a '-' only when allow_neg), ended by a blank or the
  // line's end; `missing` is the complaint when the line ends where it should be.
  int64_t number(bool allow_neg, const char* missing = "expected an integer") {
    skip();
    size_t at = i;
    bool neg = i < line.size() && line[i] == '-';
    if (neg) {
      if (!allow_neg) fail(at, "negative number not allowed here");
      ++i;
    }
    uint64_t v = 0;
    size_t d = i;
    // The first 18 digits cannot pass the bound (10^18 - 1 < 2^62 - 1), so they are summed
    // without the check (LRAT text: 7.1 -> 6.2 % of a check's time on uuf250-01); every
    // further digit is appended by the checked helper.
    for (size_t end = std::min(line.size(), i + 18); i < end && is_digit(line[i]); ++i) v = v * 10 + (line[i] - '0');
    while (i < line.size() && is_digit(line[i]))
      if (!append_digit(v, line[i++], kMaxNumber)) fail(at, "number too large (at most 2^62 - 1)");
    if (i == d || (i < line.size() && !space(line[i]))) fail(at, i == line.size() && i == d ? missing : "expected an integer");
    return neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  }
};

}  // namespace hcert
