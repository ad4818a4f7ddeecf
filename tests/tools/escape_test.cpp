// Names from inputs made printable (tools/escape.hpp): control bytes and bytes that are not
// UTF-8 become \xNN; everything else, UTF-8 included, is unchanged.
#include <gtest/gtest.h>

#include "tools/escape.hpp"

namespace hcert::tool {
namespace {

TEST(Printable, PlainTextAndUtf8Unchanged) {
  EXPECT_EQ(printable("rule /\\ and ⊢ x"), "rule /\\ and ⊢ x");
  EXPECT_EQ(printable(""), "");
  EXPECT_EQ(printable("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");  // U+1F600, four bytes
}

// Reject cases: each byte here could change a terminal or break the JSON record.
TEST(Printable, ControlBytesEscaped) {
  EXPECT_EQ(printable("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(printable("a\nb\rc\td"), "a\\x0ab\\x0dc\\x09d");
  EXPECT_EQ(printable("\x7f"), "\\x7f");
  EXPECT_EQ(printable("\xc2\x9b" "31m"), "\\xc2\\x9b31m");  // C1 CSI
}

TEST(Printable, InvalidUtf8Escaped) {
  EXPECT_EQ(printable("\xff"), "\\xff");
  EXPECT_EQ(printable("a\xc3"), "a\\xc3");              // cut sequence
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");        // overlong '/'
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // surrogate
  EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
}

}  // namespace
}  // namespace hcert::tool
