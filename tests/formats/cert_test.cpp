// The certificate encodings: text -> binary -> zstd -> text round trips preserve every
// record (property), and hostile bytes (truncation, corrupt zstd, overflowing numbers,
// bytes >= 0x80, bombs) end in a FormatError naming the place, never a crash.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <sstream>

#include "formats/cert_io.hpp"

using namespace hcert;
using namespace hcert::cert;

namespace {

std::string tmp(const std::string& name) { return testing::TempDir() + "/hcert_cert_test_" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }

void write_all(const std::string& path, const std::vector<Record>& rs, Encoding enc, bool zstd) {
  auto w = open_writer(path, enc, zstd);
  for (const Record& r : rs) w->write(r);
  w->close();
}

std::vector<Record> read_all(const std::string& path) {
  std::vector<Record> out;
  auto in = open_records(path);
  Record r;
  while (in->next(r)) out.push_back(r);
  return out;
}

std::vector<Record> read_bytes(const std::string& data) {
  std::vector<Record> out;
  auto in = open_records(string_source(data));
  Record r;
  while (in->next(r)) out.push_back(r);
  return out;
}

// Random well-formed records: any tag, names of arbitrary bytes except '\n' (which the
// text encoding reserves; names never contain it in practice), numbers up to 2^62 - 1.
rc::Gen<Record> gen_record() {
  return rc::gen::exec([] {
    Record r;
    r.tag = static_cast<Tag>(*rc::gen::inRange(1, kTagCount + 1));
    auto name = rc::gen::container<std::string>(
        rc::gen::suchThat(rc::gen::arbitrary<char>(), [](char c) { return c != '\n'; }));
    auto num = rc::gen::oneOf(rc::gen::inRange<uint64_t>(0, 100), rc::gen::inRange<uint64_t>(0, kMaxId + 1),
                              rc::gen::just(uint64_t{kMaxId}));
    for (Field f : schema(r.tag).fields) {
      if (f == Field::Num) r.nums.push_back(*num);
      if (f == Field::Name) r.names.push_back(*name);
      if (f == Field::Nums) {
        auto extra = *rc::gen::container<std::vector<uint64_t>>(num);
        r.nums.insert(r.nums.end(), extra.begin(), extra.end());
      }
    }
    return r;
  });
}

RC_GTEST_PROP(CertRoundTrip, TextBinaryZstdText, ()) {
  auto rs = *rc::gen::container<std::vector<Record>>(gen_record());
  for (const Record& r : rs) RC_ASSERT(well_formed(r));
  std::string t = tmp("rt.txt"), b = tmp("rt.hcb.zst"), t2 = tmp("rt2.txt.zst");
  write_all(t, rs, Encoding::Text, false);
  auto from_text = read_all(t);
  RC_ASSERT(from_text == rs);
  write_all(b, from_text, Encoding::Binary, true);
  auto from_binary = read_all(b);
  RC_ASSERT(from_binary == rs);
  write_all(t2, from_binary, Encoding::Text, true);
  RC_ASSERT(read_all(t2) == rs);
}

std::vector<Record> sample() {
  std::vector<Record> rs;
  for (int i = 0; i < 200; ++i) {
    Record r;
    r.tag = Tag::Step;
    r.nums = {uint64_t(i), uint64_t(i) * 1000003, 7};
    r.names = {"trans"};
    rs.push_back(r);
  }
  return rs;
}

// Every prefix of a valid file reads as a prefix of its records or fails with a
// FormatError; it never crashes and never yields a record that was not there.
TEST(CertHostile, TruncationAtEveryOffset) {
  for (auto [enc, zstd] : {std::pair{Encoding::Text, false}, {Encoding::Binary, false}, {Encoding::Binary, true}}) {
    std::string path = tmp("full");
    auto rs = sample();
    write_all(path, rs, enc, zstd);
    std::string data = slurp(path);
    for (size_t n = 0; n < data.size(); ++n) {
      std::vector<Record> got;
      try {
        auto in = open_records(string_source(data.substr(0, n)));
        Record r;
        while (in->next(r)) got.push_back(r);
      } catch (const FormatError&) {
        continue;
      }
      ASSERT_LE(got.size(), rs.size());
      // A text record cut inside its last number reads as a shorter number: the checker
      // then sees a missing end record or a wrong id, never a verified proof. All earlier
      // records must be intact.
      for (size_t i = 0; i + 1 < got.size(); ++i) ASSERT_EQ(got[i], rs[i]) << "offset " << n;
    }
  }
}

TEST(CertHostile, CorruptZstdFrames) {
  std::string path = tmp("z");
  write_all(path, sample(), Encoding::Binary, true);
  std::string data = slurp(path);
  int errors = 0;
  for (size_t i = 4; i < data.size(); ++i) {
    std::string d = data;
    d[i] ^= 0x5a;
    try {
      read_bytes(d);
    } catch (const FormatError& e) {
      ++errors;
      EXPECT_NE(std::string(e.what()).find("byte"), std::string::npos);
    }
  }
  EXPECT_GT(errors, 0);
}

TEST(CertHostile, DecompressionBombHitsLineLimit) {
  // 80 MiB of one line compresses to a few kB; the reader must stop at its 64 MiB line
  // limit instead of growing without bound.
  std::string path = tmp("bomb.zst");
  {
    Sink s(path, true, 1);
    std::string chunk(1 << 20, 'a');
    s.write("tyvar 1 ");
    for (int i = 0; i < 80; ++i) s.write(chunk);
    s.close();
  }
  EXPECT_LT(slurp(path).size(), 100000u);
  EXPECT_THROW(read_all(path), FormatError);
}

TEST(CertHostile, BinaryVarintOverflow) {
  std::string path = tmp("varint");
  spit(path, std::string("HCB1") + char(Tag::End) + std::string(10, '\xff') + '\x01');
  try {
    read_all(path);
    FAIL();
  } catch (const FormatError& e) {
    EXPECT_EQ(e.offset, 5u);
  }
  spit(path, std::string("HCB1") + char(Tag::End) + "\xff\xff\xff\xff\xff\xff\xff\xff\x7f");  // 2^63 - 1
  EXPECT_THROW(read_all(path), FormatError);
  spit(path, std::string("HCB1") + char(99));
  EXPECT_THROW(read_all(path), FormatError);
  spit(path, std::string("HCB1") + char(Tag::Fact) + '\x01' + "\x05" + "ab");  // name cut short
  EXPECT_THROW(read_all(path), FormatError);
}

TEST(CertHostile, TextErrorsNameLineAndByte) {
  struct Bad {
    std::string text;
    uint64_t line, offset;
  };
  for (const Bad& b : std::vector<Bad>{
           {"hcert 1\nend 99999999999999999999\n", 2, 12},
           {"hcert 1\nend 4611686018427387904\n", 2, 12},  // 2^62
           {"hcert 1\nfact 1 \xff\xfe\n", 2, 15},          // bytes >= 0x80 outside quotes
           {"hcert 1\nnosuch 1\n", 2, 8},
           {"hcert 1\nend\n", 2, 11},
           {"hcert 1\nend 1 2\n", 2, 14},
           {"hcert 1\nfact 1 |open\n", 2, 15},
           {"hcert 1\nend -1\n", 2, 12},
           {"hcert 1\nend +1\n", 2, 12},
       }) {
    std::string path = tmp("text");
    spit(path, b.text);
    try {
      read_all(path);
      ADD_FAILURE() << "accepted: " << b.text;
    } catch (const FormatError& e) {
      EXPECT_EQ(e.line, b.line) << b.text << " -> " << e.what();
      EXPECT_EQ(e.offset, b.offset) << b.text << " -> " << e.what();
    }
  }
}

TEST(CertText, QuotedNamesWithHighBytesAndEscapes) {
  std::string path = tmp("names");
  spit(path, "fact 1 |a\\|b\\\\c \xff|\n# comment\n\n  fact 2 plain\n");
  auto rs = read_all(path);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].names[0], "a|b\\c \xff");
  EXPECT_EQ(rs[0].line, 1u);
  EXPECT_EQ(rs[1].names[0], "plain");
  EXPECT_EQ(rs[1].line, 4u);
}

// The text reader refills the caller's record field by field (its lists keep their
// capacity): a short record after a long one must carry nothing over from it — a stale
// number or name would be another record than the one written.
TEST(CertText, ReusedRecordCarriesNothingOver) {
  auto in = open_records(string_source("step 7 spec 1 2 3 4 5\ntyop 2 bool\nend 9\n"));
  Record r;
  ASSERT_TRUE(in->next(r));
  EXPECT_EQ(r.nums, (std::vector<uint64_t>{7, 1, 2, 3, 4, 5}));
  ASSERT_TRUE(in->next(r));
  EXPECT_EQ(r.tag, Tag::TyOp);
  EXPECT_EQ(r.nums, (std::vector<uint64_t>{2}));
  EXPECT_EQ(r.names, (std::vector<std::string>{"bool"}));
  EXPECT_EQ(r.line, 2u);
  ASSERT_TRUE(in->next(r));
  EXPECT_EQ(r.nums, (std::vector<uint64_t>{9}));
  EXPECT_TRUE(r.names.empty());
  EXPECT_FALSE(in->next(r));
}

}  // namespace
