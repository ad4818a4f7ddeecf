// The arrays prover (translators/provers/arrays.hpp) on its own: literals read from
// SMT-LIB text, every emitted step run on the kernel at once (KernelSink), each result
// checked to be {the literals used} ⊢ F. Reject cases are lemmas that are not instances of
// an axiom (false in some model of the theory): the prover must return 0 for them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/env.hpp"
#include "tests/translators/provers/assertions.hpp"
#include "tests/translators/kernel_sink.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"
#include "translators/provers/arrays.hpp"
#include "translators/provers/formula.hpp"

using namespace hcert;

namespace {

const char* header =
    "(set-logic QF_AX)(declare-sort K 0)(declare-sort V 0)(declare-const a (Array K V))(declare-const b (Array K V))"
    "(declare-const c (Array K V))(declare-const i K)(declare-const j K)(declare-const v V)(declare-const w V)";

// The assertions, elaborated as the checker does.
std::vector<Term> read(const std::string& name, const std::string& asserts) {
  return test::smt_assertions(name, header + asserts);
}

Term F() { return Term::constant(hcert::tenv(), "F", Type::boolean()); }

// Refutes the literals; checks the result is F from a subset of them.
uint64_t refute(test::KernelSink& k, const std::vector<Term>& ls) {
  provers::ArrayLemmas arrays(k.sink);
  uint64_t id = arrays.refute(ls);
  if (id) {
    EXPECT_EQ(k.thms.at(id).concl(), F());
    for (const Term& h : k.thms.at(id).hyps()) EXPECT_NE(std::find(ls.begin(), ls.end(), h), ls.end()) << provers::render(h);
  }
  return id;
}

}  // namespace

TEST(ProversArrays, ReadOverWriteSameIndex) {
  test::KernelSink k;
  EXPECT_NE(refute(k, read("ax1", "(assert (not (= (select (store a i v) i) v)))")), 0u);
  EXPECT_NE(refute(k, read("ax2", "(assert (not (= v (select (store a i v) i))))")), 0u);  // turned round
}

TEST(ProversArrays, ReadOverWriteOtherIndex) {
  test::KernelSink k;
  EXPECT_NE(refute(k, read("ax3", "(assert (not (= i j)))(assert (not (= (select (store a i v) j) (select a j))))")), 0u);
  EXPECT_NE(refute(k, read("ax4", "(assert (not (= j i)))(assert (not (= (select a j) (select (store a i v) j))))")), 0u);
}

TEST(ProversArrays, ExtensionalityWithTheWitness) {
  test::KernelSink k;
  Term a = Term::var("a", Type::op(hcert::tenv(), "array", {Type::var("K"), Type::var("V")}));
  Term b = Term::var("b", a.type());
  auto sel = [&](const Term& x, const Term& d) {
    return Term::comb(Term::comb(Term::constant(hcert::tenv(), "array.select", Type::fun(a.type(), Type::fun(Type::var("K"), Type::var("V")))), x), d);
  };
  read("ax5", "");  // loads the theories
  Term d = provers::ArrayLemmas::diff(a, b), e = provers::ArrayLemmas::diff(b, a);
  EXPECT_NE(refute(k, {provers::neg(Term::eq(a, b)), Term::eq(sel(a, d), sel(b, d))}), 0u);
  EXPECT_NE(refute(k, {provers::neg(Term::eq(b, a)), Term::eq(sel(b, d), sel(a, d))}), 0u);  // both turned round
  EXPECT_NE(refute(k, {provers::neg(Term::eq(a, b)), Term::eq(sel(a, e), sel(b, e))}), 0u);  // witness diff b a
  // Rejected: with any index but the witness the lemma is false (a and b may differ
  // elsewhere); so is a witness of other arrays, or the disequality of other arrays.
  Term c = Term::var("c", a.type()), i = Term::var("i", Type::var("K"));
  EXPECT_EQ(refute(k, {provers::neg(Term::eq(a, b)), Term::eq(sel(a, i), sel(b, i))}), 0u);
  Term dc = provers::ArrayLemmas::diff(a, c);
  EXPECT_EQ(refute(k, {provers::neg(Term::eq(a, b)), Term::eq(sel(a, dc), sel(b, dc))}), 0u);
  EXPECT_EQ(refute(k, {provers::neg(Term::eq(a, c)), Term::eq(sel(a, d), sel(b, d))}), 0u);
}

// Each is false in some model of the theory of arrays, so no axiom instance may prove it.
TEST(ProversArrays, WrongLemmasAreNotProved) {
  test::KernelSink k;
  // select (store a i v) j = v: false when i ≠ j and a holds another value at j.
  EXPECT_EQ(refute(k, read("bx1", "(assert (not (= (select (store a i v) j) v)))")), 0u);
  // The other index without i ≠ j: false when i = j and v differs from a's value at i.
  EXPECT_EQ(refute(k, read("bx2", "(assert (not (= (select (store a i v) j) (select a j))))")), 0u);
  // Same index, other value: false when v ≠ w.
  EXPECT_EQ(refute(k, read("bx3", "(assert (not (= (select (store a i v) i) w)))")), 0u);
  // The disequality of other indices than the store's and the read's.
  EXPECT_EQ(refute(k, read("bx4", "(assert (not (= i j)))(assert (not (= (select (store a j v) i) (select b i))))")), 0u);
  // A positive literal of read-over-write is no contradiction.
  EXPECT_EQ(refute(k, read("bx5", "(assert (= (select (store a i v) i) v))")), 0u);
}

TEST(ProversArrays, MentionsArrays) {
  auto as = read("mx", "(assert (= (select a i) v))(assert (= v w))");
  EXPECT_TRUE(provers::ArrayLemmas::mentions_arrays(as[0]));
  EXPECT_FALSE(provers::ArrayLemmas::mentions_arrays(as[1]));
}

// N(l = r) for the assertion `(= l r)`: exactly {~(l = r)} ⊢ F; 0 if not proved.
static uint64_t equal(test::KernelSink& k, const std::string& name, const std::string& eq) {
  Term phi = read(name, "(assert " + eq + ")").at(0), l, r;
  EXPECT_TRUE(provers::is_op(phi, "=", &l, &r)) << eq;
  provers::ArrayLemmas arrays(k.sink);
  uint64_t id = arrays.equal(l, r);
  if (id) {
    EXPECT_EQ(k.thms.at(id).concl(), F());
    EXPECT_EQ(k.thms.at(id).hyps(), std::vector<Term>{provers::neg(phi)});
  }
  return id;
}

// Z3's rewrites over stores: by extensionality and reads through the stores, splitting on
// the index equations. The ones not proved are each false in some model.
TEST(ProversArrays, RewritesByExtensionality) {
  struct Case {
    const char* eq;
    bool proved;
  } cases[] = {
      {"(= (store a i (select a i)) a)", true},
      {"(= (store (store a i v) i w) (store a i w))", true},
      {"(= (select (store (store a j (select a j)) j (select a j)) i) (select a i))", true},
      {"(= (not (= (store a i (select a i)) b)) (not (= a b)))", true},  // pairs under a connective
      {"(= (store (store a i v) j v) (store (store a j v) i v))", true},  // one value: both hold v at i, j
      {"(= (store a i v) a)", false},                                     // a may hold another value at i
      {"(= (store (store a i v) j w) (store (store a j w) i v))", false},  // false when i = j, v ≠ w
      {"(= (select (store a i v) j) (select a i))", false},               // a may differ at i and j
      {"(= a b)", false},                                                 // two arrays
  };
  int n = 0;
  for (const Case& c : cases) {
    test::KernelSink k;
    EXPECT_EQ(equal(k, "eq" + std::to_string(n++), c.eq) != 0, c.proved) << c.eq;
  }
}
