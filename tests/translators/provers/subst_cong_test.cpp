// The rewrite congruence (translators/provers/subst_cong.hpp) on its own: every emitted
// step runs on the kernel at once (KernelSink), and each result is checked against the
// shape the header promises: {u = u', …} ⊢ t = t*, the hypotheses exactly the local
// rewrites used. Reject cases say why nothing more may be proved.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "tests/env.hpp"
#include "tests/translators/provers/assertions.hpp"
#include "tests/translators/kernel_sink.hpp"
#include "translators/provers/formula.hpp"
#include "translators/provers/subst_cong.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"

using namespace hcert;

namespace {

const char* header =
    "(set-logic QF_UFLIA)(declare-const x Int)(declare-const y Int)(declare-const z Int)(declare-fun f (Int) Int)"
    "(declare-fun g (Int Int) Int)(declare-const a Bool)(declare-const b Bool)";

std::vector<Term> read(const std::string& name, const std::string& asserts) {
  return test::smt_assertions(name, header + asserts);
}

// Sides of the equations `(= l r)` of a problem.
std::pair<Term, Term> sides(const Term& eq) {
  Term l, r;
  EXPECT_TRUE(provers::is_op(eq, "=", &l, &r));
  return {l, r};
}

// A substitution as the hook: each bound variable becomes its value.
provers::RewriteCongruence::Local bindings(const std::vector<std::pair<Term, Term>>& theta) {
  auto m = std::make_shared<std::unordered_map<Term, Term, TermHash>>(theta.begin(), theta.end());
  return [m](const Term& u) {
    auto it = m->find(u);
    return it == m->end() ? Term() : it->second;
  };
}

std::vector<Term> sorted(std::vector<Term> v) {
  std::sort(v.begin(), v.end(), [](const Term& p, const Term& q) { return p.serial() < q.serial(); });
  return v;
}

}  // namespace

// x := f(y), y := 3 applied to g(x, y) + x: the fixpoint g(f(3), 3) + f(3), proved from
// exactly the two binding equations.
TEST(ProversRewriteCongruence, SubstitutesToTheFixpoint) {
  auto as = read("rc1", "(assert (= x (f y)))(assert (= y 3))(assert (= (+ (g x y) x) (+ (g (f 3) 3) (f 3))))");
  auto [x, fy] = sides(as[0]);
  auto [y, three] = sides(as[1]);
  auto [t, want] = sides(as[2]);
  test::KernelSink k;
  provers::RewriteCongruence rc(k.sink, bindings({{x, fy}, {y, three}}));
  auto img = rc.apply(t);
  EXPECT_EQ(img.term, want);
  ASSERT_NE(img.thm, 0u);
  EXPECT_EQ(k.thms.at(img.thm).concl(), Term::eq(t, want));
  EXPECT_EQ(sorted(k.thms.at(img.thm).hyps()), sorted({as[0], as[1]}));
}

// A term without bound variables is its own image, with no theorem (nothing to assume).
TEST(ProversRewriteCongruence, LeavesUnboundTermsAlone) {
  auto as = read("rc2", "(assert (= x (f y)))(assert (= (g z z) 0))");
  auto [x, fy] = sides(as[0]);
  auto [t, zero] = sides(as[1]);
  test::KernelSink k;
  provers::RewriteCongruence rc(k.sink, bindings({{x, fy}}));
  auto img = rc.apply(t);
  EXPECT_EQ(img.term, t);
  EXPECT_EQ(img.thm, 0u);
}

// A DAG of 2^60 paths (t_{k+1} = t_k + t_k over x): each subterm is visited once, so the
// substitution x := y finishes at once; a tree walk would never end.
TEST(ProversRewriteCongruence, IsLinearInTheDag) {
  auto as = read("rc3", "(assert (= x y))");
  auto [x, y] = sides(as[0]);
  Term plus = sides(read("rc3b", "(assert (= (+ x y) 0))")[0]).first.rator().rator();
  Term t = x, want = y;
  for (int k = 0; k < 60; ++k) t = Term::comb(Term::comb(plus, t), t), want = Term::comb(Term::comb(plus, want), want);
  test::KernelSink k;
  provers::RewriteCongruence rc(k.sink, bindings({{x, y}}));
  auto img = rc.apply(t);
  EXPECT_EQ(img.term, want);
  EXPECT_EQ(k.thms.at(img.thm).concl(), Term::eq(t, want));
  EXPECT_LT(k.steps, 400u);
}

// x := f(x): the binding met again inside its own result stays (no endless unfolding),
// and the theorem rests on that binding.
TEST(ProversRewriteCongruence, StopsAtACycle) {
  auto as = read("rc4", "(assert (= x (f x)))");
  auto [x, fx] = sides(as[0]);
  test::KernelSink k;
  provers::RewriteCongruence rc(k.sink, bindings({{x, fx}}));
  auto img = rc.apply(x);
  EXPECT_EQ(img.term, fx);
  EXPECT_EQ(k.thms.at(img.thm).hyps(), std::vector<Term>{as[0]});
}

// Reject: a hook that proposes a false rewrite (a := b) proves nothing by itself: the
// equation it proposed is a hypothesis of the result, which the caller must justify (a
// wrong one is not a theorem of the kernel without it).
TEST(ProversRewriteCongruence, AWrongRewriteStaysAHypothesis) {
  auto as = read("rc5", "(assert (= a b))(assert (or a (= x 1)))");
  auto [a, b] = sides(as[0]);
  test::KernelSink k;
  provers::RewriteCongruence rc(k.sink, bindings({{a, b}}));
  auto img = rc.apply(as[1]);
  ASSERT_NE(img.thm, 0u);
  EXPECT_EQ(k.thms.at(img.thm).hyps(), std::vector<Term>{as[0]});
}
