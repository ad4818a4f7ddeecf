#include "formats/z3proof.hpp"

namespace hcert::z3 {

using cert::FormatError;
using sexpr::Token;

namespace {
// An atom as Z3 wrote it, which is what Sexp holds: a |quoted| symbol is its name (|a b|
// and a b name one symbol), a string keeps its quotes and doubled quotes.
std::string atom_text(Token& t) {
  if (t.kind != Token::String) return std::move(t.text);
  std::string s = "\"";
  for (char c : t.text) s += c == '"' ? "\"\"" : std::string(1, c);
  return s + '"';
}
// Whether a token is the symbol `name` (quoted or not, as SMT-LIB has it).
bool is(const Token& t, const char* name) { return (t.kind == Token::Symbol || t.kind == Token::Quoted) && t.text == name; }
}  // namespace

// Z3's proofs within the lexer's default limits: atoms of 1 MiB, numerals of 65,536 digits
// (Z3's Farkas coefficients have tens), let chains as deep as 2^26.
ProofReader::ProofReader(std::unique_ptr<Source> src) : lex_(std::move(src), "the proof") {}

void ProofReader::read_sexp(Sexp& s) {
  s.nodes.clear();
  sexpr::read_expression(
      lex_,
      [&](Token& t) {
        const bool list = t.kind == Token::Open;
        s.nodes.push_back({list, list ? std::string() : atom_text(t), {}});
        return static_cast<uint32_t>(s.nodes.size() - 1);
      },
      [&](uint32_t list, uint32_t kid) { s.nodes[list].kids.push_back(kid); });
  s.root = 0;
}

// The text before the proof, exactly as Z3 4.8.12 prints it for `(check-sat)
// (get-proof)`: its answer, then the proof inside a wrapper that states the logic (absent
// when the script sets none) and declares the names Z3 invented,
//   [unsat] ( [(set-logic SYMBOL)] {(declare-fun SYMBOL (SORT*) SORT)} (proof ...) )
// or the proof term alone, `[unsat] (proof ...)`. Anything else (another answer, the
// responses to other commands of the script, text inserted in the wrapper) is refused at
// its byte: it is no part of a Z3 proof. Comments count as spaces, as in SMT-LIB.
void ProofReader::read_preamble() {
  Token t;
  auto next_token = [&](const char* what) {
    t = lex_.next();
    if (t.kind == Token::End) throw FormatError(t.line, t.offset, std::string("the input ends before ") + what);
  };
  auto refuse = [&](const std::string& why) { throw FormatError(t.line, t.offset, why); };
  next_token("Z3's proof");
  if (is(t, "sat") || is(t, "unknown")) refuse("Z3 answered '" + t.text + "': there is no proof of unsatisfiability");
  if (is(t, "unsat")) next_token("Z3's proof after 'unsat'");
  if (t.kind != Token::Open) refuse("expected Z3's answer 'unsat' or its proof '(', found '" + sexpr::describe(t) + "'");
  next_token("Z3's proof");
  if (is(t, "proof")) return;  // the proof term alone
  if (t.kind != Token::Open) refuse("expected '(proof' or Z3's wrapper '((set-logic' or '((proof', found '(" + sexpr::describe(t) + "'");
  wrapper_depth_ = 1;
  auto next_item = [&] {  // "(" and the head of the wrapper's next item
    next_token("Z3's proof in its wrapper");
    if (t.kind != Token::Open) refuse("expected '(' in Z3's wrapper, found '" + sexpr::describe(t) + "'");
    next_token("Z3's proof in its wrapper");
  };
  next_token("Z3's proof in its wrapper");
  if (is(t, "set-logic")) {
    next_token("the logic's name");
    if (!t.atom()) refuse("expected a logic's name after 'set-logic', found '" + sexpr::describe(t) + "'");
    lex_.expect(Token::Close);
    next_item();
  }
  while (is(t, "declare-fun")) {  // Z3's own names: (declare-fun n (S1 ... Sk) S)
    next_token("the declared name");
    if (!t.atom()) refuse("expected a name after 'declare-fun', found '" + sexpr::describe(t) + "'");
    std::string name = atom_text(t);
    lex_.expect(Token::Open);
    Sexp sort;
    size_t arguments = 0;
    for (; lex_.peek().kind != Token::Close; ++arguments) read_sexp(sort);
    lex_.expect(Token::Close);
    read_sexp(sort);
    if (arguments == 0 && !sort.nodes[sort.root].list) declarations_.push_back({name, sort.nodes[sort.root].atom});
    lex_.expect(Token::Close);
    next_item();
  }
  if (!is(t, "proof")) refuse("expected 'proof', 'declare-fun' or 'set-logic' in Z3's wrapper, found '" + sexpr::describe(t) + "'");
}

bool ProofReader::next(Binding& b) {
  if (done_) return false;
  if (!started_) {
    read_preamble();
    started_ = true;
  }
  b = Binding();
  // A binding's place, as the translators name it (holes, rejections, the corpus's
  // expectations): the byte just after the token before its expression (the let's name,
  // or the last ')' or "proof" before the body).
  b.offset = lex_.last_end();
  Token t = lex_.take();
  if (t.kind == Token::Open) {
    Token head = lex_.take();
    if (is(head, "let")) {
      lex_.expect(Token::Open);
      lex_.expect(Token::Open);
      Token& name = lex_.take();
      if (!name.atom()) throw FormatError(name.line, name.offset, "expected a let name");
      b.offset = name.end;
      b.name = atom_text(name);
      read_sexp(b.expr);
      lex_.expect(Token::Close);
      if (const Token& p = lex_.peek(); p.kind != Token::Close) throw FormatError(p.line, p.offset, "one binding per let is supported");
      lex_.expect(Token::Close);
      ++open_lets_;
      return true;
    }
    lex_.unread(std::move(head));
  }
  lex_.unread(std::move(t));
  read_sexp(b.expr);  // the body: it closes every let, then the proof
  for (uint32_t k = 0; k < open_lets_; ++k) lex_.expect(Token::Close);
  lex_.expect(Token::Close);
  // The wrapper closes, and nothing follows: a file cut after the proof is truncated too.
  for (uint32_t k = 0; k < wrapper_depth_; ++k) lex_.expect(Token::Close);
  if (!lex_.at_end()) throw FormatError(lex_.line(), lex_.offset(), "unexpected text after the proof");
  done_ = true;
  return true;
}

bool is_rule(const std::string& h) {
  static const char* rules[] = {
      "asserted", "goal", "mp", "mp~", "refl", "symm", "trans", "trans*", "monotonicity", "quant-intro",
      "bind", "distributivity", "and-elim", "not-or-elim", "rewrite", "rewrite*", "pull-quant",
      "push-quant", "elim-unused", "der", "quant-inst", "hypothesis", "lemma", "unit-resolution",
      "iff-true", "iff-false", "commutativity", "def-axiom", "intro-def", "apply-def", "iff~",
      "nnf-pos", "nnf-neg", "sk", "th-lemma", "hyper-res", "assumption-add", "lemma-add",
      "redundant-del", "clause-trail", "true-axiom", "modus-ponens"};
  for (const char* r : rules)
    if (h == r) return true;
  return false;
}

std::string rule_of(const Sexp& s, uint32_t node) {
  const Sexp::Node& n = s.nodes[node];
  // An atom is a rule only as a whole expression (e.g. true-axiom), never as a head.
  if (!n.list) return node == s.root && is_rule(n.atom) ? n.atom : "";
  if (n.kids.empty()) return "";
  const Sexp::Node& head = s.nodes[n.kids[0]];
  if (!head.list) return is_rule(head.atom) ? head.atom : "";
  // Indexed: (_ th-lemma arith farkas 1 1)
  if (head.kids.size() < 2 || s.nodes[head.kids[0]].atom != "_" || !is_rule(s.nodes[head.kids[1]].atom)) return "";
  std::string r;
  for (size_t i = 1; i < head.kids.size(); ++i) {
    const std::string& a = s.nodes[head.kids[i]].atom;
    if (a.empty() || (a[0] >= '0' && a[0] <= '9') || a[0] == '-') continue;
    r += (r.empty() ? "" : " ") + a;
  }
  return r;
}

}  // namespace hcert::z3
