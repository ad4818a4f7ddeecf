#include "rules/sat.hpp"

#include <algorithm>

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

Term complement(const Term& lit) {
  if (is_neg(lit)) return lit.rand();
  static const Term neg = Term::constant("~", Type::fun(boolean(), boolean()));
  return Term::comb(neg, lit);
}

// {l, comp(l)} ⊢ F
static Thm contra(const BoolDefs& d, const Term& l) {
  Term c = complement(l);
  return is_neg(l) ? not_elim(d, Kernel::assume(l), Kernel::assume(c)) : not_elim(d, Kernel::assume(c), Kernel::assume(l));
}

Thm clause_intro(const BoolDefs& d, const Thm& th) {
  const Term& c = th.concl();
  if (c.type() != boolean()) throw KernelError("CLAUSE_INTRO: not a proposition");
  static const Term f = Term::constant("F", boolean());
  if (c == f) return th;
  // The spine c = l1 \/ (l2 \/ …): subterms s_i = l_i \/ s_{i+1}, the last one a literal.
  std::vector<Term> spine{c};
  while (is_disj(spine.back())) spine.push_back(spine.back().rand());
  // S = {s_i} ∪ comps(l_i … l_k) ⊢ F, built from the last literal outwards.
  Thm s = contra(d, spine.back());
  for (size_t i = spine.size() - 1; i-- > 0;) {
    Term li = spine[i].rator().rand();
    s = disj_cases(d, Kernel::assume(spine[i]), contra(d, li), s);
  }
  return prove_hyp(th, s);
}

Thm resolve(const BoolDefs& d, const Thm& pos, const Thm& neg, const Term& x) {
  static const Term f = Term::constant("F", boolean());
  if (pos.concl() != f || neg.concl() != f) throw KernelError("RESOLVE: premises must conclude F");
  if (x.kind() != TermKind::Var) throw KernelError("RESOLVE: the pivot must be a variable");
  Term nx = complement(x);
  auto has = [](const Thm& th, const Term& h) {
    return std::find(th.hyps().begin(), th.hyps().end(), h) != th.hyps().end();
  };
  if (!has(pos, x)) throw KernelError("RESOLVE: the first premise has no hypothesis for the pivot");
  if (!has(neg, nx)) throw KernelError("RESOLVE: the second premise has no hypothesis for the negated pivot");
  return prove_hyp(not_intro(d, x, pos), neg);
}

}  // namespace hcert::rules
