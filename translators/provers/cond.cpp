#include "translators/provers/cond.hpp"

#include <stdexcept>

#include "trusted/outcome.hpp"
#include "formats/hol_text.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::provers {

Term CondLemmas::cond(const Type& ty) {
  Type B = Type::boolean();
  return Term::constant(vocab(), "COND", Type::fun(B, Type::fun(ty, Type::fun(ty, ty))));
}

const Pf& CondLemmas::get(const Type& ty, bool which) {
  auto key = std::make_pair(text::print(ty), which);
  if (auto it = done_.find(key); it != done_.end()) return it->second;
  auto def = vocab().fact("COND"), sel = vocab().fact("SELECT_AX");
  if (!def || !sel) throw std::runtime_error("the core theory has no COND or SELECT_AX");
  Type B = Type::boolean(), A = Type::var("A");
  TypeSubst theta{{A, ty}};
  Term T = Term::constant(vocab(), "T", B), F = Term::constant(vocab(), "F", B), c = which ? T : F, xv = x(ty), yv = y(ty);
  // ⊢ COND c x y = @P, P = λz. ((c = T) ==> z = x) /\ ((c = F) ==> z = y)
  Pf e = L_.inst_type(L_.fact("COND", def->concl()), theta);
  for (const Term& a : {c, xv, yv}) {
    Pf app = L_.ap_thm(e, a);
    e = L_.trans(app, L_.beta_conv(app.concl.rhs()));
  }
  Term P = e.concl.rhs().rand();
  // P w for the witness w (x when c is T, y when c is F): the other implication's premise
  // (T = F or F = T) gives F, hence anything.
  Term w = which ? xv : yv, other = which ? yv : xv;
  Pf refl_w = L_.disch(Term::eq(c, c), L_.refl(w));
  Term bad = which ? Term::eq(T, F) : Term::eq(F, T);
  Pf f = L_.eq_mp(which ? L_.assume(bad) : L_.sym(L_.assume(bad)), L_.truth());
  Pf absurd = L_.disch(bad, L_.contr(Term::eq(w, other), f));
  Pf body = which ? L_.conj(refl_w, absurd) : L_.conj(absurd, refl_w);
  Pf pw = L_.eq_mp(L_.sym(L_.beta_conv(Term::comb(P, w))), body);
  // SELECT_AX: P w ==> P (@P); the branch for c gives @P = w.
  Pf s = L_.inst_type(L_.fact("SELECT_AX", sel->concl()), theta);
  s = L_.mp(L_.spec(w, L_.spec(P, s)), pw);
  Pf open = L_.eq_mp(L_.beta_conv(s.concl), s);
  Pf branch = which ? L_.conjunct1(open) : L_.conjunct2(open);
  Pf chosen = L_.mp(branch, L_.refl(c));  // @P = w
  return done_.emplace(key, L_.trans(e, chosen)).first->second;
}

}  // namespace hcert::provers
