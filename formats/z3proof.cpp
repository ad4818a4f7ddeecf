#include "formats/z3proof.hpp"

#include <tuple>

namespace hcert::z3 {

using cert::FormatError;

namespace {
bool space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool delimiter(int c) { return c < 0 || space(c) || c == '(' || c == ')' || c == ';'; }
}  // namespace

ProofReader::ProofReader(std::unique_ptr<Source> src) : in_(std::move(src)) {}

int ProofReader::peek_nonspace() {
  for (;;) {
    int c = in_.peek();
    if (c == ';') {
      while (c >= 0 && c != '\n') c = (in_.get(), in_.peek());
      continue;
    }
    if (!space(c)) return c;
    in_.get();
  }
}

// One token: "(", ")", or an atom (a |quoted| symbol without its bars, a "string" with
// its quotes, anything else up to a delimiter).
std::string ProofReader::token() {
  if (!pushed_.empty()) {
    std::string t = std::move(pushed_.back());
    pushed_.pop_back();
    return t;
  }
  int c = peek_nonspace();
  uint64_t at = in_.offset();
  if (c < 0) throw FormatError(0, at, "unexpected end of the proof");
  if (c == '(' || c == ')') return std::string(1, static_cast<char>(in_.get()));
  std::string t;
  if (c == '|') {
    in_.get();
    for (;;) {
      int d = in_.get();
      if (d < 0) throw FormatError(0, at, "unterminated quoted symbol");
      if (d == '|') break;
      t += static_cast<char>(d);
      if (t.size() > (1u << 20)) throw FormatError(0, at, "symbol too long");
    }
    return t;
  }
  if (c == '"') {
    t += static_cast<char>(in_.get());
    for (;;) {
      int d = in_.get();
      if (d < 0) throw FormatError(0, at, "unterminated string");
      t += static_cast<char>(d);
      if (d == '"') {
        if (in_.peek() == '"') { t += static_cast<char>(in_.get()); continue; }
        break;
      }
      if (t.size() > (1u << 20)) throw FormatError(0, at, "string too long");
    }
    return t;
  }
  while (!delimiter(in_.peek())) {
    t += static_cast<char>(in_.get());
    if (t.size() > (1u << 20)) throw FormatError(0, at, "symbol too long");
  }
  return t;
}

void ProofReader::expect(char c) {
  uint64_t at = pushed_.empty() ? (peek_nonspace(), in_.offset()) : in_.offset();
  std::string t = token();
  if (t.size() != 1 || t[0] != c) throw FormatError(0, at, std::string("expected '") + c + "', found '" + t + "'");
}

// Iterative: a stack of open lists.
void ProofReader::read_sexp(Sexp& s) {
  s.nodes.clear();
  std::vector<uint32_t> open;
  do {
    uint64_t at = in_.offset();
    std::string t = token();
    if (t == ")") {
      if (open.empty()) throw FormatError(0, at, "unexpected ')'");
      open.pop_back();
      continue;
    }
    uint32_t id = static_cast<uint32_t>(s.nodes.size());
    s.nodes.push_back({t == "(", t == "(" ? std::string() : t, {}});
    if (!open.empty()) s.nodes[open.back()].kids.push_back(id);
    if (t == "(") open.push_back(id);
  } while (!open.empty());
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
  auto next_token = [&](const char* what) {
    uint64_t at = (peek_nonspace(), in_.offset());
    if (in_.peek() < 0) throw FormatError(0, at, std::string("the input ends before ") + what);
    return std::pair<uint64_t, std::string>(at, token());
  };
  auto [at, t] = next_token("Z3's proof");
  if (t == "sat" || t == "unknown") throw FormatError(0, at, "Z3 answered '" + t + "': there is no proof of unsatisfiability");
  if (t == "unsat") std::tie(at, t) = next_token("Z3's proof after 'unsat'");
  if (t != "(") throw FormatError(0, at, "expected Z3's answer 'unsat' or its proof '(', found '" + t + "'");
  std::tie(at, t) = next_token("Z3's proof");
  if (t == "proof") return;  // the proof term alone
  if (t != "(") throw FormatError(0, at, "expected '(proof' or Z3's wrapper '((set-logic' or '((proof', found '(" + t + "'");
  wrapper_depth_ = 1;
  auto next_item = [&] {  // "(" and the head of the wrapper's next item
    auto [open_at, open] = next_token("Z3's proof in its wrapper");
    if (open != "(") throw FormatError(0, open_at, "expected '(' in Z3's wrapper, found '" + open + "'");
    return next_token("Z3's proof in its wrapper");
  };
  std::tie(at, t) = next_token("Z3's proof in its wrapper");
  if (t == "set-logic") {
    std::tie(at, t) = next_token("the logic's name");
    if (t == "(" || t == ")") throw FormatError(0, at, "expected a logic's name after 'set-logic', found '" + t + "'");
    expect(')');
    std::tie(at, t) = next_item();
  }
  while (t == "declare-fun") {  // Z3's own names: (declare-fun n (S1 ... Sk) S)
    auto [name_at, name] = next_token("the declared name");
    if (name == "(" || name == ")") throw FormatError(0, name_at, "expected a name after 'declare-fun', found '" + name + "'");
    expect('(');
    Sexp sort;
    size_t arguments = 0;
    for (; peek_nonspace() != ')'; ++arguments) read_sexp(sort);
    expect(')');
    read_sexp(sort);
    if (arguments == 0 && !sort.nodes[sort.root].list) declarations_.push_back({name, sort.nodes[sort.root].atom});
    expect(')');
    std::tie(at, t) = next_item();
  }
  if (t != "proof") throw FormatError(0, at, "expected 'proof', 'declare-fun' or 'set-logic' in Z3's wrapper, found '" + t + "'");
}

bool ProofReader::next(Binding& b) {
  if (done_) return false;
  if (!started_) {
    read_preamble();
    started_ = true;
  }
  b = Binding();
  b.offset = in_.offset();
  std::string t = token();
  if (t == "(") {
    std::string head = token();
    if (head == "let") {
      expect('(');
      expect('(');
      b.name = token();
      if (b.name == "(" || b.name == ")") throw FormatError(0, in_.offset(), "expected a let name");
      b.offset = in_.offset();
      read_sexp(b.expr);
      expect(')');
      if (peek_nonspace() != ')') throw FormatError(0, in_.offset(), "one binding per let is supported");
      expect(')');
      ++open_lets_;
      return true;
    }
    pushed_.push_back(head);
  }
  pushed_.push_back(t);
  read_sexp(b.expr);  // the body: it closes every let, then the proof
  for (uint32_t k = 0; k < open_lets_; ++k) expect(')');
  expect(')');
  // The wrapper closes, and nothing follows: a file cut after the proof is truncated too.
  for (uint32_t k = 0; k < wrapper_depth_; ++k) expect(')');
  if (peek_nonspace() >= 0) throw FormatError(0, in_.offset(), "unexpected text after the proof");
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
