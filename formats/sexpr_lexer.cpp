#include "formats/sexpr_lexer.hpp"

#include <array>
#include <cstring>

#include "trusted/deadline.hpp"

namespace hcert::sexpr {

using cert::FormatError;

namespace {

// Why a table of byte classes: the lexer's inner loops run over every byte of files of
// hundreds of megabytes, and one load per byte tells what the byte may start, continue or
// end. The classes are SMT-LIB 2.6's (§3.1): blanks, the two parentheses, comments, the two
// quotes, the characters of simple symbols (with ':' for keywords and '#' for #x/#b
// literals), and the rest, which only quoted symbols, strings and comments may hold.
enum Class : uint8_t {
  Blank,    // space, tab, carriage return
  Newline,  // '\n'
  OpenPar,  // (
  ClosePar, // )
  Semi,     // ; a comment to the end of the line
  Bar,      // | a quoted symbol
  Quote,    // " a string literal
  Bare,     // a character of a simple symbol, a keyword, a numeral or a #x/#b literal
  Printable,  // printable ASCII no simple symbol holds: ' , ` [ ] { } backslash
  High,     // 0x80-0xFF: quoted symbols, strings and comments only, when allowed
  Control,  // NUL and the other control bytes, DEL: nowhere
};

constexpr std::array<Class, 256> make_classes() {
  std::array<Class, 256> c{};
  for (int b = 0; b < 256; ++b) c[b] = b >= 0x80 ? High : (b < 0x20 || b == 0x7f) ? Control : Printable;
  for (int b = 'a'; b <= 'z'; ++b) c[b] = Bare;
  for (int b = 'A'; b <= 'Z'; ++b) c[b] = Bare;
  for (int b = '0'; b <= '9'; ++b) c[b] = Bare;
  for (char b : std::string_view("~!@$%^&*_-+=<>.?/:#")) c[static_cast<unsigned char>(b)] = Bare;
  c[' '] = c['\t'] = c['\r'] = Blank;
  c['\n'] = Newline;
  c['('] = OpenPar;
  c[')'] = ClosePar;
  c[';'] = Semi;
  c['|'] = Bar;
  c['"'] = Quote;
  return c;
}
constexpr std::array<Class, 256> kClass = make_classes();

Class class_of(char c) { return kClass[static_cast<unsigned char>(c)]; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool hex_digit(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool all_of(const std::string& s, size_t from, size_t to, bool (*ok)(char)) {
  if (from >= to) return false;
  for (size_t i = from; i < to; ++i)
    if (!ok(s[i])) return false;
  return true;
}

// A byte in an error message: 'x' when printable ASCII, else its value.
std::string show(char c) {
  unsigned char b = static_cast<unsigned char>(c);
  if (b >= 0x20 && b < 0x7f) return std::string("'") + c + "'";
  const char* hex = "0123456789ABCDEF";
  return std::string("byte 0x") + hex[b >> 4] + hex[b & 15];
}

}  // namespace

Lexer::Lexer(std::unique_ptr<Source> src, std::string input, Limits lim)
    : src_(std::move(src)), input_(std::move(input)), lim_(lim), buf_(1 << 16, '\0') {}

void Lexer::fail(uint32_t line, uint64_t offset, const std::string& why) const { throw FormatError(line, offset, why); }

bool Lexer::fill() {
  if (pos_ < end_) return true;
  poll_deadline();  // --time-limit inside a single token or a comment of gigabytes
  base_ += end_;
  pos_ = 0;
  end_ = src_->read(buf_.data(), buf_.size());
  return end_ > 0;
}

Token& Lexer::next() {
  if (lookahead_.empty()) {
    scan(current_);
  } else {
    current_ = std::move(lookahead_.back());
    lookahead_.pop_back();
  }
  return current_;
}

const Token& Lexer::peek() {
  if (lookahead_.empty()) {
    lookahead_.emplace_back();
    scan(lookahead_.back());
  }
  return lookahead_.back();
}

void Lexer::unread(Token t) { lookahead_.push_back(std::move(t)); }

Token& Lexer::take() {
  Token& t = next();
  if (t.kind == Token::End) fail(t.line, t.offset, "unexpected end of " + input_);
  return t;
}

void Lexer::expect(Token::Kind parenthesis) {
  const Token& t = take();
  if (t.kind != parenthesis)
    fail(t.line, t.offset, std::string("expected '") + (parenthesis == Token::Open ? '(' : ')') + "', found '" + describe(t) + "'");
}

bool Lexer::at_end() {
  if (!lookahead_.empty()) return lookahead_.back().kind == Token::End;
  skip_blanks_and_comments();
  return !fill();
}

void Lexer::skip_blanks_and_comments() {
  while (fill()) {
    char c = buf_[pos_];
    switch (class_of(c)) {
      case Newline:
        ++line_;
        [[fallthrough]];
      case Blank:
        ++pos_;
        continue;
      case Semi:
        // A comment runs to the end of its line; what it holds obeys the rule of quotes.
        for (++pos_; fill(); ++pos_) {
          char d = buf_[pos_];
          if (d == '\n') break;
          Class k = class_of(d);
          if (k == Control || (k == High && !lim_.non_ascii_in_quotes))
            fail(line_, offset(), show(d) + " is not allowed in a comment");
        }
        continue;
      default:
        return;
    }
  }
}

void Lexer::scan(Token& t) {
  skip_blanks_and_comments();
  t.text.clear();
  t.offset = offset();
  t.line = line_;
  if (!fill()) {
    t.kind = Token::End;
    t.end = t.offset;
    return;
  }
  char c = buf_[pos_];
  switch (class_of(c)) {
    case OpenPar:
      ++pos_;
      t.kind = Token::Open;
      t.end = offset();
      if (++depth_ > static_cast<int64_t>(lim_.max_depth))
        fail(t.line, t.offset, "more than " + std::to_string(lim_.max_depth) + " parentheses open at once");
      return;
    case ClosePar:
      ++pos_;
      t.kind = Token::Close;
      t.end = offset();
      --depth_;
      return;
    case Bar:
      scan_quoted(t, '|');
      break;
    case Quote:
      scan_quoted(t, '"');
      break;
    case Bare:
      scan_bare(t);
      break;
    case Printable:
      fail(t.line, t.offset, show(c) + " cannot start a token (only quoted symbols, strings and comments may hold it)");
    default:  // High, Control
      fail(t.line, t.offset, show(c) + " is not allowed outside quoted symbols, strings and comments");
  }
  t.end = offset();
  // An atom ends at a blank, a parenthesis, a comment or the end: `|a|b` or `a"b"` is no
  // pair of tokens a solver prints.
  if (!fill()) return;
  char d = buf_[pos_];
  switch (class_of(d)) {
    case Blank: case Newline: case OpenPar: case ClosePar: case Semi:
      return;
    case Bar: case Quote: case Bare:
      fail(line_, offset(), "expected a blank or a parenthesis after a token, found " + show(d));
    case Printable:
      fail(line_, offset(), show(d) + " is not allowed in a symbol (only quoted symbols, strings and comments may hold it)");
    default:  // High, Control
      fail(line_, offset(), show(d) + " is not allowed outside quoted symbols, strings and comments");
  }
}

// A run of simple-symbol bytes, copied a chunk's span at a time, then classified.
void Lexer::scan_bare(Token& t) {
  while (fill()) {
    size_t from = pos_;
    while (pos_ < end_ && class_of(buf_[pos_]) == Bare) ++pos_;
    t.text.append(buf_, from, pos_ - from);
    if (t.text.size() > lim_.max_token) fail(t.line, t.offset, "symbol too long (more than " + std::to_string(lim_.max_token) + " bytes)");
    if (pos_ < end_) break;
  }
  const std::string& s = t.text;
  if (digit(s[0])) {
    size_t dot = s.find('.');
    bool numeral = all_of(s, 0, s.size(), digit);
    if (numeral || (dot != std::string::npos && all_of(s, 0, dot, digit) && all_of(s, dot + 1, s.size(), digit))) {
      t.kind = numeral ? Token::Numeral : Token::Decimal;
      if (s.size() - !numeral > lim_.max_number_digits)
        fail(t.line, t.offset, "number of more than " + std::to_string(lim_.max_number_digits) + " digits");
      return;
    }
    t.kind = Token::Symbol;  // as Z3 prints a rational coefficient, 1/2
  } else if (s[0] == ':') {
    if (s.size() == 1) fail(t.line, t.offset, "a keyword without its name (':' alone)");
    t.kind = Token::Keyword;
  } else if (s[0] == '#') {
    if (s.size() > 2 && s[1] == 'x' && all_of(s, 2, s.size(), hex_digit)) t.kind = Token::Hex;
    else if (s.size() > 2 && s[1] == 'b' && all_of(s, 2, s.size(), [](char c) { return c == '0' || c == '1'; })) t.kind = Token::Binary;
    else fail(t.line, t.offset, "expected a #x or #b literal, found '" + s.substr(0, 80) + "'");
  } else {
    t.kind = Token::Symbol;
  }
}

// A |quoted symbol| (no '\' inside, SMT-LIB 2.6) or a "string" ("" for one quote); both
// may span lines and hold blanks.
void Lexer::scan_quoted(Token& t, char close) {
  const bool string = close == '"';
  t.kind = string ? Token::String : Token::Quoted;
  const char* what = string ? "string" : "symbol";
  ++pos_;
  for (;;) {
    if (!fill()) fail(t.line, t.offset, string ? "unterminated string" : "unterminated quoted symbol");
    size_t from = pos_;
    char c = 0;
    // The plain bytes of the chunk at once; stop at the closing quote, a newline (counted)
    // or a byte to judge.
    for (; pos_ < end_; ++pos_) {
      c = buf_[pos_];
      if (c == close || c == '\n' || (c == '\\' && !string)) break;
      Class k = class_of(c);
      if (k == Control || (k == High && !lim_.non_ascii_in_quotes)) break;
    }
    t.text.append(buf_, from, pos_ - from);
    if (t.text.size() > lim_.max_token) fail(t.line, t.offset, std::string(what) + " too long (more than " + std::to_string(lim_.max_token) + " bytes)");
    if (pos_ == end_) continue;
    if (c == close) {
      ++pos_;
      if (string && fill() && buf_[pos_] == '"') {  // "" is one quote inside the string
        t.text += '"';
        ++pos_;
        continue;
      }
      return;
    }
    if (c == '\n') {
      ++line_;
      t.text += c;
      ++pos_;
      continue;
    }
    if (c == '\\') fail(line_, offset(), "'\\' is not allowed in a quoted symbol");
    fail(line_, offset(), show(c) + " is not allowed in a " + (string ? "string" : "quoted symbol"));
  }
}

std::string describe(const Token& t) {
  switch (t.kind) {
    case Token::End: return "the end of the input";
    case Token::Open: return "(";
    case Token::Close: return ")";
    case Token::Quoted: return "|" + t.text.substr(0, 80) + "|";
    case Token::String: return "\"" + t.text.substr(0, 80) + "\"";
    default: return t.text.substr(0, 80);
  }
}

}  // namespace hcert::sexpr
