#include "rules/sat.hpp"

#include <algorithm>
#include <unordered_map>

#include "rules/equality.hpp"

namespace hcert::rules {

static Type boolean() { return Type::boolean(); }

static bool is_neg(const Term& t) {
  return t.kind() == TermKind::Comb && t.rator().kind() == TermKind::Const && t.rator().name() == "~";
}

static bool is_disj(const Term& t) {
  return t.kind() == TermKind::Comb && t.rator().kind() == TermKind::Comb &&
         t.rator().rator().kind() == TermKind::Const && t.rator().rator().name() == "\\/";
}

Term complement(const Env& env, const Term& lit) {
  if (is_neg(lit)) return lit.rand();
  static const Term neg = Term::constant(env, "~", Type::fun(boolean(), boolean()));
  return Term::comb(neg, lit);
}

// {l, comp(l)} ⊢ F
static Thm contra(const BoolDefs& d, const Term& l) {
  Term c = complement(d.env(), l);
  return is_neg(l) ? not_elim(d, Kernel::assume(d.env(), l), Kernel::assume(d.env(), c)) : not_elim(d, Kernel::assume(d.env(), c), Kernel::assume(d.env(), l));
}

Thm clause_intro(const BoolDefs& d, const Thm& th) {
  const Term& c = th.concl();
  if (c.type() != boolean()) throw KernelError("CLAUSE_INTRO: not a proposition");
  static const Term f = Term::constant(d.env(), "F", boolean());
  if (c == f) return th;
  // The spine c = l1 \/ (l2 \/ …): subterms s_i = l_i \/ s_{i+1}, the last one a literal.
  std::vector<Term> spine{c};
  while (is_disj(spine.back())) spine.push_back(spine.back().rand());
  // S = {s_i} ∪ comps(l_i … l_k) ⊢ F, built from the last literal outwards.
  Thm s = contra(d, spine.back());
  for (size_t i = spine.size() - 1; i-- > 0;) {
    Term li = spine[i].rator().rand();
    s = disj_cases(d, Kernel::assume(d.env(), spine[i]), contra(d, li), s);
  }
  return prove_hyp(th, s);
}

Thm resolve(const BoolDefs& d, const Thm& pos, const Thm& neg, const Term& x) {
  static const Term f = Term::constant(d.env(), "F", boolean());
  if (pos.concl() != f || neg.concl() != f) throw KernelError("RESOLVE: premises must conclude F");
  if (x.kind() != TermKind::Var) throw KernelError("RESOLVE: the pivot must be a variable");
  Term nx = complement(d.env(), x);
  auto has = [](const Thm& th, const Term& h) {
    return std::find(th.hyps().begin(), th.hyps().end(), h) != th.hyps().end();
  };
  if (!has(pos, x)) throw KernelError("RESOLVE: the first premise has no hypothesis for the pivot");
  if (!has(neg, nx)) throw KernelError("RESOLVE: the second premise has no hypothesis for the negated pivot");
  return prove_hyp(not_intro(d, x, pos), neg);
}

// x ↦ (x, +1) and ~x ↦ (x, −1) for a boolean variable x; false for any other term.
static bool literal(const Term& t, Term& var, int& sign) {
  auto is_bool_var = [](const Term& v) { return v.kind() == TermKind::Var && v.type() == boolean(); };
  if (is_bool_var(t)) return var = t, sign = 1, true;
  if (is_neg(t) && is_bool_var(t.rand())) return var = t.rand(), sign = -1, true;
  return false;
}

Thm rup(const BoolDefs& d, const std::vector<Term>& s, const std::vector<const Thm*>& hints) {
  static const Term f = Term::constant(d.env(), "F", boolean());
  std::unordered_map<Term, int, TermHash> value;  // variable -> +1 (true) or -1 (false)
  for (const Term& t : s) {
    Term v;
    int sign;
    if (t.is_null() || !literal(t, v, sign)) throw KernelError("RUP: the clause holds a term that is not a literal");
    auto [it, fresh] = value.emplace(v, sign);
    if (!fresh && it->second != sign) throw KernelError("RUP: the clause is a tautology (it has x and ~x)");
  }
  auto is_true = [&](const Term& h) {
    Term v;
    int sign;
    if (!literal(h, v, sign)) return true;  // background
    auto it = value.find(v);
    return it != value.end() && it->second == sign;
  };
  struct Unit {
    Term var;
    int unit_sign;  // the sign of the hint's hypothesis on var (that literal became false)
    const Thm* reason;
  };
  std::vector<Unit> trail;
  std::unordered_map<Term, size_t, TermHash> pos;  // propagated variable -> trail position
  const Thm* conflict = nullptr;
  for (size_t i = 0; i < hints.size() && !conflict; ++i) {
    const Thm* h = hints[i];
    if (!h || h->concl() != f) throw KernelError("RUP: hint " + std::to_string(i + 1) + " does not conclude F");
    std::vector<Term> open;
    for (const Term& hyp : h->hyps())
      if (!is_true(hyp)) open.push_back(hyp);
    if (open.empty()) { conflict = h; break; }
    if (open.size() > 1) throw KernelError("RUP: hint " + std::to_string(i + 1) + " is not unit");
    Term v;
    int sign;
    literal(open[0], v, sign);
    if (value.count(v)) continue;  // its literal is false: satisfied
    value[v] = -sign;
    pos[v] = trail.size();
    trail.push_back({v, sign, h});
  }
  if (!conflict) throw KernelError("RUP: the hints lead to no conflict");
  std::vector<bool> need(trail.size(), false);
  auto needs = [&](const Thm& h) {
    for (const Term& hyp : h.hyps()) {
      Term v;
      int sign;
      if (!literal(hyp, v, sign)) continue;
      auto it = pos.find(v);
      if (it != pos.end() && is_true(hyp)) need[it->second] = true;
    }
  };
  Thm cur = *conflict;
  needs(cur);
  for (size_t t = trail.size(); t-- > 0;) {
    if (!need[t]) continue;
    const Unit& u = trail[t];
    // The reason holds u.var when unit_sign > 0 (then the running theorem holds ~var).
    cur = u.unit_sign > 0 ? resolve(d, *u.reason, cur, u.var) : resolve(d, cur, *u.reason, u.var);
    needs(*u.reason);
  }
  for (const Term& t : s)
    if (std::find(cur.hyps().begin(), cur.hyps().end(), t) == cur.hyps().end()) cur = prove_hyp(Kernel::assume(d.env(), t), cur);
  return cur;
}

}  // namespace hcert::rules
