// cvc5's terms as HOL terms (spec/cvc5.md, "Terms"): the proof's s-expressions are
// elaborated by the problem's own elaboration (trusted/problem.hpp) with the let names
// bound, so that an assumption is the very term of the problem's assertion. cvc5 treats
// Int as a subsort of Real and prints mixed terms (`(* 1.0 x)` with x an Int, `(>= y 0)`
// with y a Real, `(/ 654 47)`); the elaboration wants one sort, so such a term is
// rewritten before it is elaborated: first integral decimals become numerals (a Farkas
// sum over Ints, `(* 161.0 x)`, stays integer arithmetic); else among Reals an Int
// numeral becomes a decimal and any other Int term `(to_real t)`, pushed down through
// + - * and ite to the Int variables, which is what cvc5 means by it.
// Untrusted: it only builds terms, which the kernel checks where they are used.
#include "translators/cvc5/translator.hpp"

namespace hcert::cvc5 {

namespace {

bool arithmetic_or_equality(const std::string& f) {
  static const char* ops[] = {"+", "-", "*", "/", "<=", "<", ">=", ">", "=", "distinct"};
  for (const char* o : ops)
    if (f == o) return true;
  return false;
}

// The part of s reachable from node, as a script of its own whose last node is node's copy
// (kids before parents, a DAG walk with an explicit stack). The fallbacks of `elaborate`
// copy and scan this part only: a proof's body is most of the proof, and copying or
// scanning all of it for each term that needs a fallback was quadratic.
smt::Script reachable_part(const smt::Script& s, uint32_t node) {
  smt::Script part;
  std::unordered_map<uint32_t, uint32_t> index;  // node of s -> node of part
  std::vector<std::pair<uint32_t, size_t>> stack{{node, 0}};
  while (!stack.empty()) {
    uint32_t i = stack.back().first;
    size_t k = stack.back().second++;
    const smt::Node& n = s.nodes[i];
    if (k < n.kids.size()) {
      if (!index.count(n.kids[k])) stack.push_back({n.kids[k], 0});
      continue;
    }
    stack.pop_back();
    if (index.count(i)) continue;
    smt::Node copy = n;
    for (uint32_t& c : copy.kids) c = index.at(c);
    index.emplace(i, static_cast<uint32_t>(part.nodes.size()));
    part.nodes.push_back(std::move(copy));
  }
  return part;
}

}  // namespace

bool Translator::definitional_lambda(const smt::Script& s, uint32_t node) {
  auto sym = [&](uint32_t k, const char* t) { return s.nodes[k].kind == smt::Node::Symbol && s.nodes[k].text == t; };
  const smt::Node& eq = s.nodes[node];
  if (eq.kind != smt::Node::List || eq.kids.size() != 3 || !sym(eq.kids[0], "=")) return false;
  const smt::Node& lam = s.nodes[eq.kids[2]];
  if (s.nodes[eq.kids[1]].kind != smt::Node::Symbol || lam.kind != smt::Node::List || lam.kids.size() != 3 ||
      !sym(lam.kids[0], "lambda") || s.nodes[lam.kids[1]].kind != smt::Node::List)
    return false;
  // (forall PARAMS (= (f x1 … xn) BODY)) and (forall PARAMS (= BODY BODY)), side by side.
  smt::Script c = s;
  auto add = [&](smt::Node n) {
    c.nodes.push_back(std::move(n));
    return static_cast<uint32_t>(c.nodes.size() - 1);
  };
  auto list = [&](std::vector<uint32_t> kids) { return add(smt::Node{smt::Node::List, "", eq.offset, eq.line, std::move(kids)}); };
  auto atom = [&](const char* t) { return add(smt::Node{smt::Node::Symbol, t, eq.offset, eq.line, {}}); };
  std::vector<uint32_t> app{eq.kids[1]};
  for (uint32_t p : s.nodes[lam.kids[1]].kids) {
    if (s.nodes[p].kind != smt::Node::List || s.nodes[p].kids.empty()) return false;
    app.push_back(s.nodes[p].kids[0]);
  }
  uint32_t body = lam.kids[2], params = lam.kids[1];
  uint32_t unfolded = list({atom("forall"), params, list({atom("="), list(app), body})});
  uint32_t trivial = list({atom("forall"), params, list({atom("="), body, body})});
  try {
    return ctx_.term(c, unfolded, names_) == ctx_.term(c, trivial, names_);
  } catch (const Failure&) {
    return false;
  }
}

Term Translator::elaborate(const smt::Script& whole, uint32_t whole_node) {
  try {
    return ctx_.term(whole, whole_node, names_);
  } catch (const Failure& first) {
    const smt::Script s = reachable_part(whole, whole_node);
    const uint32_t node = static_cast<uint32_t>(s.nodes.size() - 1);
    // cvc5 states a define-fun with parameters as the assumption (= f (lambda (…) body)).
    // The problem's elaboration unfolds every application of f, so when it unfolds
    // (f x1 … xn) to exactly body, that equation holds by definition: T.
    if (definitional_lambda(s, node)) return true_term();
    try {
      // A name's sort may come from a sibling that mentions another new name
      // (`(+ k2 (* (- 2) k3))`): declared round by round, at most 8.
      // Bindings it mentions that failed before may elaborate now (elaborate_pending).
      bool declared = false;
      for (int round = 0; round < 8; ++round) {
        bool more = declare_skolems(s);
        more = elaborate_pending(s) || more;
        if (!more) break;
        declared = true;
      }
      if (declared)
        try {
          return ctx_.term(s, node, names_);
        } catch (const Failure&) {
        }
      // Integral decimals among Ints (`(* 161.0 x)`, x an Int, as cvc5 prints Farkas
      // sums over integers): numerals, so that the term stays integer arithmetic.
      smt::Script i = s;
      bool changed = false;
      for (smt::Node& a : i.nodes)
        if (a.kind == smt::Node::Decimal && a.text.size() > 2 && a.text.compare(a.text.size() - 2, 2, ".0") == 0)
          a.kind = smt::Node::Numeral, a.text.resize(a.text.size() - 2), changed = true;
      if (changed) try {
          return ctx_.term(i, node, names_);
        } catch (const Failure&) {
        }
      smt::Script c = s;
      uint32_t root = coerce(c, node, 0);
      return ctx_.term(c, root, names_);
    } catch (const Failure&) {
      throw Failure(Outcome::Incomplete, "cvc5 proof " + where_ + ": a term hcert cannot elaborate (" + first.what() + ")");
    }
  }
}

bool Translator::elaborate_pending(const smt::Script& s) {
  if (pending_.empty() || retrying_pending_) return false;
  // The pending names s reaches, through the pending bindings (a worklist).
  std::vector<std::string> todo, reached;
  std::unordered_set<std::string> seen;
  auto scan = [&](const smt::Script& x) {
    for (const smt::Node& a : x.nodes)
      if (a.kind == smt::Node::Symbol && pending_.count(a.text) && seen.insert(a.text).second) todo.push_back(a.text);
  };
  scan(s);
  while (!todo.empty()) {
    std::string n = todo.back();
    todo.pop_back();
    reached.push_back(n);
    scan(pending_.at(n).script);
  }
  // In binding order: a binding mentions earlier ones only.
  std::sort(reached.begin(), reached.end(), [&](const std::string& a, const std::string& b) {
    return pending_.at(a).order < pending_.at(b).order;
  });
  bool any = false;
  retrying_pending_ = true;
  for (const std::string& n : reached) {
    try {
      names_[n] = elaborate(pending_.at(n).script, 0);
      lists_.erase(n);
      pending_.erase(n);
      any = true;
    } catch (const Failure&) {
    }
  }
  retrying_pending_ = false;
  return any;
}

uint32_t Translator::coerce(smt::Script& c, uint32_t n, int depth) {
  if (depth > 400) throw Failure(Outcome::Incomplete, "term nested too deeply to coerce");
  if (c.nodes[n].kind != smt::Node::List || c.nodes[n].kids.empty()) return n;
  for (size_t k = 1; k < c.nodes[n].kids.size(); ++k) {
    uint32_t kid = coerce(c, c.nodes[n].kids[k], depth + 1);
    c.nodes[n].kids[k] = kid;
  }
  const smt::Node& head = c.nodes[c.nodes[n].kids[0]];
  if (head.kind != smt::Node::Symbol || !arithmetic_or_equality(head.text)) return n;
  bool division = head.text == "/";
  Type it = Type::op(vocab(), "int", {}), rt = Type::op(vocab(), "real", {});
  std::vector<Type> tys;
  bool any_real = division;
  for (size_t k = 1; k < c.nodes[n].kids.size(); ++k) {
    tys.push_back(ctx_.term(c, c.nodes[n].kids[k], names_).type());
    any_real = any_real || tys.back() == rt;
  }
  if (!any_real) return n;
  for (size_t k = 1; k < c.nodes[n].kids.size(); ++k)
    if (tys[k - 1] == it) {
      uint32_t r = realify(c, c.nodes[n].kids[k], depth + 1);
      c.nodes[n].kids[k] = r;
    }
  return n;
}

uint32_t Translator::realify(smt::Script& c, uint32_t n, int depth) {
  if (depth > 400) throw Failure(Outcome::Incomplete, "term nested too deeply to coerce");
  smt::Node a = c.nodes[n];
  if (a.kind == smt::Node::Numeral) {  // 3 -> 3.0
    a.kind = smt::Node::Decimal;
    a.text += ".0";
    c.nodes.push_back(a);
    return static_cast<uint32_t>(c.nodes.size() - 1);
  }
  // (+ s t) -> (+ s' t'), and so for -, * and a conditional's branches: to_real pushed down
  // to the Int variables, so that an atom is the same term wherever it occurs.
  if (a.kind == smt::Node::List && !a.kids.empty() && c.nodes[a.kids[0]].kind == smt::Node::Symbol) {
    const std::string& f = c.nodes[a.kids[0]].text;
    if (f == "+" || f == "-" || f == "*" || f == "ite") {
      for (size_t k = f == "ite" ? 2 : 1; k < a.kids.size(); ++k) a.kids[k] = realify(c, a.kids[k], depth + 1);
      c.nodes.push_back(a);
      return static_cast<uint32_t>(c.nodes.size() - 1);
    }
  }
  smt::Node sym{smt::Node::Symbol, "to_real", a.offset, a.line, {}};  // t -> (to_real t)
  c.nodes.push_back(sym);
  smt::Node l{smt::Node::List, "", a.offset, a.line, {static_cast<uint32_t>(c.nodes.size() - 1), n}};
  c.nodes.push_back(l);
  return static_cast<uint32_t>(c.nodes.size() - 1);
}

}  // namespace hcert::cvc5
