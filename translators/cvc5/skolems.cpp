// cvc5's own names (spec/cvc5.md, "Skolems"): cvc5 1.0.3 prints the constants it invents
// by their internal names (`termITE_1` for a conditional it purified,
// `BOOLEAN_TERM_VARIABLE_7`, ...), which no problem declares. Each becomes a fresh
// variable `name|cvc5` (no problem symbol has a bar in its name), its sort read from where
// it first occurs: beside a term of known sort in an equation, a comparison, arithmetic or
// a conditional's branch (Bool for BOOLEAN_TERM_VARIABLE_*). Its first equation
// `t = k` (or `k = t`) proved without premises is its definition (or, for a purified
// conditional, REMOVE_TERM_FORMULA_AXIOM's `ite c (k = a) (k = b)`, with t = ite c a b):
// kept as a hypothesis, and at the end k is instantiated by t (INST, a kernel rule) and
// the definition, then `t = t` (or a tautology of COND), is discharged by REFL (or the
// case split). A step that needs the definition gets it as one more premise; a step over
// a name is never rejected by a countermodel, which may contradict its definition. Nothing is assumed about a name: INST is sound whatever the term, and a
// definition that does not become `t = t` stays a hypothesis the end check refuses.
#include <algorithm>

#include "translators/cvc5/translator.hpp"

namespace hcert::cvc5 {

namespace {

bool sort_giving(const std::string& f) {
  static const char* ops[] = {"=", "distinct", "+", "-", "*", "/", "<=", "<", ">=", ">", "ite"};
  for (const char* o : ops)
    if (f == o) return true;
  return false;
}

}  // namespace

bool Translator::declare_skolems(const smt::Script& s) {
  constexpr size_t kMaxNames = 100000;
  bool added = false;
  for (uint32_t i = 0; i < s.nodes.size(); ++i) {
    const smt::Node& n = s.nodes[i];
    if (n.kind != smt::Node::List || n.kids.size() < 2) continue;
    const smt::Node& head = s.nodes[n.kids[0]];
    for (size_t k = 1; k < n.kids.size(); ++k) {
      const smt::Node& a = s.nodes[n.kids[k]];
      if (a.kind != smt::Node::Symbol || names_.count(a.text) || skolem_sorts_tried_.count(a.text)) continue;
      // Sub-proof names and lists are no skolems: asked first, as each failed elaboration
      // below is a thrown Failure, and a proof's script cites its sub-proofs by the thousand.
      if (lists_.count(a.text) || proofs_.count(a.text) || skolems_.size() >= kMaxNames) continue;
      try {  // a symbol of the problem, or a let name bound to a list: not a skolem
        ctx_.term(s, n.kids[k], names_);
        continue;
      } catch (const Failure&) {
      }
      Type ty;
      if (a.text.rfind("BOOLEAN_TERM_VARIABLE_", 0) == 0) {
        ty = Type::boolean();
      } else if (head.kind == smt::Node::Symbol && head.text == "select" && k == 2 && n.kids.size() == 3) {
        try {  // a read's index (cvc5's extensionality witness): the array's index sort
          Type arr = elaborate_quietly(s, n.kids[1]).type();
          if (!arr.is_var() && arr.name() == "array") ty = arr.args()[0];
        } catch (const Failure&) {
        }
      } else if (head.kind == smt::Node::Symbol && sort_giving(head.text)) {
        for (size_t j = head.text == "ite" ? 2 : 1; j < n.kids.size() && ty.is_null(); ++j) {
          if (j == k) continue;
          try {
            ty = elaborate_quietly(s, n.kids[j]).type();
          } catch (const Failure&) {
          }
        }
        if (!ty.is_null() && head.text != "=" && head.text != "distinct" && head.text != "ite" && ty == Type::boolean())
          ty = Type();
      }
      if (ty.is_null()) continue;  // tried again where it occurs next
      Term v = Term::var(a.text + "|cvc5", ty);
      names_[a.text] = v;
      skolems_.insert(v);
      added = true;
    }
  }
  return added;
}

bool Translator::define_skolem(const Term& phi) {
  Term l, r, c, a, b;
  // REMOVE_TERM_FORMULA_AXIOM's `ite c (k = a) (k = b)`: k := ite c a b.
  if (is_cond(phi, &c, &a, &b)) {
    Term k1, a1, k2, b1;
    if (!is_op(a, "=", &k1, &a1) || !is_op(b, "=", &k2, &b1) || k1 != k2) return false;
    if (!skolems_.count(k1) || defined_.count(k1) || mentions(c, k1) || mentions(a1, k1) || mentions(b1, k1)) return false;
    defined_.insert(k1);
    definitions_.push_back({k1, Term::comb(Term::comb(Term::comb(CondLemmas::cond(a1.type()), c), a1), b1), phi});
    return true;
  }
  if (!is_op(phi, "=", &l, &r)) return false;
  // THEORY_PREPROCESS's `mod a k = a - k * q` for q cvc5's intDiv_N: q := div a k (the
  // definition, INST'd at the end, then follows from INT_DIV_MOD by the arithmetic).
  Term ma, mk, sa, sb, pk, q;
  if (is_op(l, "int.mod", &ma, &mk) && is_op(r, "int.-", &sa, &sb) && sa == ma && is_op(sb, "int.*", &pk, &q) &&
      pk == mk && skolems_.count(q) && !defined_.count(q) && !mentions(ma, q) && !mentions(mk, q)) {
    defined_.insert(q);
    Term div = Term::constant(vocab(), "int.div", l.rator().rator().type());
    definitions_.push_back({q, Term::comb(Term::comb(div, ma), mk), phi});
    return true;
  }
  for (int side = 0; side < 2; ++side) {
    const Term& k = side ? r : l;
    const Term& t = side ? l : r;
    if (!skolems_.count(k) || defined_.count(k) || mentions(t, k)) continue;
    defined_.insert(k);
    definitions_.push_back({k, t, phi});
    return true;
  }
  return false;
}

bool Translator::mentions_undefined_skolem(const Term& t) const {
  return skolems_.size() != defined_.size() && mentions_skolem(t, true);
}

uint64_t Translator::settle_deferred(uint64_t fin) {
  lenient_ = true;  // over cvc5's names: a countermodel may contradict their definitions
  for (const DeferredStep& d : deferred_steps_) {
    std::vector<Node> defs = definitions_for({}, d.formula);
    uint64_t n = defs.empty() ? 0 : consequence(d.rule, defs, d.formula);
    if (n) ++stats_.justified[d.rule];
    else n = hole(d.formula, d.rule);
    fin = use_all({{n, d.formula}}, fin);
  }
  return fin;
}

bool Translator::mentions(const Term& t, const Term& v) {
  std::vector<Term> todo{t};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty() && seen.size() < 100000) {
    Term u = todo.back();
    todo.pop_back();
    if (u == v) return true;
    if (u.kind() != TermKind::Comb || !seen.insert(u).second) continue;
    todo.push_back(u.rator());
    todo.push_back(u.rand());
  }
  return false;
}

bool Translator::mentions_skolem(const Term& t, bool undefined_only) const {
  if (skolems_.empty()) return false;
  std::vector<Term> todo{t};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty() && seen.size() < 100000) {
    Term u = todo.back();
    todo.pop_back();
    if (u.kind() == TermKind::Var && skolems_.count(u) && !(undefined_only && defined_.count(u))) return true;
    if (u.kind() != TermKind::Comb || !seen.insert(u).second) continue;
    todo.push_back(u.rator());
    todo.push_back(u.rand());
  }
  return false;
}

std::vector<Node> Translator::definitions_for(const std::vector<Node>& p, const Term& phi) {
  std::vector<Node> out;
  for (const Definition& d : definitions_) {
    bool used = mentions(phi, d.name);
    for (const Node& n : p) used = used || mentions(n.phi, d.name);
    if (used && std::none_of(p.begin(), p.end(), [&](const Node& n) { return n.phi == d.formula; }))
      out.push_back({n_of(assume(d.formula), d.formula), d.formula});
  }
  return out;
}

uint64_t Translator::discharge_definitions(uint64_t fin) {
  // The last defined first: an earlier term may not mention a later name, but a later
  // term may mention an earlier one; each INST is carried into the terms and formulas
  // still to come.
  std::vector<Definition> ds = definitions_;
  for (size_t i = ds.size(); i-- > 0;) {
    std::vector<std::pair<Term, Term>> theta{{ds[i].name, ds[i].term}};
    fin = step("inst", {fin, term(ds[i].name), term(ds[i].term)});
    for (size_t j = 0; j <= i; ++j) ds[j].term = ds[j].term.subst(theta), ds[j].formula = ds[j].formula.subst(theta);
    Term l, r;
    const Term& d = ds[i].formula;
    if (is_op(d, "=", &l, &r) && l == r) {  // t = t
      fin = step("prove_hyp", {step("refl", {term(l)}), fin});
      continue;
    }
    // A conditional's definition `COND c (t = a) (t = b)` with t = COND c a b: the case split.
    uint64_t n = refute_negation(sink_, d, nullptr, 4096, 400, &theory_);
    if (!n) n = hole(d, "(skolem definition)");
    fin = step("prove_hyp", {step("not_intro", {term(d), fin}), n});
  }
  return fin;
}

}  // namespace hcert::cvc5
