// The shared tautology prover (spec/z3.md, "Tautologies") against a truth
// table: on random formulas it proves exactly the tautologies, every step it emits is
// accepted by the kernel, and the result is the documented {~ψ} ⊢ F.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <map>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "rules/bool.hpp"
#include "tests/support.hpp"
#include "rules/equality.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/normal.hpp"
#include "translators/provers/taut.hpp"
#include "tests/translators/kernel_sink.hpp"

using namespace hcert;
namespace R = hcert::rules;

namespace {

const R::BoolDefs& D() { return test::core_defs(); }
Type B() { return Type::boolean(); }
Term op2(const char* c, const Term& a, const Term& b) {
  return Term::comb(Term::comb(Term::constant(hcert::tenv(), c, Type::fun(B(), Type::fun(B(), B()))), a), b);
}
Term neg(const Term& a) { return Term::comb(Term::constant(hcert::tenv(), "~", Type::fun(B(), B())), a); }
Term var(int i) { return Term::var(std::string(1, char('a' + i)), B()); }

// A random formula over a, b, c with every connective the prover knows, plus `x = x`.
Term random_formula(int depth) {
  int k = *rc::gen::inRange(0, depth <= 0 ? 3 : 10);
  switch (k) {
    case 0: case 1: return var(*rc::gen::inRange(0, 3));
    case 2: return *rc::gen::element(0, 1) ? Term::constant(hcert::tenv(), "T", B()) : Term::constant(hcert::tenv(), "F", B());
    case 3: return neg(random_formula(depth - 1));
    case 4: return op2("/\\", random_formula(depth - 1), random_formula(depth - 1));
    case 5: return op2("\\/", random_formula(depth - 1), random_formula(depth - 1));
    case 6: return op2("==>", random_formula(depth - 1), random_formula(depth - 1));
    case 7: return Term::eq(random_formula(depth - 1), random_formula(depth - 1));
    case 8: { Term t = random_formula(depth - 1); return op2("\\/", t, neg(t)); }  // shared
    default: return Term::eq(var(*rc::gen::inRange(0, 3)), var(*rc::gen::inRange(0, 3)));
  }
}

// The slow reference: a truth table, by a direct recursive evaluation.
bool value(const Term& t, int env) {
  if (t.kind() == TermKind::Var) return env >> (t.name()[0] - 'a') & 1;
  if (t.kind() == TermKind::Const) return t.name() == "T";
  if (t.rator().kind() == TermKind::Const) return !value(t.rand(), env);  // ~
  std::string c = t.rator().rator().name();
  bool x = value(t.rator().rand(), env), y = value(t.rand(), env);
  return c == "/\\" ? x && y : c == "\\/" ? x || y : c == "==>" ? !x || y : x == y;
}
bool tautology(const Term& t) {
  for (int env = 0; env < 8; ++env)
    if (!value(t, env)) return false;
  return true;
}

TEST(ProversTaut, ProvesExactlyTheTautologies) {
  D();
  int proved = 0, refuted = 0;
  bool ok = rc::check("refute_negation ⇔ truth table", [&] {
    Term psi = random_formula(4);
    // Half of the cases made tautologies (a formula implies itself, in a random shape), so
    // that both kinds are well represented whatever the seed (the counts below once fell
    // to 10 on an unlucky one).
    if (*rc::gen::arbitrary<bool>()) psi = op2("==>", psi, *rc::gen::element(0, 1) ? psi : op2("\\/", psi, random_formula(2)));
    test::KernelSink k;
    std::string cm;
    uint64_t id = provers::refute_negation(k.sink, psi, &cm);
    RC_ASSERT((id != 0) == tautology(psi));
    if (id) {
      ++proved;
      const Thm& th = k.thms[id];
      RC_ASSERT(th.concl() == Term::constant(hcert::tenv(), "F", B()));
      RC_ASSERT(th.hyps() == std::vector<Term>{neg(psi)});
      RC_ASSERT(cm.empty());
    } else {
      ++refuted;
      RC_ASSERT(k.thms.size() == 1u);  // a failure emits nothing
      RC_ASSERT(!cm.empty());          // over variables only: a genuine countermodel
    }
  });
  EXPECT_TRUE(ok);
  EXPECT_GT(proved, 10);
  EXPECT_GT(refuted, 10);
}

TEST(ProversTaut, FlatteningRewriteSplitsOnSharedSubformulas) {
  D();
  // (d1 /\ (d2 /\ … d12)) = (d1 /\ … ) with each di a disjunction of three variables: the
  // atoms alone would need thousands of cases; shared disjunctions as atoms need 13.
  std::vector<Term> ds;
  for (int i = 0; i < 12; ++i)
    ds.push_back(op2("\\/", Term::var("x" + std::to_string(i), B()), op2("\\/", Term::var("y" + std::to_string(i), B()), Term::var("z" + std::to_string(i), B()))));
  Term l = ds.back(), r = ds.back();
  for (size_t i = ds.size() - 1; i-- > 0;) l = op2("/\\", ds[i], l);
  r = op2("/\\", op2("/\\", ds[0], ds[1]), ds[2]);
  for (size_t i = 3; i < ds.size(); ++i) r = op2("/\\", r, ds[i]);
  test::KernelSink k;
  EXPECT_NE(provers::refute_negation(k.sink, Term::eq(l, r)), 0u);
  EXPECT_LT(k.thms.size(), 20000u);
}

TEST(ProversTaut, RefusesNonTautologiesAndTheoryAtoms) {
  D();
  test::KernelSink k;
  std::string cm;
  EXPECT_EQ(provers::refute_negation(k.sink, op2("\\/", var(0), var(1)), &cm), 0u);
  EXPECT_EQ(cm, "a = false, b = false");
  // Over a non-bool type, x = y and y = x are one atom (SYM); x = y against y = z is not
  // a tautology, and no countermodel is claimed, since the atoms are not propositional.
  Type u = Type::var("U");
  Term x = Term::var("x", u), y = Term::var("y", u), z = Term::var("z", u);
  cm.clear();
  EXPECT_EQ(provers::refute_negation(k.sink, Term::eq(Term::eq(x, y), Term::eq(y, z)), &cm), 0u);
  EXPECT_EQ(cm, "");
  EXPECT_EQ(provers::refute_negation(k.sink, Term::eq(Term::eq(x, y), neg(Term::eq(y, x))), &cm), 0u);
  EXPECT_NE(provers::refute_negation(k.sink, Term::eq(Term::eq(x, y), Term::eq(y, x))), 0u);
  EXPECT_NE(provers::refute_negation(k.sink, op2("\\/", Term::eq(y, x), neg(Term::eq(x, y)))), 0u);
  EXPECT_NE(provers::refute_negation(k.sink, Term::eq(neg(Term::eq(x, y)), neg(Term::eq(y, x)))), 0u);
  EXPECT_NE(provers::refute_negation(k.sink, Term::eq(Term::eq(x, x), Term::constant(hcert::tenv(), "T", B()))), 0u);
}

// A conjunction deeper than the split looks into (Z3's distinct of 30 or 40 constants, 435
// or 780 disequalities): split on whole where it occurs twice, short-circuited where one
// literal decides; a wrong variant is still refused.
TEST(ProversTaut, DeepConjunctionSplitOnWholeOrShortCircuited) {
  D();
  Type u = Type::var("U");
  std::vector<Term> lits;
  for (int i = 1; i <= 450; ++i) lits.push_back(neg(Term::eq(Term::var("x0", u), Term::var("x" + std::to_string(i), u))));
  auto conj = [&](const std::vector<Term>& ls) {
    Term c = ls.back();
    for (size_t i = ls.size() - 1; i-- > 0;) c = op2("/\\", ls[i], c);
    return c;
  };
  Term C = conj(lits), T = Term::constant(hcert::tenv(), "T", B());
  std::vector<Term> other = lits;
  other[200] = Term::eq(Term::var("x0", u), Term::var("x201", u));
  Term C2 = conj(other);
  auto proves = [&](const Term& psi) {
    test::KernelSink k;
    uint64_t id = provers::refute_negation(k.sink, psi);
    if (id) {
      EXPECT_EQ(k.thms.at(id).concl(), Term::constant(hcert::tenv(), "F", B()));
      EXPECT_EQ(k.thms.at(id).hyps(), std::vector<Term>{neg(psi)});
    }
    return id != 0;
  };
  EXPECT_TRUE(proves(op2("\\/", neg(op2("/\\", C, T)), C)));          // def-axiom: ~(C /\ T) \/ C
  EXPECT_TRUE(proves(op2("\\/", neg(C), lits[0])));                    // ~(l1 /\ rest) \/ l1
  Term s = op2("/\\", var(0), var(1));
  EXPECT_TRUE(proves(op2("==>", op2("\\/", s, C), op2("\\/", s, op2("/\\", C, T)))));  // asserted, restated
  EXPECT_FALSE(proves(op2("\\/", neg(op2("/\\", C, T)), C2)));        // another conjunction
  EXPECT_FALSE(proves(op2("\\/", op2("/\\", C, T), C)));              // the negation dropped
  EXPECT_FALSE(proves(op2("\\/", neg(C), neg(lits[0]))));              // the literal's complement
  EXPECT_FALSE(proves(op2("==>", op2("\\/", s, C), op2("\\/", var(2), op2("/\\", C, T)))));
}

// Z3's Tseitin clause for a wide disjunction, `(l1 \/ … \/ ~a \/ …) \/ a`: proved from the
// complementary pair alone, in steps linear in the nesting; without the pair, refused.
TEST(ProversTaut, ComplementaryDisjunctsWithoutSplit) {
  D();
  Type u = Type::var("U");
  std::vector<Term> ls;
  for (int i = 0; i < 600; ++i) ls.push_back(Term::eq(Term::var("y" + std::to_string(i), u), Term::var("z", u)));
  Term a = ls[300];
  std::vector<Term> with = ls;
  with[300] = neg(a);
  auto disj = [&](const std::vector<Term>& xs) {
    Term d = xs.back();
    for (size_t i = xs.size() - 1; i-- > 0;) d = op2("\\/", xs[i], d);
    return d;
  };
  test::KernelSink k;
  Term psi = op2("\\/", disj(with), a);
  uint64_t id = provers::refute_negation(k.sink, psi);
  ASSERT_NE(id, 0u);
  EXPECT_EQ(k.thms.at(id).hyps(), std::vector<Term>{neg(psi)});
  EXPECT_LT(k.thms.size(), 2000u);
  // The pair in the other order, at both ends of a left-nested disjunction.
  Term left = neg(a);
  for (size_t i = 0; i < ls.size(); ++i)
    if (i != 300) left = op2("\\/", left, ls[i]);
  EXPECT_NE(provers::refute_negation(k.sink, op2("\\/", a, left)), 0u);
  // No complementary pair: ~(y400 = z) for ~a, and y400 = z not among the disjuncts.
  size_t before = k.thms.size();
  with[300] = neg(ls[400]);
  std::vector<Term> shorter(with.begin(), with.begin() + 350);
  EXPECT_EQ(provers::refute_negation(k.sink, op2("\\/", disj(shorter), a)), 0u);
  EXPECT_EQ(k.thms.size(), before);  // a failure emits nothing
}

namespace {
// The case split with COND as its theory, every step on the kernel.
struct WithCond {
  test::KernelSink k;
  provers::CondLemmas cond{k.sink};
  provers::Theories th;
  WithCond() {
    D();
    th.cond = &cond;
  }
};
}  // namespace

// ite: COND on bool as a connective, COND c x y = x as an atom decided by c (through
// ⊢ COND T x y = x and ⊢ COND F x y = y, derived in the run from COND's definition and
// SELECT_AX, every step on the kernel).
TEST(ProversTaut, ConditionalsThroughTheirDefiningEquations) {
  WithCond w;
  test::KernelSink& k = w.k;
  provers::CondLemmas& cond = w.cond;
  const provers::Theories& th = w.th;
  Term c = var(0), a = var(1), b = var(2);
  Term ite = Term::comb(Term::comb(Term::comb(provers::CondLemmas::cond(B()), c), a), b);
  Term expansion = op2("/\\", op2("\\/", neg(c), a), op2("\\/", c, b));
  EXPECT_NE(provers::refute_negation(k.sink, Term::eq(ite, expansion), nullptr, 4096, 400, &th), 0u);
  // Without the theory COND is an atom, and the expansion is not a tautology of atoms.
  EXPECT_EQ(provers::refute_negation(k.sink, Term::eq(ite, expansion)), 0u);
  // A wrong expansion (branches swapped) is refused, with a countermodel.
  std::string cm;
  Term wrong = op2("/\\", op2("\\/", neg(c), b), op2("\\/", c, a));
  EXPECT_EQ(provers::refute_negation(k.sink, Term::eq(ite, wrong), &cm, 4096, 400, &th), 0u);
  // Term-level: ~c \/ COND c x y = x, and c \/ y = COND c x y (Z3's def-axioms).
  Type u = Type::var("U");
  Term x = Term::var("x", u), y = Term::var("y", u);
  Term t = Term::comb(Term::comb(Term::comb(provers::CondLemmas::cond(u), c), x), y);
  EXPECT_NE(provers::refute_negation(k.sink, op2("\\/", neg(c), Term::eq(t, x)), nullptr, 4096, 400, &th), 0u);
  EXPECT_NE(provers::refute_negation(k.sink, op2("\\/", c, Term::eq(y, t)), nullptr, 4096, 400, &th), 0u);
  EXPECT_EQ(provers::refute_negation(k.sink, op2("\\/", c, Term::eq(t, x)), nullptr, 4096, 400, &th), 0u);
  // The lemmas themselves, as the kernel has them.
  const provers::Pf& l = cond.get(u, true);
  EXPECT_EQ(k.thms.at(l.id).concl(), l.concl);
  EXPECT_TRUE(k.thms.at(l.id).hyps().empty());
}

// Z3's def-axiom for a term conditional, `~c \/ t = COND c t e`, with a branch t full of
// conditionals of its own and c a long disjunction (QF_AUFLIA bug330: 900,000 steps when
// the split decided every condition inside t first): c is decided first, and once it
// picks t the equation holds by COND's lemma alone, a few steps per leaf whatever t is.
// The same with the branches swapped (`~c \/ e = COND c t e`) is false and refused.
TEST(ProversTaut, BranchEquationDecidedByItsConditionAlone) {
  WithCond w;
  test::KernelSink& k = w.k;
  const provers::Theories& th = w.th;
  Type u = Type::var("U");
  auto cnd = [&](const Term& c, const Term& a, const Term& b) {
    return Term::comb(Term::comb(Term::comb(provers::CondLemmas::cond(a.type()), c), a), b);
  };
  // c = p0 \/ (p1 \/ …); t a full tree of conditionals, q0 at the root, q7 above its 256
  // leaves (reduced whole, t needs all eight decided: 256 cases); e another variable.
  std::vector<Term> ps, qs;
  for (int i = 0; i < 12; ++i) ps.push_back(Term::var("p" + std::to_string(i), B())), qs.push_back(Term::var("q" + std::to_string(i), B()));
  Term c = ps.back(), e = Term::var("e", u);
  for (int i = 10; i >= 0; --i) c = op2("\\/", ps[i], c);
  std::function<Term(int, const std::string&)> tree = [&](int d, const std::string& at) {
    return d == 8 ? Term::var("x" + at, u) : cnd(qs[d], tree(d + 1, at + "0"), tree(d + 1, at + "1"));
  };
  Term t = tree(0, ""), ite = cnd(c, t, e);
  size_t before = k.steps;
  EXPECT_NE(provers::refute_negation(k.sink, op2("\\/", neg(c), Term::eq(t, ite)), nullptr, 4096, 400, &th), 0u);
  EXPECT_LT(k.steps - before, 500u);  // 23,000 when t was reduced first
  EXPECT_NE(provers::refute_negation(k.sink, op2("\\/", c, Term::eq(ite, e)), nullptr, 4096, 400, &th), 0u);
  // Wrong branch: false when c holds and t differs from e.
  std::string cm;
  EXPECT_EQ(provers::refute_negation(k.sink, op2("\\/", neg(c), Term::eq(e, ite)), &cm, 4096, 400, &th), 0u);
  EXPECT_EQ(provers::refute_negation(k.sink, op2("\\/", c, Term::eq(t, ite)), &cm, 4096, 400, &th), 0u);
}

// Rewrites by normal form: association, commutation, duplicates, De Morgan, double
// negation, ==> and iff orientation; a formula with another normal form is not equal.
TEST(ProversNormal, EqualUpToTheNormalForm) {
  D();
  test::KernelSink k;
  provers::Normaliser nf(k.sink, k.sink, nullptr);
  Term a = var(0), b = var(1), c = var(2);
  auto equal = [&](const Term& l, const Term& r) {
    uint64_t id = nf.equal(l, r);
    if (id) {
      EXPECT_EQ(k.thms.at(id).concl(), Term::constant(hcert::tenv(), "F", B()));
      EXPECT_EQ(k.thms.at(id).hyps(), std::vector<Term>{neg(Term::eq(l, r))});
    }
    nf.forget();
    return id != 0;
  };
  EXPECT_TRUE(equal(op2("/\\", a, op2("/\\", b, c)), op2("/\\", op2("/\\", c, a), op2("/\\", b, a))));
  EXPECT_TRUE(equal(neg(op2("\\/", a, b)), op2("/\\", neg(b), neg(a))));
  EXPECT_TRUE(equal(neg(op2("/\\", a, neg(b))), op2("==>", a, b)));
  EXPECT_TRUE(equal(neg(neg(op2("\\/", a, op2("\\/", b, a)))), op2("\\/", b, a)));
  EXPECT_TRUE(equal(Term::eq(neg(a), b), neg(Term::eq(b, a))));
  EXPECT_TRUE(equal(op2("/\\", a, op2("/\\", Term::constant(hcert::tenv(), "T", B()), a)), a));
  EXPECT_FALSE(equal(op2("/\\", a, b), op2("\\/", a, b)));
  EXPECT_FALSE(equal(op2("/\\", a, b), op2("/\\", a, c)));
  // A nest deeper than any recursion limit of old (a Z3 proof had one): every step the
  // normal form emits still runs on the kernel (a wrong one would throw here).
  std::vector<Term> vs;
  for (int i = 0; i < 450; ++i) vs.push_back(Term::var("v" + std::to_string(i), B()));
  Term deep = vs.back(), left = vs[0];
  for (size_t i = vs.size() - 1; i-- > 0;) deep = op2("/\\", neg(neg(vs[i])), deep);
  for (size_t i = 1; i < vs.size(); ++i) left = op2("/\\", left, vs[i]);
  EXPECT_TRUE(equal(deep, left));
}

}  // namespace
