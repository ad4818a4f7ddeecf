// The text encoding: one record per line, "keyword field field ...". Parsed with Boost
// Spirit X3 using explicit character sets only (bytes >= 0x80 must never reach the
// standard classes, which assert on them).
#include <boost/spirit/home/x3.hpp>

#include "formats/cert_io.hpp"
#include "formats/hol_text.hpp"

namespace hcert::cert {

namespace x3 = boost::spirit::x3;

namespace {
const auto blank = x3::omit[+x3::char_(" \t\r")];
const auto atom = +x3::char_("a-zA-Z0-9_.+*/<>=!?~^&%$@#:-");
const auto quoted = x3::lit('|') >> *((x3::lit('\\') >> x3::char_("|\\")) | ~x3::char_("|\\")) >> '|';
const auto name = quoted | atom;
const auto number = x3::uint_parser<uint64_t, 10, 1, 19>();

class TextReader : public RecordReader {
 public:
  explicit TextReader(std::unique_ptr<Source> src) : in_(std::move(src)) {}
  Encoding encoding() const override { return Encoding::Text; }

  bool next(Record& r) override {
    for (;;) {
      line_start_ = in_.offset();
      if (!in_.line(line_, kMaxLine)) return false;
      ++lineno_;
      auto first = line_.cbegin(), last = line_.cend();
      x3::parse(first, last, -blank);
      if (first == last || *first == '#') continue;  // blank or comment line
      // Field by field, not r = Record(): the caller's record keeps its lists' capacity
      // from one record to the next (a malloc and a free per list and record before).
      r.tag = Tag::Header;
      r.nums.clear();
      r.names.clear();
      r.line = lineno_;
      r.offset = line_start_;
      parse(first, last, r);
      return true;
    }
  }

 private:
  static constexpr size_t kMaxLine = size_t(1) << 26;  // 64 MiB: far above any real record
  using It = std::string::const_iterator;

  [[noreturn]] void fail(It at, const std::string& why) {
    throw FormatError(lineno_, line_start_ + (at - line_.cbegin()), why);
  }

  void parse(It first, It last, Record& r) {
    std::string kw;
    It at = first;
    if (!x3::parse(first, last, atom, kw)) fail(at, "expected a record keyword");
    auto tag = tag_of(kw);
    if (!tag) fail(at, "unknown record '" + kw + "'");
    r.tag = *tag;
    for (Field f : schema(r.tag).fields) {
      if (f == Field::Nums) {
        while (x3::parse(first, last, blank) && first != last) number_into(first, last, r);
        break;
      }
      at = first;
      if (!x3::parse(first, last, blank) || first == last)
        fail(first, std::string("missing ") + (f == Field::Num ? "number" : "name"));
      if (f == Field::Num) {
        number_into(first, last, r);
      } else {
        std::string s;
        It here = first;
        if (!x3::parse(first, last, name, s)) fail(here, "expected a name");
        if (s.size() > kMaxName) fail(here, "name too long");
        r.names.push_back(std::move(s));
      }
    }
    x3::parse(first, last, -blank);
    if (first != last) fail(first, "unexpected text after the record");
  }

  void number_into(It& first, It last, Record& r) {
    It here = first;
    uint64_t n = 0;
    if (!x3::parse(first, last, number, n) || (first != last && *first != ' ' && *first != '\t' && *first != '\r'))
      fail(here, "expected a number (decimal, below 2^62)");
    if (n > kMaxId) fail(here, "number above 2^62 - 1");
    if (r.nums.size() > kMaxList) fail(here, "list longer than 2^24");
    r.nums.push_back(n);
  }

  ByteReader in_;
  std::string line_;
  uint64_t lineno_ = 0, line_start_ = 0;
};

class TextWriter : public RecordWriter {
 public:
  TextWriter(const std::string& path, bool zstd) : out_(path, zstd) {}
  void write(const Record& r) override { out_.write(to_text(r) + "\n"); }
  void close() override { out_.close(); }

 private:
  Sink out_;
};
}  // namespace

std::string to_text(const Record& r) {
  std::string s = schema(r.tag).keyword;
  size_t ni = 0, si = 0;
  for (Field f : schema(r.tag).fields) {
    if (f == Field::Num) {
      s += " " + std::to_string(r.nums.at(ni++));
    } else if (f == Field::Name) {
      s += " " + text::print_name(r.names.at(si++));
    } else {
      for (; ni < r.nums.size(); ++ni) s += " " + std::to_string(r.nums[ni]);
    }
  }
  return s;
}

std::unique_ptr<RecordReader> text_reader(std::unique_ptr<Source> src) {
  return std::make_unique<TextReader>(std::move(src));
}

std::unique_ptr<RecordWriter> text_writer(const std::string& path, bool zstd) {
  return std::make_unique<TextWriter>(path, zstd);
}

}  // namespace hcert::cert
