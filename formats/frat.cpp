#include "formats/frat.hpp"

namespace hcert {

using cert::FormatError;

namespace {
constexpr int64_t kMaxVar = (int64_t(1) << 31) - 1;
bool blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
}  // namespace

FratReader::FratReader(std::unique_ptr<Source> src, int binary) : in_(nullptr) {
  if (binary < 0) {
    std::string head = read_head(*src, 1024);
    binary = 0;
    for (unsigned char c : head)
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') binary = 1;
    src = replay(std::move(head), std::move(src));
  }
  binary_ = binary == 1;
  in_ = ByteReader(std::move(src));
}

[[noreturn]] void FratReader::fail(uint64_t at, const std::string& why) const {
  throw FormatError(binary_ ? 0 : line_, at, "FRAT: " + why);
}

// Skips blanks and comments; returns the letter that starts the next step (consumed).
int FratReader::keyword() {
  for (;;) {
    int c = in_.peek();
    if (c < 0) return -1;
    if (!binary_ && blank(c)) {
      if (in_.get() == '\n') ++line_;
      continue;
    }
    in_.get();
    if (c != 'c') return c;
    int end = binary_ ? 0 : '\n';
    while ((c = in_.get()) >= 0 && c != end) {}
    if (!binary_ && c == '\n') ++line_;
  }
}

uint64_t FratReader::unum(const char* what) {
  uint64_t at = in_.offset(), v = 0;
  if (binary_) {
    for (int shift = 0;; shift += 7) {
      int b = in_.get();
      if (b < 0) fail(at, std::string("truncated ") + what);
      if (shift > 56) fail(at, std::string(what) + " too large");
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  }
  int c;
  while (blank(in_.peek()))
    if (in_.get() == '\n') ++line_;
  at = in_.offset();
  bool any = false;
  while ((c = in_.peek()) >= '0' && c <= '9') {
    if (v > (UINT64_MAX >> 1) / 10) fail(at, std::string(what) + " too large");
    v = v * 10 + static_cast<uint64_t>(in_.get() - '0');
    any = true;
  }
  if (!any) fail(at, std::string("expected ") + what);
  if (c >= 0 && !blank(c)) fail(in_.offset(), std::string("expected ") + what);
  return v;
}

int64_t FratReader::num(const char* what) {
  if (binary_) {
    uint64_t at = in_.offset(), v = unum(what);
    if (v == 1) fail(at, "'-0' is not a number");
    return (v & 1) ? -static_cast<int64_t>(v >> 1) : static_cast<int64_t>(v >> 1);
  }
  int c;
  while (blank(c = in_.peek()))  // a step may span lines
    if (in_.get() == '\n') ++line_;
  uint64_t at = in_.offset();
  bool neg = c == '-';
  if (neg) in_.get();
  int64_t v = static_cast<int64_t>(unum(what));
  if (neg && v == 0) fail(at, "'-0' is not a number");
  return neg ? -v : v;
}

int32_t FratReader::lit() {
  uint64_t at = in_.offset();
  int64_t v = num("a literal");
  if (v > kMaxVar || v < -kMaxVar) fail(at, "variable too large (at most 2^31 - 1)");
  return static_cast<int32_t>(v);
}

bool FratReader::next(FratStep& s) {
  s = FratStep();
  int k = keyword();
  if (k < 0) return false;
  s.line = binary_ ? 0 : line_;
  s.offset = in_.offset() - 1;
  switch (k) {
    case 'o': case 'a': case 'd': case 'f':
      s.kind = static_cast<char>(k);
      s.id = unum("a clause id");
      if (s.id == 0) fail(s.offset, "clause id 0");
      for (int32_t l; (l = lit()) != 0;) s.lits.push_back(l);
      if (k == 'a') {  // an 'l' list may follow
        if (!binary_)
          while (blank(in_.peek()))
            if (in_.get() == '\n') ++line_;
        if (in_.peek() == 'l') {
          in_.get();
          s.has_hints = true;
          for (int64_t h; (h = num("a hint")) != 0;) s.hints.push_back(h);
        }
      }
      return true;
    case 'r':
      s.kind = 'r';
      for (uint64_t from; (from = unum("a clause id")) != 0;) {
        uint64_t to = unum("a clause id");
        if (to == 0) fail(in_.offset(), "relocation without a target");
        s.moves.push_back({from, to});
      }
      return true;
    case 't':
      unum("a clause id");
      if (unum("0") != 0) fail(in_.offset(), "expected 0 after 't ID'");
      return next(s);
    case 'l':
      fail(s.offset, "an 'l' list that follows no addition");
    default:
      fail(s.offset, std::string("unknown step '") + (k >= 0x20 && k < 0x7f ? std::string(1, static_cast<char>(k)) : "\\x" + std::to_string(k)) + "'");
  }
  return false;
}

}  // namespace hcert
