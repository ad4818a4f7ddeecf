#include "translators/provers/farkas.hpp"

#include <algorithm>
#include <cstdint>

// The search solves the dual directly: multipliers y are a feasible point of
//
//   Σ_i y_i·a_ij = 0              for every variable j      (the variables cancel)
//   Σ_i y_i·(s_i − k_i) = 1                                  (normalisation, below)
//   Σ_i y_i·k_i + w = 0,  w >= 0                             (K <= 0)
//   y_i >= 0 for Ge/Gt facts
//
// where s_i = 1 for a Gt fact and 0 otherwise. Why the normalisation row is right: for y in
// the cone above, "K < 0, or K = 0 and some strict y_i > 0" is equivalent to "K <= 0 and
// s·y − K > 0" (s·y >= 0 always), and the cone is closed under positive scaling, so
// s·y − K = 1 loses nothing. A phase-1 primal simplex (artificial variables, minimise their
// sum) decides feasibility; its final basic solution is y. Multipliers for the facts are
// read off the primal values, so no dual has to be recovered.

namespace hcert::provers {

namespace {

// A column of the LP: one sign-constrained part of a multiplier. A Ge/Gt fact's y_i >= 0 is
// one column; an Eq fact's free y_i is split as y⁺ − y⁻ so every column is >= 0.
struct Col {
  uint32_t fact;
  int sign;  // +1 for y⁺ (or the inequality's y), −1 for y⁻
};

// The simplex tableau, fraction-free ("integer pivoting", as in Edmonds/Bareiss and lrs).
// Why: the rational tableau is t/d for one common denominator d > 0 (the determinant of the
// basis); every entry of t is then a minor of the input matrix, so all arithmetic is on
// integers, the divisions below are exact, no gcds are taken, and entry sizes stay bounded by
// the input's subdeterminants even for coefficients of thousands of bits. Row-major; the last
// column is the right-hand side and the last row the phase-1 objective (d × reduced costs,
// and −d × objective value in its last column). Artificial variables have no columns: while
// basic they are unit columns nobody reads, and once they leave they never re-enter.
struct Tableau {
  size_t rows, cols;
  std::vector<mpz_class> t;
  mpz_class d = 1;
  mpz_class p, f;  // scratch, kept to avoid reallocating on every pivot

  Tableau(size_t rows, size_t cols) : rows(rows), cols(cols), t(rows * cols) {}
  mpz_class* row(size_t i) { return t.data() + i * cols; }
  mpz_class& at(size_t i, size_t j) { return t[i * cols + j]; }

  // Pivot on (r, c) with t(r,c) > 0: row r keeps its entries, every other row i becomes
  // (p·t_i − t(i,c)·t_r) / d with p = t(r,c), and d becomes p (so d stays positive).
  void pivot(size_t r, size_t c) {
    p = at(r, c);
    const mpz_class* pr = row(r);
    const bool unit = d == 1;
    for (size_t i = 0; i < rows; ++i) {
      if (i == r) continue;
      mpz_class* pi = row(i);
      f = pi[c];
      const bool mixes = f != 0;
      if (!mixes && p == d) continue;  // the row is unchanged
      for (size_t j = 0; j < cols; ++j) {
        mpz_ptr x = pi[j].get_mpz_t();
        if (mpz_sgn(x) == 0 && (!mixes || sgn(pr[j]) == 0)) continue;  // stays 0 (tableaux are sparse)
        mpz_mul(x, x, p.get_mpz_t());
        if (mixes) mpz_submul(x, f.get_mpz_t(), pr[j].get_mpz_t());
        if (!unit) mpz_divexact(x, x, d.get_mpz_t());
      }
    }
    d = p;
  }
};

// Phase 1 of the primal simplex on T (rows 0..m-1 constraints, row m the objective: the sum
// of the artificials, priced out; columns 0..ns-1, then the right-hand side), Bland's rule.
// basis[i] is row i's basic variable as a rank: i for its artificial, m + j for column j.
// True when the artificials reach 0 (T then holds a feasible basic solution); false when the
// phase-1 optimum is positive (infeasible) or after max_pivots pivots. Adds the pivots made
// to *used.
bool phase1(Tableau& T, std::vector<size_t>& basis, size_t m, size_t ns, size_t max_pivots, size_t* used) {
  const size_t obj = m, rhs = ns;
  size_t pivots = 0;
  struct Count {
    size_t& n;
    size_t* used;
    ~Count() {
      if (used) *used += n;
    }
  } count{pivots, used};
  mpz_class lhs, rhsv;
  while (T.at(obj, rhs) != 0) {  // the sum of the artificials is still positive
    // Bland: the entering column is the first with a negative reduced cost.
    size_t c = 0;
    while (c < ns && sgn(T.at(obj, c)) >= 0) ++c;
    if (c == ns) return false;  // phase-1 optimum > 0: infeasible
    if (pivots++ >= max_pivots) return false;
    // Ratio test (t(i,rhs)/t(i,c) over t(i,c) > 0, d cancels); ties go to the lowest rank.
    size_t r = m;
    for (size_t i = 0; i < m; ++i) {
      if (sgn(T.at(i, c)) <= 0) continue;
      if (r == m) {
        r = i;
        continue;
      }
      int si = sgn(T.at(i, rhs)), sr = sgn(T.at(r, rhs)), order;  // both >= 0 (feasible basis)
      if (si == 0 || sr == 0) {
        order = si - sr;
      } else {
        mpz_mul(lhs.get_mpz_t(), T.at(i, rhs).get_mpz_t(), T.at(r, c).get_mpz_t());
        mpz_mul(rhsv.get_mpz_t(), T.at(r, rhs).get_mpz_t(), T.at(i, c).get_mpz_t());
        order = cmp(lhs, rhsv);
      }
      if (order < 0 || (order == 0 && basis[i] < basis[r])) r = i;
    }
    if (r == m) return false;  // unbounded; impossible for phase 1 (objective >= 0)
    T.pivot(r, c);
    basis[r] = m + c;
  }
  return true;
}

// The variables that occur in the facts (with a non-zero coefficient), sorted.
std::vector<uint32_t> variables(const std::vector<LinFact>& facts) {
  std::vector<uint32_t> vars;
  for (const LinFact& f : facts)
    for (const auto& [v, a] : f.terms)
      if (a != 0) vars.push_back(v);
  std::sort(vars.begin(), vars.end());
  vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
  return vars;
}

}  // namespace

std::optional<std::vector<mpz_class>> find_farkas(const std::vector<LinFact>& facts, size_t max_pivots, size_t* used) {
  // Variables that occur, renumbered densely: one equation row each.
  std::vector<uint32_t> vars = variables(facts);

  std::vector<Col> cols;
  cols.reserve(2 * facts.size());
  for (uint32_t i = 0; i < facts.size(); ++i) {
    cols.push_back({i, 1});
    if (facts[i].rel == LinFact::Eq) cols.push_back({i, -1});
  }

  // Layout: columns are the y parts, then w, then the right-hand side; rows are the variable
  // equations, the normalisation, the K row (whose slack w starts basic), then the objective.
  const size_t nz = cols.size(), w = nz, ns = nz + 1, rhs = ns;
  const size_t nv = vars.size(), norm = nv, krow = nv + 1, m = nv + 2, obj = m;
  Tableau T(m + 1, ns + 1);
  for (size_t j = 0; j < nz; ++j) {
    const LinFact& f = facts[cols[j].fact];
    const bool neg = cols[j].sign < 0;
    for (const auto& [v, a] : f.terms) {
      if (a == 0) continue;
      size_t i = std::lower_bound(vars.begin(), vars.end(), v) - vars.begin();
      if (neg) T.at(i, j) -= a;
      else T.at(i, j) += a;  // += so that a repeated variable still means the sum
    }
    T.at(norm, j) = (f.rel == LinFact::Gt ? 1 : 0) - f.constant;
    T.at(krow, j) = f.constant;
    if (neg) {
      T.at(norm, j) = -T.at(norm, j);
      T.at(krow, j) = -T.at(krow, j);
    }
  }
  T.at(krow, w) = 1;
  T.at(norm, rhs) = 1;
  // Phase-1 objective: the sum of the artificials of rows 0..norm, priced out against the
  // initial basis, i.e. minus the sum of those rows.
  for (size_t i = 0; i <= norm; ++i)
    for (size_t j = 0; j <= rhs; ++j) T.at(obj, j) -= T.at(i, j);

  // Basic variable of each constraint row, as its rank in Bland's order: artificial of row i
  // is i (artificials first, so ties drive them out), column j is m + j.
  std::vector<size_t> basis(m);
  for (size_t i = 0; i < m; ++i) basis[i] = i;
  basis[krow] = m + w;
  if (!phase1(T, basis, m, ns, max_pivots, used)) return std::nullopt;

  // The basic solution: column j's value is t(row,rhs)/d; all share d > 0, so the numerators
  // are already an integer multiple of y.
  std::vector<mpz_class> y(facts.size());
  for (size_t i = 0; i < m; ++i) {
    if (basis[i] < m || basis[i] - m >= nz) continue;
    const Col& col = cols[basis[i] - m];
    if (col.sign > 0) y[col.fact] += T.at(i, rhs);
    else y[col.fact] -= T.at(i, rhs);
  }
  mpz_class g = 0;
  for (const mpz_class& v : y) mpz_gcd(g.get_mpz_t(), g.get_mpz_t(), v.get_mpz_t());
  if (g == 0) return std::nullopt;
  if (g != 1)
    for (mpz_class& v : y) mpz_divexact(v.get_mpz_t(), v.get_mpz_t(), g.get_mpz_t());
  if (!is_farkas(facts, y)) return std::nullopt;  // never expected; never return a wrong answer
  return y;
}

std::optional<std::map<uint32_t, mpq_class>> find_model(const std::vector<LinFact>& facts, size_t max_pivots,
                                                         size_t* used) {
  std::vector<uint32_t> vars = variables(facts);
  // Columns: x⁺_j, x⁻_j for each variable (free variables split), then one slack per
  // inequality; rows: Σ a_ij (x⁺_j − x⁻_j) − s_i = −k_i, negated where −k_i < 0 so that the
  // artificial basis is feasible; then the objective.
  const size_t nv = vars.size(), m = facts.size();
  size_t ns = 2 * nv;
  std::vector<size_t> slack(m, SIZE_MAX);
  for (size_t i = 0; i < m; ++i)
    if (facts[i].rel != LinFact::Eq) slack[i] = ns++;
  Tableau T(m + 1, ns + 1);
  const size_t rhs = ns, obj = m;
  for (size_t i = 0; i < m; ++i) {
    const LinFact& f = facts[i];
    for (const auto& [v, a] : f.terms) {
      if (a == 0) continue;
      size_t j = std::lower_bound(vars.begin(), vars.end(), v) - vars.begin();
      T.at(i, 2 * j) += a;
      T.at(i, 2 * j + 1) -= a;
    }
    if (slack[i] != SIZE_MAX) T.at(i, slack[i]) = -1;
    T.at(i, rhs) = -f.constant;
    if (T.at(i, rhs) < 0)
      for (size_t j = 0; j <= rhs; ++j) T.at(i, j) = -T.at(i, j);
  }
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j <= rhs; ++j) T.at(obj, j) -= T.at(i, j);
  std::vector<size_t> basis(m);
  for (size_t i = 0; i < m; ++i) basis[i] = i;
  if (!phase1(T, basis, m, ns, max_pivots, used)) return std::nullopt;
  std::map<uint32_t, mpq_class> x;
  for (uint32_t v : vars) x[v] = 0;
  for (size_t i = 0; i < m; ++i) {
    if (basis[i] < m || basis[i] - m >= 2 * nv) continue;
    size_t c = basis[i] - m;
    mpq_class val(T.at(i, rhs), T.d);
    val.canonicalize();
    if (c % 2) x[vars[c / 2]] -= val;
    else x[vars[c / 2]] += val;
  }
  // Never expected to fail; never return a point that is not one.
  for (const LinFact& f : facts) {
    mpq_class s = f.constant;
    for (const auto& [v, a] : f.terms) s += a * x[v];
    if (f.rel == LinFact::Eq ? s != 0 : s < 0) return std::nullopt;
  }
  return x;
}

bool is_farkas(const std::vector<LinFact>& facts, const std::vector<mpz_class>& y) {
  if (y.size() != facts.size()) return false;
  // Each term's contribution y_i·a_ij, collected and then summed per variable after sorting.
  std::vector<std::pair<uint32_t, mpz_class>> parts;
  mpz_class k = 0;
  bool strict = false;
  for (size_t i = 0; i < facts.size(); ++i) {
    const LinFact& f = facts[i];
    int s = sgn(y[i]);
    if (s < 0 && f.rel != LinFact::Eq) return false;
    if (s == 0) continue;
    if (f.rel == LinFact::Gt) strict = true;
    k += y[i] * f.constant;
    for (const auto& [v, a] : f.terms)
      if (a != 0) parts.emplace_back(v, y[i] * a);
  }
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < parts.size();) {
    mpz_class sum = 0;
    size_t j = i;
    for (; j < parts.size() && parts[j].first == parts[i].first; ++j) sum += parts[j].second;
    if (sum != 0) return false;
    i = j;
  }
  return k < 0 || (k == 0 && strict);
}

}  // namespace hcert::provers
