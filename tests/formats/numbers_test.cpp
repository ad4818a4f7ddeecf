// Every reader bounds its numbers before arithmetic (issue 18): a number above a reader's
// bound is refused with an error naming its place, never wrapped into a smaller one.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "formats/cert_io.hpp"
#include "trusted/decimal.hpp"
#include "trusted/dimacs.hpp"
#include "formats/drat.hpp"
#include "formats/line_cursor.hpp"
#include "formats/lrat.hpp"
#include "tests/support.hpp"

using namespace hcert;

namespace {

// The error a reader throws on `read`, or "" when it reads everything.
template <class F>
std::string error_of(F read) {
  try {
    read();
  } catch (const cert::FormatError& e) {
    return e.what();
  }
  return "";
}

std::vector<LratStep> lrat(const std::string& text, int binary = 0) {
  LratReader in(string_source(text), binary);
  std::vector<LratStep> out;
  for (LratStep s; in.next(s);) out.push_back(s);
  return out;
}

std::vector<DratStep> drat(const std::string& text, int binary = 0) {
  DratReader in(string_source(text), binary);
  std::vector<DratStep> out;
  for (DratStep s; in.next(s);) out.push_back(s);
  return out;
}

std::vector<cert::Record> records(const std::string& bytes) {
  auto in = cert::open_records(string_source(bytes));
  std::vector<cert::Record> out;
  for (cert::Record r; in->next(r);) out.push_back(r);
  return out;
}

}  // namespace

// The helper against 128-bit arithmetic: it appends exactly when the result fits.
RC_GTEST_PROP(Decimal, AppendDigitNeverWraps, ()) {
  uint64_t v = *rc::gen::arbitrary<uint64_t>();
  uint64_t max = *rc::gen::oneOf(rc::gen::just<uint64_t>(UINT64_MAX), rc::gen::just<uint64_t>((uint64_t(1) << 62) - 1),
                                 rc::gen::inRange<uint64_t>(9, UINT64_MAX));
  char c = static_cast<char>('0' + *rc::gen::inRange(0, 10));
  unsigned __int128 want = static_cast<unsigned __int128>(v) * 10 + static_cast<unsigned>(c - '0');
  uint64_t got = v;
  bool ok = append_digit(got, c, max);
  RC_ASSERT(ok == (want <= max));
  RC_ASSERT(got == (ok ? static_cast<uint64_t>(want) : v));
}

// The defect of issue 18: 18446744073709551659 is 2^64 + 43 and was read as the hint 43.
TEST(ReaderNumbers, LratTextHintAbove2To64IsRefused) {
  std::string e = error_of([] { lrat("5 1 0 18446744073709551659 0\n"); });
  EXPECT_NE(e.find("line 1 (byte 6)"), std::string::npos) << e;
  EXPECT_NE(e.find("too large"), std::string::npos) << e;
}

// 2^62 - 1 is the largest id LRAT ids may have; 2^62, 2^63 + 1 and 2^64 + 1 are refused.
TEST(ReaderNumbers, LratTextBoundIsExact) {
  auto s = lrat("4611686018427387903 1 0 4611686018427387903 0\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].id, 4611686018427387903u);
  EXPECT_EQ(s[0].hints, std::vector<int64_t>{4611686018427387903});
  for (const char* big : {"4611686018427387904", "9223372036854775809", "18446744073709551617", "99999999999999999999999"}) {
    EXPECT_NE(error_of([&] { lrat(std::string("5 ") + big + " 0 1 0\n"); }), "") << big << " as a literal";
    EXPECT_NE(error_of([&] { lrat(std::string("5 d ") + big + " 0\n"); }), "") << big << " in a deletion";
    EXPECT_NE(error_of([&] { lrat(std::string(big) + " 1 0 1 0\n"); }), "") << big << " as a clause id";
  }
}

// LineCursor::number sums its first 18 digits unchecked: against 128-bit arithmetic on
// digit strings of 1 to 30 digits (leading zeros, values around 2^62), it returns the value
// exactly when it is at most 2^62 - 1 and refuses every larger one.
RC_GTEST_PROP(ReaderNumbers, LineCursorNumberIsExact, ()) {
  std::string digits = *rc::gen::oneOf(
      rc::gen::container<std::string>(*rc::gen::inRange<size_t>(1, 31), rc::gen::inRange('0', static_cast<char>('9' + 1))),
      rc::gen::map(rc::gen::inRange<uint64_t>((uint64_t(1) << 62) - 1000, (uint64_t(1) << 62) + 1000),
                   [](uint64_t v) { return std::to_string(v); }),
      rc::gen::map(rc::gen::inRange<size_t>(0, 15), [](size_t z) { return std::string(z, '0') + "4611686018427387903"; }));
  bool neg = *rc::gen::arbitrary<bool>();
  std::string line = std::string(neg ? "-" : "") + digits + " 0";
  unsigned __int128 want = 0;
  bool fits = true;
  for (char c : digits) {
    want = want * 10 + static_cast<unsigned>(c - '0');
    if (want > (uint64_t(1) << 62) - 1) fits = false;
  }
  LineCursor cur{line, 1, 0};
  if (fits) {
    int64_t got = cur.number(true);
    RC_ASSERT(got == (neg ? -static_cast<int64_t>(want) : static_cast<int64_t>(want)));
    RC_ASSERT(cur.number(true) == 0);
  } else {
    RC_ASSERT(error_of([&] { cur.number(true); }).find("too large") != std::string::npos);
  }
}

// A binary LRAT varint holding 2^62 (encoded 2^63) or more is refused, not truncated.
TEST(ReaderNumbers, LratBinaryVarintAbove2To62IsRefused) {
  std::string big("a\x0a\x02\x00", 4);  // a 5 1 0 ...: then the hint 2^62 as 2 * 2^62
  big += std::string("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01\x00", 11);
  EXPECT_NE(error_of([&] { lrat(big, 1); }).find("too large"), std::string::npos);
}

// DRAT: variables above 2^31 - 1, however long the digit string, are refused.
TEST(ReaderNumbers, DratTextVariableAboveBoundIsRefused) {
  EXPECT_EQ(drat("2147483647 0\n").at(0).lits, std::vector<int32_t>{2147483647});
  for (const char* big : {"2147483648", "4294967297", "18446744073709551617", "99999999999999999999999"})
    EXPECT_NE(error_of([&] { drat(std::string("1 -") + big + " 0\n"); }).find("line 1 (byte 2)"), std::string::npos) << big;
}

// DIMACS: header counts and variables above 2^31 - 1 are refused, naming the line.
TEST(ReaderNumbers, DimacsNumbersAboveBoundAreRefused) {
  for (const char* big : {"2147483648", "4294967297", "18446744073709551617"}) {
    std::string h = test::temp_file("big_header.cnf", std::string("p cnf ") + big + " 1\n1 0\n");
    EXPECT_NE(error_of([&] { read_dimacs(h); }).find("line 1"), std::string::npos) << big;
    std::string c = test::temp_file("big_count.cnf", std::string("p cnf 1 ") + big + "\n1 0\n");
    EXPECT_NE(error_of([&] { read_dimacs(c); }).find("line 1"), std::string::npos) << big;
    std::string v = test::temp_file("big_var.cnf", std::string("p cnf 1 1\n1 ") + big + " 0\n");
    EXPECT_NE(error_of([&] { read_dimacs(v); }).find("line 2"), std::string::npos) << big;
  }
}

// Certificates, text: numbers above 2^62 - 1 (20 digits or not) are refused.
TEST(ReaderNumbers, CertificateTextNumberAboveBoundIsRefused) {
  EXPECT_EQ(records("hcert 1\n").size(), 1u);
  for (const char* big : {"4611686018427387904", "18446744073709551617", "184467440737095516170"})
    EXPECT_NE(error_of([&] { records(std::string("hcert ") + big + "\n"); }).find("line 1"), std::string::npos) << big;
}

// Certificates, binary: a varint beyond 64 bits is refused, not wrapped.
TEST(ReaderNumbers, CertificateBinaryVarintOverflowIsRefused) {
  std::string hcb = "HCB1";
  hcb += '\x01';  // the header record: one number
  hcb += std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10);  // 2^70 - 1
  EXPECT_NE(error_of([&] { records(hcb); }).find("overflows 64 bits"), std::string::npos);
}
