#include "formats/cvc5proof.hpp"

#include "trusted/outcome.hpp"

namespace hcert::cvc5 {

using cert::FormatError;

using sexpr::Token;

namespace {
// Why a table: each kind of token becomes one kind of node of the SMT-LIB reader's form
// (trusted/smtlib.hpp), its text without the prefix that kind is written with (':' of a
// keyword, "#x" or "#b" of a literal). Indexed by sexpr::Token::Kind.
struct NodeOf {
  smt::Node::Kind kind;
  uint8_t prefix;
};
constexpr NodeOf kNodeOf[] = {
    {smt::Node::List, 0},     // End (never a node)
    {smt::Node::List, 0},     // Open
    {smt::Node::List, 0},     // Close (never a node)
    {smt::Node::Symbol, 0},   // Symbol
    {smt::Node::Symbol, 0},   // Quoted: |a b| and a b are one symbol
    {smt::Node::String, 0},   // String
    {smt::Node::Keyword, 1},  // Keyword
    {smt::Node::Numeral, 0},  // Numeral
    {smt::Node::Decimal, 0},  // Decimal
    {smt::Node::Hex, 2},      // Hex
    {smt::Node::Binary, 2},   // Binary
};
static_assert(sizeof(kNodeOf) / sizeof(kNodeOf[0]) == Token::Binary + 1);

bool rule_name(const std::string& a) {
  if (a.size() < 3 || a[0] < 'A' || a[0] > 'Z') return false;
  for (char c : a)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}
sexpr::Limits token_limits(const ReaderLimits& lim) {
  sexpr::Limits l;
  l.max_token = lim.max_atom;
  return l;
}
}  // namespace

ProofReader::ProofReader(std::unique_ptr<Source> src, ReaderLimits lim)
    : lex_(std::move(src), "the cvc5 proof", token_limits(lim)), lim_(lim) {}

void ProofReader::read_sexp(smt::Script& s) {
  s.nodes.clear();
  s.commands.clear();
  sexpr::read_expression(
      lex_,
      [&](Token& t) {
        if (s.nodes.size() >= lim_.max_nodes) throw FormatError(t.line, t.offset, "expression too large");
        const NodeOf& as = kNodeOf[t.kind];
        s.nodes.push_back(smt::Node{as.kind, {}, t.offset, t.line, {}});
        if (t.atom()) s.nodes.back().text = as.prefix ? t.text.substr(as.prefix) : std::move(t.text);
        return static_cast<uint32_t>(s.nodes.size() - 1);
      },
      [&](uint32_t list, uint32_t kid) { s.nodes[list].kids.push_back(kid); });
}

bool ProofReader::next(Binding& b) {
  if (done_) return false;
  if (!started_) {  // [unsat] "(" then the proof term
    started_ = true;
    const Token* t = &lex_.take();
    auto symbol = [&](const char* name) { return t->kind == Token::Symbol && t->text == name; };
    while (symbol("unsupported") || symbol("success")) t = &lex_.take();  // cvc5's answers to the options
    if (symbol("unsat")) t = &lex_.take();
    if (t->kind != Token::Open)
      throw FormatError(t->line, t->offset, "expected '(' opening the cvc5 proof, found '" + sexpr::describe(*t) + "'");
  }
  b = Binding();
  Token t = lex_.take();
  b.offset = t.offset;
  b.line = t.line;
  if (t.kind == Token::Open) {
    Token head = lex_.take();
    if (head.kind == Token::Symbol && head.text == "let") {
      lex_.expect(Token::Open);
      lex_.expect(Token::Open);
      Token& name = lex_.take();
      if (!name.atom() || name.text.empty()) throw FormatError(name.line, name.offset, "expected a let name");
      b.name = std::move(name.text);
      const Token& first = lex_.peek();
      if (first.kind == Token::End) throw FormatError(first.line, first.offset, "unexpected end of the cvc5 proof");
      b.offset = first.offset;
      b.line = first.line;
      read_sexp(b.expr);
      lex_.expect(Token::Close);
      if (const Token& p = lex_.peek(); p.kind != Token::Close) throw FormatError(p.line, p.offset, "one binding per let is supported");
      const Token& close = lex_.take();
      if (++open_lets_ > lim_.max_lets) throw FormatError(close.line, close.end, "too many nested lets");
      return true;
    }
    lex_.unread(std::move(head));
  }
  lex_.unread(std::move(t));
  read_sexp(b.expr);  // the body: it closes every let, then the proof's parenthesis
  for (uint32_t k = 0; k < open_lets_; ++k) lex_.expect(Token::Close);
  lex_.expect(Token::Close);
  // What follows is cvc5's answers to later commands (`sat`, `(error "…")`, another
  // proof): read to the end as whole expressions, so that a cut or garbled tail is an input
  // error rather than ignored (a parenthesis closing nothing: the proof's are unbalanced).
  for (int64_t depth = 0;;) {
    if (lex_.at_end()) {
      if (depth > 0) throw FormatError(lex_.line(), lex_.offset(), "unterminated expression after the end of the cvc5 proof");
      break;
    }
    const Token& t = lex_.next();
    if (t.kind == Token::Open) ++depth;
    else if (t.kind == Token::Close && --depth < 0)
      throw FormatError(t.line, t.offset, "unbalanced ')' after the end of the cvc5 proof");
  }
  done_ = true;
  return true;
}

std::string rule_of(const smt::Script& s, uint32_t node) {
  const smt::Node& n = s.nodes[node];
  if (n.kind != smt::Node::List || n.kids.empty()) return "";
  const smt::Node& head = s.nodes[n.kids[0]];
  if (head.kind != smt::Node::Symbol || !rule_name(head.text)) return "";
  if (n.kids.size() >= 3 && s.nodes[n.kids[1]].kind == smt::Node::Keyword && s.nodes[n.kids[1]].text == "conclusion")
    return head.text;
  // Printed without conclusions: a rule name with `:args` or a sub-proof among its kids,
  // a sub-proof being a rule name's list with `:args` or `:conclusion` of its own. Terms
  // carry no such keywords, so a problem's own upper-case names (`(ALU (ALU_OP_OF x) a b)`
  // in cvc5's regress1/auflia/bug330) stay terms.
  auto keyword = [&](const smt::Node& l) {
    for (size_t k = 1; k < l.kids.size(); ++k) {
      const smt::Node& c = s.nodes[l.kids[k]];
      if (c.kind == smt::Node::Keyword && (c.text == "args" || c.text == "conclusion")) return true;
    }
    return false;
  };
  if (keyword(n)) return head.text;
  for (size_t k = 1; k < n.kids.size(); ++k) {
    const smt::Node& c = s.nodes[n.kids[k]];
    if (c.kind == smt::Node::List && !c.kids.empty() && s.nodes[c.kids[0]].kind == smt::Node::Symbol &&
        rule_name(s.nodes[c.kids[0]].text) && keyword(c))
      return head.text;
  }
  return "";
}

}  // namespace hcert::cvc5
