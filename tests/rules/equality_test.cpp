// Derived equality rules: each gives exactly the documented conclusion and hypotheses, and
// refuses what the kernel would refuse.
#include <gtest/gtest.h>

#include "tests/env.hpp"
#include "formats/hol_text.hpp"
#include "rules/equality.hpp"

using namespace hcert;

namespace {
Type B() { return Type::boolean(); }
Term var(const char* n, Type t = Type::boolean()) { return Term::var(n, t); }
Term term(const char* s) { return text::parse_term(hcert::tenv(), s); }
}  // namespace

TEST(Sym, SwapsSidesAndKeepsHypotheses) {
  Thm th = Kernel::assume(hcert::tenv(), Term::eq(var("p"), var("q")));
  Thm s = rules::sym(th);
  EXPECT_EQ(s.concl(), Term::eq(var("q"), var("p")));
  ASSERT_EQ(s.hyps().size(), 1u);
  EXPECT_EQ(s.hyps()[0], Term::eq(var("p"), var("q")));
}

TEST(Sym, RejectsNonEquation) {
  EXPECT_THROW(rules::sym(Kernel::assume(hcert::tenv(), var("p"))), KernelError);
}

TEST(BetaConv, ArbitraryArgument) {
  Term f = Term::var("f", Type::fun(B(), B()));
  Term lam = Term::abs(var("x"), Term::comb(f, var("x")));
  Term arg = Term::comb(f, var("y"));
  Thm th = rules::beta_conv(hcert::tenv(), Term::comb(lam, arg));
  EXPECT_EQ(th.concl(), Term::eq(Term::comb(lam, arg), Term::comb(f, arg)));
  EXPECT_TRUE(th.hyps().empty());
}

TEST(BetaConv, ArgumentVariableFreeInBody) {
  // (λx. g x y) y = g y y: the argument occurs free in the abstraction, so plain BETA
  // refuses and the rule must go through a fresh variable without capturing anything.
  Term g = term("(v g (fun bool (fun bool bool)))");
  Term lam = Term::abs(var("x"), Term::comb(Term::comb(g, var("x")), var("y")));
  EXPECT_THROW(Kernel::beta(hcert::tenv(), Term::comb(lam, var("y"))), KernelError);
  Thm th = rules::beta_conv(hcert::tenv(), Term::comb(lam, var("y")));
  EXPECT_EQ(th.concl().rhs(), Term::comb(Term::comb(g, var("y")), var("y")));
}

TEST(BetaConv, FirstCandidateVariableFreeInTheAbstraction) {
  // (λx. g x _0) (f y) = g (f y) _0: the rule first tries the variable _0 in place of the
  // argument, which BETA refuses here (it is free in the abstraction); the rule must then
  // take a fresh variable, not fail and not capture _0.
  Term f = Term::var("f", Type::fun(B(), B()));
  Term g = term("(v g (fun bool (fun bool bool)))");
  Term lam = Term::abs(var("x"), Term::comb(Term::comb(g, var("x")), var("_0")));
  Term arg = Term::comb(f, var("y"));
  Thm th = rules::beta_conv(hcert::tenv(), Term::comb(lam, arg));
  EXPECT_EQ(th.concl(), Term::eq(Term::comb(lam, arg), Term::comb(Term::comb(g, arg), var("_0"))));
  EXPECT_TRUE(th.hyps().empty());
}

TEST(BetaConv, RejectsNonRedex) {
  EXPECT_THROW(rules::beta_conv(hcert::tenv(), var("p")), KernelError);
  EXPECT_THROW(rules::beta_conv(hcert::tenv(), Term::comb(Term::var("f", Type::fun(B(), B())), var("p"))), KernelError);
}

TEST(ApTermApThm, BuildApplications) {
  Term f = Term::var("f", Type::fun(B(), B()));
  Thm xy = Kernel::assume(hcert::tenv(), Term::eq(var("x"), var("y")));
  EXPECT_EQ(rules::ap_term(f, xy).concl(), Term::eq(Term::comb(f, var("x")), Term::comb(f, var("y"))));
  Thm fg = Kernel::assume(hcert::tenv(), Term::eq(f, Term::var("g", Type::fun(B(), B()))));
  EXPECT_EQ(rules::ap_thm(fg, var("x")).concl().rhs(), Term::comb(Term::var("g", Type::fun(B(), B())), var("x")));
  EXPECT_THROW(rules::ap_term(f, Kernel::refl(hcert::tenv(), Term::var("n", Type::fun(B(), B())))), KernelError);
}

TEST(ProveHyp, DischargesOnlyTheProvedHypothesis) {
  Thm q = Kernel::deduct_antisym(Kernel::assume(hcert::tenv(), var("q")), Kernel::assume(hcert::tenv(), var("p")));
  // q: {p, q} ⊢ q = p ... use it as B ⊢ (q = p) with p in B.
  Thm r = rules::prove_hyp(Kernel::refl(hcert::tenv(), var("z")), q);  // ⊢ z = z proves nothing in B
  EXPECT_EQ(r.hyps().size(), q.hyps().size());
  Thm a = Kernel::assume(hcert::tenv(), Term::eq(var("z"), var("z")));  // {z = z} ⊢ z = z
  Thm d = rules::prove_hyp(Kernel::refl(hcert::tenv(), var("z")), a);   // ⊢ z = z
  EXPECT_TRUE(d.hyps().empty());
  EXPECT_EQ(d.concl(), Term::eq(var("z"), var("z")));
}
