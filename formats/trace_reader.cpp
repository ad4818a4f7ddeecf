#include "formats/trace_reader.hpp"

#include <cstring>

#include "formats/line_cursor.hpp"
#include "formats/varint.hpp"
#include "trusted/decimal.hpp"

namespace hcert {

using cert::FormatError;

namespace {
constexpr uint64_t kMaxId = (uint64_t(1) << 62) - 1;
constexpr uint64_t kMaxTerm = uint64_t(1) << 28;  // bytes of one term (a line's bound too)
constexpr uint64_t kMaxCoef = 4096;               // characters of one coefficient
constexpr uint64_t kMaxList = uint64_t(1) << 24;  // numbers in one list
constexpr unsigned char kMagic[5] = {0x89, 'H', 'C', 'T', 0x01};
const char kHeader[] = "hcert-trace 1";

// The keywords by hint value, and how many coefficients each kind takes: -1 one per
// literal, 0 none, -2 any number (read and kept, not needed).
struct HintInfo {
  const char* keyword;
  int coefs;
};
const HintInfo kHints[] = {{"-", 0}, {"la", -1}, {"dl", 0}, {"eq", 0}, {"cut", -2}, {"br", 0}, {"row", 0}};
constexpr size_t kHintCount = sizeof kHints / sizeof kHints[0];

// "N" or "N/D": optional '-', digits, optionally '/' and digits not all zero.
bool coefficient(const std::string& c) {
  size_t i = c[0] == '-' ? 1 : 0, d = i;
  while (i < c.size() && c[i] >= '0' && c[i] <= '9') ++i;
  if (i == d) return false;
  if (i == c.size()) return true;
  if (c[i] != '/') return false;
  size_t e = ++i;
  bool nonzero = false;
  for (; i < c.size() && c[i] >= '0' && c[i] <= '9'; ++i) nonzero = nonzero || c[i] != '0';
  return i > e && i == c.size() && nonzero;
}
}  // namespace

const char* trace_hint_keyword(TraceStep::Hint h) { return h < kHintCount ? kHints[h].keyword : "?"; }
bool trace_hint_of(const std::string& keyword, TraceStep::Hint& out) {
  for (size_t k = 0; k < kHintCount; ++k)
    if (keyword == kHints[k].keyword) return out = static_cast<TraceStep::Hint>(k), true;
  return false;
}

TraceReader::TraceReader(std::unique_ptr<Source> src) : in_(std::move(src)) {
  if (in_.peek() == kMagic[0]) {
    for (unsigned char m : kMagic) {
      uint64_t at = in_.offset();
      if (in_.get() != m) throw FormatError(0, at, "not a binary trace (expected 0x89 'HCT' 0x01)");
    }
    binary_ = true;
    return;
  }
  uint64_t start = in_.offset();
  if (!in_.line(line_, 64) || (line_ != kHeader && line_ != std::string(kHeader) + "\r"))
    throw FormatError(1, start, "not a trace: the first line must be 'hcert-trace 1'");
  lineno_ = 1;
}

bool TraceReader::next(TraceStep& s) {
  s.id = s.assertion = s.line = s.offset = 0;  // field by field: the vectors keep their capacity
  s.term.clear();
  s.lits.clear();
  s.ids.clear();
  s.coefs.clear();
  s.hint = TraceStep::None;
  return binary_ ? next_binary(s) : next_text(s);
}

void TraceReader::check(const TraceStep& s, uint64_t line, uint64_t offset) {
  auto fail = [&](const std::string& why) { throw FormatError(line, offset, why); };
  switch (s.kind) {
    case TraceStep::Atom:
    case TraceStep::Define:
      if (s.id == 0 || s.id <= last_term_) fail("term id " + std::to_string(s.id) + " not above the previous one");
      if (s.term.empty()) fail("empty term");
      last_term_ = s.id;
      return;
    case TraceStep::Delete:
      for (uint64_t id : s.ids)
        if (id == 0 || id > last_clause_) fail("deletion of clause " + std::to_string(id) + ", never added");
      return;
    default:
      break;
  }
  if (s.id == 0 || s.id <= last_clause_) fail("clause id " + std::to_string(s.id) + " not above the previous one");
  for (int64_t l : s.lits)
    if (static_cast<uint64_t>(l < 0 ? -l : l) > last_term_)
      fail("literal " + std::to_string(l) + " names no atom declared before");
  for (uint64_t h : s.ids)
    if (h == 0 || h >= s.id) fail("hint " + std::to_string(h) + " names no clause added before");
  if (s.kind == TraceStep::Lemma) {
    int want = kHints[s.hint].coefs;
    if (want == 0 && !s.coefs.empty()) fail(std::string("a '") + kHints[s.hint].keyword + "' lemma takes no coefficients");
    if (want == -1 && s.coefs.size() != s.lits.size())
      fail(std::string("a '") + kHints[s.hint].keyword + "' lemma takes one coefficient per literal (" +
           std::to_string(s.lits.size()) + "), not " + std::to_string(s.coefs.size()));
    for (const std::string& c : s.coefs)
      if (c.empty() || c.size() > kMaxCoef || !coefficient(c)) fail("bad coefficient '" + c.substr(0, 40) + "'");
  }
  last_clause_ = s.id;
}

bool TraceReader::next_text(TraceStep& s) {
  for (;;) {
    uint64_t start = in_.offset();
    if (!in_.line(line_, kMaxTerm)) return false;
    ++lineno_;
    LineCursor c{line_, lineno_, start};
    size_t& i = c.i;
    auto list = [&](auto& out, bool allow_neg) {
      for (int64_t x; (x = c.number(allow_neg, "missing the final 0")) != 0;) {
        if (out.size() >= kMaxList) c.fail(i, "list too long");
        out.push_back(static_cast<typename std::decay_t<decltype(out)>::value_type>(x));
      }
    };
    c.skip();
    if (i == line_.size() || line_[i] == ';') continue;  // blank or comment
    s.line = lineno_;
    s.offset = start;
    std::string tag = c.word();
    if (tag.size() != 1 || !std::strchr("adictx", tag[0])) c.fail(0, "unknown record '" + tag.substr(0, 20) + "'");
    s.kind = static_cast<TraceStep::Kind>(tag[0]);
    if (s.kind != TraceStep::Delete) s.id = static_cast<uint64_t>(c.number(false, "missing the final 0"));
    switch (s.kind) {
      case TraceStep::Atom:
      case TraceStep::Define: {
        c.skip();
        size_t end = line_.size();
        while (end > i && LineCursor::space(line_[end - 1])) --end;
        s.term = line_.substr(i, end - i);
        if (s.term.empty()) c.fail(i, "missing the term");
        i = line_.size();
        break;
      }
      case TraceStep::Input:
        s.assertion = static_cast<uint64_t>(c.number(false, "missing the final 0"));
        list(s.lits, true);
        break;
      case TraceStep::Derived:
        list(s.lits, true);
        list(s.ids, false);
        break;
      case TraceStep::Lemma: {
        list(s.lits, true);
        size_t at = (c.skip(), i);
        std::string kw = c.word();
        if (kw.empty()) c.fail(at, "missing the lemma's kind (- la dl eq cut br row)");
        if (!trace_hint_of(kw, s.hint)) c.fail(at, "unknown lemma kind '" + kw.substr(0, 20) + "'");
        for (std::string w; !(w = c.word()).empty();) {
          if (s.coefs.size() >= kMaxList) c.fail(i, "too many coefficients");
          s.coefs.push_back(std::move(w));
        }
        break;
      }
      case TraceStep::Delete:
        list(s.ids, false);
        break;
    }
    c.skip();
    if (i != line_.size()) c.fail(i, "text after the record's end");
    check(s, lineno_, start);
    return true;
  }
}

uint64_t TraceReader::varint(const char* what, uint64_t max) {
  uint64_t at = in_.offset(), v = read_varint(in_, what);
  if (v > max) throw FormatError(0, at, std::string(what) + " too large");
  return v;
}

bool TraceReader::next_binary(TraceStep& s) {
  uint64_t at = in_.offset();
  int c = in_.get();
  if (c < 0) return false;
  s.offset = at;
  if (c <= 0 || !std::strchr("adictx", c)) throw FormatError(0, at, "unknown record tag byte " + std::to_string(c));
  s.kind = static_cast<TraceStep::Kind>(c);
  auto bytes = [&](std::string& out, uint64_t max, const char* what) {
    uint64_t n = varint(what, max);
    out.resize(n);
    for (uint64_t k = 0; k < n; ++k) {
      int b = in_.get();
      if (b < 0) throw FormatError(0, in_.offset(), std::string("truncated ") + what);
      out[k] = static_cast<char>(b);
    }
  };
  auto lits = [&] {
    for (uint64_t x; (x = varint("literal", 2 * kMaxId + 1)) != 0;) {
      if (s.lits.size() >= kMaxList) throw FormatError(0, at, "list too long");
      int64_t mag = static_cast<int64_t>(x >> 1);
      s.lits.push_back((x & 1) ? -mag : mag);
    }
  };
  auto ids = [&] {
    for (uint64_t x; (x = varint("clause id", kMaxId)) != 0;) {
      if (s.ids.size() >= kMaxList) throw FormatError(0, at, "list too long");
      s.ids.push_back(x);
    }
  };
  if (s.kind != TraceStep::Delete) s.id = varint("id", kMaxId);
  switch (s.kind) {
    case TraceStep::Atom:
    case TraceStep::Define:
      bytes(s.term, kMaxTerm, "term");
      break;
    case TraceStep::Input:
      s.assertion = varint("assertion index", kMaxId);
      lits();
      break;
    case TraceStep::Derived:
      lits();
      ids();
      break;
    case TraceStep::Lemma: {
      lits();
      uint64_t k = in_.offset();
      int kind = in_.get();
      if (kind < 0) throw FormatError(0, k, "truncated lemma kind");
      if (static_cast<size_t>(kind) >= kHintCount) throw FormatError(0, k, "unknown lemma kind " + std::to_string(kind));
      s.hint = static_cast<TraceStep::Hint>(kind);
      uint64_t n = varint("coefficient count", kMaxList);
      for (uint64_t j = 0; j < n; ++j) {
        s.coefs.emplace_back();
        bytes(s.coefs.back(), kMaxCoef, "coefficient");
      }
      break;
    }
    case TraceStep::Delete:
      ids();
      break;
  }
  check(s, 0, at);
  return true;
}

}  // namespace hcert
