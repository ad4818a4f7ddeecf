// The binary encoding: magic "HCB1", then per record a tag byte and its fields: numbers as
// LEB128 varints, names as a varint length and the bytes, a list as a varint count and the
// numbers. Errors name the byte offset of the field that is wrong.
#include "formats/cert_io.hpp"

namespace hcert::cert {

namespace {

class BinaryReader : public RecordReader {
 public:
  explicit BinaryReader(std::unique_ptr<Source> src) : in_(std::move(src)) {
    for (int i = 0; i < 4; ++i)
      if (in_.get() != kBinaryMagic[i]) fail(0, "not a binary certificate (magic HCB1)");
  }
  Encoding encoding() const override { return Encoding::Binary; }

  bool next(Record& r) override {
    uint64_t at = in_.offset();
    int t = in_.get();
    if (t < 0) return false;
    if (t < 1 || t > kTagCount) fail(at, "unknown record tag " + std::to_string(t));
    r = Record();
    r.tag = static_cast<Tag>(t);
    r.offset = at;
    for (Field f : schema(r.tag).fields) {
      if (f == Field::Num) {
        r.nums.push_back(varint(kMaxId, "number"));
      } else if (f == Field::Name) {
        uint64_t start = in_.offset();
        uint64_t n = varint(kMaxName, "name length");
        std::string s;
        s.reserve(std::min<uint64_t>(n, 1 << 16));
        for (uint64_t i = 0; i < n; ++i) {
          int c = in_.get();
          if (c < 0) fail(start, "truncated name");
          s += static_cast<char>(c);
        }
        r.names.push_back(std::move(s));
      } else {
        uint64_t n = varint(kMaxList, "list length");
        for (uint64_t i = 0; i < n; ++i) r.nums.push_back(varint(kMaxId, "number"));
      }
    }
    return true;
  }

 private:
  [[noreturn]] void fail(uint64_t at, const std::string& why) { throw FormatError(0, at, why); }

  uint64_t varint(uint64_t max, const char* what) {
    uint64_t at = in_.offset(), v = 0;
    for (int shift = 0;; shift += 7) {
      int c = in_.get();
      if (c < 0) fail(at, std::string("truncated ") + what);
      if (shift == 63 && c > 1) fail(at, std::string(what) + " overflows 64 bits");
      v |= static_cast<uint64_t>(c & 0x7f) << shift;
      if (!(c & 0x80)) break;
      if (shift == 63) fail(at, std::string(what) + " overflows 64 bits");
    }
    if (v > max) fail(at, std::string(what) + " too large: " + std::to_string(v));
    return v;
  }

  ByteReader in_;
};

class BinaryWriter : public RecordWriter {
 public:
  BinaryWriter(const std::string& path, bool zstd) : out_(path, zstd) { out_.write(kBinaryMagic, 4); }
  void write(const Record& r) override {
    buf_.clear();
    buf_ += static_cast<char>(r.tag);
    size_t ni = 0, si = 0;
    for (Field f : schema(r.tag).fields) {
      if (f == Field::Num) {
        varint(r.nums.at(ni++));
      } else if (f == Field::Name) {
        const std::string& s = r.names.at(si++);
        varint(s.size());
        buf_ += s;
      } else {
        varint(r.nums.size() - ni);
        for (; ni < r.nums.size(); ++ni) varint(r.nums[ni]);
      }
    }
    out_.write(buf_);
  }
  void close() override { out_.close(); }

 private:
  void varint(uint64_t v) {
    while (v >= 0x80) {
      buf_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    buf_ += static_cast<char>(v);
  }
  Sink out_;
  std::string buf_;
};

}  // namespace

std::unique_ptr<RecordReader> binary_reader(std::unique_ptr<Source> src) {
  return std::make_unique<BinaryReader>(std::move(src));
}

std::unique_ptr<RecordWriter> text_writer(const std::string& path, bool zstd);

std::unique_ptr<RecordWriter> open_writer(const std::string& path, Encoding enc, bool zstd) {
  if (enc == Encoding::Binary) return std::make_unique<BinaryWriter>(path, zstd);
  return text_writer(path, zstd);
}

// Peeks at the (decompressed) first four bytes to choose the encoding.
std::unique_ptr<RecordReader> open_records(const std::string& path) {
  return open_records(open_source(path));
}

std::unique_ptr<RecordReader> open_records(std::unique_ptr<Source> raw) {
  auto src = decompressed(std::move(raw));
  std::string head = read_head(*src, 4);
  bool binary = head == std::string(kBinaryMagic, 4);
  auto all = replay(std::move(head), std::move(src));
  return binary ? binary_reader(std::move(all)) : text_reader(std::move(all));
}

}  // namespace hcert::cert
