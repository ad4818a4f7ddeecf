#include "formats/drat.hpp"

#include "trusted/decimal.hpp"

namespace hcert {

using cert::FormatError;

namespace {
bool space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
constexpr int64_t kMaxVar = (int64_t(1) << 31) - 1;
}  // namespace

// Binary DRAT ends every step with a 0 byte, so its first kilobyte holds bytes that text
// never has; text DRAT may start with "d " like binary may start with 'd'.
static std::unique_ptr<Source> sniff(std::unique_ptr<Source> src, bool& binary) {
  std::string head = read_head(*src, 1024);
  binary = false;
  for (unsigned char c : head)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') binary = true;
  if (head.empty() || (head[0] != 'a' && head[0] != 'd')) binary = false;
  return replay(std::move(head), std::move(src));
}

DratReader::DratReader(std::unique_ptr<Source> src, int binary) : in_(nullptr) {
  bool sniffed = false;
  if (binary < 0) src = sniff(std::move(src), sniffed);
  binary_ = binary < 0 ? sniffed : binary == 1;
  in_ = ByteReader(std::move(src));
}

bool DratReader::next(DratStep& s) {
  s = DratStep();
  return binary_ ? next_binary(s) : next_text(s);
}

// Text DRAT lets a clause span lines; a step ends at its 0.
bool DratReader::next_text(DratStep& s) {
  bool started = false;
  for (;;) {
    uint64_t start = in_.offset();
    if (!in_.line(line_, size_t(1) << 28)) {
      if (started) throw FormatError(lineno_, in_.offset(), "the last step is not ended by 0");
      return false;
    }
    ++lineno_;
    size_t i = 0;
    auto fail = [&](size_t col, const std::string& why) { throw FormatError(lineno_, start + col, why); };
    while (i < line_.size()) {
      while (i < line_.size() && space(line_[i])) ++i;
      if (i == line_.size()) break;
      if (!started) {
        if (line_[i] == 'c') break;  // comment line
        s.line = lineno_;
        s.offset = start + i;
        started = true;
        if (line_[i] == 'd') {
          s.deletion = true;
          ++i;
          if (i < line_.size() && !space(line_[i])) fail(i, "expected 'd '");
          continue;
        }
      }
      size_t at = i;
      bool neg = line_[i] == '-';
      if (neg) ++i;
      uint64_t v = 0;
      size_t d = i;
      while (i < line_.size() && line_[i] >= '0' && line_[i] <= '9')
        if (!append_digit(v, line_[i++], kMaxVar)) fail(at, "variable too large (at most 2^31 - 1)");
      if (i == d || (i < line_.size() && !space(line_[i]))) fail(at, "expected an integer literal");
      if (v == 0) {
        if (neg) fail(at, "'-0' is not a literal");
        while (i < line_.size() && space(line_[i])) ++i;
        if (i != line_.size()) fail(i, "text after the 0 that ends the step");
        return true;
      }
      s.lits.push_back(neg ? -static_cast<int32_t>(v) : static_cast<int32_t>(v));
    }
  }
}

bool DratReader::next_binary(DratStep& s) {
  uint64_t at = in_.offset();
  int c = in_.get();
  if (c < 0) return false;
  if (c != 'a' && c != 'd') throw FormatError(0, at, "expected 'a' or 'd' in binary DRAT");
  s.deletion = c == 'd';
  s.offset = at;
  for (;;) {
    uint64_t lat = in_.offset(), v = 0;
    for (int shift = 0;; shift += 7) {
      int b = in_.get();
      if (b < 0) throw FormatError(0, lat, "truncated literal");
      if (shift > 28) throw FormatError(0, lat, "literal too large");
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    if (v == 0) return true;
    int64_t var = static_cast<int64_t>(v >> 1);
    if (var == 0 || var > kMaxVar) throw FormatError(0, lat, "literal out of range");
    s.lits.push_back(static_cast<int32_t>((v & 1) ? -var : var));
  }
}

}  // namespace hcert
