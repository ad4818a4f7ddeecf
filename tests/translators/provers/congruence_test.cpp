// The congruence prover (translators/provers/congruence.hpp) used on its own, without any
// solver's front end: problems are read from SMT-LIB text, every emitted step runs on the
// kernel at once (KernelSink), and each result is checked against the theorem shape the
// header promises. Reject cases say why the statement must not be proved.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "tests/env.hpp"
#include "tests/translators/provers/assertions.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"
#include "tests/translators/kernel_sink.hpp"
#include "translators/provers/arith.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/congruence.hpp"
#include "translators/provers/formula.hpp"
#include "translators/provers/nform.hpp"
#include "translators/provers/normal.hpp"

using namespace hcert;

namespace {

const char* header =
    "(set-logic QF_UFLIA)(declare-const x Int)(declare-const y Int)(declare-fun f (Int) Int)"
    "(declare-const a Bool)(declare-const b Bool)(declare-const c Bool)(declare-const d Bool)";

// The provers wired as any translator would: arithmetic at the case split's leaves, COND,
// normal forms, and the congruence prover over them, all on one kernel-checking sink.
struct Provers {
  test::KernelSink k;
  provers::Arith arith{k.sink};
  provers::CondLemmas cond{k.sink};
  provers::TheoryRefuter refuter = [this](provers::StepSink& out, const std::vector<Term>& lits, bool emit,
                                          bool* sat) -> uint64_t {
    auto r = arith.refute(out, lits, emit, sat);
    return r ? *r : 0;
  };
  provers::Theories th;
  std::unique_ptr<provers::Normaliser> normal;
  std::unique_ptr<provers::Congruence> cc;
  Provers() {
    th.arith = &refuter;
    th.cond = &cond;
    th.key = [this](const Term& t) { return arith.key(t); };
    normal = std::make_unique<provers::Normaliser>(k.sink, k.sink, &th);
    cc = std::make_unique<provers::Congruence>(k.sink, th, *normal);
  }
  const Thm& thm(uint64_t id) { return k.thms.at(id); }
};

// The assertions of a small problem (declarations above), elaborated as the checker does.
std::vector<Term> read(const std::string& name, const std::string& asserts) {
  return test::smt_assertions(name, header + asserts);
}

Term F() { return Term::constant(hcert::tenv(), "F", Type::boolean()); }

// N(l = r) for the assertion `(= l r)`, checked to be exactly {~(l = r)} ⊢ F; 0 if none.
uint64_t congruent(Provers& p, const std::string& name, const std::string& eq) {
  Term phi = read(name, "(assert " + eq + ")").at(0), l, r;
  EXPECT_TRUE(provers::is_op(phi, "=", &l, &r)) << eq;
  uint64_t id = p.cc->congruent(l, r, 0);
  if (id) {
    EXPECT_EQ(p.thm(id).concl(), F());
    EXPECT_EQ(p.thm(id).hyps(), std::vector<Term>{provers::neg(phi)});
  }
  return id;
}

}  // namespace

// Operands that differ by commutation or De Morgan, under one connective, and a nest whose
// operands Z3 reordered: proved, with no hypothesis but the negated equation.
TEST(ProversCongruence, ProvesCongruentFormulas) {
  Provers p;
  EXPECT_NE(congruent(p, "cc1", "(= (or (and a b) c) (or (and b a) c))"), 0u);
  EXPECT_NE(congruent(p, "cc2", "(= (and (not (or a b)) d) (and (and (not a) (not b)) d))"), 0u);
  EXPECT_NE(congruent(p, "cc3", "(= (and a (or b c) d) (and d a (or c b)))"), 0u);
}

// Each must be refused: one operand pair differs by a false rewrite (b is not c; a /\ b is
// not a \/ b), so the equation is false under some assignment of the atoms.
TEST(ProversCongruence, RefusesFormulasThatDiffer) {
  Provers p;
  EXPECT_EQ(congruent(p, "ccw1", "(= (or (and a b) c) (or (and a c) c))"), 0u);
  EXPECT_EQ(congruent(p, "ccw2", "(= (and (and a b) d) (and (or a b) d))"), 0u);
}

// Terms with arithmetic under an uninterpreted function: f(x - 2) = f(-2 + x) by the
// arithmetic at the case split's leaves; must be refused for f(x - 2) = f(x + 2), which a
// model with f the identity falsifies.
TEST(ProversCongruence, TermsEqualUpToArithmetic) {
  Provers p;
  std::vector<Term> as = read("cct", "(assert (= (f (- x 2)) (f (+ (- 2) x))))(assert (= (f (- x 2)) (f (+ x 2))))");
  Term l, r;
  ASSERT_TRUE(provers::is_op(as[0], "=", &l, &r));
  int budget = 64;
  uint64_t id = p.cc->terms_equal(l, r, 0, budget);
  ASSERT_NE(id, 0u);
  EXPECT_EQ(p.thm(id).concl(), F());
  EXPECT_EQ(p.thm(id).hyps(), std::vector<Term>{provers::neg(as[0])});
  ASSERT_TRUE(provers::is_op(as[1], "=", &l, &r));
  budget = 64;
  EXPECT_EQ(p.cc->terms_equal(l, r, 0, budget), 0u);
}

// Γ ⊢ f x = f y from the premise x = y (assumed), Γ = {x = y}; without it, nothing: x and
// y are independent constants.
TEST(ProversCongruence, CongFromPremiseEquations) {
  Provers p;
  std::vector<Term> as = read("ccp", "(assert (= x y))(assert (= (f x) (f y)))");
  Term l, r;
  ASSERT_TRUE(provers::is_op(as[1], "=", &l, &r));
  provers::NThm premise{provers::n_of(p.k.sink, provers::assume(p.k.sink, as[0]), as[0]), as[0]};
  uint64_t id = p.cc->cong(l, r, {premise}, 0);
  ASSERT_NE(id, 0u);
  EXPECT_EQ(p.thm(id).concl(), as[1]);
  EXPECT_EQ(p.thm(id).hyps(), std::vector<Term>{as[0]});
  EXPECT_EQ(p.cc->cong(l, r, {}, 0), 0u);
}

// N(φ) from the premises' N's when they imply φ propositionally: from a ==> b and a, b,
// resting on exactly the premises' hypotheses and ~b. From a alone, b does not follow (a
// true, b false is a countermodel), so nothing is proved and the countermodel is given.
TEST(ProversCongruence, ImpliesFromPremises) {
  Provers p;
  std::vector<Term> as = read("cci", "(assert (=> a b))(assert a)(assert b)");
  auto n = [&](const Term& t) { return provers::NThm{provers::n_of(p.k.sink, provers::assume(p.k.sink, t), t), t}; };
  uint64_t id = p.cc->implies({n(as[0]), n(as[1])}, as[2]);
  ASSERT_NE(id, 0u);
  EXPECT_EQ(p.thm(id).concl(), F());
  auto by_serial = [](const Term& x, const Term& y) { return x.serial() < y.serial(); };
  std::vector<Term> hyps = p.thm(id).hyps(), want{as[0], as[1], provers::neg(as[2])};
  std::sort(hyps.begin(), hyps.end(), by_serial);
  std::sort(want.begin(), want.end(), by_serial);
  EXPECT_EQ(hyps, want);
  std::string cm;
  EXPECT_EQ(p.cc->implies({n(as[1])}, as[2], &cm), 0u);
  EXPECT_FALSE(cm.empty());
}

// A premise with a positive theorem (NThm::pos) is traded by one PROVE_HYP: the result has
// exactly the hypotheses of the N route (NOT_INTRO and PROVE_HYP against N(φ) = n_of(pos)).
// A positive theorem of another formula discharges nothing: φ stays a hypothesis, so a
// wrong `pos` can never make a hypothesis disappear.
TEST(ProversNForm, PositivePremiseTradedLikeItsN) {
  auto ts = test::smt_assertions("nf1", std::string(header) + "(assert (and c (or a b)))(assert (or a b))(assert a)");
  const Term &cab = ts[0], &ab = ts[1], &a = ts[2];
  test::KernelSink k;
  provers::StepSink& s = k.sink;
  uint64_t pos = s.step("conjunct2", {provers::assume(s, cab)});  // {c /\ (a \/ b)} ⊢ a \/ b
  uint64_t f = s.step("not_elim", {provers::assume(s, provers::neg(ab)), provers::assume(s, ab)});  // {~(a \/ b), a \/ b} ⊢ F
  uint64_t by_n = provers::use(s, {provers::n_of(s, pos, ab), ab}, f);
  uint64_t by_pos = provers::use(s, {0, ab, pos}, f);
  auto hyps = [&](uint64_t id) {
    std::vector<Term> h(k.thms.at(id).hyps().begin(), k.thms.at(id).hyps().end());
    std::sort(h.begin(), h.end(), [](const Term& x, const Term& y) { return x.serial() < y.serial(); });
    return h;
  };
  auto got = hyps(by_pos);
  EXPECT_EQ(got, hyps(by_n));
  EXPECT_EQ(k.thms.at(by_pos).concl(), k.thms.at(f).concl());
  EXPECT_EQ(std::count(got.begin(), got.end(), ab), 0);
  EXPECT_EQ(std::count(got.begin(), got.end(), cab), 1);
  uint64_t other = provers::assume(s, a);  // {a} ⊢ a, not a theorem of a \/ b
  auto wrong = hyps(provers::use(s, {0, ab, other}, f));
  EXPECT_EQ(std::count(wrong.begin(), wrong.end(), ab), 1);
}
