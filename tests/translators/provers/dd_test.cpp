// Decision diagrams for Z3's rewrites over nested conditionals (spec/z3.md, "Decision
// diagrams"): every step runs on the kernel at once; equal sides give exactly
// {~(l = r)} ⊢ F, and sides that differ under some assignment of their atoms give nothing.
#include <gtest/gtest.h>

#include <string>

#include "tests/env.hpp"
#include "tests/translators/provers/assertions.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"
#include "tests/translators/kernel_sink.hpp"
#include "translators/provers/arith.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/dd.hpp"
#include "translators/provers/formula.hpp"

using namespace hcert;

namespace {

const char* header =
    "(set-logic QF_LIA)(declare-const x Int)(declare-const y Int)(declare-const c Bool)(declare-const d Bool)"
    "(declare-const a Bool)(declare-const b Bool)";
// Arrays and uninterpreted functions (QF_AUFLIA): functions whose arguments have different
// types (select: an array and an index; store: three; h: Int and Bool).
const char* arrays_header =
    "(set-logic QF_AUFLIA)(declare-const x Int)(declare-const y Int)(declare-const c Bool)(declare-const a Bool)"
    "(declare-const m (Array Int Int))(declare-const n (Array Int Int))(declare-fun g (Int) Int)"
    "(declare-fun h (Int Bool) Int)(declare-fun q (Int) Bool)";

// The one assertion `(= l r)` of a small problem, and whether the diagrams prove it on the
// kernel (`steps` receives the number of steps emitted; `conjoined` whether the last
// assumption discharged was a conjunction: the assumptions carried as one, conjoined.hpp).
bool proves(const std::string& name, const std::string& eq, size_t* steps = nullptr, const char* hdr = header,
            bool* conjoined = nullptr) {
  Term phi = test::smt_assertions(name, std::string(hdr) + "(assert " + eq + ")").at(0), l, r;
  EXPECT_TRUE(provers::is_op(phi, "=", &l, &r)) << eq;
  test::KernelSink k;
  Term discharged;
  auto kernel_step = k.sink.step;
  k.sink.step = [&](const char* rule, std::vector<uint64_t> args) {
    if (std::string(rule) == "not_intro") discharged = k.terms.at(args.at(0));
    return kernel_step(rule, std::move(args));
  };
  provers::Arith arith(k.sink);
  provers::CondLemmas cond(k.sink);
  provers::TheoryRefuter refuter = [&](provers::StepSink& out, const std::vector<Term>& lits, bool emit, bool* sat) -> uint64_t {
    auto res = arith.refute(out, lits, emit, sat);
    return res ? *res : 0;
  };
  provers::Theories th;
  th.arith = &refuter;
  th.cond = &cond;
  th.key = [&](const Term& t) { return arith.key(t); };
  provers::Diagrams dd(k.sink, k.sink, th, [&](provers::StepSink& out, const Term& t) { return arith.normal_form(out, t); });
  uint64_t id = 0;
  try {
    id = dd.equal(l, r);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "step " << k.steps << " (" << k.last << "): " << e.what();
    return false;
  }
  if (steps) *steps = k.steps;
  if (conjoined) *conjoined = !discharged.is_null() && provers::is_op(discharged, "/\\");
  if (!id) return false;
  const Thm& th_ = k.thms.at(id);
  EXPECT_EQ(th_.concl(), Term::constant(hcert::tenv(), "F", Type::boolean()));
  EXPECT_EQ(th_.hyps(), std::vector<Term>{provers::neg(phi)});
  return true;
}

}  // namespace

// The ite rewrites Z3 makes: negated condition, nested test of one condition, equal
// branches, lifting over an equation with numerals, arithmetic atoms and sums.
TEST(ProversDiagrams, ProvesIteRewrites) {
  EXPECT_TRUE(proves("dd1", "(= (ite (not c) a b) (ite c b a))"));
  EXPECT_TRUE(proves("dd2", "(= (ite c (ite c a b) d) (ite c a d))"));
  EXPECT_TRUE(proves("dd3", "(= (ite c x x) x)"));
  EXPECT_TRUE(proves("dd4", "(= (= (ite c 1 2) 1) c)"));
  EXPECT_TRUE(proves("dd5", "(= (ite (= (ite c 227 242) (+ 227 0)) 229 (ite (= (ite c 227 242) 242) 243 40)) (ite c 229 243))"));
  EXPECT_TRUE(proves("dd6", "(= (<= (ite c x y) 3) (ite c (not (> x 3)) (<= y 3)))"));
  EXPECT_TRUE(proves("dd7", "(= (+ (ite c x 0) 1) (ite c (+ 1 x) 1))"));
  EXPECT_TRUE(proves("dd8", "(= (and (ite c a b) (or a (not c))) (ite c a (and b (not c))))"));
  EXPECT_TRUE(proves("dd9", "(= (= (ite c x y) (ite c x 3)) (or c (= y 3)))"));
}

// Their false variants (each differs from the right side under some assignment of the
// atoms) are not proved.
TEST(ProversDiagrams, RefusesWrongRewrites) {
  EXPECT_FALSE(proves("ddw1", "(= (ite (not c) a b) (ite c a b))"));
  EXPECT_FALSE(proves("ddw2", "(= (ite c (ite c a b) d) (ite c b d))"));
  EXPECT_FALSE(proves("ddw3", "(= (= (ite c 1 2) 1) (not c))"));
  EXPECT_FALSE(proves("ddw4", "(= (ite (= (ite c 227 242) (+ 227 0)) 229 (ite (= (ite c 227 242) 242) 243 40)) (ite c 243 229))"));
  EXPECT_FALSE(proves("ddw5", "(= (<= (ite c x y) 3) (ite c (< x 3) (<= y 3)))"));
  EXPECT_FALSE(proves("ddw6", "(= (+ (ite c x 0) 1) (ite c (+ 2 x) 1))"));
  EXPECT_FALSE(proves("ddw7", "(= (ite c x y) (ite d x y))"));
  EXPECT_FALSE(proves("ddw8", "(= (= (ite c x y) (ite c x 3)) (= y 3))"));
}

// A program counter's chain, t(k+1) = ite (= t(k) k) (+ t(k) 0) t(k): its tree has 3^30
// nodes, its DAG 30 levels, and each level is t(k) again. The diagrams prove t(30) equal to
// t(0) in a number of steps linear in the chain (the case split could not start).
TEST(ProversDiagrams, LinearInTheDag) {
  std::string t = "t0", lets;
  for (int k = 0; k < 30; ++k) {
    std::string n = "t" + std::to_string(k + 1);
    lets += "(let ((" + n + " (ite (= " + t + " " + std::to_string(k) + ") (+ " + t + " 0) " + t + "))) ";
    t = n;
  }
  std::string close(30, ')');
  size_t steps = 0;
  EXPECT_TRUE(proves("ddchain", "(let ((t0 (ite c x y))) " + lets + "(= " + t + " (ite c x y))" + close + ")", &steps));
  EXPECT_LT(steps, 60000u);
  EXPECT_FALSE(proves("ddchainw", "(let ((t0 (ite c x y))) " + lets + "(= " + t + " (ite c y x))" + close + ")"));
}

// A conditional lifted out of an argument of a function whose arguments have different
// types (one lemma per arity and function type, instantiated), and the arguments of
// uninterpreted functions and of select brought to their normal forms.
TEST(ProversDiagrams, LiftsOutOfMixedTypeApplications) {
  auto yes = [](const char* name, const char* eq) { return proves(name, eq, nullptr, arrays_header); };
  EXPECT_TRUE(yes("ddm1", "(= (select (ite c m n) x) (ite c (select m x) (select n x)))"));
  EXPECT_TRUE(yes("ddm2", "(= (select (ite c m (store m y 1)) (ite a x y)) (ite a (ite c (select m x) (select (store m y 1) x)) "
                          "(ite c (select m y) (select (store m y 1) y))))"));
  EXPECT_TRUE(yes("ddm3", "(= (store m (ite c x y) 1) (ite c (store m x 1) (store m y 1)))"));
  EXPECT_TRUE(yes("ddm4", "(= (h (ite c x y) (ite c a (q x))) (ite c (h x a) (h y (q x))))"));
  EXPECT_TRUE(yes("ddm5", "(= (+ (g (+ x y)) (select m (- 1 (+ y x)))) (+ (g (+ y x)) (select m (+ 1 (- y) (- x)))))"));
  EXPECT_TRUE(yes("ddm6", "(= (q (ite (q (+ x 1)) x y)) (ite (q (+ 1 x)) (q x) (q y)))"));
}

// Their false variants are not proved: the branches swapped under select (then select m x
// stands where select n x is, and m and n are different arrays), the lifted branches
// swapped for a function of two sorts, a store's value changed, an argument's sum changed
// (x + x is not x + y), and the condition dropped.
TEST(ProversDiagrams, RefusesWrongMixedTypeLifts) {
  auto yes = [](const char* name, const char* eq) { return proves(name, eq, nullptr, arrays_header); };
  EXPECT_FALSE(yes("ddmw1", "(= (select (ite c m n) x) (ite c (select n x) (select m x)))"));
  EXPECT_FALSE(yes("ddmw2", "(= (h (ite c x y) (ite c a (q x))) (ite c (h y a) (h x (q x))))"));
  EXPECT_FALSE(yes("ddmw3", "(= (store m (ite c x y) 1) (ite c (store m x 1) (store m y 2)))"));
  EXPECT_FALSE(yes("ddmw4", "(= (g (+ x y)) (g (+ x x)))"));
  EXPECT_FALSE(yes("ddmw5", "(= (select (ite c m n) x) (select m x))"));
}

namespace {
// Arrays over uninterpreted sorts (QF_AX): index equations are atoms of the diagrams.
const char* ax_header =
    "(set-logic QF_AX)(declare-sort K 0)(declare-sort V 0)(declare-const a (Array K V))(declare-const b (Array K V))"
    "(declare-const i K)(declare-const j K)(declare-const k K)(declare-const v V)(declare-const w V)";
bool ax(const char* name, const char* eq) { return proves(name, eq, nullptr, ax_header); }
bool auflia(const char* name, const char* eq) { return proves(name, eq, nullptr, arrays_header); }
}  // namespace

// Read-over-write inside the diagrams (dd_arrays.hpp): a read through a store is the
// conditional over the index equation, as Z3's rewriter writes it (either orientation of
// the equation), through nested stores, inside a store's value and an equation between
// arrays; a store over a store at its index and a store of the array's own read vanish;
// numeral indices are decided by the arithmetic.
TEST(ProversDiagrams, ReadsThroughStores) {
  EXPECT_TRUE(ax("ddr1", "(= (select (store a i v) j) (ite (= i j) v (select a j)))"));
  EXPECT_TRUE(ax("ddr2", "(= (select (store a i v) j) (ite (= j i) v (select a j)))"));
  EXPECT_TRUE(ax("ddr3", "(= (select (store a i v) i) v)"));
  EXPECT_TRUE(ax("ddr4", "(= (select (store (store a i v) j w) k) (ite (= j k) w (ite (= i k) v (select a k))))"));
  EXPECT_TRUE(ax("ddr5", "(= (store b k (select (store a i v) j)) (store b k (ite (= i j) v (select a j))))"));
  EXPECT_TRUE(ax("ddr6", "(= (store (store a i v) i w) (store a i w))"));
  EXPECT_TRUE(ax("ddr7", "(= (store a i (select a i)) a)"));
  EXPECT_TRUE(ax("ddr8", "(= (not (= (store (store (store a i v) i (select a i)) j (select (store a i v) j)) b)) "
                         "(not (= (store (store a i (select a i)) j (ite (= j i) v (select a j))) b)))"));
  EXPECT_TRUE(ax("ddr9", "(= (= (select (store a i v) j) (ite (= i j) v (select a j))) true)"));
  EXPECT_TRUE(auflia("ddr10", "(= (select (store m 1 x) 2) (select m 2))"));
  EXPECT_TRUE(auflia("ddr11", "(= (select (store m x 1) y) (ite (= y x) 1 (select m y)))"));
}

// Wrong read-over-write simplifications are not proved: each is false in some model of the
// arrays theory, so no diagram step may make it.
TEST(ProversDiagrams, RefusesWrongReadsThroughStores) {
  // The value written, without i = j: false where i ≠ j and a holds another value at j.
  EXPECT_FALSE(ax("ddrw1", "(= (select (store a i v) j) v)"));
  // The array's old value, without ~(i = j): false where i = j and v differs from a[i].
  EXPECT_FALSE(ax("ddrw2", "(= (select (store a i v) j) (select a j))"));
  // The conditional's branches swapped: false wherever v ≠ a[j].
  EXPECT_FALSE(ax("ddrw3", "(= (select (store a i v) j) (ite (= i j) (select a j) v))"));
  // The nested stores' values swapped: false where k = j ≠ i and v ≠ w.
  EXPECT_FALSE(ax("ddrw4", "(= (select (store (store a i v) j w) k) (ite (= j k) v (ite (= i k) w (select a k))))"));
  // An overwrite at another index: the first store survives where i ≠ j.
  EXPECT_FALSE(ax("ddrw5", "(= (store (store a i v) j w) (store a j w))"));
  // Storing another index's read is a change where a[i] ≠ a[j].
  EXPECT_FALSE(ax("ddrw6", "(= (store a i (select a j)) a)"));
  // Storing another array's read is a change where a[i] ≠ b[i].
  EXPECT_FALSE(ax("ddrw7", "(= (store a i (select b i)) a)"));
  // Numeral indices: 1 = 1, so the read is x, not the old m[1].
  EXPECT_FALSE(auflia("ddrw8", "(= (select (store m 1 x) 1) (select m 1))"));
}

namespace {
// A read through a chain of sixteen stores at indices i0 … i15 with values v0 … v15 (`skip`: the
// level left out of the right side, `swap`: the level whose value is v(swap+1) instead).
std::string store_chain_read(bool right, int skip = -1, int swap = -1) {
  std::string s = "a", r = "(select a j)";
  for (int k = 0; k < 16; ++k) {
    std::string i = "i" + std::to_string(k), v = "v" + std::to_string(k == swap ? k + 1 : k);
    s = "(store " + s + " " + i + " v" + std::to_string(k) + ")";
    if (k != skip) r = "(ite (= " + i + " j) " + v + " " + r + ")";
  }
  return right ? r : "(select " + s + " j)";
}
std::string chain_header() {
  std::string h = "(set-logic QF_AX)(declare-sort K 0)(declare-sort V 0)(declare-const a (Array K V))(declare-const j K)";
  for (int k = 0; k <= 16; ++k) h += "(declare-const i" + std::to_string(k) + " K)(declare-const v" + std::to_string(k) + " V)";
  return h;
}
}  // namespace

// Many assumptions (lemma instances and facts) are carried as one conjunction
// (conjoined.hpp): a read through a chain of sixteen stores and the program counter's chain
// take theirs from it (the last assumption discharged is their conjunction) and still end in exactly {~(l = r)} ⊢ F; a small
// rewrite assumes each one alone.
TEST(ProversDiagrams, CarriesManyAssumptionsAsOneConjunction) {
  std::string h = chain_header();
  bool conjoined = false;
  EXPECT_TRUE(proves("ddc1", "(= " + store_chain_read(false) + " " + store_chain_read(true) + ")", nullptr, h.c_str(), &conjoined));
  EXPECT_TRUE(conjoined);
  std::string t = "t0", lets;
  for (int k = 0; k < 12; ++k) {
    std::string n = "t" + std::to_string(k + 1);
    lets += "(let ((" + n + " (ite (= " + t + " " + std::to_string(k) + ") (+ " + t + " 0) " + t + "))) ";
    t = n;
  }
  conjoined = false;
  EXPECT_TRUE(proves("ddc2", "(let ((t0 (ite c x y))) " + lets + "(= " + t + " (ite c x y))" + std::string(12, ')') + ")",
                     nullptr, header, &conjoined));
  EXPECT_TRUE(conjoined);
  EXPECT_TRUE(proves("ddc3", "(= (ite (not c) a b) (ite c b a))", nullptr, header, &conjoined));
  EXPECT_FALSE(conjoined);
}

// The chain's wrong reads are not proved: with the index disequality of level 4 missing
// (the read is v4 where j = i4 and j differs from i5 … i15, not what lies below), and with
// levels 3 and 4's values swapped (false where j = i3 ≠ i4 … i15 and v3 ≠ v4).
TEST(ProversDiagrams, RefusesWrongReadsThroughStoreChain) {
  std::string h = chain_header();
  EXPECT_FALSE(proves("ddcw1", "(= " + store_chain_read(false) + " " + store_chain_read(true, 4) + ")", nullptr, h.c_str()));
  EXPECT_FALSE(proves("ddcw2", "(= " + store_chain_read(false) + " " + store_chain_read(true, -1, 3) + ")", nullptr, h.c_str()));
}
