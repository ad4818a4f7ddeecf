// The tokens of the s-expression text that solvers print their proofs in (Z3's
// `(get-proof)`, cvc5's `--dump-proofs`; formats/z3proof.hpp, formats/cvc5proof.hpp), read
// in a stream: SMT-LIB 2.6's lexical syntax, with each token's byte offset and line for
// error messages. Proof files are hundreds of megabytes and may be compressed, so the
// lexer pulls chunks from a Source (trusted/source.hpp) and never holds more than one
// chunk and the current token; it knows no nesting beyond a count of open parentheses, so
// nothing in it is recursive. Untrusted syntax: the readers give the tokens a meaning.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "trusted/outcome.hpp"
#include "trusted/source.hpp"

namespace hcert::sexpr {

// One token. Atoms are classified as SMT-LIB does, so that a reader need not look at the
// bytes again: a |quoted| symbol is marked as such (`|(|` is a symbol, not a parenthesis;
// `|a b|` one symbol), a string literal is told from a symbol that looks like one.
struct Token {
  enum Kind : uint8_t {
    End,      // no more tokens (offset: the end of the input)
    Open,     // (
    Close,    // )
    Symbol,   // a simple symbol, as written: f, @x301, _let_12, -1/2, th-lemma
    Quoted,   // a |quoted symbol|; text without the bars
    String,   // a "string literal"; text without the quotes, each "" read as one "
    Keyword,  // :args; text as written, with the ':'
    Numeral,  // digits, as written (bounded by Limits::max_number_digits)
    Decimal,  // digits '.' digits, as written (bounded likewise)
    Hex,      // #x followed by hexadecimal digits, as written
    Binary,   // #b followed by binary digits, as written
  };
  Kind kind = End;
  std::string text;     // atoms only (see the kinds); empty for End, Open and Close
  uint64_t offset = 0;  // the byte offset of its first byte in the (decompressed) input
  uint64_t end = 0;     // the byte offset just after its last byte
  uint32_t line = 1;    // the line of its first byte, from 1

  bool atom() const { return kind > Close; }
};

// What a reader tolerates from hostile input; each reader chooses its own. A token, a
// numeral or the nesting beyond these is a cert::FormatError at the token, never memory or
// time without end.
struct Limits {
  size_t max_token = 1u << 20;          // bytes of one atom's text
  size_t max_number_digits = 1u << 16;  // digits of a numeral or decimal
  uint64_t max_depth = 1u << 26;        // parentheses open at once
  // Bytes 0x80-0xFF (UTF-8, Latin-1) inside quoted symbols, strings and comments, as
  // SMT-LIB 2.6 allows; a simple symbol is ASCII whatever this says.
  bool non_ascii_in_quotes = true;
};

class Lexer {
 public:
  // `input` names what is read in the message for a cut input: "unexpected end of INPUT".
  explicit Lexer(std::unique_ptr<Source> src, std::string input, Limits lim = {});

  // The next token (End, again and again, once the input is over); valid until the next
  // call, and the reader may move its text away. Throws cert::FormatError(line, byte, why)
  // for a byte no token may hold, an unterminated quoted symbol or string, a token or
  // numeral beyond the limits, nesting deeper than max_depth.
  Token& next();
  // The token next() will return, without consuming it.
  const Token& peek();
  // Puts a token back: next() returns the tokens put back first, the last put back first.
  void unread(Token t);
  // The next token where the input must go on: End is "unexpected end of INPUT".
  Token& take();
  // The next token, which must be the parenthesis `kind` (Open or Close).
  void expect(Token::Kind parenthesis);
  // Whether only blanks and comments are left, without reading the next token (a reader
  // that refuses any text after its end says so in its own words); then, when nothing is
  // peeked or put back, line() and offset() are where the next token starts or the input
  // ends.
  bool at_end();
  uint32_t line() const { return line_; }
  uint64_t offset() const { return base_ + pos_; }
  // Where the token next() returned last ends (the byte after it).
  uint64_t last_end() const { return current_.end; }

  // The number of '(' minus the number of ')' read from the input so far (a token put back
  // is not read again); below 0 after a ')' that closes nothing, which the reader judges.
  int64_t depth() const { return depth_; }
  const Limits& limits() const { return lim_; }

 private:
  bool fill();                     // false at the end of the input
  void scan(Token& t);             // the next token from the bytes
  void skip_blanks_and_comments();
  void scan_bare(Token& t);        // a simple symbol, keyword, numeral, ... and its kind
  void scan_quoted(Token& t, char close);  // |symbol| or "string"
  [[noreturn]] void fail(uint32_t line, uint64_t offset, const std::string& why) const;

  std::unique_ptr<Source> src_;
  std::string input_;
  Limits lim_;
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t base_ = 0;  // the offset of buf_[0] in the input
  uint32_t line_ = 1;
  int64_t depth_ = 0;
  Token current_;                 // what next() returned last
  std::vector<Token> lookahead_;  // put back or peeked, the next one last
};

// One whole s-expression from `in` (an atom, or a list with all it holds) into a reader's
// own node array, without recursion (an explicit stack of the open lists): node(token)
// makes the node of an atom or of a list's '(' and returns its index (it may move the
// token's text away); kid(list, child) appends a child to a list's node. A ')' that
// closes nothing, or the end of the input inside the expression, is an error.
template <class MakeNode, class AddKid>
void read_expression(Lexer& in, MakeNode node, AddKid kid) {
  std::vector<uint32_t> open;
  do {
    Token& t = in.take();
    if (t.kind == Token::Close) {
      if (open.empty()) throw cert::FormatError(t.line, t.offset, "unexpected ')'");
      open.pop_back();
      continue;
    }
    const bool list = t.kind == Token::Open;
    const uint32_t id = node(t);
    if (!open.empty()) kid(open.back(), id);
    if (list) open.push_back(id);
  } while (!open.empty());
}

// A token's name in an error message: '(' or ')', the atom's text cut at 80 bytes (with
// its bars or quotes when it had them), or "the end of the input".
std::string describe(const Token& t);

}  // namespace hcert::sexpr
