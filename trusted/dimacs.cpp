#include "trusted/dimacs.hpp"

#include "trusted/decimal.hpp"
#include "trusted/sha256.hpp"
#include "trusted/source.hpp"

namespace hcert {

using cert::FormatError;

namespace {
// Hashes every byte it passes on, so the problem is hashed in the same single pass.
class HashingSource : public Source {
 public:
  HashingSource(std::unique_ptr<Source> in, Sha256& h) : in_(std::move(in)), h_(h) {}
  size_t read(char* buf, size_t cap) override {
    size_t n = in_->read(buf, cap);
    h_.update(buf, n);
    return n;
  }

 private:
  std::unique_ptr<Source> in_;
  Sha256& h_;
};

bool space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
constexpr uint64_t kMaxNumber = (uint64_t(1) << 31) - 1;  // variables and header counts
}  // namespace

Cnf read_dimacs(const std::string& path) {
  Sha256 hash;
  ByteReader in(std::make_unique<HashingSource>(open_source(path), hash));
  Cnf cnf;
  std::string line;
  uint64_t lineno = 0, declared = 0;
  bool header = false, open = false;
  std::vector<int32_t> clause;
  for (;;) {
    uint64_t start = in.offset();
    if (!in.line(line, size_t(1) << 28)) break;
    ++lineno;
    auto fail = [&](size_t col, const std::string& why) -> void {
      throw FormatError(lineno, start + col, why);
    };
    size_t i = 0;
    while (i < line.size() && space(line[i])) ++i;
    if (i == line.size() || line[i] == 'c') continue;
    if (line[i] == '%') {  // SATLIB files end with "%\n0\n": ignore the rest (still hashed)
      while (in.line(line, size_t(1) << 28)) {}
      break;
    }
    if (!header) {
      if (line.compare(i, 6, "p cnf ") != 0) fail(i, "expected the header 'p cnf VARS CLAUSES'");
      i += 6;
      uint64_t v[2];
      for (int k = 0; k < 2; ++k) {
        while (i < line.size() && space(line[i])) ++i;
        size_t s = i;
        v[k] = 0;
        while (i < line.size() && line[i] >= '0' && line[i] <= '9')
          if (!append_digit(v[k], line[i++], kMaxNumber)) fail(s, "header number too large (at most 2^31 - 1)");
        if (i == s) fail(s, "expected a number in the header");
      }
      while (i < line.size() && space(line[i])) ++i;
      if (i != line.size()) fail(i, "unexpected text after the header");
      cnf.vars = static_cast<uint32_t>(v[0]);
      declared = v[1];
      header = true;
      continue;
    }
    while (i < line.size()) {
      while (i < line.size() && space(line[i])) ++i;
      if (i == line.size()) break;
      size_t s = i;
      bool neg = line[i] == '-';
      if (neg) ++i;
      uint64_t x = 0;
      size_t digits = i;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9')
        if (!append_digit(x, line[i++], kMaxNumber)) fail(s, "variable too large (at most 2^31 - 1)");
      if (i == digits || (i < line.size() && !space(line[i]))) fail(s, "expected an integer literal");
      if (x == 0) {
        if (neg) fail(s, "'-0' is not a literal");
        if (cnf.clauses.size() == declared) fail(s, "more clauses than the header declares");
        cnf.clauses.emplace_back(clause.begin(), clause.end());  // exact size; `clause` keeps its buffer
        clause.clear();
        open = false;
        continue;
      }
      if (x > cnf.vars) fail(s, "variable " + std::to_string(x) + " exceeds the header's " + std::to_string(cnf.vars));
      clause.push_back(neg ? -static_cast<int32_t>(x) : static_cast<int32_t>(x));
      open = true;
    }
  }
  if (!header) throw FormatError(lineno, in.offset(), "no 'p cnf' header");
  if (open) throw FormatError(lineno, in.offset(), "the last clause is not ended by 0");
  if (cnf.clauses.size() != declared)
    throw FormatError(lineno, in.offset(), "the header declares " + std::to_string(declared) + " clauses, the file has " +
                                               std::to_string(cnf.clauses.size()));
  cnf.sha256 = hash.hex();
  return cnf;
}

}  // namespace hcert
