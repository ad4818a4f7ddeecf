#include "rules/bool.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rules/equality.hpp"

namespace hcert::rules {

struct Lemmas {
  std::optional<Thm> disj_l, disj_r;  // {p} ⊢ p \/ q,  {q} ⊢ p \/ q
  std::optional<Thm> contr;           // {F} ⊢ p
  std::optional<Thm> neg_eqf;         // {~p} ⊢ p = F
  std::optional<Thm> eqf_neg;         // {F = p} ⊢ ~p
  std::optional<Thm> conj, conj1;     // {p, q} ⊢ p /\ q,  {p /\ q} ⊢ p
  std::optional<Thm> imp_def;         // ⊢ (p ==> q) = ((p /\ q) = p)
  std::optional<Thm> imp;             // {p ==> q, p} ⊢ q
  std::optional<Thm> cases;           // {p \/ q, p ==> r, q ==> r} ⊢ r
  // FORALL_DEF at each type a bound variable had (INST_TYPE walks the whole definition,
  // 18 k instructions, once per SPEC or GEN before), and per type the SPEC lemma
  // {(!) P} ⊢ P x (P : ty->bool, x : ty). A check meets a handful of types: a list.
  std::vector<std::pair<Type, Thm>> forall_at, spec_at;
};

namespace {

// Each lemma is derived on its first use, not all on the first use of any: a check that
// never splits a disjunction (a difference-logic trace) then never pays DISJ1's and
// DISJ2's ~235 inferences each or DISJ_CASES's, which were a tenth of a small check's time.
Lemmas& lemma_slots(const BoolDefs& d) {
  if (!d.lemmas) const_cast<BoolDefs&>(d).lemmas = std::make_shared<Lemmas>();
  return *d.lemmas;
}

bool is_prop(const Term& t) { return !t.is_null() && t.type() == Type::boolean(); }

// The constant c that a definition ⊢ c = t defines.
Term constant_of(const Thm& def) { return def.concl().lhs(); }

Term mk_binop(const Thm& def, const Term& a, const Term& b) {
  return Term::comb(Term::comb(constant_of(def), a), b);
}

// Is t the application c a b of the constant defined by def? Then sets a and b.
bool dest_binop(const Thm& def, const Term& t, Term& a, Term& b) {
  if (t.kind() != TermKind::Comb || t.rator().kind() != TermKind::Comb ||
      t.rator().rator() != constant_of(def))
    return false;
  a = t.rator().rand();
  b = t.rand();
  return true;
}

// Is t the application c a of the constant defined by def? Then sets a.
bool dest_unop(const Thm& def, const Term& t, Term& a) {
  if (t.kind() != TermKind::Comb || t.rator() != constant_of(def)) return false;
  a = t.rand();
  return true;
}

//  ⊢ c = λx. t   gives   ⊢ c a = t[a]        (MK_COMB with REFL a, then BETA_CONV and TRANS)
Thm unfold1(const Thm& def, const Term& a) {
  Thm th = Kernel::mk_comb(def, Kernel::refl(def.env(), a));
  return Kernel::trans(th, beta_conv(def.env(), th.concl().rhs()));
}

//  ⊢ c = λx y. t   gives   ⊢ c a b = t[a, b]    (unfold1 twice)
Thm unfold2(const Thm& def, const Term& a, const Term& b) {
  Thm th = Kernel::mk_comb(unfold1(def, a), Kernel::refl(def.env(), b));
  return Kernel::trans(th, beta_conv(def.env(), th.concl().rhs()));
}

//  B ⊢ l = r    A ⊢ r   gives   A ∪ B ⊢ l    (EQ_MP with SYM)
Thm eq_mp_back(const Thm& lr, const Thm& r) { return Kernel::eq_mp(sym(lr), r); }

//  A ⊢ c   gives   A ∪ {h} ⊢ c:  DEDUCT_ANTISYM (ASSUME h) gives (A − {h}) ∪ ({h} − {c}) ⊢ h = c,
//  and EQ_MP with ASSUME h puts h back in any case.
Thm add_hyp(const Term& h, const Thm& th) {
  Thm a = Kernel::assume(th.env(), h);
  return Kernel::eq_mp(Kernel::deduct_antisym(a, th), a);
}

// The theorem kept in `kept` for type ty, made by `make` on the type's first use.
template <class Make>
Thm kept_at(std::vector<std::pair<Type, Thm>>& kept, const Type& ty, Make make) {
  for (const auto& [t, th] : kept)
    if (t == ty) return th;
  kept.emplace_back(ty, make());
  return kept.back().second;
}

// FORALL_DEF at the type ty of the bound variable: ⊢ (!) = λP:ty->bool. P = (λx. T).
// Made once per type and kept in the lemmas.
Thm forall_at(const BoolDefs& d, const Type& ty) {
  Type a = constant_of(d.forall_def).type().dom().dom();
  if (a == ty) return d.forall_def;
  return kept_at(lemma_slots(d).forall_at, ty, [&] { return Kernel::inst_type({{a, ty}}, d.forall_def); });
}

// The derivations below take what a caller already has (⊢ T) so that a rule built from
// several others derives it once.

//  A ⊢ p = T   gives   A ⊢ p:  TRANS with T_DEF gives A ⊢ p = X, where ⊢ X is REFL (λp. p);
//  SYM and EQ_MP.
Thm eqt_elim_(const BoolDefs& d, const Thm& th) {
  Thm px = Kernel::trans(th, d.t_def);
  return Kernel::eq_mp(sym(px), Kernel::refl(d.env(), d.t_def.concl().rhs().lhs()));
}

//  ⊢ T /\ T: unfold to (λf. f T T) = (λf. f T T), which is REFL.
Thm and_truth(const BoolDefs& d) {
  Term t = constant_of(d.t_def);
  Thm u = unfold2(d.and_def, t, t);
  return eq_mp_back(u, Kernel::refl(d.env(), u.concl().rhs().lhs()));
}

//  DEDUCT_ANTISYM with ⊢ T gives A − {T} ⊢ T = p and B − {T} ⊢ T = q; MK_COMB gives
//  ⊢ T /\ T = p /\ q; EQ_MP with ⊢ T /\ T. T is put back if DEDUCT_ANTISYM removed it.
Thm conj_(const BoolDefs& d, const Thm& tt, const Thm& a, const Thm& b) {
  Thm tp = Kernel::deduct_antisym(tt, a);
  Thm tq = Kernel::deduct_antisym(tt, b);
  Thm e = Kernel::mk_comb(Kernel::mk_comb(Kernel::refl(d.env(), constant_of(d.and_def)), tp), tq);
  Thm r = Kernel::eq_mp(e, and_truth(d));
  if (tp.hyps().size() != a.hyps().size() || tq.hyps().size() != b.hyps().size())
    r = add_hyp(tt.concl(), r);
  return r;
}

//  A ⊢ p /\ q unfolds to A ⊢ (λf. f p q) = (λf. f T T); AP_THM with the selector
//  s = λx y. x (or y) and BETA on both sides give A ⊢ (λf. f p q) s = T and ⊢ (λf. f p q) s = p
//  (or q); EQT_ELIM and EQ_MP. The beta steps are done once on variables x, y and
//  instantiated twice.
Thm conjunct_(const BoolDefs& d, const Thm& th, bool first, const char* rule) {
  Term p, q;
  if (!dest_binop(d.and_def, th.concl(), p, q))
    throw KernelError(std::string(rule) + ": not a conjunction");
  Thm pq = Kernel::eq_mp(unfold2(d.and_def, p, q), th);
  Type b = Type::boolean();
  Term x = Term::var("x", b), y = Term::var("y", b);
  Term lxy = d.and_def.concl().rhs().open(x).open(y).lhs();  // λf. f x y
  Term sel = Term::abs(x, Term::abs(y, first ? x : y));
  // ⊢ (λf. f x y) s = x (or y)
  Thm c1 = beta_conv(d.env(), Term::comb(lxy, sel));                    // ... = s x y
  Thm c2 = Kernel::mk_comb(Kernel::beta(d.env(), Term::comb(sel, x)), Kernel::refl(d.env(), y));  // s x y = (λb. _) y
  Thm chain = Kernel::trans(c1, Kernel::trans(c2, Kernel::beta(d.env(), c2.concl().rhs())));
  Term t = constant_of(d.t_def);
  Thm cp = Kernel::inst({{x, p}, {y, q}}, chain);  // ⊢ (λf. f p q) s = p (or q)
  Thm ct = Kernel::inst({{x, t}, {y, t}}, chain);  // ⊢ (λf. f T T) s = T
  Thm st = Kernel::trans(ap_thm(pq, sel), ct);     // A ⊢ (λf. f p q) s = T
  return Kernel::eq_mp(cp, eqt_elim_(d, st));
}

//  A ⊢ p ==> q unfolds to A ⊢ (p /\ q) = p; EQ_MP backwards with B ⊢ p; CONJUNCT2.
Thm mp_(const BoolDefs& d, const Thm& pq, const Thm& p, const char* rule) {
  Term a, b;
  if (!dest_binop(d.imp_def, pq.concl(), a, b))
    throw KernelError(std::string(rule) + ": not an implication");
  if (a != p.concl()) throw KernelError(std::string(rule) + ": antecedent does not match");
  Thm ab = eq_mp_back(Kernel::eq_mp(unfold2(d.imp_def, a, b), pq), p);  // A ∪ B ⊢ a /\ b
  return conjunct_(d, ab, false, rule);
}

//  CONJ (ASSUME p) th gives {p} ∪ A ⊢ p /\ q; CONJUNCT1 (ASSUME (p /\ q)) gives
//  {p /\ q} ⊢ p; DEDUCT_ANTISYM gives A − {p} ⊢ (p /\ q) = p; fold ==>.
Thm disch_(const BoolDefs& d, const Thm& tt, const Term& p, const Thm& th, const char* rule) {
  if (!is_prop(p)) throw KernelError(std::string(rule) + ": not a proposition");
  Thm pq = conj_(d, tt, Kernel::assume(d.env(), p), th);
  Thm pp = conjunct_(d, Kernel::assume(d.env(), pq.concl()), true, rule);
  return eq_mp_back(unfold2(d.imp_def, p, th.concl()), Kernel::deduct_antisym(pq, pp));
}

//  ASSUME (!) P unfolds to {(!) P} ⊢ P = (λx. T); AP_THM x and BETA give {(!) P} ⊢ P x = T;
//  EQT_ELIM: the SPEC lemma {(!) P} ⊢ P x at the type ty of x, made once per type.
Thm spec_lemma(const BoolDefs& d, const Thm& fdef, const Type& ty) {
  return kept_at(lemma_slots(d).spec_at, ty, [&] {
    Term pv = Term::var("P", Type::fun(ty, Type::boolean())), xv = Term::var("x", ty);
    Thm pt = ap_thm(Kernel::eq_mp(unfold1(fdef, pv), Kernel::assume(d.env(), Term::comb(constant_of(fdef), pv))), xv);
    Thm st = Kernel::trans(pt, beta_conv(d.env(), pt.concl().rhs()));  // {(!) P} ⊢ P x = T
    return eqt_elim_(d, st);
  });
}

//  A ⊢ (!) (λx. p): the SPEC lemma at P := λx. p, x := t gives {(!) (λx. p)} ⊢ (λx. p) t;
//  PROVE_HYP with A ⊢ (!) (λx. p) leaves exactly A; EQ_MP with BETA_CONV (λx. p) t.
Thm spec_(const BoolDefs& d, const Term& t, const Thm& th, const char* rule) {
  const Term& c = th.concl();
  if (c.kind() != TermKind::Comb || c.rand().kind() != TermKind::Abs)
    throw KernelError(std::string(rule) + ": not a universal quantification");
  Term lam = c.rand();
  Type ty = lam.bound_type();
  Thm fdef = forall_at(d, ty);
  if (c.rator() != constant_of(fdef))
    throw KernelError(std::string(rule) + ": not a universal quantification");
  if (t.is_null() || t.type() != ty)
    throw KernelError(std::string(rule) + ": term does not have the type of the bound variable");
  Term pv = Term::var("P", Type::fun(ty, Type::boolean())), xv = Term::var("x", ty);
  Thm pt = prove_hyp(th, Kernel::inst({{pv, lam}, {xv, t}}, spec_lemma(d, fdef, ty)));  // A ⊢ (λx. p) t
  return Kernel::eq_mp(beta_conv(d.env(), pt.concl()), pt);
}

//  DEDUCT_ANTISYM with ⊢ T gives A ⊢ p = T; ABS x gives A ⊢ (λx. p) = (λx. T); fold !.
Thm gen_(const BoolDefs& d, const Thm& tt, const Term& x, const Thm& th, const char* rule) {
  if (x.is_null() || x.kind() != TermKind::Var)
    throw KernelError(std::string(rule) + ": not a variable");
  Thm pt = Kernel::deduct_antisym(th, tt);  // A − {T} ⊢ p = T
  std::optional<Thm> ab;
  try {
    ab = Kernel::abs(x, pt);
  } catch (const KernelError&) {
    throw KernelError(std::string(rule) + ": variable " + x.name() + " is free in the hypotheses");
  }
  Thm r = eq_mp_back(unfold1(forall_at(d, x.type()), ab->concl().lhs()), *ab);
  if (pt.hyps().size() != th.hyps().size()) r = add_hyp(tt.concl(), r);
  return r;
}

//  {p ==> r, p} ⊢ r by MP (or {q ==> r, q} ⊢ r); DISCH q ==> r, DISCH p ==> r, GEN r
//  (r a variable not free in p or q); fold \/; PROVE_HYP with A ⊢ p (or q).
Thm disj_with(const BoolDefs& d, const Term& p, const Term& q, const Thm& th, bool left, const Term& r) {
  Term pr = mk_binop(d.imp_def, p, r), qr = mk_binop(d.imp_def, q, r);
  Thm tt = truth(d);
  const char* rule = left ? "DISJ1" : "DISJ2";
  Thm t1 = mp_(d, Kernel::assume(d.env(), left ? pr : qr), Kernel::assume(d.env(), left ? p : q), rule);
  Thm t2 = disch_(d, tt, pr, disch_(d, tt, qr, t1, rule), rule);
  Thm t3 = gen_(d, tt, r, t2, rule);
  return prove_hyp(th, eq_mp_back(unfold2(d.or_def, p, q), t3));
}
// r is first the variable _0: if it is free in p or q, a kernel rule refuses a step (GEN
// or the fold) and the derivation is made again with a fresh r, whose choice walks p and q.
Thm disj_(const BoolDefs& d, const Term& p, const Term& q, const Thm& th, bool left) {
  Type b = Type::boolean();
  try {
    return disj_with(d, p, q, th, left, Term::var("_0", b));
  } catch (const KernelError&) {
  }
  return disj_with(d, p, q, th, left, fresh_var(mk_binop(d.or_def, p, q), b));
}

// OR_DEF unfolds A ⊢ p \/ q to A ⊢ !r. (p ==> r) ==> (q ==> r) ==> r; SPEC r; MP with
// DISCH p (B ⊢ r) and DISCH q (C ⊢ r).
Thm disj_cases_slow(const BoolDefs& d, const Term& p, const Term& q, const Thm& pq, const Thm& r1, const Thm& r2) {
  Thm tt = truth(d);
  Thm all = spec_(d, r1.concl(), Kernel::eq_mp(unfold2(d.or_def, p, q), pq), "DISJ_CASES");
  Thm left = disch_(d, tt, p, r1, "DISJ_CASES");
  Thm right = disch_(d, tt, q, r2, "DISJ_CASES");
  return mp_(d, mp_(d, all, left, "DISJ_CASES"), right, "DISJ_CASES");
}
}  // namespace

BoolDefs BoolDefs::from_core(const Env& env) {
  auto fact = [&](const char* name) {
    std::optional<Thm> th = env.fact(name);
    if (!th)
      throw KernelError(std::string("BoolDefs: the core theory is not loaded (no definition of ") +
                        name + ")");
    return *th;
  };
  return BoolDefs{fact("T"), fact("/\\"), fact("==>"), fact("!"), fact("\\/"), fact("F"), fact("~"), nullptr};
}

// REFL (λp. p) proves the right side of T_DEF: ⊢ T = ((λp. p) = (λp. p)); SYM and EQ_MP.
Thm truth(const BoolDefs& d) {
  return Kernel::eq_mp(sym(d.t_def), Kernel::refl(d.env(), d.t_def.concl().rhs().lhs()));
}

// DEDUCT_ANTISYM th TRUTH gives A − {T} ⊢ p = T; T is put back if it was in A.
Thm eqt_intro(const BoolDefs& d, const Thm& th) {
  Thm tt = truth(d);
  Thm r = Kernel::deduct_antisym(th, tt);
  if (r.hyps().size() != th.hyps().size()) r = add_hyp(tt.concl(), r);
  return r;
}

Thm eqt_elim(const BoolDefs& d, const Thm& th) {
  const Term& c = th.concl();
  if (!c.is_eq() || c.rhs() != constant_of(d.t_def))
    throw KernelError("EQT_ELIM: not an equation with right side T");
  return eqt_elim_(d, th);
}

Thm conj(const BoolDefs& d, const Thm& a, const Thm& b) { return conj_(d, truth(d), a, b); }

Thm conjunct1(const BoolDefs& d, const Thm& th) { return conjunct_(d, th, true, "CONJUNCT1"); }

Thm conjunct2(const BoolDefs& d, const Thm& th) { return conjunct_(d, th, false, "CONJUNCT2"); }


Thm spec(const BoolDefs& d, const Term& t, const Thm& th) { return spec_(d, t, th, "SPEC"); }

Thm gen(const BoolDefs& d, const Term& x, const Thm& th) {
  if (x.is_null() || x.kind() != TermKind::Var) throw KernelError("GEN: not a variable");
  return gen_(d, truth(d), x, th, "GEN");
}

// Why lemmas: DISJ1/DISJ2 from OR_DEF cost ~235 inferences, NOT_INTRO ~90, NOT_ELIM ~53,
// and a Z3 clause of n literals needs up to n of them per use. Each lemma below is
// derived once by the slow route from the definitions (and again if BoolDefs changes),
// then a call is INST (touching only the lemma's few nodes) and PROVE_HYP / EQ_MP /
// DEDUCT_ANTISYM: a handful of inferences, with exactly the documented hypotheses.
namespace {
// NOT_DEF unfolds A ⊢ ~p to A ⊢ p ==> F; MP.
Thm not_elim_slow(const BoolDefs& d, const Thm& np, const Thm& p) {
  Term a;
  if (!dest_unop(d.not_def, np.concl(), a)) throw KernelError("NOT_ELIM: not a negation");
  if (a != p.concl()) throw KernelError("NOT_ELIM: theorems do not agree");
  return mp_(d, Kernel::eq_mp(unfold1(d.not_def, a), np), p, "NOT_ELIM");
}

// DISCH p gives A − {p} ⊢ p ==> F; fold ~.
Thm not_intro_slow(const BoolDefs& d, const Term& p, const Thm& th) {
  if (!is_prop(p)) throw KernelError("NOT_INTRO: not a proposition");
  if (th.concl() != constant_of(d.f_def)) throw KernelError("NOT_INTRO: conclusion is not F");
  return eq_mp_back(unfold1(d.not_def, p), disch_(d, truth(d), p, th, "NOT_INTRO"));
}

// F_DEF turns A ⊢ F into A ⊢ !p. p; SPEC p.
Thm contr_slow(const BoolDefs& d, const Term& p, const Thm& th) {
  if (!is_prop(p)) throw KernelError("CONTR: not a proposition");
  if (th.concl() != constant_of(d.f_def)) throw KernelError("CONTR: conclusion is not F");
  return spec_(d, p, Kernel::eq_mp(d.f_def, th), "CONTR");
}

}  // namespace

namespace {
Term pv() { return Term::var("p", Type::boolean()); }
Term qv() { return Term::var("q", Type::boolean()); }
Term rv() { return Term::var("r", Type::boolean()); }
// Each lemma is derived on its first use, not all on the first use of any: a check that
// never splits a disjunction (a difference-logic trace) then never pays DISJ1's and
// DISJ2's ~235 inferences each or DISJ_CASES's, which were a tenth of a small check's time.
template <class Derive> const Thm& once(std::optional<Thm>& slot, Derive derive) {
  if (!slot) slot = derive();
  return *slot;
}
Term falsity(const BoolDefs& d) { return constant_of(d.f_def); }
Thm assumed(const BoolDefs& d, const Term& p) { return Kernel::assume(d.env(), p); }

const Thm& disj_lemma(const BoolDefs& d, bool left) {
  Lemmas& l = lemma_slots(d);
  return once(left ? l.disj_l : l.disj_r, [&] {
    return disj_(d, pv(), qv(), assumed(d, left ? pv() : qv()), left);
  });
}
const Thm& contr_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).contr, [&] { return contr_slow(d, pv(), assumed(d, falsity(d))); });
}
// {~p, p} ⊢ F and {F} ⊢ p give {~p} ⊢ F = p.
const Thm& neg_eqf_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).neg_eqf, [&] {
    Term p = pv();
    return sym(Kernel::deduct_antisym(not_elim_slow(d, assumed(d, Term::comb(constant_of(d.not_def), p)), assumed(d, p)),
                                      contr_lemma(d)));
  });
}
// {F = p, p} ⊢ F, then NOT_INTRO p.
const Thm& eqf_neg_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).eqf_neg, [&] {
    Term p = pv();
    return not_intro_slow(d, p, Kernel::eq_mp(sym(assumed(d, Term::eq(falsity(d), p))), assumed(d, p)));
  });
}
const Thm& conj_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).conj, [&] { return conj_(d, truth(d), assumed(d, pv()), assumed(d, qv())); });
}
const Thm& conj1_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).conj1,
              [&] { return conjunct_(d, assumed(d, conj_lemma(d).concl()), true, "CONJUNCT1"); });
}
const Thm& imp_def_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).imp_def, [&] { return unfold2(d.imp_def, pv(), qv()); });
}
const Thm& imp_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).imp, [&] {
    return mp_(d, assumed(d, imp_def_lemma(d).concl().lhs()), assumed(d, pv()), "MP");
  });
}
// {p ==> r, p} ⊢ r and {q ==> r, q} ⊢ r by cases on {p \/ q} ⊢ p \/ q.
const Thm& cases_lemma(const BoolDefs& d) {
  return once(lemma_slots(d).cases, [&] {
    Term p = pv(), q = qv(), r = rv(), pr = mk_binop(d.imp_def, p, r), qr = mk_binop(d.imp_def, q, r);
    return disj_cases_slow(d, p, q, assumed(d, mk_binop(d.or_def, p, q)),
                           mp_(d, assumed(d, pr), assumed(d, p), "DISJ_CASES"),
                           mp_(d, assumed(d, qr), assumed(d, q), "DISJ_CASES"));
  });
}
Thm disj_by_lemma(const BoolDefs& d, const Term& p, const Term& q, const Thm& th, bool left) {
  return prove_hyp(th, Kernel::inst({{pv(), p}, {qv(), q}}, disj_lemma(d, left)));
}
}  // namespace

//  Instantiates {p ==> q, p} ⊢ q and discharges both hypotheses (2 PROVE_HYPs) unless a
//  premise's hypotheses contain the other's conclusion, where that would drop it: then the
//  derivation from the definition.
Thm mp(const BoolDefs& d, const Thm& pq, const Thm& p) {
  Term a, b;
  if (!dest_binop(d.imp_def, pq.concl(), a, b)) throw KernelError("MP: not an implication");
  if (a != p.concl()) throw KernelError("MP: antecedent does not match");
  auto has = [](const Thm& th, const Term& h) { return std::find(th.hyps().begin(), th.hyps().end(), h) != th.hyps().end(); };
  if (has(pq, a) || has(p, pq.concl())) return mp_(d, pq, p, "MP");
  Thm l = Kernel::inst({{pv(), a}, {qv(), b}}, imp_lemma(d));
  return prove_hyp(p, prove_hyp(pq, l));
}

//  {p} ∪ A ⊢ p /\ q (the CONJ lemma, PROVE_HYP) and {p /\ q} ⊢ p (CONJUNCT1 lemma) give
//  A − {p} ⊢ (p /\ q) = p by DEDUCT_ANTISYM; EQ_MP with the definition's instance folds ==>.
Thm disch(const BoolDefs& d, const Term& p, const Thm& th) {
  if (!is_prop(p)) throw KernelError("DISCH: not a proposition");
  Term q = th.concl();
  Thm pq = prove_hyp(th, Kernel::inst({{pv(), p}, {qv(), q}}, conj_lemma(d)));
  Thm pp = Kernel::inst({{pv(), p}, {qv(), q}}, conj1_lemma(d));
  return Kernel::eq_mp(sym(Kernel::inst({{pv(), p}, {qv(), q}}, imp_def_lemma(d))), Kernel::deduct_antisym(pq, pp));
}

//  A ⊢ ~p, B ⊢ p: PROVE_HYP into {~p} ⊢ p = F, then EQ_MP.
Thm not_elim(const BoolDefs& d, const Thm& np, const Thm& p) {
  Term a;
  if (!dest_unop(d.not_def, np.concl(), a)) throw KernelError("NOT_ELIM: not a negation");
  if (a != p.concl()) throw KernelError("NOT_ELIM: theorems do not agree");
  return Kernel::eq_mp(prove_hyp(np, Kernel::inst({{pv(), a}}, neg_eqf_lemma(d))), p);
}

//  A ⊢ F and {F} ⊢ p give A − {p} ⊢ F = p (DEDUCT_ANTISYM); PROVE_HYP into {F = p} ⊢ ~p.
Thm not_intro(const BoolDefs& d, const Term& p, const Thm& th) {
  if (!is_prop(p)) throw KernelError("NOT_INTRO: not a proposition");
  if (th.concl() != constant_of(d.f_def)) throw KernelError("NOT_INTRO: conclusion is not F");
  Thm fp = Kernel::inst({{pv(), p}}, contr_lemma(d));
  return prove_hyp(Kernel::deduct_antisym(th, fp), Kernel::inst({{pv(), p}}, eqf_neg_lemma(d)));
}

//  A ⊢ F: PROVE_HYP into {F} ⊢ p.
Thm contr(const BoolDefs& d, const Term& p, const Thm& th) {
  if (!is_prop(p)) throw KernelError("CONTR: not a proposition");
  if (th.concl() != constant_of(d.f_def)) throw KernelError("CONTR: conclusion is not F");
  return prove_hyp(th, Kernel::inst({{pv(), p}}, contr_lemma(d)));
}

Thm disj1(const BoolDefs& d, const Thm& th, const Term& q) {
  if (!is_prop(q)) throw KernelError("DISJ1: not a proposition");
  if (!is_prop(th.concl())) throw KernelError("DISJ1: not a proposition");
  return disj_by_lemma(d, th.concl(), q, th, true);
}

Thm disj2(const BoolDefs& d, const Term& p, const Thm& th) {
  if (!is_prop(p)) throw KernelError("DISJ2: not a proposition");
  if (!is_prop(th.concl())) throw KernelError("DISJ2: not a proposition");
  return disj_by_lemma(d, p, th.concl(), th, false);
}


// DISCH p (B ⊢ r) and DISCH q (C ⊢ r) by their lemma, then the lemma
// {p \/ q, p ==> r, q ==> r} ⊢ r at p, q, r with its three hypotheses discharged by
// PROVE_HYP: A ∪ (B − {p}) ∪ (C − {q}) exactly, unless A holds p ==> r or q ==> r, or
// B − {p} holds q ==> r (a later PROVE_HYP would drop it): then the definition.
Thm disj_cases(const BoolDefs& d, const Thm& pq, const Thm& r1, const Thm& r2) {
  Term p, q;
  if (!dest_binop(d.or_def, pq.concl(), p, q)) throw KernelError("DISJ_CASES: not a disjunction");
  if (r1.concl() != r2.concl())
    throw KernelError("DISJ_CASES: the two cases have different conclusions");
  const Term& r = r1.concl();
  Term pr = mk_binop(d.imp_def, p, r), qr = mk_binop(d.imp_def, q, r);
  Thm left = disch(d, p, r1), right = disch(d, q, r2);
  auto has = [](const Thm& th, const Term& h) { return std::find(th.hyps().begin(), th.hyps().end(), h) != th.hyps().end(); };
  if (has(pq, pr) || has(pq, qr) || has(left, qr)) return disj_cases_slow(d, p, q, pq, r1, r2);
  Thm all = Kernel::inst({{pv(), p}, {qv(), q}, {rv(), r}}, cases_lemma(d));
  return prove_hyp(right, prove_hyp(left, prove_hyp(pq, all)));
}

}  // namespace hcert::rules
