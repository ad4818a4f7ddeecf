#include "rules/equality.hpp"

#include <unordered_set>

namespace hcert::rules {

Thm sym(const Thm& th) {
  // REFL l gives ⊢ l = l; MK_COMB (⊢ (=) = (=)) th gives A ⊢ (= l) = (= r); MK_COMB that
  // with ⊢ l = l gives A ⊢ (l = l) = (r = l); EQ_MP with ⊢ l = l gives A ⊢ r = l.
  const Term& c = th.concl();
  if (!c.is_eq()) throw KernelError("SYM: not an equation");
  Thm ll = Kernel::refl(th.env(), c.lhs());
  Thm eq = Kernel::refl(th.env(), c.rator().rator());
  return Kernel::eq_mp(Kernel::mk_comb(Kernel::mk_comb(eq, th), ll), ll);
}

Term fresh_var(const Term& t, Type ty) {
  std::unordered_set<std::string> taken;
  for (const Term& v : t.frees()) taken.insert(v.name());
  for (size_t i = 0;; ++i) {
    std::string n = "_" + std::to_string(i);
    if (!taken.count(n)) return Term::var(n, ty);
  }
}

Thm beta_conv(const Env& env, const Term& redex) {
  // BETA on (λx. t) v with v fresh, then INST v := u (v is not free in λx. t, so only the
  // right side changes).
  if (redex.is_null() || redex.kind() != TermKind::Comb || redex.rator().kind() != TermKind::Abs)
    throw KernelError("BETA_CONV: not a beta-redex");
  Term lam = redex.rator(), u = redex.rand();
  if (u.kind() == TermKind::Var) {
    try {
      return Kernel::beta(env, redex);
    } catch (const KernelError&) {
      // u is free in the abstraction: go through a fresh variable below.
    }
  }
  // The variable _0 is first tried as v: BETA refuses it if it is free in the abstraction
  // (a test that rarely visits the term), and only then are the free names collected, a
  // walk of the whole term that made a third of some Z3 checks' time.
  Term v = Term::var("_0", lam.bound_type());
  try {
    return Kernel::inst({{v, u}}, Kernel::beta(env, Term::comb(lam, v)));
  } catch (const KernelError&) {
  }
  v = fresh_var(lam, lam.bound_type());
  return Kernel::inst({{v, u}}, Kernel::beta(env, Term::comb(lam, v)));
}

Thm ap_term(const Term& f, const Thm& th) { return Kernel::mk_comb(Kernel::refl(th.env(), f), th); }

Thm ap_thm(const Thm& th, const Term& x) { return Kernel::mk_comb(th, Kernel::refl(th.env(), x)); }

Thm prove_hyp(const Thm& ap, const Thm& bq) {
  // DEDUCT_ANTISYM gives (A − {q}) ∪ (B − {p}) ⊢ p = q; EQ_MP with A ⊢ p adds A back.
  return Kernel::eq_mp(Kernel::deduct_antisym(ap, bq), ap);
}

}  // namespace hcert::rules
