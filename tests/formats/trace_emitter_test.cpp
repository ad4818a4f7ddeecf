// The trace emitter (formats/trace/hcert_trace.hpp and its C API): the exact bytes of each
// record kind in text and binary form, and the calls it refuses (nothing written, 0 back).
#include <gtest/gtest.h>

#include <string>

#include "formats/trace/hcert_trace.hpp"
// The C API's implementation is not part of libhcert (solvers compile it themselves).
#include "formats/trace/hcert_trace.cpp"

namespace {

using hcert_trace::Coef;
using hcert_trace::Format;
using hcert_trace::Hint;
using hcert_trace::Writer;

size_t to_string_sink(void* ctx, const void* data, size_t n) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), n);
  return n;
}

// One trace with every record kind, written through the C++ API.
std::string sample(Format f) {
  std::string out;
  {
    Writer w(&to_string_sink, &out, f);
    EXPECT_EQ(w.atom("(<= (- x y) 3)"), 1u);
    EXPECT_EQ(w.atom("(<= (- y x) (- 4))"), 2u);
    EXPECT_EQ(w.define("(and @1 @2)"), 3u);
    int l1[] = {1}, l2[] = {2}, lt[] = {-1, -2};
    EXPECT_EQ(w.input_of(0, l1, 1), 1u);
    EXPECT_EQ(w.input_of(1, l2, 1), 2u);
    Coef c[] = {{1, 1}, {3, 2}};
    EXPECT_EQ(w.lemma_of(lt, 2, Hint::Farkas, c, 2), 3u);
    EXPECT_EQ(w.lemma_of(lt, 2, Hint::NegCycle), 4u);
    uint64_t gone[] = {4};
    w.remove(gone, 1);
    uint64_t h[] = {1, 2, 3};
    EXPECT_EQ(w.conflict(h, 3), 5u);
    EXPECT_TRUE(w.ok());
  }
  return out;
}

TEST(TraceEmitter, TextRecords) {
  EXPECT_EQ(sample(Format::Text),
            "hcert-trace 1\n"
            "a 1 (<= (- x y) 3)\n"
            "a 2 (<= (- y x) (- 4))\n"
            "d 3 (and @1 @2)\n"
            "i 1 0 1 0\n"
            "i 2 1 2 0\n"
            "t 3 -1 -2 0 la 1 3/2\n"
            "t 4 -1 -2 0 dl\n"
            "x 4 0\n"
            "c 5 0 1 2 3 0\n");
}

TEST(TraceEmitter, BinaryRecords) {
  std::string b = sample(Format::Binary);
  std::string expect("\x89HCT\x01", 5);
  expect += std::string("a\x01\x0e(<= (- x y) 3)", 17);
  expect += std::string("a\x02\x12(<= (- y x) (- 4))", 21);
  expect += std::string("d\x03\x0b(and @1 @2)", 14);
  expect += std::string("i\x01\x00\x02\x00", 5);       // literal 1 as 2
  expect += std::string("i\x02\x01\x04\x00", 5);       // literal 2 as 4
  expect += std::string("t\x03\x03\x05\x00\x01\x02\x01" "1\x03" "3/2", 13);  // -1 as 3, -2 as 5; kind 1, 2 coefficients
  expect += std::string("t\x04\x03\x05\x00\x02\x00", 7);
  expect += std::string("x\x04\x00", 3);
  expect += std::string("c\x05\x00\x01\x02\x03\x00", 7);
  EXPECT_EQ(b, expect);
}

TEST(TraceEmitter, LargeNumbersAndTextCoefficients) {
  std::string out;
  {
    Writer w(&to_string_sink, &out, Format::Binary);
    for (int i = 0; i < 200; i++) w.atom("p");
    int64_t l[] = {-200};
    w.lemma(l, 1, Hint::Farkas, "123456789012345678901234567890/7");
    EXPECT_TRUE(w.ok());
  }
  // 200 as the literal 401 = 0x191: LEB128 0x91 0x03.
  EXPECT_NE(out.find(std::string("t\x01\x91\x03\x00\x01\x01\x20", 8)), std::string::npos);
}

// Each refused call: the writer reports it, returns 0 and writes nothing more.
TEST(TraceEmitter, RefusedCalls) {
  struct Case {
    const char* why;
    uint64_t (*call)(Writer&);
  };
  const Case cases[] = {
      // A literal naming no declared atom could not be read back to a term.
      {"undeclared atom", [](Writer& w) { int64_t l[] = {5}; return w.input(0, l, 1); }},
      // 0 ends a literal list; as a literal it would cut the clause.
      {"literal 0", [](Writer& w) { int64_t l[] = {0}; return w.derived(l, 1); }},
      // A hint must name an earlier clause.
      {"future hint", [](Writer& w) { uint64_t h[] = {9}; return w.conflict(h, 1); }},
      // Text records end at the line's end.
      {"line break", [](Writer& w) { return w.atom("(and p\nq)"); }},
      {"empty term", [](Writer& w) { return w.define(""); }},
      {"denominator 0", [](Writer& w) { int64_t l[] = {1}; Coef c[] = {{1, 0}}; return w.lemma(l, 1, Hint::Farkas, c, 1); }},
      {"unknown kind", [](Writer& w) { int64_t l[] = {1}; return w.lemma(l, 1, static_cast<Hint>(77)); }},
      {"coefficient text", [](Writer& w) { int64_t l[] = {1}; return w.lemma(l, 1, Hint::Farkas, "1.5"); }},
  };
  for (const auto& c : cases) {
    std::string out;
    Writer w(&to_string_sink, &out, Format::Text);
    ASSERT_EQ(w.atom("p"), 1u);
    EXPECT_EQ(c.call(w), 0u) << c.why;
    EXPECT_FALSE(w.ok()) << c.why;
    EXPECT_EQ(w.atom("q"), 0u) << c.why;  // sticky
    w.flush();
    EXPECT_EQ(out, "hcert-trace 1\na 1 p\n") << c.why;
  }
}

// The C API writes what the C++ class writes, and close reports a refused call.
TEST(TraceEmitter, CApi) {
  std::string path = testing::TempDir() + "/emitter_c.trace";
  hcert_trace_t* t = hcert_trace_open(path.c_str(), 0);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(hcert_trace_atom(t, "(<= (- x y) 3)"), 1u);
  EXPECT_EQ(hcert_trace_atom(t, "(<= (- y x) (- 4))"), 2u);
  EXPECT_EQ(hcert_trace_define(t, "(and @1 @2)"), 3u);
  int64_t l1[] = {1}, l2[] = {2}, lt[] = {-1, -2};
  EXPECT_EQ(hcert_trace_input(t, 0, l1, 1), 1u);
  EXPECT_EQ(hcert_trace_input(t, 1, l2, 1), 2u);
  int64_t num[] = {1, 3};
  uint64_t den[] = {1, 2};
  EXPECT_EQ(hcert_trace_lemma(t, lt, 2, HCERT_HINT_FARKAS, num, den, 2), 3u);
  EXPECT_EQ(hcert_trace_lemma(t, lt, 2, HCERT_HINT_NEG_CYCLE, nullptr, nullptr, 0), 4u);
  uint64_t gone[] = {4}, h[] = {1, 2, 3};
  hcert_trace_delete(t, gone, 1);
  EXPECT_EQ(hcert_trace_conflict(t, h, 3), 5u);
  EXPECT_STREQ(hcert_trace_error(t), "");
  EXPECT_EQ(hcert_trace_close(t), 0);
  FILE* f = std::fopen(path.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  std::string got;
  char buf[512];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) got.append(buf, n);
  std::fclose(f);
  EXPECT_EQ(got, sample(Format::Text));

  hcert_trace_t* bad = hcert_trace_open(path.c_str(), 1);
  int64_t l0[] = {3};
  EXPECT_EQ(hcert_trace_input(bad, 0, l0, 1), 0u);  // no atom 3: refused
  EXPECT_EQ(hcert_trace_close(bad), -1);
  EXPECT_EQ(hcert_trace_open("/nonexistent-dir/x", 0), nullptr);
}

}  // namespace
