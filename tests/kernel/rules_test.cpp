// The primitive rules, declarations and definition principles of the kernel: for each one
// an accept case whose conclusion, hypotheses and axioms are checked exactly, and a reject
// case per side condition. Rejected definitions must leave no trace in the signature.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/env.hpp"
#include "formats/hol_text.hpp"
#include "kernel/kernel.hpp"
#include "tests/kernel/support.hpp"

using namespace hcert;
using namespace hcert::ktest;

namespace {

Term parse(const char* s) { return text::parse_term(hcert::tenv(), s); }

// The hypotheses of th are exactly `want` (as a set).
::testing::AssertionResult hyps_are(const Thm& th, std::vector<Term> want) {
  std::vector<Term> got = th.hyps();
  auto by = [](const Term& x, const Term& y) { return x.serial() < y.serial(); };
  std::sort(got.begin(), got.end(), by);
  std::sort(want.begin(), want.end(), by);
  want.erase(std::unique(want.begin(), want.end()), want.end());
  if (got == want) return ::testing::AssertionSuccess();
  auto r = ::testing::AssertionFailure() << "hypotheses:";
  for (const Term& h : th.hyps()) r << "\n    " << text::print(h);
  r << "\n  expected:";
  for (const Term& h : want) r << "\n    " << text::print(h);
  return r;
}

// A theorem ⊢ P x with P = (= t) closed, from REFL on the closed term t.
Thm p_x(const Term& t) { return Kernel::refl(hcert::tenv(), t); }

}  // namespace

// ---- REFL: ⊢ t = t, no hypotheses; refuses null terms and terms with loose indices. ------

TEST(KernelRefl, Accepts) {
  Term t = lam(V("x"), ap(V("f", fn(B(), B())), V("x")));
  Thm th = Kernel::refl(hcert::tenv(), t);
  EXPECT_TRUE(same(th.concl(), eq(t, t)));
  EXPECT_TRUE(th.hyps().empty());
  EXPECT_TRUE(th.axioms().empty());
}

TEST(KernelRefl, RejectsNullAndLooseTerms) {
  EXPECT_THROW(Kernel::refl(hcert::tenv(), Term()), KernelError);
  Term loose = lam(V("x"), V("x")).body();  // a bare de Bruijn index
  ASSERT_FALSE(loose.is_closed());
  EXPECT_THROW(Kernel::refl(hcert::tenv(), loose), KernelError);
}

// ---- TRANS: the middle terms must be the same term; both premises equations. --------------

TEST(KernelTrans, Accepts) {
  Term a = V("a"), b = V("b"), c = V("c");
  Thm th = Kernel::trans(Kernel::assume(hcert::tenv(), eq(a, b)), Kernel::assume(hcert::tenv(), eq(b, c)));
  EXPECT_TRUE(same(th.concl(), eq(a, c)));
  EXPECT_TRUE(hyps_are(th, {eq(a, b), eq(b, c)}));
}

TEST(KernelTrans, AlphaEquivalentMiddleIsTheSameTerm) {
  Term f = V("f", fn(B(), B()));
  Term m1 = lam(V("x"), ap(f, V("x"))), m2 = lam(V("y"), ap(f, V("y")));
  Term a = V("a", fn(B(), B()));
  Thm th = Kernel::trans(Kernel::assume(hcert::tenv(), eq(a, m1)), Kernel::refl(hcert::tenv(), m2));
  EXPECT_TRUE(same(th.concl(), eq(a, m2)));
}

TEST(KernelTrans, RejectsDifferentMiddle) {
  Term a = V("a"), b = V("b"), c = V("c"), d = V("d");
  EXPECT_THROW(Kernel::trans(Kernel::assume(hcert::tenv(), eq(a, b)), Kernel::assume(hcert::tenv(), eq(c, d))), KernelError);
  // Reversed order: a = b, then c = ... with b on the right, not the left.
  EXPECT_THROW(Kernel::trans(Kernel::assume(hcert::tenv(), eq(a, b)), Kernel::assume(hcert::tenv(), eq(c, b))), KernelError);
}

TEST(KernelTrans, RejectsNonEquations) {
  Term a = V("a"), b = V("b");
  EXPECT_THROW(Kernel::trans(Kernel::assume(hcert::tenv(), a), Kernel::assume(hcert::tenv(), eq(a, b))), KernelError);
  EXPECT_THROW(Kernel::trans(Kernel::assume(hcert::tenv(), eq(a, b)), Kernel::assume(hcert::tenv(), b)), KernelError);
}

// ---- MK_COMB: f = g and x = y give f x = g y, when f's domain is x's type. --------------

TEST(KernelMkComb, Accepts) {
  Term f = V("f", fn(B(), num())), g = V("g", fn(B(), num())), x = V("x"), y = V("y");
  Thm th = Kernel::mk_comb(Kernel::assume(hcert::tenv(), eq(f, g)), Kernel::assume(hcert::tenv(), eq(x, y)));
  EXPECT_TRUE(same(th.concl(), eq(ap(f, x), ap(g, y))));
  EXPECT_TRUE(hyps_are(th, {eq(f, g), eq(x, y)}));
}

TEST(KernelMkComb, RejectsTypeMismatch) {
  Term f = V("f", fn(B(), B())), x = V("x", num());
  EXPECT_THROW(Kernel::mk_comb(Kernel::refl(hcert::tenv(), f), Kernel::refl(hcert::tenv(), x)), KernelError);
  // Not a function at all.
  EXPECT_THROW(Kernel::mk_comb(Kernel::refl(hcert::tenv(), V("p")), Kernel::refl(hcert::tenv(), V("q"))), KernelError);
}

TEST(KernelMkComb, RejectsNonEquations) {
  Term f = V("f", fn(B(), B()));
  EXPECT_THROW(Kernel::mk_comb(Kernel::assume(hcert::tenv(), ap(f, V("p"))), Kernel::refl(hcert::tenv(), V("q"))), KernelError);
  EXPECT_THROW(Kernel::mk_comb(Kernel::refl(hcert::tenv(), f), Kernel::assume(hcert::tenv(), V("q"))), KernelError);
}

// ---- ABS: abstracting a variable not free in the hypotheses. ----------------------------

TEST(KernelAbs, Accepts) {
  Term x = V("x"), p = V("p"), q = V("q");
  Thm th = Kernel::abs(x, Kernel::assume(hcert::tenv(), eq(p, q)));
  EXPECT_TRUE(same(th.concl(), eq(lam(x, p), lam(x, q))));
  EXPECT_TRUE(hyps_are(th, {eq(p, q)}));
  // The bound variable is really bound: λx. x, not a constant function.
  Thm id = Kernel::abs(x, Kernel::refl(hcert::tenv(), x));
  EXPECT_TRUE(same(id.concl(), eq(lam(V("z"), V("z")), lam(V("z"), V("z")))));
}

TEST(KernelAbs, SameNameOtherTypeInHypsIsFine) {
  // x:num is free in the hypothesis; abstracting x:bool is allowed.
  Term xn = V("x", num()), xb = V("x");
  Term h = eq(xn, xn);
  Thm th = Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), h), Kernel::refl(hcert::tenv(), xb));  // {h} ⊢ h = (x = x)
  Thm a = Kernel::abs(xb, th);
  EXPECT_TRUE(same(a.concl(), eq(lam(xb, h), lam(xb, eq(xb, xb)))));
  EXPECT_TRUE(hyps_are(a, {h}));
  EXPECT_THROW(Kernel::abs(xn, th), KernelError);
}

TEST(KernelAbs, RejectsVariableFreeInHypotheses) {
  Term x = V("x"), y = V("y");
  EXPECT_THROW(Kernel::abs(x, Kernel::assume(hcert::tenv(), eq(x, y))), KernelError);
  // Free only deep inside a hypothesis, under another binder.
  Term h = eq(lam(V("z"), x), lam(V("z"), y));
  EXPECT_THROW(Kernel::abs(x, Kernel::assume(hcert::tenv(), h)), KernelError);
}

TEST(KernelAbs, RejectsNonVariable) {
  Term c = Term::constant(hcert::tenv(), "=", fn(B(), fn(B(), B())));
  Thm th = Kernel::refl(hcert::tenv(), V("p"));
  EXPECT_THROW(Kernel::abs(c, th), KernelError);
  EXPECT_THROW(Kernel::abs(ap(V("f", fn(B(), B())), V("x")), th), KernelError);
  EXPECT_THROW(Kernel::abs(Term(), th), KernelError);
  EXPECT_THROW(Kernel::abs(V("x"), Kernel::assume(hcert::tenv(), V("p"))), KernelError);  // not an equation
}

// ---- BETA: (λx. t) v = t[v/x] for a variable v not free in λx. t. ---------------------------

TEST(KernelBeta, Accepts) {
  Term f = V("f", fn(B(), B())), x = V("x"), y = V("y");
  Term redex = ap(lam(x, ap(f, x)), y);
  Thm th = Kernel::beta(hcert::tenv(), redex);
  EXPECT_TRUE(same(th.concl(), eq(redex, ap(f, y))));
  EXPECT_TRUE(th.hyps().empty());
  Term same_var = ap(lam(x, ap(f, x)), x);
  EXPECT_TRUE(same(Kernel::beta(hcert::tenv(), same_var).concl(), eq(same_var, ap(f, x))));
}

TEST(KernelBeta, RejectsNonRedex) {
  Term f = V("f", fn(B(), B()));
  EXPECT_THROW(Kernel::beta(hcert::tenv(), ap(f, V("x"))), KernelError);
  EXPECT_THROW(Kernel::beta(hcert::tenv(), lam(V("x"), V("x"))), KernelError);
  EXPECT_THROW(Kernel::beta(hcert::tenv(), V("x")), KernelError);
}

TEST(KernelBeta, RejectsNonVariableArgument) {
  Term f = V("f", fn(B(), B())), x = V("x");
  EXPECT_THROW(Kernel::beta(hcert::tenv(), ap(lam(x, x), ap(f, V("y")))), KernelError);
  EXPECT_THROW(Kernel::beta(hcert::tenv(), ap(lam(x, x), truth_prop())), KernelError);
}

TEST(KernelBeta, RejectsArgumentFreeInAbstraction) {
  Term g = V("g", fn(B(), fn(B(), B()))), x = V("x"), y = V("y");
  // (λx. g x y) y would give g y y; plain BETA must refuse it.
  EXPECT_THROW(Kernel::beta(hcert::tenv(), ap(lam(x, ap(ap(g, x), y)), y)), KernelError);
}

TEST(KernelBeta, ArgumentOfOtherTypeSameNameIsNotFree) {
  // y:num is free in the body, the argument is y:bool: a different variable.
  Term yn = V("y", num()), yb = V("y"), k = V("k", fn(B(), fn(num(), B())));
  Term redex = ap(lam(V("x"), ap(ap(k, V("x")), yn)), yb);
  EXPECT_TRUE(same(Kernel::beta(hcert::tenv(), redex).concl(), eq(redex, ap(ap(k, yb), yn))));
}

// ---- ASSUME: {p} ⊢ p for p : bool only. -------------------------------------------------------

TEST(KernelAssume, Accepts) {
  Term p = ap(V("f", fn(num(), B())), V("n", num()));
  Thm th = Kernel::assume(hcert::tenv(), p);
  EXPECT_TRUE(same(th.concl(), p));
  EXPECT_TRUE(hyps_are(th, {p}));
  EXPECT_TRUE(th.axioms().empty());
}

TEST(KernelAssume, RejectsNonBool) {
  EXPECT_THROW(Kernel::assume(hcert::tenv(), V("n", num())), KernelError);
  EXPECT_THROW(Kernel::assume(hcert::tenv(), V("f", fn(B(), B()))), KernelError);
  EXPECT_THROW(Kernel::assume(hcert::tenv(), V("a", tv("a"))), KernelError);
  EXPECT_THROW(Kernel::assume(hcert::tenv(), Term()), KernelError);
  EXPECT_THROW(Kernel::assume(hcert::tenv(), lam(V("x"), V("x")).body()), KernelError);  // loose index
}

// ---- EQ_MP: p = q and p give q; the two p must be the same term. ------------------------------

TEST(KernelEqMp, Accepts) {
  Term p = V("p"), q = V("q");
  Thm th = Kernel::eq_mp(Kernel::assume(hcert::tenv(), eq(p, q)), Kernel::assume(hcert::tenv(), p));
  EXPECT_TRUE(same(th.concl(), q));
  EXPECT_TRUE(hyps_are(th, {eq(p, q), p}));
}

TEST(KernelEqMp, AlphaEquivalentAntecedent) {
  Term f = V("f", fn(B(), B()));
  Term a1 = eq(lam(V("x"), ap(f, V("x"))), f), a2 = eq(lam(V("y"), ap(f, V("y"))), f);
  Thm th = Kernel::eq_mp(Kernel::assume(hcert::tenv(), eq(a1, V("q"))), Kernel::assume(hcert::tenv(), a2));
  EXPECT_TRUE(same(th.concl(), V("q")));
  EXPECT_EQ(th.hyps().size(), 2u);
}

TEST(KernelEqMp, RejectsMismatch) {
  Term p = V("p"), q = V("q"), r = V("r");
  EXPECT_THROW(Kernel::eq_mp(Kernel::assume(hcert::tenv(), eq(p, q)), Kernel::assume(hcert::tenv(), r)), KernelError);
  EXPECT_THROW(Kernel::eq_mp(Kernel::assume(hcert::tenv(), eq(p, q)), Kernel::assume(hcert::tenv(), q)), KernelError);
  EXPECT_THROW(Kernel::eq_mp(Kernel::assume(hcert::tenv(), p), Kernel::assume(hcert::tenv(), p)), KernelError);  // not eq
}

// ---- DEDUCT_ANTISYM: each side's conclusion is removed from the other side's hypotheses. ---

TEST(KernelDeductAntisym, RemovesBothSides) {
  Term p = V("p"), q = V("q");
  Term qp = eq(q, p), pq = eq(p, q);
  Thm th1 = Kernel::eq_mp(Kernel::assume(hcert::tenv(), qp), Kernel::assume(hcert::tenv(), q));  // {q = p, q} ⊢ p
  Thm th2 = Kernel::eq_mp(Kernel::assume(hcert::tenv(), pq), Kernel::assume(hcert::tenv(), p));  // {p = q, p} ⊢ q
  Thm th = Kernel::deduct_antisym(th1, th2);
  EXPECT_TRUE(same(th.concl(), eq(p, q)));
  EXPECT_TRUE(hyps_are(th, {qp, pq}));
}

TEST(KernelDeductAntisym, KeepsOtherHypotheses) {
  Term p = V("p"), q = V("q");
  Thm th = Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), p), Kernel::assume(hcert::tenv(), q));
  EXPECT_TRUE(same(th.concl(), eq(p, q)));
  EXPECT_TRUE(hyps_are(th, {p, q}));
  Thm self = Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), p), Kernel::assume(hcert::tenv(), p));
  EXPECT_TRUE(same(self.concl(), eq(p, p)));
  EXPECT_TRUE(self.hyps().empty());
}

TEST(KernelDeductAntisym, RemovesAlphaEquivalentHypothesis) {
  Term f = V("f", fn(B(), B()));
  Term a1 = eq(lam(V("x"), ap(f, V("x"))), f), a2 = eq(lam(V("y"), ap(f, V("y"))), f);
  Thm th = Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), a1), Kernel::assume(hcert::tenv(), a2));
  EXPECT_TRUE(same(th.concl(), eq(a1, a1)));
  EXPECT_TRUE(th.hyps().empty());
}

TEST(KernelDeductAntisym, DoesNotRemoveSameNameOtherType) {
  // {f (x:bool)} and {f' (x:num)}: the conclusions differ, nothing may be removed.
  Term a = ap(V("f", fn(B(), B())), V("x")), b = ap(V("f", fn(num(), B())), V("x", num()));
  Thm th = Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), a), Kernel::assume(hcert::tenv(), b));
  EXPECT_TRUE(hyps_are(th, {a, b}));
}

// ---- INST_TYPE: simultaneous instantiation of type variables in hypotheses and conclusion. -

TEST(KernelInstType, Accepts) {
  Term x = V("x", tv("a")), f = V("f", fn(tv("a"), B()));
  Thm th = Kernel::inst_type({{tv("a"), num()}}, Kernel::assume(hcert::tenv(), ap(f, x)));
  Term want = ap(V("f", fn(num(), B())), V("x", num()));
  EXPECT_TRUE(same(th.concl(), want));
  EXPECT_TRUE(hyps_are(th, {want}));
}

TEST(KernelInstType, SimultaneousSwap) {
  Term k = V("k", fn(tv("a"), tv("b")));
  Thm th = Kernel::inst_type({{tv("a"), tv("b")}, {tv("b"), tv("a")}}, Kernel::refl(hcert::tenv(), k));
  Term want = V("k", fn(tv("b"), tv("a")));
  EXPECT_TRUE(same(th.concl(), eq(want, want)));
}

TEST(KernelInstType, MergesHypothesesThatBecomeEqual) {
  Term a1 = eq(V("x", tv("a")), V("x", tv("a"))), a2 = eq(V("x", num()), V("x", num()));
  Thm th = Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), a1), Kernel::assume(hcert::tenv(), a2));
  ASSERT_EQ(th.hyps().size(), 2u);
  Thm i = Kernel::inst_type({{tv("a"), num()}}, th);
  EXPECT_TRUE(same(i.concl(), eq(a2, a2)));
  EXPECT_TRUE(hyps_are(i, {a2}));
  EXPECT_EQ(i.hyps().size(), 1u);
}

TEST(KernelInstType, RejectsBadSubstitutions) {
  Thm th = Kernel::refl(hcert::tenv(), V("x", tv("a")));
  EXPECT_THROW(Kernel::inst_type({{B(), tv("a")}}, th), KernelError);              // not a tyvar
  EXPECT_THROW(Kernel::inst_type({{fn(tv("a"), B()), B()}}, th), KernelError);     // not a tyvar
  EXPECT_THROW(Kernel::inst_type({{tv("a"), B()}, {tv("a"), num()}}, th), KernelError);  // twice
  EXPECT_THROW(Kernel::inst_type({{tv("a"), Type()}}, th), KernelError);           // null
  EXPECT_THROW(Kernel::inst_type({{Type(), B()}}, th), KernelError);
}

// ---- INST: simultaneous substitution of free variables by terms of the same type. ----------

TEST(KernelInst, Accepts) {
  Term x = V("x"), y = V("y"), z = V("z");
  Thm th = Kernel::inst({{x, z}}, Kernel::assume(hcert::tenv(), eq(x, y)));
  EXPECT_TRUE(same(th.concl(), eq(z, y)));
  EXPECT_TRUE(hyps_are(th, {eq(z, y)}));
  Thm sw = Kernel::inst({{x, y}, {y, x}}, Kernel::assume(hcert::tenv(), eq(x, y)));
  EXPECT_TRUE(same(sw.concl(), eq(y, x)));
  EXPECT_TRUE(hyps_are(sw, {eq(y, x)}));
}

TEST(KernelInst, ReplacementMentioningTheKeyIsNotIterated) {
  Term x = V("x"), f = V("f", fn(B(), B()));
  Thm th = Kernel::inst({{x, ap(f, x)}}, Kernel::refl(hcert::tenv(), x));
  EXPECT_TRUE(same(th.concl(), eq(ap(f, x), ap(f, x))));
  Thm ty = Kernel::inst_type({{tv("a"), fn(tv("a"), tv("a"))}}, Kernel::refl(hcert::tenv(), V("y", tv("a"))));
  Term y2 = V("y", fn(tv("a"), tv("a")));
  EXPECT_TRUE(same(ty.concl(), eq(y2, y2)));
}

TEST(KernelInst, OnlyTheVariableWithThatType) {
  Term xb = V("x"), xn = V("x", num()), k = V("k", fn(B(), fn(num(), B())));
  Thm th = Kernel::inst({{xb, truth_prop()}}, Kernel::refl(hcert::tenv(), ap(ap(k, xb), xn)));
  Term want = ap(ap(k, truth_prop()), xn);
  EXPECT_TRUE(same(th.concl(), eq(want, want)));
}

TEST(KernelInst, RejectsBadSubstitutions) {
  Term x = V("x"), y = V("y");
  Thm th = Kernel::assume(hcert::tenv(), eq(x, y));
  Term c = Term::constant(hcert::tenv(), "=", fn(B(), fn(B(), B())));
  EXPECT_THROW(Kernel::inst({{c, c}}, th), KernelError);                        // key not a var
  EXPECT_THROW(Kernel::inst({{ap(V("f", fn(B(), B())), x), y}}, th), KernelError);
  EXPECT_THROW(Kernel::inst({{x, V("n", num())}}, th), KernelError);            // type mismatch
  EXPECT_THROW(Kernel::inst({{x, y}, {x, V("z")}}, th), KernelError);          // key twice
  EXPECT_THROW(Kernel::inst({{x, lam(V("u"), V("u")).body()}}, th), KernelError);  // loose
  EXPECT_THROW(Kernel::inst({{Term(), y}}, th), KernelError);
  EXPECT_THROW(Kernel::inst({{x, Term()}}, th), KernelError);
}

// ---- new_type / new_constant: names must be new; bool, fun and = are built in. -------------

TEST(KernelNewType, Accepts) {
  std::string n = fresh("pair");
  EXPECT_FALSE(hcert::tenv().has_type(n));
  Kernel::new_type(hcert::tenv(), n, 2);
  EXPECT_TRUE(hcert::tenv().has_type(n));
  EXPECT_EQ(hcert::tenv().type_arity(n), 2u);
  Type t = Type::op(hcert::tenv(), n, {B(), num()});
  EXPECT_EQ(t.name(), n);
  EXPECT_THROW(Type::op(hcert::tenv(), n, {B()}), KernelError);  // wrong arity
}

TEST(KernelNewType, RejectsRedeclaration) {
  EXPECT_THROW(Kernel::new_type(hcert::tenv(), "bool", 0), KernelError);
  EXPECT_THROW(Kernel::new_type(hcert::tenv(), "bool", 1), KernelError);
  EXPECT_THROW(Kernel::new_type(hcert::tenv(), "fun", 2), KernelError);
  EXPECT_THROW(Kernel::new_type(hcert::tenv(), "fun", 0), KernelError);
  EXPECT_EQ(hcert::tenv().type_arity("bool"), 0u);
  EXPECT_EQ(hcert::tenv().type_arity("fun"), 2u);
  std::string n = fresh("t");
  Kernel::new_type(hcert::tenv(), n, 1);
  EXPECT_THROW(Kernel::new_type(hcert::tenv(), n, 3), KernelError);
  EXPECT_EQ(hcert::tenv().type_arity(n), 1u);
  EXPECT_THROW(Kernel::new_type(hcert::tenv(), "", 0), KernelError);
  EXPECT_FALSE(hcert::tenv().has_type(""));
}

TEST(KernelNewConstant, Accepts) {
  std::string n = fresh("k");
  Type gen = fn(tv("a"), B());
  Kernel::new_constant(hcert::tenv(), n, gen);
  EXPECT_TRUE(hcert::tenv().has_constant(n));
  EXPECT_TRUE(hcert::tenv().constant_type(n) == gen);
  Term c = Term::constant(hcert::tenv(), n, fn(num(), B()));  // an instance
  EXPECT_EQ(c.kind(), TermKind::Const);
  EXPECT_THROW(Term::constant(hcert::tenv(), n, fn(num(), num())), KernelError);  // not an instance
  EXPECT_THROW(Term::constant(hcert::tenv(), fresh("undeclared"), B()), KernelError);
}

TEST(KernelNewConstant, RejectsRedeclaration) {
  Type eqty = hcert::tenv().constant_type("=");
  EXPECT_THROW(Kernel::new_constant(hcert::tenv(), "=", B()), KernelError);
  EXPECT_TRUE(hcert::tenv().constant_type("=") == eqty);
  std::string n = fresh("k");
  Kernel::new_constant(hcert::tenv(), n, B());
  EXPECT_THROW(Kernel::new_constant(hcert::tenv(), n, num()), KernelError);
  EXPECT_TRUE(hcert::tenv().constant_type(n) == B());
  EXPECT_THROW(Kernel::new_constant(hcert::tenv(), "", B()), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(""));
  std::string m = fresh("k");
  EXPECT_THROW(Kernel::new_constant(hcert::tenv(), m, Type()), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(m));
}

// ---- new_axiom: recorded by name; tracked through every rule into Thm::axioms(). ------------

TEST(KernelAxiom, RecordedAndTracked) {
  std::string name = fresh("ax");
  std::string cn = fresh("c");
  Kernel::new_constant(hcert::tenv(), cn, num());
  Term cst = Term::constant(hcert::tenv(), cn, num());
  Term stmt = eq(cst, cst);
  size_t before = hcert::tenv().axiom_count();
  Thm ax = Kernel::new_axiom(hcert::tenv(), name, stmt);
  ASSERT_EQ(hcert::tenv().axiom_count(), before + 1);
  EXPECT_EQ(hcert::tenv().axiom(hcert::tenv().axiom_count() - 1).name, name);
  EXPECT_TRUE(same(hcert::tenv().axiom(hcert::tenv().axiom_count() - 1).statement, stmt));
  EXPECT_TRUE(same(ax.concl(), stmt));
  EXPECT_TRUE(ax.hyps().empty());
  ASSERT_EQ(ax.axioms().size(), 1u);
  uint32_t id = ax.axioms()[0];
  EXPECT_EQ(hcert::tenv().axiom(id).name, name);

  // Derived from it: TRANS, MK_COMB, ABS, EQ_MP, INST, INST_TYPE, DEDUCT_ANTISYM keep it.
  Thm t = Kernel::trans(ax, Kernel::refl(hcert::tenv(), cst));
  EXPECT_EQ(t.axioms(), std::vector<uint32_t>{id});
  EXPECT_EQ(Kernel::abs(V("z"), ax).axioms(), std::vector<uint32_t>{id});
  EXPECT_EQ(Kernel::mk_comb(Kernel::refl(hcert::tenv(), V("f", fn(num(), B()))), ax).axioms(),
            std::vector<uint32_t>{id});
  EXPECT_EQ(Kernel::eq_mp(Kernel::refl(hcert::tenv(), stmt), ax).axioms(), std::vector<uint32_t>{id});
  EXPECT_EQ(Kernel::inst({{V("z"), V("w")}}, ax).axioms(), std::vector<uint32_t>{id});
  EXPECT_EQ(Kernel::inst_type({{tv("a"), B()}}, ax).axioms(), std::vector<uint32_t>{id});
  EXPECT_EQ(Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), V("p")), ax).axioms(),
            std::vector<uint32_t>{id});

  // Not derived from it: nothing listed.
  EXPECT_TRUE(Kernel::refl(hcert::tenv(), cst).axioms().empty());
  EXPECT_TRUE(Kernel::eq_mp(Kernel::refl(hcert::tenv(), stmt), Kernel::assume(hcert::tenv(), stmt)).axioms().empty());

  // Two axioms: the union, sorted.
  std::string name2 = fresh("ax");
  Thm ax2 = Kernel::new_axiom(hcert::tenv(), name2, eq(stmt, stmt));
  uint32_t id2 = ax2.axioms().at(0);
  EXPECT_NE(id, id2);
  Thm both = Kernel::eq_mp(ax2, Kernel::eq_mp(Kernel::refl(hcert::tenv(), stmt), ax));
  std::vector<uint32_t> want{std::min(id, id2), std::max(id, id2)};
  EXPECT_EQ(both.axioms(), want);
  EXPECT_EQ(Kernel::deduct_antisym(ax, ax2).axioms(), want);
}

TEST(KernelAxiom, RejectsDuplicateNameAndNonBool) {
  std::string name = fresh("ax");
  Thm ax = Kernel::new_axiom(hcert::tenv(), name, truth_prop());
  size_t n = hcert::tenv().axiom_count();
  EXPECT_THROW(Kernel::new_axiom(hcert::tenv(), name, truth_prop()), KernelError);
  EXPECT_THROW(Kernel::new_axiom(hcert::tenv(), name, eq(truth_prop(), truth_prop())), KernelError);
  EXPECT_THROW(Kernel::new_axiom(hcert::tenv(), fresh("ax"), lam(V("x"), V("x"))), KernelError);
  EXPECT_THROW(Kernel::new_axiom(hcert::tenv(), fresh("ax"), Term()), KernelError);
  EXPECT_EQ(hcert::tenv().axiom_count(), n);
  EXPECT_EQ(ax.axioms().size(), 1u);
}

// ---- new_basic_definition: ⊢ c = t for a new constant c, t closed with no extra tyvars. ------

TEST(KernelDefinition, Accepts) {
  std::string n = fresh("T");
  Term rhs = truth_prop();
  Thm th = Kernel::new_basic_definition(hcert::tenv(), eq(V(n), rhs));
  EXPECT_TRUE(hcert::tenv().has_constant(n));
  EXPECT_TRUE(hcert::tenv().constant_type(n) == B());
  EXPECT_TRUE(same(th.concl(), eq(Term::constant(hcert::tenv(), n, B()), rhs)));
  EXPECT_TRUE(th.hyps().empty());
  EXPECT_TRUE(th.axioms().empty());
}

TEST(KernelDefinition, AcceptsPolymorphic) {
  std::string n = fresh("I");
  Type a = tv("a");
  Term rhs = lam(V("x", a), V("x", a));
  Thm th = Kernel::new_basic_definition(hcert::tenv(), eq(V(n, fn(a, a)), rhs));
  EXPECT_TRUE(hcert::tenv().constant_type(n) == fn(a, a));
  Thm i = Kernel::inst_type({{a, num()}}, th);
  Term want = eq(Term::constant(hcert::tenv(), n, fn(num(), num())), lam(V("x", num()), V("x", num())));
  EXPECT_TRUE(same(i.concl(), want));
}

TEST(KernelDefinition, RejectsFreeVariablesOnTheRight) {
  std::string n = fresh("c");
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n), V("p"))), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(n));
  // Recursive: c = (c = c) with c free on the right.
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n), eq(V(n), V(n)))), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(n));
  // Free deep under a binder.
  Term body = eq(lam(V("x"), V("y")), lam(V("x"), V("x")));
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n), body)), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(n));
}

TEST(KernelDefinition, RejectsExtraTypeVariables) {
  // c : bool = ((λx:'b. x) = (λx:'b. x)): 'b is not in bool, so c could be true at one
  // instance and false at another.
  std::string n = fresh("c");
  Type b = tv("b");
  Term id = lam(V("x", b), V("x", b));
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n), eq(id, id))), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(n));
  // 'b only in the type of a bound variable whose body does not mention it.
  Term k = lam(V("x", b), truth_prop());
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n, fn(tv("a"), B())),
                                               lam(V("y", tv("a")), eq(k, k)))),
               KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(n));
  // 'b only in the instance of a polymorphic constant.
  Term eqb = Term::constant(hcert::tenv(), "=", fn(b, fn(b, B())));
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n), eq(eqb, eqb))), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(n));
}

TEST(KernelDefinition, RejectsNonVariableLhsAndNonEquation) {
  std::string n = fresh("c");
  Kernel::new_constant(hcert::tenv(), n, B());
  std::string m = fresh("c");
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(Term::constant(hcert::tenv(), n, B()), truth_prop())), KernelError);
  Term f = V(m, fn(B(), B()));
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(ap(f, V("x")), truth_prop())), KernelError);
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), V(m)), KernelError);
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), Term()), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(m));
}

TEST(KernelDefinition, RejectsRedefinition) {
  std::string n = fresh("T");
  Kernel::new_basic_definition(hcert::tenv(), eq(V(n), truth_prop()));
  Term id = lam(V("p"), V("p"));
  // Same name, same or other type, other body: both refused; the constant keeps its type.
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n), eq(truth_prop(), truth_prop()))), KernelError);
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(n, fn(B(), B())), id)), KernelError);
  EXPECT_TRUE(hcert::tenv().constant_type(n) == B());
  // Redefining equality itself.
  Type eqty = hcert::tenv().constant_type("=");
  Term eqb = Term::constant(hcert::tenv(), "=", fn(B(), fn(B(), B())));
  Term other = lam(V("p"), lam(V("q"), V("p")));
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V("=", fn(B(), fn(B(), B()))), other)),
               KernelError);
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V("=", fn(B(), fn(B(), B()))), eqb)), KernelError);
  EXPECT_TRUE(hcert::tenv().constant_type("=") == eqty);
  // A declared (not defined) constant cannot be defined afterwards either.
  std::string k = fresh("k");
  Kernel::new_constant(hcert::tenv(), k, B());
  EXPECT_THROW(Kernel::new_basic_definition(hcert::tenv(), eq(V(k), truth_prop())), KernelError);
}

// ---- new_basic_type_definition. ---------------------------------------------------------------

TEST(KernelTypeDefinition, Accepts) {
  std::string ty = fresh("ty"), ab = fresh("abs"), rp = fresh("rep");
  Term t = lam(V("p"), V("p"));  // ⊢ (= t) t, P = (= t), repty = bool -> bool
  Type repty = fn(B(), B());
  Term P = ap(Term::constant(hcert::tenv(), "=", fn(repty, fn(repty, B()))), t);
  auto [th1, th2] = Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, rp, p_x(t));
  ASSERT_TRUE(hcert::tenv().has_type(ty));
  EXPECT_EQ(hcert::tenv().type_arity(ty), 0u);
  Type nt = Type::op(hcert::tenv(), ty, {});
  EXPECT_TRUE(hcert::tenv().constant_type(ab) == fn(repty, nt));
  EXPECT_TRUE(hcert::tenv().constant_type(rp) == fn(nt, repty));
  Term absc = Term::constant(hcert::tenv(), ab, fn(repty, nt)), repc = Term::constant(hcert::tenv(), rp, fn(nt, repty));
  Term a = V("a", nt), r = V("r", repty);
  EXPECT_TRUE(same(th1.concl(), eq(ap(absc, ap(repc, a)), a)));
  EXPECT_TRUE(same(th2.concl(), eq(ap(P, r), eq(ap(repc, ap(absc, r)), r))));
  EXPECT_TRUE(th1.hyps().empty());
  EXPECT_TRUE(th2.hyps().empty());
  EXPECT_TRUE(th1.axioms().empty());
}

TEST(KernelTypeDefinition, ParametersAreSortedTypeVariables) {
  std::string ty = fresh("ty"), ab = fresh("abs"), rp = fresh("rep");
  Type a = tv("a"), b = tv("b");
  Term t = lam(V("x", b), lam(V("y", a), V("x", b)));  // repty = 'b -> 'a -> 'b
  Type repty = fn(b, fn(a, b));
  Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, rp, p_x(t));
  ASSERT_EQ(hcert::tenv().type_arity(ty), 2u);
  Type nt = Type::op(hcert::tenv(), ty, {a, b});
  EXPECT_TRUE(hcert::tenv().constant_type(ab) == fn(repty, nt));
  EXPECT_TRUE(hcert::tenv().constant_type(rp) == fn(nt, repty));
}

TEST(KernelTypeDefinition, CarriesAxioms) {
  std::string cn = fresh("c");
  Kernel::new_constant(hcert::tenv(), cn, fn(B(), B()));
  Term c = Term::constant(hcert::tenv(), cn, fn(B(), B()));
  Thm ax = Kernel::new_axiom(hcert::tenv(), fresh("ax"), ap(c, truth_prop()));  // ⊢ c T, P = c
  auto [th1, th2] = Kernel::new_basic_type_definition(hcert::tenv(), fresh("ty"), fresh("abs"), fresh("rep"), ax);
  EXPECT_EQ(th1.axioms(), ax.axioms());
  EXPECT_EQ(th2.axioms(), ax.axioms());
}

// After a refused type definition, none of the three names may have been declared.
#define EXPECT_NO_TRACE(ty, ab, rp)            \
  do {                                         \
    EXPECT_FALSE(hcert::tenv().has_type(ty));        \
    EXPECT_FALSE(hcert::tenv().has_constant(ab));    \
    EXPECT_FALSE(hcert::tenv().has_constant(rp));    \
  } while (0)

TEST(KernelTypeDefinition, RejectsHypotheses) {
  std::string ty = fresh("ty"), ab = fresh("abs"), rp = fresh("rep");
  Term t = lam(V("p"), V("p"));
  Thm th = Kernel::assume(hcert::tenv(), eq(t, t));  // {t = t} ⊢ t = t
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, rp, th), KernelError);
  EXPECT_NO_TRACE(ty, ab, rp);
  // A possibly empty predicate: {P x} ⊢ P x with P a constant.
  std::string cn = fresh("c");
  Kernel::new_constant(hcert::tenv(), cn, fn(B(), B()));
  Thm th2 = Kernel::assume(hcert::tenv(), ap(Term::constant(hcert::tenv(), cn, fn(B(), B())), V("x")));
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, rp, th2), KernelError);
  EXPECT_NO_TRACE(ty, ab, rp);
}

TEST(KernelTypeDefinition, RejectsNonClosedPredicate) {
  std::string ty = fresh("ty"), ab = fresh("abs"), rp = fresh("rep");
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, rp, Kernel::refl(hcert::tenv(), V("y"))), KernelError);
  EXPECT_NO_TRACE(ty, ab, rp);
  // Free variable under a binder inside P.
  Term t = lam(V("p"), V("y"));
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, rp, Kernel::refl(hcert::tenv(), t)), KernelError);
  EXPECT_NO_TRACE(ty, ab, rp);
}

TEST(KernelTypeDefinition, RejectsAbsEqualsRep) {
  std::string ty = fresh("ty"), ab = fresh("abs");
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, ab, p_x(lam(V("p"), V("p")))),
               KernelError);
  EXPECT_NO_TRACE(ty, ab, ab);
}

TEST(KernelTypeDefinition, RejectsReusedNames) {
  Thm th = p_x(lam(V("p"), V("p")));
  std::string ty = fresh("ty"), ab = fresh("abs"), rp = fresh("rep");
  for (const char* builtin : {"bool", "fun"}) {
    EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), builtin, ab, rp, th), KernelError);
    EXPECT_FALSE(hcert::tenv().has_constant(ab));
    EXPECT_FALSE(hcert::tenv().has_constant(rp));
  }
  EXPECT_EQ(hcert::tenv().type_arity("bool"), 0u);
  EXPECT_EQ(hcert::tenv().type_arity("fun"), 2u);
  // A type defined before.
  std::string ty0 = fresh("ty");
  Kernel::new_basic_type_definition(hcert::tenv(), ty0, fresh("abs"), fresh("rep"), th);
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty0, ab, rp, th), KernelError);
  EXPECT_FALSE(hcert::tenv().has_constant(ab));
  EXPECT_FALSE(hcert::tenv().has_constant(rp));
  // Constant names taken: "=", or a declared constant, as abs or as rep.
  std::string k = fresh("k");
  Kernel::new_constant(hcert::tenv(), k, B());
  for (auto [a, r] : {std::pair{std::string("="), rp}, {ab, std::string("=")}, {k, rp}, {ab, k}}) {
    EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, a, r, th), KernelError);
    EXPECT_FALSE(hcert::tenv().has_type(ty));
  }
  EXPECT_NO_TRACE(ty, ab, rp);
  EXPECT_TRUE(hcert::tenv().constant_type(k) == B());
  // Empty names.
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), "", ab, rp, th), KernelError);
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, "", rp, th), KernelError);
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, "", th), KernelError);
  EXPECT_NO_TRACE(ty, ab, rp);
}

TEST(KernelTypeDefinition, RejectsConclusionNotAnApplication) {
  std::string cn = fresh("c");
  Kernel::new_constant(hcert::tenv(), cn, B());
  Thm ax = Kernel::new_axiom(hcert::tenv(), fresh("ax"), Term::constant(hcert::tenv(), cn, B()));
  std::string ty = fresh("ty"), ab = fresh("abs"), rp = fresh("rep");
  EXPECT_THROW(Kernel::new_basic_type_definition(hcert::tenv(), ty, ab, rp, ax), KernelError);
  EXPECT_NO_TRACE(ty, ab, rp);
}

// ---- checked term constructors used by every rule -------------------------------------------

TEST(KernelTermConstructors, RejectIllTyped) {
  Term f = V("f", fn(B(), B()));
  EXPECT_THROW(Term::comb(f, V("n", num())), KernelError);
  EXPECT_THROW(Term::comb(V("p"), V("q")), KernelError);
  EXPECT_THROW(Term::abs(Term::constant(hcert::tenv(), "=", fn(B(), fn(B(), B()))), V("p")), KernelError);
  EXPECT_THROW(Term::eq(V("p"), V("n", num())), KernelError);
  EXPECT_THROW(Term::var("x", Type()), KernelError);
  // Constants only at instances of their generic type: = with sides of different types.
  EXPECT_THROW(Term::constant(hcert::tenv(), "=", fn(B(), fn(num(), B()))), KernelError);
  EXPECT_THROW(Term::constant(hcert::tenv(), "=", fn(B(), fn(B(), num()))), KernelError);
  EXPECT_THROW(Term::constant(hcert::tenv(), "=", B()), KernelError);
  std::string k = fresh("k");
  Kernel::new_constant(hcert::tenv(), k, fn(tv("a"), tv("a")));
  EXPECT_THROW(Term::constant(hcert::tenv(), k, fn(B(), num())), KernelError);
  EXPECT_NO_THROW(Term::constant(hcert::tenv(), k, fn(num(), num())));
  EXPECT_THROW(Type::op(hcert::tenv(), "bool", {B()}), KernelError);
  EXPECT_THROW(Type::op(hcert::tenv(), fresh("undeclared"), {}), KernelError);
  // Parsed and built terms are the same nodes.
  EXPECT_TRUE(same(parse("((v f (fun bool bool)) (v x bool))"), ap(f, V("x"))));
}
