#include "formats/lrat_inputs.hpp"

#include <sys/stat.h>

#include <cstring>
#include <string>

#include "formats/cert.hpp"
#include "trusted/deadline.hpp"

namespace hcert {

namespace {

constexpr uint64_t kMaxId = (uint64_t(1) << 62) - 1;  // as LratReader

// Why a byte-level state machine over raw chunks rather than LratReader: the read must
// cost far less than the elaboration it saves (a full parse of md5-506's 30 MB proof was
// 8 % of the whole check); it skips deletions and literals without converting them and
// keeps nothing but one mark per input clause.
class Scan {
 public:
  Scan(uint64_t inputs, bool is_binary) : inputs_(inputs), named_(inputs, 0), phase_(is_binary ? kTag : kId) {}

  // Text: "ID LIT… 0 HINT… 0" and "ID d ID… 0", blank and 'c' lines skipped. False when a
  // byte cannot belong to such a line.
  bool text(const char* p, const char* end) {
    while (p < end) {
      if (phase_ == kSkip) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
        if (!nl) return true;
        p = nl + 1;
        phase_ = kId, fresh_ = false;
        continue;
      }
      char ch = *p++;
      if (ch >= '0' && ch <= '9') {
        if (value_ > kMaxId / 10) return false;  // before it could wrap
        value_ = value_ * 10 + static_cast<uint64_t>(ch - '0');
        if (value_ > kMaxId) return false;
        digits_ = true;
        continue;
      }
      if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
        end_number();
        if (ch == '\n') {
          if (phase_ != kId && phase_ != kSkip) return false;  // a line ended before its final 0
          phase_ = kId, fresh_ = false;
        }
        continue;
      }
      if (digits_ || negative_) return false;  // a sign or letter inside a number
      if (ch == '-' && (phase_ == kLits || phase_ == kHints)) {
        negative_ = true;
        continue;
      }
      if (ch == 'd' && fresh_) {  // a deletion: its ids name no clause as used
        phase_ = kSkip;
        continue;
      }
      if (ch == 'c' && phase_ == kId) {
        phase_ = kSkip;
        continue;
      }
      return false;
    }
    return true;
  }

  // Binary: 'a' id lits 0 hints 0 | 'd' ids 0, each number an LEB128 varint 2|x| + sign.
  bool binary(const char* p, const char* end) {
    while (p < end) {
      uint8_t c = static_cast<uint8_t>(*p++);
      if (phase_ == kTag) {
        if (c == 'a') phase_ = kId;
        else if (c == 'd') phase_ = kDeleted;
        else return false;
        continue;
      }
      if (shift_ > 56) return false;
      value_ |= static_cast<uint64_t>(c & 0x7f) << shift_;
      if (c & 0x80) {
        shift_ += 7;
        continue;
      }
      uint64_t v = value_;
      value_ = 0, shift_ = 0;
      if ((v >> 1) > kMaxId) return false;
      if (phase_ == kId) phase_ = kLits;
      else if (v == 0) phase_ = phase_ == kLits ? kHints : kTag;
      else if (phase_ == kHints) name(v >> 1);
    }
    return true;
  }

  // Whether the input ended between steps (a text proof's last line may lack its newline).
  bool complete(bool is_binary) {
    if (is_binary) return phase_ == kTag && shift_ == 0;
    end_number();
    return phase_ == kId || phase_ == kSkip;
  }

  std::vector<uint32_t> named() const {
    std::vector<uint32_t> out;
    for (uint64_t i = 0; i < inputs_; ++i)
      if (named_[i]) out.push_back(static_cast<uint32_t>(i));
    return out;
  }

 private:
  enum Phase { kTag, kId, kLits, kHints, kDeleted, kSkip };

  void name(uint64_t id) {
    if (id >= 1 && id <= inputs_) named_[id - 1] = 1;
  }
  // A text number has ended: it moves the line on from its id to the literals, from the
  // literals to the hints at their 0, and the hints end the line at theirs.
  void end_number() {
    if (!digits_) return;
    uint64_t v = value_;
    value_ = 0, digits_ = negative_ = fresh_ = false;
    if (phase_ == kId) phase_ = kLits, fresh_ = true;
    else if (phase_ == kLits && v == 0) phase_ = kHints;
    else if (phase_ == kHints && v == 0) phase_ = kSkip;  // the rest of the line is blank
    else if (phase_ == kHints) name(v);
  }

  uint64_t inputs_;
  std::vector<uint8_t> named_;
  Phase phase_;
  uint64_t value_ = 0;
  int shift_ = 0;
  bool digits_ = false, negative_ = false, fresh_ = false;
};

}  // namespace

std::vector<uint32_t> lrat_inputs_named(Source& src, uint64_t inputs) {
  if (inputs > UINT32_MAX) return {};
  std::string buf(size_t(1) << 20, '\0');
  size_t n = src.read(buf.data(), buf.size());
  if (n == 0) return {};
  const bool is_binary = buf[0] == 'a' || buf[0] == 'd';  // as LratReader detects it
  Scan scan(inputs, is_binary);
  while (n > 0) {
    poll_deadline();
    bool ok = is_binary ? scan.binary(buf.data(), buf.data() + n) : scan.text(buf.data(), buf.data() + n);
    if (!ok) return {};
    n = src.read(buf.data(), buf.size());
  }
  return scan.complete(is_binary) ? scan.named() : std::vector<uint32_t>{};
}

std::function<std::vector<uint32_t>()> lrat_inputs_reader(const std::string& path, const Cnf& cnf) {
  struct stat st;
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  uint64_t literals = 0;
  for (const std::vector<int32_t>& c : cnf.clauses) literals += c.size();
  if (32 * literals < static_cast<uint64_t>(st.st_size)) return {};
  const uint64_t inputs = cnf.clauses.size();
  return [path, inputs]() -> std::vector<uint32_t> {
    try {
      std::unique_ptr<Source> src = open_source(path);
      return lrat_inputs_named(*src, inputs);
    } catch (const cert::FormatError&) {  // gone or corrupt now: the check's own read says so
      return {};
    }
  };
}

}  // namespace hcert
