// The s-expression lexer of the Z3 and cvc5 proof readers (formats/sexpr_lexer.hpp):
// every kind of token with its text, byte offset and line; the same tokens whatever the
// chunks the input arrives in; and each malformed or hostile input refused at its place
// with its reason.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "formats/sexpr_lexer.hpp"
#include "trusted/outcome.hpp"

using namespace hcert;
using sexpr::Token;

namespace {

// A source that hands out at most `chunk` bytes a read: tokens, quoted "" pairs and
// comments then cross the lexer's chunk boundaries.
class ChunkedSource : public Source {
 public:
  ChunkedSource(std::string data, size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
  size_t read(char* buf, size_t cap) override {
    size_t n = std::min({cap, chunk_, data_.size() - at_});
    std::copy_n(data_.data() + at_, n, buf);
    at_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t chunk_, at_ = 0;
};

std::vector<Token> lex(const std::string& text, sexpr::Limits lim = {}, size_t chunk = 1 << 20) {
  sexpr::Lexer in(std::make_unique<ChunkedSource>(text, chunk), "the test input", lim);
  std::vector<Token> out;
  while (out.empty() || out.back().kind != Token::End) out.push_back(in.next());
  return out;
}

// The error lexing `text` throws (a test failure when it throws none).
cert::FormatError refusal(const std::string& text, sexpr::Limits lim = {}) {
  try {
    lex(text, lim);
  } catch (const cert::FormatError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << text;
  return cert::FormatError(0, 0, "");
}

TEST(SexprLexer, KindsAndTexts) {
  auto ts = lex("(f |a b| \"x\"\"y\" :args 12 3.50 #x1F #b01 -1/2 1/2 @x3 _let_7 |(| \"\")");
  const std::vector<std::pair<Token::Kind, std::string>> want = {
      {Token::Open, ""},      {Token::Symbol, "f"},      {Token::Quoted, "a b"},  {Token::String, "x\"y"},
      {Token::Keyword, ":args"}, {Token::Numeral, "12"}, {Token::Decimal, "3.50"}, {Token::Hex, "#x1F"},
      {Token::Binary, "#b01"}, {Token::Symbol, "-1/2"},  {Token::Symbol, "1/2"},  {Token::Symbol, "@x3"},
      {Token::Symbol, "_let_7"}, {Token::Quoted, "("},  {Token::String, ""},      {Token::Close, ""},
      {Token::End, ""}};
  ASSERT_EQ(ts.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(ts[i].kind, want[i].first) << i;
    EXPECT_EQ(ts[i].text, want[i].second) << i;
  }
  // A quoted parenthesis is a symbol, never a parenthesis: the describe() of it keeps its bars.
  EXPECT_EQ(sexpr::describe(ts[13]), "|(|");
}

TEST(SexprLexer, OffsetsAndLines) {
  // Comments and blanks are skipped; a newline inside a quoted symbol or a string counts.
  const std::string text = "; a comment ( |\n(a |b\nc| ; more\n  \"s\nt\" :k)\n";
  auto ts = lex(text);
  ASSERT_EQ(ts.size(), 7u);
  EXPECT_EQ(ts[0].kind, Token::Open);
  EXPECT_EQ(ts[0].offset, 16u);
  EXPECT_EQ(ts[0].line, 2u);
  EXPECT_EQ(ts[1].offset, 17u);  // a
  EXPECT_EQ(ts[1].end, 18u);
  EXPECT_EQ(ts[2].offset, 19u);  // |b\nc|
  EXPECT_EQ(ts[2].line, 2u);
  EXPECT_EQ(ts[2].text, "b\nc");
  EXPECT_EQ(ts[3].line, 4u);  // "s\nt"
  EXPECT_EQ(ts[3].offset, text.find('"'));
  EXPECT_EQ(ts[4].line, 5u);  // :k after the string's newline
  EXPECT_EQ(ts[6].kind, Token::End);
  EXPECT_EQ(ts[6].offset, text.size());
  EXPECT_EQ(ts[6].line, 6u);
}

TEST(SexprLexer, PeekUnreadDepthAndEnd) {
  sexpr::Lexer in(string_source("(a (b)) ; done"), "the test input");
  EXPECT_EQ(in.peek().kind, Token::Open);
  EXPECT_EQ(in.depth(), 1);  // peeking reads the token
  Token open = in.next();
  Token a = in.next();
  EXPECT_EQ(in.last_end(), 2u);
  in.unread(a);
  in.unread(open);
  EXPECT_EQ(in.next().kind, Token::Open);  // the last put back comes first
  EXPECT_EQ(in.next().text, "a");
  EXPECT_EQ(in.next().kind, Token::Open);
  EXPECT_EQ(in.depth(), 2);
  EXPECT_FALSE(in.at_end());
  for (int i = 0; i < 3; ++i) in.next();  // b ) )
  EXPECT_EQ(in.depth(), 0);
  EXPECT_TRUE(in.at_end());  // only a comment is left
  EXPECT_EQ(in.next().kind, Token::End);
  EXPECT_EQ(in.next().kind, Token::End);  // and again
}

// What the readers share: a parenthesis that must come, the input that must go on, one
// whole expression into the reader's nodes without recursion.
TEST(SexprLexer, ExpectTakeAndWholeExpressions) {
  sexpr::Lexer in(string_source("(f (g a) b) x)\n("), "the test input");
  std::vector<std::pair<std::string, std::vector<uint32_t>>> nodes;
  auto read = [&] {
    nodes.clear();
    sexpr::read_expression(
        in, [&](Token& t) { nodes.push_back({t.kind == Token::Open ? "(" : t.text, {}}); return uint32_t(nodes.size() - 1); },
        [&](uint32_t list, uint32_t kid) { nodes[list].second.push_back(kid); });
  };
  read();
  ASSERT_EQ(nodes.size(), 6u);  // (f (g a) b): the list, f, (g a), g, a, b
  EXPECT_EQ(nodes[0].second, (std::vector<uint32_t>{1, 2, 5}));
  read();
  EXPECT_EQ(nodes.size(), 1u);  // an atom alone
  // Refused: a ')' that closes nothing is no expression.
  try {
    read();
    ADD_FAILURE() << "read ')' as an expression";
  } catch (const cert::FormatError& e) {
    EXPECT_STREQ(e.what(), "line 1 (byte 13): unexpected ')'");
  }
  // Refused: the input ends inside the expression (a cut file), named by the reader's words.
  try {
    read();
    ADD_FAILURE() << "read a cut expression";
  } catch (const cert::FormatError& e) {
    EXPECT_STREQ(e.what(), "line 2 (byte 16): unexpected end of the test input");
  }
  // Refused: expect() wants its parenthesis, and says what it found.
  sexpr::Lexer other(string_source("(a"), "the test input");
  other.expect(Token::Open);
  try {
    other.expect(Token::Close);
    ADD_FAILURE() << "took 'a' for ')'";
  } catch (const cert::FormatError& e) {
    EXPECT_STREQ(e.what(), "line 1 (byte 1): expected ')', found 'a'");
  }
}

// Non-ASCII bytes inside quotes and comments are SMT-LIB 2.6's; a reader may refuse them.
TEST(SexprLexer, NonAsciiInQuotesAndComments) {
  auto ts = lex("(|caf\xC3\xA9| \"\xE2\x82\xAC\") ; \xC3\xA9t\xC3\xA9\n");
  ASSERT_EQ(ts.size(), 5u);
  EXPECT_EQ(ts[1].text, "caf\xC3\xA9");
  EXPECT_EQ(ts[2].text, "\xE2\x82\xAC");
}

TEST(SexprLexer, NumbersAtTheirLimit) {
  sexpr::Limits lim;
  lim.max_number_digits = 5;
  EXPECT_EQ(lex("12345 1.234", lim)[1].kind, Token::Decimal);  // 5 digits each: accepted
}

TEST(SexprLexer, DeepNestingWithoutRecursion) {
  const size_t n = 1000000;
  sexpr::Lexer in(string_source(std::string(n, '(') + "x" + std::string(n, ')')), "the test input");
  size_t count = 0;
  while (in.next().kind != Token::End) ++count;
  EXPECT_EQ(count, 2 * n + 1);
  EXPECT_EQ(in.depth(), 0);
}

// Each input is refused, with the reason and the place (line, byte) of the token or byte.
TEST(SexprLexer, Refused) {
  sexpr::Limits small;
  small.max_token = 8;
  small.max_number_digits = 4;
  small.max_depth = 100;
  sexpr::Limits ascii;
  ascii.non_ascii_in_quotes = false;
  struct Case {
    std::string text;
    sexpr::Limits lim;
    uint64_t line, offset;
    const char* why;
    const char* because;  // why it must be refused
  };
  const Case cases[] = {
      {"(a |open", {}, 1, 3, "unterminated quoted symbol", "the file ends inside a quoted symbol: truncated"},
      {"(a\n\"open", {}, 2, 3, "unterminated string", "the file ends inside a string: truncated"},
      {"(a \"x\"\"", {}, 1, 3, "unterminated string", "\"\" is a quote inside the string, which then has no end"},
      {"(averyverylongname)", small, 1, 1, "symbol too long",
       "a symbol over the reader's bound: a hostile input would take memory without end"},
      {"(|averyverylongname|)", small, 1, 1, "symbol too long", "the bound holds for quoted symbols too"},
      {"(\"averyverylongstring\")", small, 1, 1, "string too long", "and for strings"},
      {"(+ 123456 1)", small, 1, 3, "number of more than 4 digits",
       "a numeral over the bound: the kernel's arithmetic on it would be a resource bomb"},
      {"(+ 12.345 1)", small, 1, 3, "number of more than 4 digits", "decimals count their digits too"},
      {std::string(101, '(') + ")", small, 1, 100, "more than 100 parentheses open at once",
       "nesting over the reader's bound"},
      {"(caf\xC3\xA9)", {}, 1, 4, "byte 0xC3 is not allowed outside quoted symbols",
       "a simple symbol is ASCII (SMT-LIB 2.6 §3.1); non-ASCII bytes are only quoted"},
      {"(\xC3\xA9)", {}, 1, 1, "byte 0xC3 is not allowed outside quoted symbols", "the same at a token's start"},
      {"(|caf\xC3\xA9|)", ascii, 1, 5, "byte 0xC3 is not allowed in a quoted symbol",
       "a reader that wants ASCII refuses it in quotes too"},
      {"; \xC3\xA9\n()", ascii, 1, 2, "byte 0xC3 is not allowed in a comment", "and in comments"},
      {std::string("(a\0b)", 5), {}, 1, 2, "byte 0x00 is not allowed outside quoted symbols",
       "a NUL is no text: a binary or damaged file"},
      {std::string("(\"a\0b\")", 7), {}, 1, 3, "byte 0x00 is not allowed in a string", "not in a string either"},
      {std::string("(|a\0b|)", 7), {}, 1, 3, "byte 0x00 is not allowed in a quoted symbol", "nor in a quoted symbol"},
      {std::string("; \0\n()", 6), {}, 1, 2, "byte 0x00 is not allowed in a comment", "nor in a comment"},
      {"(|a\\b|)", {}, 1, 3, "'\\' is not allowed in a quoted symbol", "SMT-LIB 2.6 forbids '\\' in quoted symbols"},
      {"(|a|b)", {}, 1, 4, "expected a blank or a parenthesis after a token, found 'b'",
       "two atoms without a blank between them are nothing a solver prints"},
      {"(a\"b\")", {}, 1, 2, "expected a blank or a parenthesis after a token, found '\"'", "likewise"},
      {"(a [b])", {}, 1, 3, "'[' cannot start a token", "'[' is no SMT-LIB token"},
      {"(a' b)", {}, 1, 2, "''' is not allowed in a symbol", "nor part of a simple symbol"},
      {"(#z1)", {}, 1, 1, "expected a #x or #b literal, found '#z1'", "'#' only begins #x and #b literals"},
      {"(#x)", {}, 1, 1, "expected a #x or #b literal", "a literal without digits"},
      {"(#xG)", {}, 1, 1, "expected a #x or #b literal", "G is no hexadecimal digit"},
      {"(#b012)", {}, 1, 1, "expected a #x or #b literal", "2 is no binary digit"},
      {"(: a)", {}, 1, 1, "a keyword without its name", "':' alone is no keyword"},
  };
  for (const Case& c : cases) {
    cert::FormatError e = refusal(c.text, c.lim);
    EXPECT_NE(std::string(e.what()).find(c.why), std::string::npos) << c.because << ": " << e.what();
    EXPECT_EQ(e.line, c.line) << c.because << ": " << e.what();
    EXPECT_EQ(e.offset, c.offset) << c.because << ": " << e.what();
  }
}

// Any text lexes to the same tokens (or the same error) whatever the chunks it arrives
// in: a token, a "" pair or a comment cut by a chunk's end is read whole.
RC_GTEST_PROP(SexprLexer, ChunksDoNotMatter, ()) {
  static const char* pieces[] = {"(", ")", " ", "\n", "abc", "|q r|", "|\n|", "\"s\"\"t\"", "\"\"", ":kw",
                                 "123", "4.5", "#xAF", "#b10", "; c\n", "-1/2", "\xC3", "\t", "|", "\"", "\0"};
  std::string text;
  for (int i = *rc::gen::inRange(0, 40); i > 0; --i) {
    const char* p = pieces[*rc::gen::inRange<size_t>(0, std::size(pieces))];
    text += *p ? std::string(p) : std::string(1, '\0');
  }
  auto run = [&](size_t chunk) {
    std::string out;
    try {
      for (const Token& t : lex(text, {}, chunk))
        out += std::to_string(t.kind) + ":" + t.text + "@" + std::to_string(t.offset) + "-" + std::to_string(t.end) +
               "/" + std::to_string(t.line) + " ";
    } catch (const cert::FormatError& e) {
      out += std::string("error ") + e.what();
    }
    return out;
  };
  const std::string whole = run(1 << 20);
  RC_ASSERT(run(*rc::gen::inRange<size_t>(1, 8)) == whole);
}

}  // namespace
