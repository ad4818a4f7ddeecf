// The Farkas search of the linear arithmetic (translators/provers/farkas.hpp): fixed cases
// with known multipliers, is_farkas rejecting wrong vectors, and on random systems
// agreement with a slow reference (Fourier–Motzkin over mpq_class, tracking strictness) on
// which systems are contradictory; every vector returned must pass is_farkas and be primitive.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "translators/provers/farkas.hpp"

using namespace hcert::provers;
using Rel = LinFact::Rel;

namespace {

using Terms = std::vector<std::pair<uint32_t, mpz_class>>;

LinFact fact(Rel rel, Terms terms, mpz_class k) { return LinFact{rel, std::move(terms), std::move(k)}; }

std::vector<mpz_class> ints(std::initializer_list<long> xs) {
  std::vector<mpz_class> v;
  for (long x : xs) v.emplace_back(x);
  return v;
}

mpz_class pow2(unsigned n) {
  mpz_class r;
  mpz_ui_pow_ui(r.get_mpz_t(), 2, n);
  return r;
}

bool primitive(const std::vector<mpz_class>& y) {
  mpz_class g = 0;
  for (const mpz_class& v : y) mpz_gcd(g.get_mpz_t(), g.get_mpz_t(), v.get_mpz_t());
  return g == 1;
}

// The reference: is the system unsatisfiable over Q? Equalities are solved for a variable and
// substituted away; then Fourier–Motzkin eliminates each variable from the inequalities (a
// pair combined with positive multipliers is strict iff either side is); finally the
// variable-free facts are evaluated.
struct QFact {
  Rel rel;
  std::vector<mpq_class> a;
  mpq_class k;
};

bool infeasible_fm(const std::vector<LinFact>& facts) {
  size_t nv = 0;
  for (const LinFact& f : facts)
    for (const auto& t : f.terms) nv = std::max<size_t>(nv, t.first + 1);
  std::vector<QFact> fs;
  for (const LinFact& f : facts) {
    QFact q{f.rel, std::vector<mpq_class>(nv), mpq_class(f.constant)};
    for (const auto& [v, a] : f.terms) q.a[v] += a;
    fs.push_back(std::move(q));
  }
  for (size_t v = 0; v < nv; ++v) {
    auto e = std::find_if(fs.begin(), fs.end(), [&](const QFact& g) { return g.rel == Rel::Eq && g.a[v] != 0; });
    if (e == fs.end()) continue;
    QFact eq = *e;
    fs.erase(e);
    for (QFact& g : fs) {
      if (g.a[v] == 0) continue;
      mpq_class r = g.a[v] / eq.a[v];
      for (size_t u = 0; u < nv; ++u) g.a[u] -= r * eq.a[u];
      g.k -= r * eq.k;
    }
  }
  for (size_t v = 0; v < nv; ++v) {
    std::vector<QFact> pos, neg, out;
    for (QFact& g : fs) (sgn(g.a[v]) > 0 ? pos : sgn(g.a[v]) < 0 ? neg : out).push_back(std::move(g));
    for (const QFact& p : pos)
      for (const QFact& n : neg) {
        mpq_class lp = -n.a[v], ln = p.a[v];
        QFact h{p.rel == Rel::Gt || n.rel == Rel::Gt ? Rel::Gt : Rel::Ge, std::vector<mpq_class>(nv), lp * p.k + ln * n.k};
        for (size_t u = 0; u < nv; ++u) h.a[u] = lp * p.a[u] + ln * n.a[u];
        out.push_back(std::move(h));
      }
    fs = std::move(out);
  }
  for (const QFact& g : fs) {
    if (g.rel == Rel::Eq && g.k != 0) return true;
    if (g.rel == Rel::Ge && g.k < 0) return true;
    if (g.rel == Rel::Gt && g.k <= 0) return true;
  }
  return false;
}

// A random system: each fact has every variable with a coefficient in [-range, range] (zero
// coefficients sometimes kept as explicit terms, and the variables in a random order).
std::vector<LinFact> gen_system(int nfacts, int nvars, int range) {
  std::vector<LinFact> fs;
  for (int i = 0; i < nfacts; ++i) {
    LinFact f{Rel(*rc::gen::inRange(0, 3)), {}, mpz_class(*rc::gen::inRange(-range, range + 1))};
    for (int v = 0; v < nvars; ++v) {
      int a = *rc::gen::inRange(-range, range + 1);
      if (a != 0 || *rc::gen::arbitrary<bool>()) f.terms.emplace_back(uint32_t(v), a);
    }
    if (*rc::gen::arbitrary<bool>()) std::reverse(f.terms.begin(), f.terms.end());
    fs.push_back(std::move(f));
  }
  return fs;
}

// A random integer of about `bits` bits, nonzero, of either sign unless `positive`.
mpz_class gen_big(int bits, bool positive) {
  mpz_class r = 1;
  for (int b = 0; b < bits; b += 30) r = (r << 30) + *rc::gen::inRange(0, 1 << 30);
  if (!positive && *rc::gen::arbitrary<bool>()) r = -r;
  return r;
}

// Multipliers exist exactly when the reference says so, and any vector returned is checked.
void check_against_reference(const std::vector<LinFact>& fs) {
  auto y = find_farkas(fs);
  bool infeasible = infeasible_fm(fs);
  RC_CLASSIFY(infeasible);
  RC_ASSERT(y.has_value() == infeasible);
  if (y) {
    RC_ASSERT(is_farkas(fs, *y));
    RC_ASSERT(primitive(*y));
  }
}

}  // namespace

TEST(ProversFarkas, BoundsClash) {
  // x <= 0, x >= 1
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, -1}}, 0), fact(Rel::Ge, {{0, 1}}, -1)};
  auto y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({1, 1}));
  EXPECT_TRUE(is_farkas(fs, *y));
}

TEST(ProversFarkas, StrictWithZeroConstant) {
  // x < 0, x > 0: the sum is 0 < 0.
  std::vector<LinFact> fs{fact(Rel::Gt, {{0, -1}}, 0), fact(Rel::Gt, {{0, 1}}, 0)};
  auto y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({1, 1}));
  // One strict side suffices.
  fs[1].rel = Rel::Ge;
  y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({1, 1}));
}

TEST(ProversFarkas, NonStrictTouchingIsSatisfiable) {
  // x <= 0, x >= 0: x = 0.
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, -1}}, 0), fact(Rel::Ge, {{0, 1}}, 0)};
  EXPECT_FALSE(find_farkas(fs));
  EXPECT_FALSE(is_farkas(fs, ints({1, 1})));  // K = 0 with no strict fact
}

TEST(ProversFarkas, EqualityNeedsNegativeMultiplier) {
  // 0 = 1 - x, x <= 0
  std::vector<LinFact> fs{fact(Rel::Eq, {{0, -1}}, 1), fact(Rel::Ge, {{0, -1}}, 0)};
  auto y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({-1, 1}));
  // Two parallel equalities: x + y = 2, x + y = 3.
  fs = {fact(Rel::Eq, {{0, 1}, {1, 1}}, -2), fact(Rel::Eq, {{1, 1}, {0, 1}}, -3)};
  y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({-1, 1}));
  // A lone false equation 0 = 5.
  fs = {fact(Rel::Eq, {}, 5)};
  y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({-1}));
}

TEST(ProversFarkas, DifferenceCycle) {
  // x - y <= -1, y - z <= 0, z - x <= 0, with an unrelated fact on w.
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, -1}, {1, 1}}, -1), fact(Rel::Ge, {{1, -1}, {2, 1}}, 0),
                          fact(Rel::Ge, {{7, 3}}, 4), fact(Rel::Ge, {{2, -1}, {0, 1}}, 0)};
  auto y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({1, 1, 0, 1}));
}

TEST(ProversFarkas, VariableFreeFacts) {
  EXPECT_EQ(find_farkas({fact(Rel::Ge, {}, -3)}), ints({1}));
  EXPECT_EQ(find_farkas({fact(Rel::Gt, {}, 0)}), ints({1}));
  EXPECT_EQ(find_farkas({fact(Rel::Ge, {{4, 0}}, 0)}), std::nullopt);  // 0 <= 0, explicit zero term
  EXPECT_EQ(find_farkas({}), std::nullopt);
}

TEST(ProversFarkas, BigCoefficients) {
  mpz_class big = pow2(200);
  // 2^200·x >= 1, 3x <= 0: y = (3, 2^200).
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, big}}, -1), fact(Rel::Ge, {{0, -3}}, 0)};
  auto y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, (std::vector<mpz_class>{3, big}));
  // Primitive: 6x >= 4, 9x <= 0 gives (3, 2), not (9, 6).
  fs = {fact(Rel::Ge, {{0, 6}}, -4), fact(Rel::Ge, {{0, -9}}, 0)};
  EXPECT_EQ(find_farkas(fs), ints({3, 2}));
  // A thousands-of-bits system that is only just satisfiable, then only just not:
  // 2^3000·x >= 2^2999 + 1 and x <= 1/2 + 2^-3000 (i.e. 2^3001·x <= 2^3000 + 2).
  mpz_class b = pow2(3000);
  fs = {fact(Rel::Ge, {{0, b}}, -(pow2(2999) + 1)), fact(Rel::Ge, {{0, -2 * b}}, b + 2)};
  EXPECT_FALSE(find_farkas(fs));
  fs[1].constant = b + 1;
  y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_EQ(*y, ints({2, 1}));
}

TEST(ProversFarkas, SatisfiableSystem) {
  // x >= 0, x <= 1, y > x, x + y = 1 (x = 1/4, y = 3/4).
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, 1}}, 0), fact(Rel::Ge, {{0, -1}}, 1), fact(Rel::Gt, {{1, 1}, {0, -1}}, 0),
                          fact(Rel::Eq, {{0, 1}, {1, 1}}, -1)};
  EXPECT_FALSE(find_farkas(fs));
  // Adding y <= x + 0 closes it (y > x).
  fs.push_back(fact(Rel::Ge, {{0, 1}, {1, -1}}, 0));
  auto y = find_farkas(fs);
  ASSERT_TRUE(y);
  EXPECT_TRUE(is_farkas(fs, *y));
}

TEST(ProversFarkas, PivotBudget) {
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, -1}}, 0), fact(Rel::Ge, {{0, 1}}, -1)};
  EXPECT_FALSE(find_farkas(fs, 0));
  EXPECT_TRUE(find_farkas(fs));
}

TEST(ProversFarkas, IsFarkasRejects) {
  // x <= 0, x >= 1, 0 = x - 2, x > 5
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, -1}}, 0), fact(Rel::Ge, {{0, 1}}, -1), fact(Rel::Eq, {{0, 1}}, -2),
                          fact(Rel::Gt, {{0, 1}}, -5)};
  EXPECT_TRUE(is_farkas(fs, ints({1, 1, 0, 0})));     // -x + (x - 1) = -1
  EXPECT_TRUE(is_farkas(fs, ints({1, 0, 1, 0})));     // -x + (x - 2) = -2
  EXPECT_TRUE(is_farkas(fs, ints({0, 0, -1, 1})));    // -(x - 2) + (x - 5) = -3
  EXPECT_FALSE(is_farkas(fs, ints({1, 1, 0})));       // wrong length
  EXPECT_FALSE(is_farkas(fs, ints({-1, -1, 0, 0})));  // negative multipliers on Ge (sum +1)
  EXPECT_FALSE(is_farkas(fs, ints({0, 0, 1, -1})));   // negative multiplier on Gt (sum +3)
  EXPECT_FALSE(is_farkas(fs, ints({2, 1, 0, 0})));    // -x left over
  EXPECT_FALSE(is_farkas(fs, ints({1, 0, -1, 0})));   // -2x left over
  EXPECT_FALSE(is_farkas(fs, ints({0, 1, -1, 0})));   // (x - 1) - (x - 2) = 1: K > 0
  EXPECT_FALSE(is_farkas(fs, ints({0, 0, 0, 0})));    // K = 0, nothing strict
  // K = 0 with a strict fact: x > 0, 0 = x.
  std::vector<LinFact> gs{fact(Rel::Gt, {{0, 1}}, 0), fact(Rel::Eq, {{0, 1}}, 0)};
  EXPECT_TRUE(is_farkas(gs, ints({1, -1})));
  EXPECT_FALSE(is_farkas(gs, ints({0, 0})));
}

RC_GTEST_PROP(ProversFarkas, SmallSystemsMatchFourierMotzkin, ()) {
  int nf = *rc::gen::inRange(2, 7), nv = *rc::gen::inRange(1, 4);
  check_against_reference(gen_system(nf, nv, 5));
}

RC_GTEST_PROP(ProversFarkas, MediumSystemsMatchFourierMotzkin, ()) {
  int nf = *rc::gen::inRange(4, 9), nv = *rc::gen::inRange(2, 4);
  check_against_reference(gen_system(nf, nv, 20));
}

// Scaling a fact by a positive integer (any nonzero one for an equation) keeps the system's
// meaning, so big-coefficient versions must agree with the small ones.
RC_GTEST_PROP(ProversFarkas, ScaledBigSystemsAgree, ()) {
  int nf = *rc::gen::inRange(2, 7), nv = *rc::gen::inRange(1, 4);
  auto fs = gen_system(nf, nv, 5);
  auto big = fs;
  for (LinFact& f : big) {
    mpz_class s = gen_big(*rc::gen::inRange(1, 400), f.rel != Rel::Eq);
    for (auto& t : f.terms) t.second *= s;
    f.constant *= s;
  }
  auto y = find_farkas(big);
  RC_ASSERT(y.has_value() == infeasible_fm(fs));
  if (y) RC_ASSERT(is_farkas(big, *y) && primitive(*y));
}

// Larger systems, where the reference would blow up, with the answer known by construction:
// facts all true at an integer point are satisfiable; adding the negation of a nonnegative
// combination of them (shifted past 0) makes them contradictory.
RC_GTEST_PROP(ProversFarkas, LargeSystemsByConstruction, ()) {
  int bits = *rc::gen::element(4, 4, 64, 1000);
  int most = bits > 64 ? 12 : 30;  // dense 1000-bit 30×30 systems take ~0.5 s each
  int nf = *rc::gen::inRange(2, most + 1), nv = *rc::gen::inRange(1, most + 1);
  std::vector<mpz_class> point;
  for (int v = 0; v < nv; ++v) point.push_back(mpz_class(*rc::gen::inRange(-10, 11)));
  std::vector<LinFact> fs;
  for (int i = 0; i < nf; ++i) {
    LinFact f{Rel(*rc::gen::inRange(0, 3)), {}, 0};
    mpz_class val = 0;
    for (int v = 0; v < nv; ++v) {
      if (*rc::gen::inRange(0, 4) != 0) continue;  // sparse
      mpz_class a = bits <= 4 ? mpz_class(*rc::gen::inRange(-9, 10)) : gen_big(bits, false);
      val += a * point[v];
      f.terms.emplace_back(uint32_t(v), a);
    }
    f.constant = -val + (f.rel == Rel::Eq ? 0 : *rc::gen::inRange(f.rel == Rel::Gt ? 1 : 0, 4));
    fs.push_back(std::move(f));
  }
  RC_ASSERT(!find_farkas(fs));

  // Negate Σ c_i·P_i with c_i >= 0 (any sign on equations): 0 <= −Σ c_i·P_i − 1, or 0 < −Σ c_i·P_i.
  LinFact neg{Rel(*rc::gen::inRange(0, 2)), {}, 0};
  std::vector<mpz_class> sum(nv);
  for (const LinFact& f : fs) {
    int c = *rc::gen::inRange(f.rel == Rel::Eq ? -3 : 0, 4);
    for (const auto& [v, a] : f.terms) sum[v] -= c * a;
    neg.constant -= c * f.constant;
  }
  for (int v = 0; v < nv; ++v)
    if (sum[v] != 0) neg.terms.emplace_back(uint32_t(v), sum[v]);
  if (neg.rel == Rel::Ge) neg.constant -= 1;
  fs.insert(fs.begin() + *rc::gen::inRange(0, nf + 1), neg);
  auto y = find_farkas(fs);
  RC_ASSERT(y.has_value());
  RC_ASSERT(is_farkas(fs, *y));
  RC_ASSERT(primitive(*y));
}

// find_model: on systems without strict facts, a point exactly when no multipliers exist,
// and the point satisfies every fact.
RC_GTEST_PROP(ProversFarkas, ModelExactlyWhenNoMultipliers, ()) {
  std::vector<LinFact> fs = gen_system(*rc::gen::inRange(1, 7), *rc::gen::inRange(1, 4), 5);
  for (LinFact& f : fs)
    if (f.rel == Rel::Gt) f.rel = Rel::Ge;
  auto x = find_model(fs);
  bool infeasible = find_farkas(fs).has_value();
  RC_CLASSIFY(infeasible);
  RC_ASSERT(x.has_value() == !infeasible);
  if (!x) return;
  for (const LinFact& f : fs) {
    mpq_class s = f.constant;
    for (const auto& [v, a] : f.terms) s += a * (*x)[v];
    bool holds = f.rel == Rel::Eq ? s == 0 : s >= 0;
    RC_ASSERT(holds);
  }
}

TEST(ProversFarkas, ModelOfAThinStrip) {
  // 18 <= 4x <= 19: the point is rational (no integer one), 4x - 20 >= 0 added: none
  std::vector<LinFact> fs{fact(Rel::Ge, {{0, 4}}, -18), fact(Rel::Ge, {{0, -4}}, 19)};
  auto x = find_model(fs);
  ASSERT_TRUE(x.has_value());
  EXPECT_TRUE((*x)[0] >= mpq_class(18, 4) && (*x)[0] <= mpq_class(19, 4));
  fs.push_back(fact(Rel::Ge, {{0, 4}}, -20));
  EXPECT_FALSE(find_model(fs).has_value());
}
