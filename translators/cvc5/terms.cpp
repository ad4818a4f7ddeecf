// cvc5's terms as HOL terms (spec/cvc5.md, "Terms"): the proof's s-expressions are
// elaborated by the problem's own elaboration (trusted/problem.hpp) with the let names
// bound, so that an assumption is the very term of the problem's assertion. cvc5 treats
// Int as a subsort of Real and prints mixed terms (`(* 1.0 x)` with x an Int, `(>= y 0)`
// with y a Real, `(/ 654 47)`); the elaboration wants one sort, so such a term is
// rewritten before it is elaborated: an Int numeral (or its negation) among Reals becomes
// a decimal, any other Int argument `(to_real t)`, which is what cvc5 means by it.
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

}  // namespace

Term Translator::elaborate(const smt::Script& s, uint32_t node) {
  try {
    return ctx_.term(s, node, names_);
  } catch (const Failure& first) {
    try {
      smt::Script c = s;
      uint32_t root = coerce(c, node, 0);
      return ctx_.term(c, root, names_);
    } catch (const Failure&) {
      throw Failure(Outcome::Incomplete, "cvc5 proof " + where_ + ": a term hcert cannot elaborate (" + first.what() + ")");
    }
  }
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
  for (size_t k = 1; k < c.nodes[n].kids.size(); ++k) {
    if (tys[k - 1] != it) continue;
    uint32_t kid = c.nodes[n].kids[k];
    smt::Node& a = c.nodes[kid];
    if (a.kind == smt::Node::Numeral) {  // 3 -> 3.0
      smt::Node d = a;
      d.kind = smt::Node::Decimal;
      d.text += ".0";
      c.nodes.push_back(d);
    } else if (a.kind == smt::Node::List && a.kids.size() == 2 && c.nodes[a.kids[0]].text == "-" &&
               c.nodes[a.kids[1]].kind == smt::Node::Numeral) {  // (- 3) -> (- 3.0)
      smt::Node d = c.nodes[a.kids[1]];
      d.kind = smt::Node::Decimal;
      d.text += ".0";
      c.nodes.push_back(d);
      smt::Node l = c.nodes[kid];
      l.kids = {l.kids[0], static_cast<uint32_t>(c.nodes.size() - 1)};
      c.nodes.push_back(l);
    } else {  // t -> (to_real t)
      smt::Node sym{smt::Node::Symbol, "to_real", a.offset, a.line, {}};
      c.nodes.push_back(sym);
      smt::Node l{smt::Node::List, "", a.offset, a.line, {static_cast<uint32_t>(c.nodes.size() - 1), kid}};
      c.nodes.push_back(l);
    }
    c.nodes[n].kids[k] = static_cast<uint32_t>(c.nodes.size() - 1);
  }
  return n;
}

}  // namespace hcert::cvc5
