#include "formats/lrat.hpp"

#include "formats/line_cursor.hpp"
#include "formats/varint.hpp"
#include "trusted/decimal.hpp"

namespace hcert {

using cert::FormatError;

namespace {
constexpr int64_t kMaxId = (int64_t(1) << 62) - 1;
}  // namespace

LratReader::LratReader(std::unique_ptr<Source> src, int binary) : in_(std::move(src)) {
  if (binary < 0) {
    int c = in_.peek();
    binary_ = c == 'a' || c == 'd';
  } else {
    binary_ = binary == 1;
  }
}

bool LratReader::next(LratStep& s) {
  s.deletion = false;  // cleared field by field: the vectors keep their capacity
  s.id = s.line = s.offset = 0;
  s.lits.clear();
  s.hints.clear();
  return binary_ ? next_binary(s) : next_text(s);
}

bool LratReader::next_text(LratStep& s) {
  for (;;) {
    uint64_t start = in_.offset();
    if (!in_.line(line_, size_t(1) << 28)) return false;
    ++lineno_;
    LineCursor c{line_, lineno_, start};
    size_t& i = c.i;
    c.skip();
    if (i == line_.size() || line_[i] == 'c') continue;  // blank or comment
    s.line = lineno_;
    s.offset = start;
    int64_t id = c.number(false);
    if (id == 0) c.fail(0, "clause id 0");
    s.id = static_cast<uint64_t>(id);
    c.skip();
    if (i < line_.size() && line_[i] == 'd') {
      ++i;
      if (i < line_.size() && !LineCursor::space(line_[i])) c.fail(i, "expected 'd '");
      s.deletion = true;
      for (int64_t x; (x = c.number(false)) != 0;) s.hints.push_back(x);
    } else {
      for (int64_t x; (x = c.number(true)) != 0;) s.lits.push_back(x);
      for (int64_t x; (x = c.number(true)) != 0;) s.hints.push_back(x);
    }
    c.skip();
    if (i != line_.size()) c.fail(i, "text after the final 0");
    return true;
  }
}

int64_t LratReader::varint(const char* what) {
  uint64_t at = in_.offset(), v = read_varint(in_, what);
  int64_t mag = static_cast<int64_t>(v >> 1);
  if (mag > kMaxId) throw FormatError(0, at, std::string(what) + " too large");
  return (v & 1) ? -mag : mag;
}

bool LratReader::next_binary(LratStep& s) {
  uint64_t at = in_.offset();
  int c = in_.get();
  if (c < 0) return false;
  s.offset = at;
  if (c == 'd') {
    s.deletion = true;
    for (int64_t x; (x = varint("clause id")) != 0;) {
      if (x < 0) throw FormatError(0, at, "negative id in a deletion");
      s.hints.push_back(x);
    }
    return true;
  }
  if (c != 'a') throw FormatError(0, at, "expected 'a' or 'd' in binary LRAT");
  int64_t id = varint("clause id");
  if (id <= 0) throw FormatError(0, at, "clause id must be positive");
  s.id = static_cast<uint64_t>(id);
  for (int64_t x; (x = varint("literal")) != 0;) s.lits.push_back(x);
  for (int64_t x; (x = varint("hint")) != 0;) s.hints.push_back(x);
  return true;
}

}  // namespace hcert
