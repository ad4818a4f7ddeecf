// The trace reader (formats/trace_reader.hpp): every record kind in text and binary (the
// binary bytes written by the emitter, formats/trace/hcert_trace.hpp), content sniffing,
// and each malformed input refused with its place and reason.
#include <gtest/gtest.h>

#include <string>

#include "formats/sniff.hpp"
#include "formats/trace/hcert_trace.hpp"
#include "formats/trace_reader.hpp"
#include "trusted/source.hpp"

using namespace hcert;

namespace {

std::vector<TraceStep> read_all(const std::string& bytes) {
  TraceReader in(string_source(bytes));
  std::vector<TraceStep> out;
  TraceStep s;
  while (in.next(s)) out.push_back(s);
  return out;
}

// The message of the FormatError reading `bytes` throws ("" when none).
std::string error_of(const std::string& bytes) {
  try {
    read_all(bytes);
  } catch (const cert::FormatError& e) {
    return e.what();
  }
  return "";
}

const char* kText =
    "hcert-trace 1\n"
    "; a comment\n"
    "a 1 (<= (- x y) 3)\n"
    "\n"
    "d 2 (and @1 p)\n"
    "i 1 0 1 0\n"
    "t 2 -1 -2 0 la 1 3/2\n"
    "t 3 -1 0 dl\n"
    "t 4 1 2 0 cut 1 -2 7/3\n"
    "c 5 2 0 1 2 0\n"
    "x 3 4 0\n"
    "c 6 0 0\n";

TEST(TraceReader, TextRecords) {
  auto v = read_all(kText);
  ASSERT_EQ(v.size(), 9u);
  EXPECT_EQ(v[0].kind, TraceStep::Atom);
  EXPECT_EQ(v[0].term, "(<= (- x y) 3)");
  EXPECT_EQ(v[0].line, 3u);
  EXPECT_EQ(v[1].kind, TraceStep::Define);
  EXPECT_EQ(v[1].id, 2u);
  EXPECT_EQ(v[2].kind, TraceStep::Input);
  EXPECT_EQ(v[2].assertion, 0u);
  EXPECT_EQ(v[2].lits, (std::vector<int64_t>{1}));
  EXPECT_EQ(v[3].kind, TraceStep::Lemma);
  EXPECT_EQ(v[3].hint, TraceStep::Farkas);
  EXPECT_EQ(v[3].coefs, (std::vector<std::string>{"1", "3/2"}));
  EXPECT_EQ(v[4].hint, TraceStep::NegCycle);
  EXPECT_EQ(v[5].hint, TraceStep::Cut);
  EXPECT_EQ(v[5].coefs.size(), 3u);
  EXPECT_EQ(v[6].kind, TraceStep::Derived);
  EXPECT_EQ(v[6].ids, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(v[7].kind, TraceStep::Delete);
  EXPECT_EQ(v[7].ids, (std::vector<uint64_t>{3, 4}));
  EXPECT_TRUE(v[8].lits.empty());
  EXPECT_TRUE(v[8].ids.empty());  // no hints: hcert searches
}

size_t to_string_sink(void* ctx, const void* data, size_t n) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), n);
  return n;
}

// The same trace through the emitter, in both forms, reads back the same.
TEST(TraceReader, EmitterOutputReadsBack) {
  for (auto f : {hcert_trace::Format::Text, hcert_trace::Format::Binary}) {
    std::string bytes;
    {
      hcert_trace::Writer w(&to_string_sink, &bytes, f);
      w.atom("(<= (- x y) 3)");
      w.define("(and @1 p)");
      int64_t one[] = {1}, two[] = {-1, -2};
      w.input(0, one, 1);
      hcert_trace::Coef c[] = {{1, 1}, {3, 2}};
      w.lemma(two, 2, hcert_trace::Hint::Farkas, c, 2);
      w.lemma(two, 2, hcert_trace::Hint::Equality);
      uint64_t h[] = {1, 2};
      w.derived(one, 1, h, 2);
      uint64_t gone[] = {3};
      w.remove(gone, 1);
      w.conflict();
    }
    TraceReader in(string_source(bytes));
    EXPECT_EQ(in.binary(), f == hcert_trace::Format::Binary);
    auto v = read_all(bytes);
    ASSERT_EQ(v.size(), 8u);
    EXPECT_EQ(v[1].term, "(and @1 p)");
    EXPECT_EQ(v[3].coefs, (std::vector<std::string>{"1", "3/2"}));
    EXPECT_EQ(v[4].hint, TraceStep::Equality);
    EXPECT_EQ(v[5].ids, (std::vector<uint64_t>{1, 2}));
    EXPECT_EQ(v[6].ids, (std::vector<uint64_t>{3}));
    EXPECT_EQ(v[7].kind, TraceStep::Derived);
    EXPECT_TRUE(v[7].lits.empty());
    if (f == hcert_trace::Format::Binary) {
      EXPECT_EQ(v[2].offset, 5u + 17u + 13u);  // after the magic, the atom, the definition
    }
  }
}

TEST(TraceReader, SniffedByContent) {
  EXPECT_EQ(sniff_proof("hcert-trace 1\na 1 p\n").kind, "trace");
  EXPECT_EQ(sniff_proof(std::string("\x89HCT\x01", 5)).kind, "trace");
  EXPECT_EQ(sniff_proof("hcert 1\n").kind, "cert");  // a certificate stays one
}

// Each malformed input, the reason the reader gives, and why it must be refused.
TEST(TraceReader, MalformedRefusedWithPlace) {
  struct Case {
    std::string bytes, reason;
  };
  const std::string h = "hcert-trace 1\n";
  const Case cases[] = {
      // Without the header nothing says the bytes are a trace (nor which version).
      {"a 1 p\n", "line 1 (byte 0): not a trace"},
      {"hcert-trace 2\n", "not a trace"},
      // A binary magic with another version byte.
      {std::string("\x89HCT\x02", 5), "not a binary trace"},
      // Unknown records cannot be given a meaning.
      {h + "q 1 p\n", "line 2 (byte 14): unknown record 'q'"},
      // Ids must increase: a reused id would make hints ambiguous.
      {h + "a 1 p\na 1 q\n", "line 3 (byte 20): term id 1 not above the previous one"},
      {h + "a 1 p\ni 2 0 1 0\ni 2 0 1 0\n", "clause id 2 not above the previous one"},
      {h + "a 0 p\n", "term id 0"},
      // A literal must name an atom declared before it (streaming: no forward references).
      {h + "a 1 p\ni 1 0 2 0\n", "line 3 (byte 20): literal 2 names no atom declared before"},
      // A hint must name an earlier clause.
      {h + "a 1 p\ni 1 0 1 0\nc 2 0 2 0\n", "hint 2 names no clause added before"},
      // Deleting what was never added.
      {h + "x 1 0\n", "deletion of clause 1, never added"},
      // The lists end with 0; without it the record is cut short.
      {h + "a 1 p\ni 1 0 1\n", "missing the final 0"},
      {h + "a 1 p\nc 1 1 0\n", "missing the final 0"},
      // Numbers are bounded before arithmetic (issue 18: a wrapped number became a valid id).
      {h + "a 1 p\ni 1 0 18446744073709551659 0\n", "number too large"},
      {h + "a 1 p\ni 1 0 x 0\n", "expected an integer"},
      {h + "a 1 p\ni 1 0 1 0 7\n", "text after the record's end"},
      {h + "a 1 p\nx -1 0\n", "negative number not allowed here"},
      // A term is required after an atom's id.
      {h + "a 1\n", "missing the term"},
      // Lemma kinds and their coefficients.
      {h + "a 1 p\nt 1 1 0\n", "missing the lemma's kind"},
      {h + "a 1 p\nt 1 1 0 farkas\n", "unknown lemma kind 'farkas'"},
      {h + "a 1 p\nt 1 1 0 la\n", "one coefficient per literal (1), not 0"},
      {h + "a 1 p\nt 1 1 0 dl 1\n", "a 'dl' lemma takes no coefficients"},
      {h + "a 1 p\nt 1 1 0 la 1/0\n", "bad coefficient '1/0'"},
      {h + "a 1 p\nt 1 1 0 la 1.5\n", "bad coefficient '1.5'"},
      {h + "a 1 p\nt 1 1 0 la --1\n", "bad coefficient '--1'"},
      // Binary: truncated records and unknown tags.
      {std::string("\x89HCT\x01" "a\x01\x05(and", 12), "truncated term"},
      {std::string("\x89HCT\x01" "z", 6), "byte 5: unknown record tag byte 122"},
      {std::string("\x89HCT\x01" "a\x01\x01p" "i\x01\x00\x02", 13), "truncated literal"},
      {std::string("\x89HCT\x01" "a\x01\x01p" "t\x01\x02\x00\x09", 14), "unknown lemma kind 9"},
      {std::string("\x89HCT\x01" "a\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 16), "id too large"},
  };
  for (const Case& c : cases) {
    std::string e = error_of(c.bytes);
    EXPECT_NE(e.find(c.reason), std::string::npos) << "input " << c.bytes << "\nerror: " << e;
  }
}

}  // namespace

namespace {
// Coefficients with denominators of several digits (the demo solver's Farkas multipliers
// over the integers, e.g. 161/159) are read; before, a denominator of two or more digits
// starting with a non-zero digit made the reader loop forever (the digit loop's increment
// sat behind a short-circuit ||). Denominators whose digits are all 0 are refused (a
// division by zero), however many digits they have.
TEST(TraceReader, CoefficientsWithLongDenominators) {
  const std::string h = "hcert-trace 1\na 1 p\na 2 q\n";
  auto v = read_all(h + "t 1 -1 2 0 la 161/159 -3/100\n");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[2].coefs, (std::vector<std::string>{"161/159", "-3/100"}));
  EXPECT_NE(error_of(h + "t 1 -1 2 0 la 1 2/000\n").find("bad coefficient '2/000'"), std::string::npos);
  EXPECT_NE(error_of(h + "t 1 -1 2 0 la 1 2/10x\n").find("bad coefficient '2/10x'"), std::string::npos);
}
}  // namespace
