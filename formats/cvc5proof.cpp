#include "formats/cvc5proof.hpp"

#include "trusted/outcome.hpp"

namespace hcert::cvc5 {

using cert::FormatError;

namespace {
bool space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool delimiter(int c) { return c < 0 || space(c) || c == '(' || c == ')' || c == ';'; }
bool digits(const std::string& s, size_t from, size_t to) {
  if (from >= to) return false;
  for (size_t i = from; i < to; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}
// An atom as the SMT-LIB reader classifies it (numerals, decimals, keywords, symbols).
void classify(smt::Node& n, const std::string& a, bool quoted) {
  n.text = a;
  size_t dot = a.find('.');
  if (quoted) n.kind = smt::Node::Symbol;
  else if (digits(a, 0, a.size())) n.kind = smt::Node::Numeral;
  else if (dot != std::string::npos && digits(a, 0, dot) && digits(a, dot + 1, a.size())) n.kind = smt::Node::Decimal;
  else if (a.size() > 1 && a[0] == ':') n.kind = smt::Node::Keyword, n.text = a.substr(1);
  else if (a.size() > 2 && a[0] == '#' && a[1] == 'b') n.kind = smt::Node::Binary, n.text = a.substr(2);
  else if (a.size() > 2 && a[0] == '#' && a[1] == 'x') n.kind = smt::Node::Hex, n.text = a.substr(2);
  else n.kind = smt::Node::Symbol;
}
bool rule_name(const std::string& a) {
  if (a.size() < 3 || a[0] < 'A' || a[0] > 'Z') return false;
  for (char c : a)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}
}  // namespace

ProofReader::ProofReader(std::unique_ptr<Source> src, ReaderLimits lim) : in_(std::move(src)), lim_(lim) {}

int ProofReader::get() {
  int c = in_.get();
  if (c == '\n') ++line_;
  return c;
}

int ProofReader::peek_nonspace() {
  for (;;) {
    int c = in_.peek();
    if (c == ';') {
      while (c >= 0 && c != '\n') c = (get(), in_.peek());
      continue;
    }
    if (!space(c)) return c;
    get();
  }
}

// One token: "(", ")", or an atom; a |quoted| symbol comes back with a leading '|' as
// its mark (removed by read_sexp), so that `|(|` is not a parenthesis.
std::string ProofReader::token() {
  if (!pushed_.empty()) {
    std::string t = std::move(pushed_.back());
    pushed_.pop_back();
    return t;
  }
  int c = peek_nonspace();
  tok_offset_ = in_.offset();
  tok_line_ = line_;
  if (c < 0) throw FormatError(line_, in_.offset(), "unexpected end of the cvc5 proof");
  if (c == '(' || c == ')') return std::string(1, static_cast<char>(get()));
  std::string t;
  if (c == '|') {
    t += static_cast<char>(get());
    for (;;) {
      int d = get();
      if (d < 0) throw FormatError(tok_line_, tok_offset_, "unterminated quoted symbol");
      if (d == '|') break;
      t += static_cast<char>(d);
      if (t.size() > lim_.max_atom) throw FormatError(tok_line_, tok_offset_, "symbol too long");
    }
    return t;
  }
  if (c == '"') {
    t += static_cast<char>(get());
    for (;;) {
      int d = get();
      if (d < 0) throw FormatError(tok_line_, tok_offset_, "unterminated string");
      t += static_cast<char>(d);
      if (d == '"') {
        if (in_.peek() == '"') { t += static_cast<char>(get()); continue; }
        break;
      }
      if (t.size() > lim_.max_atom) throw FormatError(tok_line_, tok_offset_, "string too long");
    }
    return t;
  }
  while (!delimiter(in_.peek())) {
    t += static_cast<char>(get());
    if (t.size() > lim_.max_atom) throw FormatError(tok_line_, tok_offset_, "symbol too long");
  }
  return t;
}

void ProofReader::expect(char c) {
  std::string t = token();
  if (t.size() != 1 || t[0] != c)
    throw FormatError(tok_line_, tok_offset_, std::string("expected '") + c + "', found '" + t.substr(0, 80) + "'");
}

// Iterative: a stack of open lists.
void ProofReader::read_sexp(smt::Script& s) {
  s.nodes.clear();
  s.commands.clear();
  std::vector<uint32_t> open;
  do {
    std::string t = token();
    if (t == ")" ) {
      if (open.empty()) throw FormatError(tok_line_, tok_offset_, "unexpected ')'");
      open.pop_back();
      continue;
    }
    if (s.nodes.size() >= lim_.max_nodes) throw FormatError(tok_line_, tok_offset_, "expression too large");
    uint32_t id = static_cast<uint32_t>(s.nodes.size());
    smt::Node n{smt::Node::List, {}, tok_offset_, tok_line_, {}};
    if (t != "(") {
      bool quoted = !t.empty() && t[0] == '|';
      classify(n, quoted ? t.substr(1) : t, quoted);
    }
    s.nodes.push_back(std::move(n));
    if (!open.empty()) s.nodes[open.back()].kids.push_back(id);
    if (t == "(") open.push_back(id);
  } while (!open.empty());
}

bool ProofReader::next(Binding& b) {
  if (done_) return false;
  if (!started_) {  // [unsat] "(" then the proof term
    started_ = true;
    std::string t = token();
    while (t == "unsupported" || t == "success") t = token();  // cvc5's answers to the options
    if (t == "unsat") t = token();
    if (t != "(") throw FormatError(tok_line_, tok_offset_, "expected '(' opening the cvc5 proof, found '" + t.substr(0, 80) + "'");
  }
  b = Binding();
  std::string t = token();
  b.offset = tok_offset_;
  b.line = tok_line_;
  if (t == "(") {
    std::string head = token();
    if (head == "let") {
      expect('(');
      expect('(');
      b.name = token();
      if (b.name == "(" || b.name == ")" || b.name.empty())
        throw FormatError(tok_line_, tok_offset_, "expected a let name");
      if (b.name[0] == '|') b.name.erase(0, 1);
      if (peek_nonspace() < 0) throw FormatError(line_, in_.offset(), "unexpected end of the cvc5 proof");
      b.offset = in_.offset();
      b.line = line_;
      read_sexp(b.expr);
      expect(')');
      if (peek_nonspace() != ')') throw FormatError(line_, in_.offset(), "one binding per let is supported");
      expect(')');
      if (++open_lets_ > lim_.max_lets) throw FormatError(line_, in_.offset(), "too many nested lets");
      return true;
    }
    pushed_.push_back(head);
  }
  pushed_.push_back(t);
  read_sexp(b.expr);  // the body: it closes every let, then the proof's parenthesis
  for (uint32_t k = 0; k < open_lets_; ++k) expect(')');
  expect(')');
  // What follows is cvc5's answers to later commands (`sat`, `(error "…")`, another
  // proof): read to the end as whole expressions, so that a cut or garbled tail is an input
  // error rather than ignored (a parenthesis closing nothing: the proof's are unbalanced).
  for (int depth = 0;;) {
    if (peek_nonspace() < 0) {
      if (depth > 0) throw FormatError(line_, in_.offset(), "unterminated expression after the end of the cvc5 proof");
      break;
    }
    std::string t = token();
    if (t == "(") ++depth;
    else if (t == ")" && --depth < 0)
      throw FormatError(tok_line_, tok_offset_, "unbalanced ')' after the end of the cvc5 proof");
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
  // Printed without conclusions: a rule name with `:args` or a sub-proof among its kids.
  for (size_t k = 1; k < n.kids.size(); ++k) {
    const smt::Node& c = s.nodes[n.kids[k]];
    if (c.kind == smt::Node::Keyword && c.text == "args") return head.text;
    if (c.kind == smt::Node::List && !c.kids.empty() && s.nodes[c.kids[0]].kind == smt::Node::Symbol &&
        rule_name(s.nodes[c.kids[0]].text))
      return head.text;
  }
  return "";
}

}  // namespace hcert::cvc5
