// The trusted SMT-LIB elaboration: exact HOL terms for Core operators, scoping (let,
// quantifiers, define-fun) without capture, symbol identity (quoting is notation, case
// matters), and clear errors or "incomplete" for what is not elaborated.
#include <gtest/gtest.h>

#include "checker/problem.hpp"
#include "formats/hol_text.hpp"

using namespace hcert;
using check::Outcome;

namespace {

std::vector<Term> elab(const std::string& text) {
  check::load_pinned_theory(check::default_theory_dir(), "core");
  return check::elaborate(smt::parse_script(text)).assertions;
}

Outcome outcome(const std::string& text) {
  try {
    elab(text);
    return Outcome::Verified;
  } catch (const check::Failure& e) {
    return e.outcome;
  } catch (const cert::FormatError&) {
    return Outcome::InputError;
  }
}

Type B() { return Type::boolean(); }
Term bv(const char* n) { return Term::var(n, B()); }
Term c(const char* n, Type t) { return Term::constant(n, t); }
Type bbb() { return Type::fun(B(), Type::fun(B(), B())); }
Term op(const char* n, Term a, Term b) { return Term::comb(Term::comb(c(n, bbb()), a), b); }
Term neg(Term a) { return Term::comb(c("~", Type::fun(B(), B())), a); }

TEST(SmtElab, CoreOperators) {
  auto as = elab(
      "(set-logic QF_UF)(declare-const p Bool)(declare-const q Bool)(declare-const r Bool)"
      "(assert (and p q r))(assert (or p q))(assert (=> p q r))(assert (not p))(assert (xor p q))"
      "(assert (= p q r))(assert (distinct p q r))(assert true)(assert false)(assert (or p))(check-sat)");
  Term p = bv("p"), q = bv("q"), r = bv("r");
  ASSERT_EQ(as.size(), 10u);
  EXPECT_EQ(as[0], op("/\\", p, op("/\\", q, r)));
  EXPECT_EQ(as[1], op("\\/", p, q));
  EXPECT_EQ(as[2], op("==>", p, op("==>", q, r)));
  EXPECT_EQ(as[3], neg(p));
  EXPECT_EQ(as[4], neg(Term::eq(p, q)));
  EXPECT_EQ(as[5], op("/\\", Term::eq(p, q), Term::eq(q, r)));
  EXPECT_EQ(as[6], op("/\\", neg(Term::eq(p, q)), op("/\\", neg(Term::eq(p, r)), neg(Term::eq(q, r)))));
  EXPECT_EQ(as[7], c("T", B()));
  EXPECT_EQ(as[8], c("F", B()));
  EXPECT_EQ(as[9], p);
}

TEST(SmtElab, SortsAreTypeVariablesFunctionsAreVariables) {
  auto as = elab("(declare-sort U 0)(declare-fun f (U U) U)(declare-const a U)(assert (= (f a a) a))(check-sat)");
  Type u = Type::var("U");
  Term f = Term::var("f", Type::fun(u, Type::fun(u, u))), a = Term::var("a", u);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0], Term::eq(Term::comb(Term::comb(f, a), a), a));
}

TEST(SmtElab, IteIsCond) {
  auto as = elab("(declare-sort U 0)(declare-const p Bool)(declare-const a U)(declare-const b U)"
                 "(assert (= a (ite p a b)))(check-sat)");
  Type u = Type::var("U");
  Term cond = c("COND", Type::fun(B(), Type::fun(u, Type::fun(u, u))));
  Term a = Term::var("a", u), b = Term::var("b", u);
  EXPECT_EQ(as[0], Term::eq(a, Term::comb(Term::comb(Term::comb(cond, bv("p")), a), b)));
}

// (let ((y x)) (forall ((x Bool)) (= x y))) is ∀z. z = x: the let-bound y refers to the
// outer x, which the quantifier must not capture.
TEST(SmtElab, NoCaptureThroughLet) {
  auto as = elab("(declare-const x Bool)(assert (let ((y x)) (forall ((x Bool)) (= x y))))(check-sat)");
  Term z = bv("z_fresh_for_test");
  Term expect = Term::comb(c("!", Type::fun(Type::fun(B(), B()), B())), Term::abs(z, Term::eq(z, bv("x"))));
  EXPECT_EQ(as[0], expect) << text::print(as[0]);
}

TEST(SmtElab, LetIsParallelAndShadows) {
  auto as = elab("(declare-const p Bool)(declare-const q Bool)"
                 "(assert (let ((p q) (q p)) (and p q)))(assert (let ((p q)) (let ((p (not p))) p)))(check-sat)");
  EXPECT_EQ(as[0], op("/\\", bv("q"), bv("p")));
  EXPECT_EQ(as[1], neg(bv("q")));
}

TEST(SmtElab, DefineFunExpands) {
  auto as = elab("(declare-const p Bool)(declare-const x Bool)(define-fun g ((x Bool) (y Bool)) Bool (and x y))"
                 "(assert (g p x))(assert (! (not p) :named np))(assert np)(check-sat)");
  EXPECT_EQ(as[0], op("/\\", bv("p"), bv("x")));
  EXPECT_EQ(as[1], neg(bv("p")));
  EXPECT_EQ(as[2], neg(bv("p")));
}

TEST(SmtElab, SymbolIdentity) {
  // Quoting is notation (SMT-LIB 2.6, 3.1): |x| is x, so declaring both is an error.
  EXPECT_EQ(outcome("(declare-const x Bool)(declare-const |x| Bool)(check-sat)"), Outcome::InputError);
  // Case matters, and quoted symbols may hold any byte but | and \.
  auto as = elab("(declare-const x Bool)(declare-const X Bool)(declare-const |x y| Bool)"
                 "(assert (and x X |x y|))(check-sat)");
  EXPECT_EQ(as[0], op("/\\", bv("x"), op("/\\", bv("X"), bv("x y"))));
  EXPECT_NE(bv("x"), bv("X"));
}

TEST(SmtElab, CheckSatAssumingAddsAssertions) {
  auto as = elab("(declare-const p Bool)(assert p)(check-sat-assuming ((not p)))");
  ASSERT_EQ(as.size(), 2u);
  EXPECT_EQ(as[1], neg(bv("p")));
}

TEST(SmtElab, CommandsAfterCheckSatIgnored) {
  EXPECT_EQ(elab("(declare-const p Bool)(assert p)(check-sat)(get-proof)(assert false)(exit)").size(), 1u);
}

TEST(SmtElab, Errors) {
  EXPECT_EQ(outcome("(declare-const p Bool)(assert p)"), Outcome::InputError);           // no check-sat
  EXPECT_EQ(outcome("(set-logic QF_UF)(assert (foo))(check-sat)"), Outcome::InputError); // unknown symbol
  EXPECT_EQ(outcome("(declare-sort U 0)(declare-const a U)(assert a)(check-sat)"), Outcome::InputError);
  EXPECT_EQ(outcome("(declare-const p Bool)(assert (p p))(check-sat)"), Outcome::InputError);  // ill-sorted
  EXPECT_EQ(outcome("(assert (and true)"), Outcome::InputError);                          // unbalanced
  EXPECT_EQ(outcome("(assert |abc)(check-sat)"), Outcome::InputError);
  EXPECT_EQ(outcome("(assert \"abc)(check-sat)"), Outcome::InputError);
  EXPECT_EQ(outcome("(assert \xff)(check-sat)"), Outcome::InputError);
}

TEST(SmtElab, UnsupportedIsIncomplete) {
  EXPECT_EQ(outcome("(set-logic QF_LIA)(declare-const x Int)(assert (> x 0))(check-sat)"), Outcome::Incomplete);
  EXPECT_EQ(outcome("(set-logic QF_LIA)(assert (> 1 0))(check-sat)"), Outcome::Incomplete);
  EXPECT_EQ(outcome("(push 1)(check-sat)"), Outcome::Incomplete);
  EXPECT_EQ(outcome("(declare-sort L 1)(check-sat)"), Outcome::Incomplete);
}

TEST(SmtElab, DeepNestingDoesNotOverflow) {
  std::string t;
  for (int i = 0; i < 200000; ++i) t += "(not ";
  t += "p" + std::string(200000, ')');
  auto as = elab("(declare-const p Bool)(assert " + t + ")(check-sat)");
  Term x = as[0];
  int depth = 0;
  while (x.kind() == TermKind::Comb) x = x.rand(), ++depth;
  EXPECT_EQ(depth, 200000);
}

TEST(SmtParse, LiteralsAndErrorsNameTheLine) {
  auto sc = smt::parse_script("; comment\n(set-info :status unsat)\n(assert (= #x1F #b01 0 1.50 \"a\"\"b\"))");
  ASSERT_EQ(sc.commands.size(), 2u);
  const auto& n = sc.nodes;
  const auto& eqn = n[n[sc.commands[1]].kids[1]];
  EXPECT_EQ(n[eqn.kids[1]].kind, smt::Node::Hex);
  EXPECT_EQ(n[eqn.kids[4]].text, "1.50");
  EXPECT_EQ(n[eqn.kids[5]].text, "a\"b");
  try {
    smt::parse_script("(a)\n(b\n(c 007))");
    FAIL();
  } catch (const cert::FormatError& e) {
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.offset, 10u);
  }
}

}  // namespace
