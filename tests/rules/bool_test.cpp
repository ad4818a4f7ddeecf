// Derived boolean rules: each gives exactly the documented conclusion and hypothesis set,
// and refuses inputs of the wrong shape; random compositions only prove tautologies.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "formats/hol_text.hpp"
#include "rules/bool.hpp"
#include "tests/support.hpp"
#include "rules/equality.hpp"

using namespace hcert;
namespace R = hcert::rules;

namespace {

const R::BoolDefs& D() { return test::core_defs(); }

Type B() { return Type::boolean(); }
Type B2() { return Type::fun(B(), Type::fun(B(), B())); }
Term var(const std::string& n, Type t = Type::boolean()) { return Term::var(n, t); }
Term T() { return Term::constant(hcert::tenv(), "T", B()); }
Term F() { return Term::constant(hcert::tenv(), "F", B()); }
Term bin(const char* c, const Term& a, const Term& b) {
  return Term::comb(Term::comb(Term::constant(hcert::tenv(), c, B2()), a), b);
}
Term And(const Term& a, const Term& b) { return bin("/\\", a, b); }
Term Or(const Term& a, const Term& b) { return bin("\\/", a, b); }
Term Imp(const Term& a, const Term& b) { return bin("==>", a, b); }
Term Not(const Term& a) { return Term::comb(Term::constant(hcert::tenv(), "~", Type::fun(B(), B())), a); }
Term Forall(const Term& x, const Term& body) {
  Type ty = Type::fun(Type::fun(x.type(), B()), B());
  return Term::comb(Term::constant(hcert::tenv(), "!", ty), Term::abs(x, body));
}
Term p() { return var("p"); }
Term q() { return var("q"); }
Term r() { return var("r"); }
Thm A(const Term& t) { return Kernel::assume(hcert::tenv(), t); }

std::string P(const Term& t) { return text::print(t); }
// Hypotheses as printed terms (printing is injective, so equal sets of strings are equal
// sets of terms).
std::set<std::string> H(const Thm& th) {
  std::set<std::string> s;
  for (const Term& h : th.hyps()) s.insert(P(h));
  EXPECT_EQ(s.size(), th.hyps().size());
  return s;
}
std::set<std::string> S(std::initializer_list<Term> ts) {
  std::set<std::string> s;
  for (const Term& t : ts) s.insert(P(t));
  return s;
}

}  // namespace

// ---- T -------------------------------------------------------------------------------------

TEST(BoolDefs, FromCore) {
  const R::BoolDefs& d = D();
  EXPECT_EQ(d.t_def.concl().lhs(), T());
  EXPECT_EQ(d.f_def.concl().lhs(), F());
  EXPECT_TRUE(d.and_def.hyps().empty());
}

TEST(Truth, ProvesT) {
  D();
  Thm th = R::truth(D());
  EXPECT_EQ(P(th.concl()), P(T()));
  EXPECT_TRUE(th.hyps().empty());
  EXPECT_TRUE(th.axioms().empty());
}

TEST(EqtIntro, KeepsHypotheses) {
  D();
  Thm th = R::eqt_intro(D(), A(And(p(), q())));
  EXPECT_EQ(P(th.concl()), P(Term::eq(And(p(), q()), T())));
  EXPECT_EQ(H(th), S({And(p(), q())}));
}

TEST(EqtIntro, KeepsTAsHypothesis) {
  D();
  // DEDUCT_ANTISYM with ⊢ T would drop a hypothesis T; the rule must keep it.
  Thm th = R::eqt_intro(D(), A(T()));
  EXPECT_EQ(P(th.concl()), P(Term::eq(T(), T())));
  EXPECT_EQ(H(th), S({T()}));
  Thm th2 = R::eqt_intro(D(), R::conj(D(), A(T()), A(p())));
  EXPECT_EQ(H(th2), S({T(), p()}));
}

TEST(EqtElim, Accepts) {
  D();
  Thm th = R::eqt_elim(D(), A(Term::eq(p(), T())));
  EXPECT_EQ(P(th.concl()), P(p()));
  EXPECT_EQ(H(th), S({Term::eq(p(), T())}));
  EXPECT_EQ(R::eqt_elim(D(), R::eqt_intro(D(), A(q()))).concl(), q());
}

TEST(EqtElim, Rejects) {
  D();
  EXPECT_THROW(R::eqt_elim(D(), A(p())), KernelError);
  EXPECT_THROW(R::eqt_elim(D(), A(Term::eq(p(), q()))), KernelError);
  EXPECT_THROW(R::eqt_elim(D(), A(Term::eq(p(), F()))), KernelError);
  EXPECT_THROW(R::eqt_elim(D(), A(Term::eq(T(), p()))), KernelError);
}

// ---- /\ ------------------------------------------------------------------------------------

TEST(Conj, UnionOfHypotheses) {
  D();
  Thm th = R::conj(D(), A(p()), A(Imp(q(), r())));
  EXPECT_EQ(P(th.concl()), P(And(p(), Imp(q(), r()))));
  EXPECT_EQ(H(th), S({p(), Imp(q(), r())}));
  Thm same = R::conj(D(), A(p()), A(p()));
  EXPECT_EQ(P(same.concl()), P(And(p(), p())));
  EXPECT_EQ(H(same), S({p()}));
}

TEST(Conj, ExactUnionInCornerCases) {
  D();
  // a proves p without hypotheses while b assumes p: the union keeps p.
  Term x = var("x");
  Term px = Term::eq(x, x);
  Thm bq = Kernel::eq_mp(A(Term::eq(px, q())), A(px));                             // {px = q, px} ⊢ q
  Thm th = R::conj(D(), Kernel::refl(hcert::tenv(), x), bq);
  EXPECT_EQ(P(th.concl()), P(And(px, q())));
  EXPECT_EQ(H(th), S({Term::eq(px, q()), px}));
  // T among the hypotheses on either side.
  EXPECT_EQ(H(R::conj(D(), A(p()), A(T()))), S({p(), T()}));
  EXPECT_EQ(H(R::conj(D(), R::truth(D()), A(T()))), S({T()}));
  EXPECT_TRUE(R::conj(D(), R::truth(D()), R::truth(D())).hyps().empty());
}

TEST(Conjunct, BothSides) {
  D();
  Thm pq = A(And(p(), Or(q(), r())));
  Thm l = R::conjunct1(D(), pq), rr = R::conjunct2(D(), pq);
  EXPECT_EQ(P(l.concl()), P(p()));
  EXPECT_EQ(P(rr.concl()), P(Or(q(), r())));
  EXPECT_EQ(H(l), S({And(p(), Or(q(), r()))}));
  EXPECT_EQ(H(rr), S({And(p(), Or(q(), r()))}));
  // CONJUNCT of CONJ gives back the conjuncts with the union of the hypotheses.
  Thm c = R::conj(D(), A(q()), A(r()));
  EXPECT_EQ(R::conjunct1(D(), c).concl(), q());
  EXPECT_EQ(H(R::conjunct2(D(), c)), S({q(), r()}));
}

TEST(Conjunct, RejectsNonConjunctions) {
  D();
  for (const Term& t : {p(), Or(p(), q()), Imp(p(), q()), Not(p()), Term::eq(p(), q())}) {
    EXPECT_THROW(R::conjunct1(D(), A(t)), KernelError) << P(t);
    EXPECT_THROW(R::conjunct2(D(), A(t)), KernelError) << P(t);
  }
}

// ---- ==> -----------------------------------------------------------------------------------

TEST(Mp, ModusPonens) {
  D();
  Thm th = R::mp(D(), A(Imp(p(), q())), A(p()));
  EXPECT_EQ(P(th.concl()), P(q()));
  EXPECT_EQ(H(th), S({Imp(p(), q()), p()}));
}

TEST(Mp, Rejects) {
  D();
  EXPECT_THROW(R::mp(D(), A(Imp(p(), q())), A(q())), KernelError);   // antecedent mismatch
  EXPECT_THROW(R::mp(D(), A(Imp(p(), q())), A(Not(p()))), KernelError);
  EXPECT_THROW(R::mp(D(), A(And(p(), q())), A(p())), KernelError);    // not an implication
  EXPECT_THROW(R::mp(D(), A(p()), A(p())), KernelError);
  try {
    R::mp(D(), A(Imp(p(), q())), A(r()));
    FAIL();
  } catch (const KernelError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("MP: ", 0), 0u) << e.what();
  }
}

TEST(Disch, RemovesExactlyTheDischargedHypothesis) {
  D();
  Thm pq = R::conj(D(), A(p()), A(q()));  // {p, q} ⊢ p /\ q
  Thm th = R::disch(D(), p(), pq);
  EXPECT_EQ(P(th.concl()), P(Imp(p(), And(p(), q()))));
  EXPECT_EQ(H(th), S({q()}));
}

TEST(Disch, NotAHypothesis) {
  D();
  Thm th = R::disch(D(), r(), A(q()));
  EXPECT_EQ(P(th.concl()), P(Imp(r(), q())));
  EXPECT_EQ(H(th), S({q()}));
  Thm refl = R::disch(D(), p(), Kernel::refl(hcert::tenv(), q()));
  EXPECT_EQ(P(refl.concl()), P(Imp(p(), Term::eq(q(), q()))));
  EXPECT_TRUE(refl.hyps().empty());
}

TEST(Disch, SelfAndT) {
  D();
  Thm th = R::disch(D(), p(), A(p()));  // ⊢ p ==> p
  EXPECT_EQ(P(th.concl()), P(Imp(p(), p())));
  EXPECT_TRUE(th.hyps().empty());
  Thm t = R::disch(D(), T(), R::conj(D(), A(T()), A(q())));  // {q} ⊢ T ==> T /\ q
  EXPECT_EQ(H(t), S({q()}));
  Thm keep_t = R::disch(D(), q(), R::conj(D(), A(T()), A(q())));  // {T} ⊢ q ==> T /\ q
  EXPECT_EQ(H(keep_t), S({T()}));
}

TEST(Disch, AlphaEquivalentHypothesis) {
  D();
  // The same proposition written with different bound names is one term.
  Term a = text::parse_term(hcert::tenv(), "(((c = (fun (fun bool bool) (fun (fun bool bool) bool))) (\\ x bool (v x bool))) (v f (fun bool bool)))");
  Term b = text::parse_term(hcert::tenv(), "(((c = (fun (fun bool bool) (fun (fun bool bool) bool))) (\\ y bool (v y bool))) (v f (fun bool bool)))");
  ASSERT_EQ(a, b);
  Thm th = R::disch(D(), b, R::conj(D(), A(a), A(q())));
  EXPECT_EQ(H(th), S({q()}));
}

TEST(Disch, RejectsNonProposition) {
  D();
  EXPECT_THROW(R::disch(D(), var("f", Type::fun(B(), B())), A(p())), KernelError);
  EXPECT_THROW(R::disch(D(), Term(), A(p())), KernelError);
}

TEST(MpDisch, RoundTrip) {
  D();
  Thm th = R::conj(D(), A(p()), A(q()));
  Thm back = R::mp(D(), R::disch(D(), q(), th), A(q()));
  EXPECT_EQ(back.concl(), th.concl());
  EXPECT_EQ(H(back), H(th));
}

// ---- ! -------------------------------------------------------------------------------------

TEST(Gen, Generalises) {
  D();
  Thm th = R::gen(D(), p(), Kernel::eq_mp(A(Term::eq(q(), r())), A(q())));  // p not free in A
  EXPECT_EQ(P(th.concl()), P(Forall(p(), r())));
  EXPECT_EQ(H(th), S({Term::eq(q(), r()), q()}));
  Term x = var("x", Type::var("A"));
  Thm rx = R::gen(D(), x, Kernel::refl(hcert::tenv(), x));
  EXPECT_EQ(P(rx.concl()), P(Forall(x, Term::eq(x, x))));
  EXPECT_TRUE(rx.hyps().empty());
  Thm keep_t = R::gen(D(), p(), A(T()));
  EXPECT_EQ(P(keep_t.concl()), P(Forall(p(), T())));
  EXPECT_EQ(H(keep_t), S({T()}));
}

TEST(Gen, Rejects) {
  D();
  EXPECT_THROW(R::gen(D(), p(), A(p())), KernelError);           // free in the hypotheses
  EXPECT_THROW(R::gen(D(), p(), A(And(q(), p()))), KernelError);
  EXPECT_THROW(R::gen(D(), T(), A(q())), KernelError);           // not a variable
  EXPECT_THROW(R::gen(D(), And(p(), q()), A(q())), KernelError);
}

TEST(Spec, Instantiates) {
  D();
  Term x = var("x", Type::var("A"));
  Term f = var("f", Type::fun(Type::var("A"), Type::var("A")));
  Thm all = R::gen(D(), x, Kernel::refl(hcert::tenv(), x));
  Thm th = R::spec(D(), Term::comb(f, x), all);
  EXPECT_EQ(P(th.concl()), P(Term::eq(Term::comb(f, x), Term::comb(f, x))));
  EXPECT_TRUE(th.hyps().empty());
  Thm h = R::spec(D(), And(q(), r()), A(Forall(p(), Or(p(), q()))));
  EXPECT_EQ(P(h.concl()), P(Or(And(q(), r()), q())));
  EXPECT_EQ(H(h), S({Forall(p(), Or(p(), q()))}));
}

TEST(Spec, GenRoundTrip) {
  D();
  Thm th = R::disch(D(), p(), A(Imp(q(), r())));  // {q ==> r} ⊢ p ==> q ==> r
  Thm all = R::gen(D(), p(), th);
  EXPECT_EQ(P(all.concl()), P(Forall(p(), Imp(p(), Imp(q(), r())))));
  Thm back = R::spec(D(), p(), all);
  EXPECT_EQ(back.concl(), th.concl());
  EXPECT_EQ(H(back), S({Imp(q(), r())}));
  Thm other = R::spec(D(), And(q(), r()), all);
  EXPECT_EQ(P(other.concl()), P(Imp(And(q(), r()), Imp(q(), r()))));
  EXPECT_EQ(H(other), S({Imp(q(), r())}));
  Thm renamed = R::spec(D(), var("s"), R::gen(D(), q(), A(Imp(p(), p()))));
  EXPECT_EQ(renamed.concl(), Imp(p(), p()));
}

// SPEC goes through a lemma {(!) P} ⊢ P x kept per type (rules/bool.cpp): it must be
// instantiated simultaneously (a body or term with free P and x of the lemma's types is
// not captured), leave exactly the premise's hypotheses, and serve each type separately.
TEST(Spec, KeptLemmaPerType) {
  D();
  Type a = Type::var("A");
  Term y = var("y", a), x = var("x", a), Pa = var("P", Type::fun(a, B()));
  Term body = Term::comb(Pa, y);                                         // !y. P y
  for (int round = 0; round < 2; ++round) {                              // second round: kept lemmas
    Thm px = R::spec(D(), x, A(Forall(y, body)));
    EXPECT_EQ(px.concl(), Term::comb(Pa, x));
    EXPECT_EQ(H(px), S({Forall(y, body)}));
    Term t = Term::comb(var("f", Type::fun(Pa.type(), a)), Pa);          // f P : A
    Thm pt = R::spec(D(), t, A(Forall(y, Term::eq(y, x))));              // !y. y = x
    EXPECT_EQ(pt.concl(), Term::eq(t, x));
    Thm pb = R::spec(D(), var("x", B()), A(Forall(p(), Imp(p(), var("x", B())))));  // at bool
    EXPECT_EQ(pb.concl(), Imp(var("x", B()), var("x", B())));
    Type fa = Type::fun(a, a);
    Term g = var("g", fa);
    Thm pf = R::spec(D(), var("P", fa), R::gen(D(), g, Kernel::refl(hcert::tenv(), g)));
    EXPECT_EQ(pf.concl(), Term::eq(var("P", fa), var("P", fa)));
    EXPECT_TRUE(pf.hyps().empty());
  }
}

// After the lemma at a type is kept, a term of another type, or a premise that is not a
// quantification, must still be refused: the lemma's INST would otherwise build the
// wrong instance or a theorem with a hypothesis left over.
TEST(Spec, KeptLemmaRejects) {
  D();
  Type a = Type::var("A");
  Term y = var("y", a), Pa = var("P", Type::fun(a, B()));
  Thm all = A(Forall(y, Term::comb(Pa, y)));
  R::spec(D(), var("x", a), all);                                        // the lemma at A is kept
  EXPECT_THROW(R::spec(D(), p(), all), KernelError);                     // bool term, bound A
  EXPECT_THROW(R::spec(D(), var("x", Type::fun(a, a)), all), KernelError);
  EXPECT_THROW(R::spec(D(), var("x", a), A(Term::comb(Pa, y))), KernelError);  // P y: not !
  Term bang = Term::constant(hcert::tenv(), "!", Type::fun(Pa.type(), B()));
  EXPECT_THROW(R::spec(D(), var("x", a), A(Term::comb(bang, Pa))), KernelError);  // ! P, P not a λ
}

TEST(Spec, Rejects) {
  D();
  Term x = var("x", Type::var("A"));
  Thm all = R::gen(D(), x, Kernel::refl(hcert::tenv(), x));
  EXPECT_THROW(R::spec(D(), p(), all), KernelError);                  // wrong type
  EXPECT_THROW(R::spec(D(), p(), A(q())), KernelError);               // not a quantification
  EXPECT_THROW(R::spec(D(), p(), A(Not(p()))), KernelError);
  Term g = var("g", Type::fun(Type::fun(B(), B()), B()));              // g (λp. p), not !
  EXPECT_THROW(R::spec(D(), p(), A(Term::comb(g, Term::abs(p(), p())))), KernelError);
  Term Pv = var("P", Type::fun(B(), B()));                             // ! P, P not a λ
  EXPECT_THROW(R::spec(D(), p(), A(Term::comb(Term::constant(hcert::tenv(), "!", Type::fun(Pv.type(), B())), Pv))), KernelError);
  EXPECT_THROW(R::spec(D(), Term(), A(Forall(p(), p()))), KernelError);
}

// ---- ~ and F -------------------------------------------------------------------------------

TEST(Not, ElimAndIntroRoundTrip) {
  D();
  Thm f = R::not_elim(D(), A(Not(p())), A(p()));
  EXPECT_EQ(P(f.concl()), P(F()));
  EXPECT_EQ(H(f), S({Not(p()), p()}));
  Thm np = R::not_intro(D(), p(), f);
  EXPECT_EQ(P(np.concl()), P(Not(p())));
  EXPECT_EQ(H(np), S({Not(p())}));
  Thm f2 = R::not_elim(D(), np, A(p()));
  EXPECT_EQ(H(f2), S({Not(p()), p()}));
}

TEST(Not, IntroNotAHypothesis) {
  D();
  Thm th = R::not_intro(D(), q(), A(F()));
  EXPECT_EQ(P(th.concl()), P(Not(q())));
  EXPECT_EQ(H(th), S({F()}));
}

TEST(Not, Rejects) {
  D();
  EXPECT_THROW(R::not_elim(D(), A(Not(p())), A(q())), KernelError);   // theorems disagree
  EXPECT_THROW(R::not_elim(D(), A(p()), A(p())), KernelError);        // not a negation
  EXPECT_THROW(R::not_elim(D(), A(Imp(p(), F())), A(p())), KernelError);
  EXPECT_THROW(R::not_intro(D(), p(), A(q())), KernelError);          // conclusion not F
  EXPECT_THROW(R::not_intro(D(), p(), A(Not(p()))), KernelError);
  EXPECT_THROW(R::not_intro(D(), var("x", Type::var("A")), A(F())), KernelError);
}

TEST(Contr, ExFalso) {
  D();
  Thm th = R::contr(D(), Imp(q(), r()), A(F()));
  EXPECT_EQ(P(th.concl()), P(Imp(q(), r())));
  EXPECT_EQ(H(th), S({F()}));
  Thm via = R::contr(D(), r(), R::not_elim(D(), A(Not(p())), A(p())));
  EXPECT_EQ(P(via.concl()), P(r()));
  EXPECT_EQ(H(via), S({Not(p()), p()}));
  EXPECT_EQ(R::contr(D(), F(), A(F())).concl(), F());
}

TEST(Contr, Rejects) {
  D();
  EXPECT_THROW(R::contr(D(), p(), A(q())), KernelError);
  EXPECT_THROW(R::contr(D(), p(), A(Not(T()))), KernelError);
  EXPECT_THROW(R::contr(D(), var("x", Type::var("A")), A(F())), KernelError);
}

// ---- \/ ------------------------------------------------------------------------------------

TEST(Disj, Introduction) {
  D();
  Thm l = R::disj1(D(), A(p()), Imp(q(), r()));
  EXPECT_EQ(P(l.concl()), P(Or(p(), Imp(q(), r()))));
  EXPECT_EQ(H(l), S({p()}));
  Thm rr = R::disj2(D(), Imp(q(), r()), A(p()));
  EXPECT_EQ(P(rr.concl()), P(Or(Imp(q(), r()), p())));
  EXPECT_EQ(H(rr), S({p()}));
  // The fresh variable of the derivation may not clash with the disjuncts' variables.
  Term v0 = var("_0");
  Thm c = R::disj1(D(), A(v0), var("_1"));
  EXPECT_EQ(P(c.concl()), P(Or(v0, var("_1"))));
  Thm same = R::disj2(D(), p(), A(p()));
  EXPECT_EQ(P(same.concl()), P(Or(p(), p())));
  EXPECT_EQ(H(same), S({p()}));
  Thm no_hyps = R::disj1(D(), R::truth(D()), F());
  EXPECT_EQ(P(no_hyps.concl()), P(Or(T(), F())));
  EXPECT_TRUE(no_hyps.hyps().empty());
  EXPECT_EQ(H(R::disj2(D(), p(), A(T()))), S({T()}));
}

TEST(Disj, IntroductionRejects) {
  D();
  EXPECT_THROW(R::disj1(D(), A(p()), var("x", Type::var("A"))), KernelError);
  EXPECT_THROW(R::disj2(D(), Term(), A(p())), KernelError);
}

TEST(DisjCases, DischargesOnlyTheCaseHypotheses) {
  D();
  Thm r1 = Kernel::eq_mp(A(Term::eq(p(), r())), A(p()));  // {p = r, p} ⊢ r
  Thm r2 = Kernel::eq_mp(A(Term::eq(q(), r())), A(q()));  // {q = r, q} ⊢ r
  Thm th = R::disj_cases(D(), A(Or(p(), q())), r1, r2);
  EXPECT_EQ(P(th.concl()), P(r()));
  EXPECT_EQ(H(th), S({Or(p(), q()), Term::eq(p(), r()), Term::eq(q(), r())}));
  // The first case keeps q and the second keeps p: each removes only its own disjunct.
  Thm both = R::disj_cases(D(), A(Or(p(), q())), r2, r1);
  EXPECT_EQ(H(both), S({Or(p(), q()), Term::eq(p(), r()), Term::eq(q(), r()), p(), q()}));
  // The disjunction's own hypotheses stay even when they are a case.
  Thm pp = R::disj_cases(D(), R::disj1(D(), A(p()), p()), A(p()), A(p()));
  EXPECT_EQ(P(pp.concl()), P(p()));
  EXPECT_EQ(H(pp), S({p()}));
  Thm excl = R::disj_cases(D(), A(Or(p(), Not(p()))), R::disj1(D(), A(p()), Not(p())),
                           R::disj2(D(), p(), A(Not(p()))));
  EXPECT_EQ(H(excl), S({Or(p(), Not(p()))}));
}

// DISJ_CASES instantiates {p \/ q, p ==> r, q ==> r} ⊢ r and discharges its hypotheses with
// PROVE_HYP, which would also drop them from a premise that holds them: the hypothesis set
// must still be exactly A ∪ (B − {p}) ∪ (C − {q}) when the premises hold those implications,
// and when the disjuncts, the conclusion or both cases coincide.
TEST(DisjCases, ExactHypothesesWhenPremisesHoldTheCaseImplications) {
  D();
  Term s = var("s");
  Term pr = Imp(p(), r()), qr = Imp(q(), r());
  auto with = [](const Term& h, const Thm& th) { return Kernel::eq_mp(Kernel::deduct_antisym(A(h), th), A(h)); };
  Thm r1 = Kernel::eq_mp(A(Term::eq(p(), r())), A(p()));  // {p = r, p} ⊢ r
  Thm r2 = Kernel::eq_mp(A(Term::eq(q(), r())), A(q()));  // {q = r, q} ⊢ r
  Term pq = Or(p(), q());
  // A holds p ==> r, then q ==> r.
  EXPECT_EQ(H(R::disj_cases(D(), with(pr, A(pq)), r1, r2)), S({pq, pr, Term::eq(p(), r()), Term::eq(q(), r())}));
  EXPECT_EQ(H(R::disj_cases(D(), with(qr, A(pq)), r1, r2)), S({pq, qr, Term::eq(p(), r()), Term::eq(q(), r())}));
  // B holds q ==> r, B holds p ==> r, C holds both.
  EXPECT_EQ(H(R::disj_cases(D(), A(pq), with(qr, r1), r2)), S({pq, qr, Term::eq(p(), r()), Term::eq(q(), r())}));
  EXPECT_EQ(H(R::disj_cases(D(), A(pq), with(pr, r1), r2)), S({pq, pr, Term::eq(p(), r()), Term::eq(q(), r())}));
  EXPECT_EQ(H(R::disj_cases(D(), A(pq), r1, with(pr, with(qr, r2)))), S({pq, pr, qr, Term::eq(p(), r()), Term::eq(q(), r())}));
  // p \/ p with both cases one theorem; the conclusion a disjunct; the cases ⊢ r alone.
  Thm rp = Kernel::eq_mp(A(Term::eq(p(), r())), A(p()));
  EXPECT_EQ(H(R::disj_cases(D(), A(Or(p(), p())), rp, rp)), S({Or(p(), p()), Term::eq(p(), r())}));
  EXPECT_EQ(H(R::disj_cases(D(), A(Or(p(), s)), A(p()), with(Imp(s, p()), Kernel::eq_mp(A(Term::eq(s, p())), A(s))))),
            S({Or(p(), s), Imp(s, p()), Term::eq(s, p())}));
  EXPECT_EQ(H(R::disj_cases(D(), A(pq), A(r()), A(r()))), S({pq, r()}));
  // A conclusion with free variables named like the lemma's (p, q, r swapped about).
  Thm qp1 = Kernel::eq_mp(A(Term::eq(q(), p())), A(q()));  // {q = p, q} ⊢ p
  Thm qp2 = Kernel::eq_mp(A(Term::eq(r(), p())), A(r()));  // {r = p, r} ⊢ p
  Thm swapped = R::disj_cases(D(), A(Or(q(), r())), qp1, qp2);
  EXPECT_EQ(P(swapped.concl()), P(p()));
  EXPECT_EQ(H(swapped), S({Or(q(), r()), Term::eq(q(), p()), Term::eq(r(), p())}));
}

TEST(DisjCases, Rejects) {
  D();
  Thm r1 = A(r());
  EXPECT_THROW(R::disj_cases(D(), A(And(p(), q())), r1, r1), KernelError);  // not a disjunction
  EXPECT_THROW(R::disj_cases(D(), A(Or(p(), q())), r1, A(q())), KernelError);  // cases differ
  EXPECT_THROW(R::disj_cases(D(), A(p()), r1, r1), KernelError);
}

// ---- lemmas derived on first use ----------------------------------------------------------

// Each rule's lemma is derived when that rule is first used, not with all the others: every
// rule must then give its documented theorem when it is the first one called on fresh
// definitions (lemmas not derived yet), whatever lemma it builds on (NOT_ELIM on CONTR,
// DISJ_CASES on DISCH's), and a refused call must leave the definitions usable.
namespace {
R::BoolDefs fresh_defs() {
  R::BoolDefs d = D();
  d.lemmas.reset();  // a copy sharing no derived lemma with D()
  return d;
}
Thm r_from(const Term& x) { return Kernel::eq_mp(A(Term::eq(x, r())), A(x)); }  // {x = r, x} ⊢ r
}  // namespace

TEST(BoolLemmas, EachRuleFirstOnFreshDefinitions) {
  D();
  {
    Thm th = R::mp(fresh_defs(), A(Imp(p(), q())), A(p()));
    EXPECT_EQ(P(th.concl()), P(q()));
    EXPECT_EQ(H(th), S({Imp(p(), q()), p()}));
  }
  {
    Thm th = R::disch(fresh_defs(), p(), A(q()));
    EXPECT_EQ(P(th.concl()), P(Imp(p(), q())));
    EXPECT_EQ(H(th), S({q()}));
  }
  {
    Thm th = R::not_elim(fresh_defs(), A(Not(p())), A(p()));
    EXPECT_EQ(P(th.concl()), P(F()));
    EXPECT_EQ(H(th), S({Not(p()), p()}));
  }
  {
    Thm th = R::not_intro(fresh_defs(), p(), A(F()));
    EXPECT_EQ(P(th.concl()), P(Not(p())));
    EXPECT_EQ(H(th), S({F()}));
  }
  {
    Thm th = R::contr(fresh_defs(), q(), A(F()));
    EXPECT_EQ(P(th.concl()), P(q()));
    EXPECT_EQ(H(th), S({F()}));
  }
  for (bool left : {true, false}) {
    R::BoolDefs d = fresh_defs();
    Thm th = left ? R::disj1(d, A(p()), q()) : R::disj2(d, q(), A(p()));
    EXPECT_EQ(P(th.concl()), P(left ? Or(p(), q()) : Or(q(), p())));
    EXPECT_EQ(H(th), S({p()}));
  }
  Thm th = R::disj_cases(fresh_defs(), A(Or(p(), q())), r_from(p()), r_from(q()));
  EXPECT_EQ(P(th.concl()), P(r()));
  EXPECT_EQ(H(th), S({Or(p(), q()), Term::eq(p(), r()), Term::eq(q(), r())}));
}

TEST(BoolLemmas, RefusedFirstCallLeavesDefinitionsUsable) {
  D();
  R::BoolDefs d = fresh_defs();
  // Rejected: p is not an implication, so MP has nothing to eliminate.
  EXPECT_THROW(R::mp(d, A(p()), A(p())), KernelError);
  // Rejected: the antecedent p ==> q wants p, and r is given.
  EXPECT_THROW(R::mp(d, A(Imp(p(), q())), A(r())), KernelError);
  // Rejected: the two cases conclude different propositions.
  EXPECT_THROW(R::disj_cases(d, A(Or(p(), q())), A(r()), A(q())), KernelError);
  // Rejected: NOT_INTRO needs a theorem of F.
  EXPECT_THROW(R::not_intro(d, p(), A(q())), KernelError);
  Thm th = R::mp(d, A(Imp(p(), q())), A(p()));
  EXPECT_EQ(H(th), S({Imp(p(), q()), p()}));
  EXPECT_EQ(P(R::not_intro(d, p(), A(F())).concl()), P(Not(p())));
}

// ---- random compositions ------------------------------------------------------------------

namespace {

// Truth value of a formula over p, q, r built from T, F, ~, /\, \/, ==>, = on bool and !
// over bool; nullopt for anything else.
std::optional<bool> eval(const Term& t, unsigned val) {
  switch (t.kind()) {
    case TermKind::Const:
      if (t.name() == "T") return true;
      if (t.name() == "F") return false;
      return std::nullopt;
    case TermKind::Var:
      if (t.name() == "p") return (val & 1) != 0;
      if (t.name() == "q") return (val & 2) != 0;
      if (t.name() == "r") return (val & 4) != 0;
      return std::nullopt;
    case TermKind::Comb: {
      Term f = t.rator();
      if (f.kind() == TermKind::Const && f.name() == "~") {
        auto a = eval(t.rand(), val);
        if (!a) return std::nullopt;
        return !*a;
      }
      if (f.kind() == TermKind::Const && f.name() == "!" && t.rand().kind() == TermKind::Abs &&
          t.rand().bound_type() == Type::boolean()) {
        auto a = eval(t.rand().open(T()), val), b = eval(t.rand().open(F()), val);
        if (!a || !b) return std::nullopt;
        return *a && *b;
      }
      if (f.kind() == TermKind::Comb && f.rator().kind() == TermKind::Const &&
          f.rand().type() == Type::boolean()) {
        auto a = eval(f.rand(), val), b = eval(t.rand(), val);
        if (!a || !b) return std::nullopt;
        const std::string& n = f.rator().name();
        if (n == "/\\") return *a && *b;
        if (n == "\\/") return *a || *b;
        if (n == "==>") return !*a || *b;
        if (n == "=") return *a == *b;
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

size_t term_size(const Term& t, size_t limit) {
  if (limit == 0) return 1;
  switch (t.kind()) {
    case TermKind::Comb: {
      size_t a = term_size(t.rator(), limit - 1);
      if (a >= limit) return a + 1;
      return 1 + a + term_size(t.rand(), limit - 1 - a);
    }
    case TermKind::Abs:
      return 1 + term_size(t.body(), limit - 1);
    default:
      return 1;
  }
}

// Uniform in [lo, hi) whatever the current size (gen::inRange scales the range with it).
template <typename T>
T uni(T lo, T hi) {
  return *rc::gen::resize(100, rc::gen::inRange<T>(lo, hi));
}

Term random_formula(int depth) {
  int k = uni(0, depth > 0 ? 10 : 5);
  switch (k) {
    case 0: return p();
    case 1: return q();
    case 2: return r();
    case 3: return T();
    case 4: return F();
    case 5: return Not(random_formula(depth - 1));
    case 6: return And(random_formula(depth - 1), random_formula(depth - 1));
    case 7: return Or(random_formula(depth - 1), random_formula(depth - 1));
    case 8: return Imp(random_formula(depth - 1), random_formula(depth - 1));
    default: return Term::eq(random_formula(depth - 1), random_formula(depth - 1));
  }
}

bool is_app(const Term& t, const char* c, int arity) {
  Term f = t;
  for (int i = 0; i < arity; ++i) {
    if (f.kind() != TermKind::Comb) return false;
    f = f.rator();
  }
  return f.kind() == TermKind::Const && f.name() == c;
}

}  // namespace

TEST(BoolProperty, RandomCompositionsProveOnlyTautologies) {
  const R::BoolDefs& d = D();
  uint64_t attempts = 0, ok = 0;
  std::vector<uint64_t> per_rule(17, 0), failed_rule(17, 0);
  bool passed = rc::check("derived rules over p q r only prove valid sequents", [&] {
    std::vector<Thm> pool;
    for (int i = 0, n = *rc::gen::inRange(1, 4); i < n; ++i) pool.push_back(A(random_formula(2)));
    // A theorem from the pool; with probability 7/8 one that fits `fits`, assuming make()
    // when none does, so that most applications have the shape their rule needs.
    auto pick = [&](const std::function<bool(const Thm&)>& fits,
                    const std::function<Term()>& make) -> Thm {
      if (uni(0, 8) == 0) return pool[uni<size_t>(0, pool.size())];
      std::vector<size_t> good;
      for (size_t i = 0; i < pool.size(); ++i)
        if (fits(pool[i])) good.push_back(i);
      if (good.empty()) return A(make());
      return pool[good[uni<size_t>(0, good.size())]];
    };
    // A formula: a hypothesis of th, or random.
    auto prop = [&](const Thm& th) {
      if (!th.hyps().empty() && uni(0, 2) == 0)
        return th.hyps()[uni<size_t>(0, th.hyps().size())];
      return random_formula(2);
    };
    // A theorem concluding c: from the pool if there is one, else ASSUME c.
    auto proving = [&](const Term& c) {
      for (const Thm& th : pool)
        if (th.concl() == c && uni(0, 4) != 0) return th;
      return A(c);
    };
    auto any = [](const Thm&) { return true; };
    auto rf = [] { return random_formula(1); };
    auto shape = [](const char* c, int n) { return [=](const Thm& th) { return is_app(th.concl(), c, n); }; };
    Term vars[] = {p(), q(), r()};
    for (int step = 0, steps = *rc::gen::inRange(1, 40); step < steps; ++step) {
      int op = uni(0, 17);
      std::optional<Thm> out;
      ++attempts;
      ++per_rule[op];
      try {
        switch (op) {
          case 0: out = A(random_formula(2)); break;
          case 1: out = R::truth(d); break;
          case 2: out = R::eqt_intro(d, pick(any, rf)); break;
          case 3: out = R::eqt_elim(d, pick([](const Thm& th) {
                    return th.concl().is_eq() && th.concl().rhs() == T(); },
                    [] { return Term::eq(random_formula(1), T()); }));
                  break;
          case 4: out = R::conj(d, pick(any, rf), pick(any, rf)); break;
          case 5: out = R::conjunct1(d, pick(shape("/\\", 2), [] { return And(random_formula(1), random_formula(1)); })); break;
          case 6: out = R::conjunct2(d, pick(shape("/\\", 2), [] { return And(random_formula(1), random_formula(1)); })); break;
          case 7: {
            Thm i = pick(shape("==>", 2), [] { return Imp(random_formula(1), random_formula(1)); });
            Term ant = is_app(i.concl(), "==>", 2) && uni(0, 8) != 0
                           ? i.concl().rator().rand() : random_formula(1);
            out = R::mp(d, i, proving(ant));
            break;
          }
          case 8: { Thm th = pick(any, rf); out = R::disch(d, prop(th), th); break; }
          case 9: out = R::spec(d, random_formula(1), pick(shape("!", 1), [&] { return Forall(vars[uni(0, 3)], random_formula(1)); })); break;
          case 10: {  // mostly a variable that is not free in the hypotheses
            Thm th = pick(any, rf);
            std::vector<Term> free_ok;
            for (const Term& v : vars) {
              bool in_hyps = false;
              for (const Term& h : th.hyps())
                for (const Term& f : h.frees()) in_hyps = in_hyps || f == v;
              if (!in_hyps) free_ok.push_back(v);
            }
            Term x = !free_ok.empty() && uni(0, 8) != 0 ? free_ok[uni<size_t>(0, free_ok.size())]
                                                        : vars[uni(0, 3)];
            out = R::gen(d, x, th);
            break;
          }
          case 11: {
            Thm n = pick(shape("~", 1), [] { return Not(random_formula(1)); });
            Term a = is_app(n.concl(), "~", 1) && uni(0, 8) != 0
                         ? n.concl().rand() : random_formula(1);
            out = R::not_elim(d, n, proving(a));
            break;
          }
          case 12: { Thm th = pick([](const Thm& t) { return t.concl() == F(); }, F);
                     out = R::not_intro(d, prop(th), th); break; }
          case 13: out = R::contr(d, random_formula(2), pick([](const Thm& t) { return t.concl() == F(); }, F));
                   break;
          case 14: out = R::disj1(d, pick(any, rf), random_formula(1)); break;
          case 15: out = R::disj2(d, random_formula(1), pick(any, rf)); break;
          default: {
            Thm o = pick(shape("\\/", 2), [] { return Or(random_formula(1), random_formula(1)); });
            Thm r1 = pick(any, rf);
            std::vector<Thm> same;
            for (const Thm& th : pool)
              if (th.concl() == r1.concl()) same.push_back(th);
            Thm r2 = uni(0, 8) != 0 ? same[uni<size_t>(0, same.size())] : pick(any, rf);
            out = R::disj_cases(d, o, r1, r2);
            break;
          }
        }
      } catch (const KernelError&) {
        ++failed_rule[op];
        continue;
      }
      ++ok;
      const Thm& th = *out;
      RC_ASSERT(th.axioms().empty());
      for (unsigned v = 0; v < 8; ++v) {
        bool hyps_true = true;
        for (const Term& h : th.hyps()) {
          auto b = eval(h, v);
          RC_ASSERT(b.has_value());
          hyps_true = hyps_true && *b;
        }
        auto c = eval(th.concl(), v);
        RC_ASSERT(c.has_value());
        if (hyps_true) RC_ASSERT(*c);
      }
      bool small = term_size(th.concl(), 400) < 400;
      for (const Term& h : th.hyps()) small = small && term_size(h, 400) < 400;
      if (!small) continue;
      if (pool.size() < 12) pool.push_back(th);
      else pool[uni<size_t>(0, pool.size())] = th;
    }
  });
  EXPECT_TRUE(passed);
  RecordProperty("attempts", std::to_string(attempts));
  RecordProperty("succeeded", std::to_string(ok));
  // Most random applications fit their rule; every rule was tried.
  EXPECT_GE(ok * 10, attempts * 7) << ok << " of " << attempts;
  for (size_t i = 0; i < per_rule.size(); ++i) EXPECT_GT(per_rule[i], 0u) << "op " << i;
}
