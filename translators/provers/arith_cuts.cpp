// Integer cuts and branches for the linear arithmetic prover (spec/arith.md, "Integer
// cuts"): a case with no Farkas combination over the rationals may still have no integer
// solution; a plan of splits `t <= k` / `~(t <= k)`, each side refuted by Farkas, proves it.
#include <gmpxx.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "translators/provers/arith_facts.hpp"
#include "translators/provers/formula.hpp"

namespace hcert::provers::detail {

namespace {

// ---- Integer cuts and branches (spec/arith.md, "Integer cuts")
// A plan refutes a case by splitting on literals `t <= k` (t an integer linear term, k a
// numeral): each split node refutes the case with `t <= k` added and with `~(t <= k)` added
// (the latter is `k + 1 <= t` once tightened), a leaf by a Farkas combination.
struct PlanNode {
  Term split;      // t <= k; null for a leaf
  int a = -1, b = -1;
};

// Search budget per case: split depth, simplex runs (Farkas or model searches) and pivots.
constexpr int kCutDepth = 24;
constexpr int kCutSearches = 1000;
constexpr size_t kCutFacts = 64;  // facts and atoms per case; larger cases are not searched
constexpr size_t kCutPivots = 1000;  // per simplex run in the search
constexpr size_t kCutPivotsTotal = 50000;
constexpr int kConvergents = 64;  // continued-fraction convergents per two-atom row

struct CutBudget {
  int searches = kCutSearches;
  size_t pivots = 0;  // made so far
  // Takes one simplex run; false when none is left.
  bool take() { return searches-- > 0 && pivots < kCutPivotsTotal; }
};

// A candidate split term: primitive integer coefficients over atoms, first one positive.
struct SplitTerm {
  std::vector<std::pair<uint32_t, mpz_class>> terms;
  mpq_class value;  // at the model
};

Term split_term(Ring& R, const SplitTerm& c) {
  Term t;
  for (size_t i = c.terms.size(); i-- > 0;) {
    const auto& [a, k] = c.terms[i];
    Term m = k == 1 ? R.atom(a) : R.mul(R.signed_numeral(k), R.atom(a));
    t = t == Term() ? m : R.add(m, t);
  }
  return t;
}

mpz_class floor_q(const mpq_class& q) {
  mpz_class f;
  mpz_fdiv_q(f.get_mpz_t(), q.get_num_mpz_t(), q.get_den_mpz_t());
  return f;
}
mpz_class ceil_q(const mpq_class& q) {
  mpz_class f;
  mpz_cdiv_q(f.get_mpz_t(), q.get_num_mpz_t(), q.get_den_mpz_t());
  return f;
}

// Integer bounds lo <= x <= hi stated by single-atom facts (a·x + k >= 0, = 0).
struct Bounds {
  std::map<uint32_t, mpz_class> lo, hi;
  bool fixed(uint32_t a) const {
    auto l = lo.find(a), h = hi.find(a);
    return l != lo.end() && h != hi.end() && l->second == h->second;
  }
};

Bounds bounds_of(const std::vector<LinFact>& lin) {
  Bounds b;
  for (const LinFact& f : lin) {
    const std::pair<uint32_t, mpz_class>* t = nullptr;
    size_t n = 0;
    for (const auto& p : f.terms)
      if (p.second != 0) t = &p, ++n;
    if (n != 1) continue;
    mpq_class v(-f.constant, t->second);  // a·x + k >= 0: x >= v (a > 0) or x <= v (a < 0)
    v.canonicalize();
    auto lower = [&](const mpz_class& c) {
      auto it = b.lo.find(t->first);
      if (it == b.lo.end() || it->second < c) b.lo[t->first] = c;
    };
    auto upper = [&](const mpz_class& c) {
      auto it = b.hi.find(t->first);
      if (it == b.hi.end() || it->second > c) b.hi[t->first] = c;
    };
    if (f.rel == LinFact::Eq || t->second > 0) lower(ceil_q(v));
    if (f.rel == LinFact::Eq || t->second < 0) upper(floor_q(v));
  }
  return b;
}

// The candidates at a rational model, fractional there: each fact's variable part without
// the atoms its case fixes (lo = hi), divided by the gcd of its coefficients (a Gomory
// split of that row; when the gcd does not divide the rest, one or both branches close at
// once: the gcd test, Chvátal–Gomory rounding), then each atom.
std::vector<SplitTerm> split_candidates(const std::vector<LinFact>& lin, const std::map<uint32_t, mpq_class>& model,
                                        const Bounds& bounds) {
  std::vector<SplitTerm> out;
  auto add = [&](std::vector<std::pair<uint32_t, mpz_class>> ts) {
    if (ts.empty()) return;
    std::sort(ts.begin(), ts.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    mpz_class g = 0;
    for (const auto& [a, c] : ts) g = gcd(g, c);
    if (ts[0].second < 0) g = -g;
    SplitTerm st;
    st.value = 0;
    for (auto& [a, c] : ts) {
      c /= g;
      auto it = model.find(a);
      if (it != model.end()) st.value += c * it->second;
    }
    st.terms = std::move(ts);
    if (st.value.get_den() == 1) return;
    for (const SplitTerm& o : out)
      if (o.terms == st.terms) return;
    out.push_back(std::move(st));
  };
  using Row = std::map<uint32_t, mpz_class>;
  std::vector<Row> rows;
  for (const LinFact& f : lin) {
    Row r;
    for (const auto& [a, c] : f.terms)
      if (c != 0 && !bounds.fixed(a)) r[a] += c;
    rows.push_back(r);
  }
  auto add_row = [&](const Row& r) {
    std::vector<std::pair<uint32_t, mpz_class>> ts;
    for (const auto& [a, c] : r)
      if (c != 0) ts.push_back({a, c});
    if (ts.size() > 1) add(ts);
  };
  for (const Row& r : rows) add_row(r);
  // The rows again after substituting the equations' atoms of coefficient ±1 (an integral,
  // unimodular elimination: x - 2y = 0 and x - 2d = 1 give 2y - 2d = 1).
  for (size_t i = 0; i < lin.size() && i < 64; ++i) {
    if (lin[i].rel != LinFact::Eq) continue;
    const Row& e = rows[i];
    auto unit = std::find_if(e.begin(), e.end(), [](const auto& p) { return abs(p.second) == 1; });
    if (unit == e.end()) continue;
    uint32_t v = unit->first;
    for (size_t j = 0; j < rows.size(); ++j) {
      if (j == i || !rows[j].count(v) || rows[j][v] == 0) continue;
      mpz_class f = rows[j][v] * unit->second;  // rows[j] - f·e eliminates v (unit² = 1)
      Row r = rows[j];
      for (const auto& [a, c] : e) r[a] -= f * c;
      add_row(r);
    }
  }
  // Each two-atom row a·x + b·y gives the terms p·x ± q·y of the convergents p/q of |a/b|
  // (its continued fraction): the best small approximations of the row's direction. The last
  // but one is the row's unimodular completion (|a·q − b·p| = 1 once a, b are coprime):
  // where the row is fixed, x and y are integer combinations of the row and that term, so
  // one split on it refutes a thin strip with no integer point (a tight rhombus:
  // 817y − 910x = −1 with −693 <= x <= 3); an earlier one closes a thin cone (Z3's lemma
  // 9100000000000x − 8166666666667y >= 0, 2007y − 2236x >= 1, y <= 172 by one split on
  // 39x − 35y), where splits on x or y need hundreds.
  for (const Row& r : rows) {
    std::vector<std::pair<uint32_t, mpz_class>> ts;
    for (const auto& [a, c] : r)
      if (c != 0) ts.push_back({a, c});
    if (ts.size() != 2) continue;
    int sign = sgn(ts[0].second) * sgn(ts[1].second);
    mpz_class num = abs(ts[0].second), den = abs(ts[1].second);
    mpz_class p0 = 0, q0 = 1, p1 = 1, q1 = 0;  // the convergents before the first
    for (int k = 0; den != 0 && k < kConvergents; ++k) {
      mpz_class quot = num / den, rest = num % den;
      mpz_class p2 = quot * p1 + p0, q2 = quot * q1 + q0;
      num = den, den = rest;
      p0 = p1, q0 = q1, p1 = p2, q1 = q2;
      if (den == 0 || p1 == 0 || q1 == 0) continue;  // the row itself, or a single atom
      add({{ts[0].first, p1}, {ts[1].first, sign * q1}});
    }
  }
  for (const auto& [a, v] : model) add({{a, 1}});
  return out;
}

// A plan refuting lits (node index); -1 when none is found within the budget, -2 when a
// node's rational model is an integer point (lits then hold over the integers: stop).
// With `farkas_first` false the case is known not to be Farkas-refutable.
int plan_cuts(Ring& R, Prover& P, const std::vector<Term>& lits, int depth, CutBudget& budget,
              std::vector<PlanNode>& nodes, bool farkas_first = true) {
  auto leaf = [&]() {
    nodes.push_back({});
    return int(nodes.size()) - 1;
  };
  auto split_node = [&](const Term& b, int a, int c) {
    nodes.push_back({b, a, c});
    return int(nodes.size()) - 1;
  };
  if (farkas_first) {
    if (!budget.take()) return -1;
    if (refute_case(R, P, lits, false, nullptr, kCutPivots, &budget.pivots)) return leaf();
  }
  if (depth == 0 || !budget.take()) return -1;
  std::vector<Fact> facts;
  std::vector<LinFact> lin;
  bool complete = true;
  make_facts(R, lits, facts, lin, complete);
  if (lin.size() > kCutFacts) return -1;
  auto model = find_model(lin, kCutPivots, &budget.pivots);
  if (!model || model->size() > kCutFacts) return -1;
  Bounds bounds = bounds_of(lin);
  std::vector<SplitTerm> cands = split_candidates(lin, *model, bounds);
  if (cands.empty()) return complete ? -2 : -1;  // an integer point
  std::vector<Term> with = lits;
  with.push_back(Term());
  auto farkas = [&](const Term& lit) {
    with.back() = lit;
    return budget.take() && refute_case(R, P, with, false, nullptr, kCutPivots, &budget.pivots).has_value();
  };
  // One split that both sides refute by Farkas.
  int cut = -1;
  for (size_t i = 0; i < cands.size(); ++i) {
    if (budget.searches <= 0 || budget.pivots >= kCutPivotsTotal) return -1;
    Term b = R.le(split_term(R, cands[i]), R.signed_numeral(floor_q(cands[i].value)));
    bool a = farkas(b), c = a && farkas(Prover::negate(b));
    if (a && c) return split_node(b, leaf(), leaf());
    if (a && cut < 0) cut = int(i);
  }
  // Otherwise recurse on both sides of one split: an atom the model puts at one of its
  // bounds (lo <= x <= hi) is walked off it (x = hi, x <= hi - 1: the first side is fixed
  // and its rows lose x), else a fractional candidate, one side of which Farkas closes
  // when there is one.
  Term b;
  for (const auto& [a, v] : *model) {
    if (bounds.fixed(a) || v.get_den() != 1) continue;
    auto h = bounds.hi.find(a), l = bounds.lo.find(a);
    if (h != bounds.hi.end() && h->second == v.get_num()) {
      b = R.le(R.atom(a), R.signed_numeral(h->second - 1));
      break;
    }
    if (l != bounds.lo.end() && l->second == v.get_num()) {
      b = R.le(R.atom(a), R.signed_numeral(l->second));
      break;
    }
  }
  if (b == Term()) {
    const SplitTerm& c = cands[cut < 0 ? 0 : cut];
    b = R.le(split_term(R, c), R.signed_numeral(floor_q(c.value)));
  }
  with.back() = b;
  int a = plan_cuts(R, P, with, depth - 1, budget, nodes);
  if (a < 0) return a;
  with.back() = Prover::negate(b);
  int c = plan_cuts(R, P, with, depth - 1, budget, nodes);
  if (c < 0) return c;
  return split_node(b, a, c);
}

// {lits} ⊢ F following the plan: a split `b` is NOT_INTRO of the b side, which PROVE_HYP
// discharges from the ~b side.
std::optional<Pf> emit_plan(Ring& R, Prover& P, const std::vector<Term>& lits, const std::vector<PlanNode>& nodes, int i) {
  const PlanNode& n = nodes[i];
  if (n.split == Term()) return refute_case(R, P, lits, true, nullptr);
  std::vector<Term> with = lits;
  with.push_back(n.split);
  auto a = emit_plan(R, P, with, nodes, n.a);
  if (!a) return std::nullopt;
  with.back() = Prover::negate(n.split);
  auto b = emit_plan(R, P, with, nodes, n.b);
  if (!b) return std::nullopt;
  return P.prove_hyp(P.not_intro(n.split, *a), *b);
}

}  // namespace

std::optional<Pf> refute_by_cut(Ring& R, Prover& P, const std::vector<Term>& lits, const std::vector<mpq_class>& coefs) {
  if (!R.is_int()) return std::nullopt;
  std::vector<Fact> facts;
  std::vector<LinFact> lin;
  bool complete = true;
  make_facts(R, lits, facts, lin, complete);
  mpz_class den;
  auto y = fact_multipliers(lits, facts, coefs, den);
  if (!complete || !y) return std::nullopt;
  // The sum 0 REL Σ y_j·P_j = V + K (integers), scaled by den.
  std::map<uint32_t, mpz_class> v;
  mpz_class K = 0;
  for (size_t j = 0; j < lin.size(); ++j) {
    if ((*y)[j] == 0) continue;
    if (lin[j].rel != LinFact::Eq && (*y)[j] < 0) return std::nullopt;
    for (const auto& [a, c] : lin[j].terms) v[a] += (*y)[j] * c;
    K += (*y)[j] * lin[j].constant;
  }
  SplitTerm t;
  mpz_class g = 0;
  for (const auto& [a, c] : v)
    if (c != 0) t.terms.push_back({a, c}), g = gcd(g, c);
  if (g == 0) return std::nullopt;  // no variable left: a plain Farkas combination
  for (auto& [a, c] : t.terms) c /= g;
  mpz_class m;
  mpz_cdiv_q(m.get_mpz_t(), mpz_class(-K).get_mpz_t(), g.get_mpz_t());
  Term b = R.le(split_term(R, t), R.signed_numeral(m - 1));
  // b's fact is 0 <= (m - 1) - t: with multiplier g/den the sum's variables cancel and its
  // constant is (K + g·(m - 1))/den < 0.
  std::vector<Term> with = lits;
  with.push_back(b);
  std::vector<mpq_class> given = coefs;
  mpq_class gb(g, den);
  gb.canonicalize();
  given.push_back(gb);
  if (!refute_case(R, P, with, false, nullptr, 0, nullptr, &given)) return std::nullopt;
  with.back() = Prover::negate(b);
  if (!refute_case(R, P, with, false, nullptr)) return std::nullopt;
  auto nb = refute_case(R, P, with, true, nullptr);
  with.back() = b;
  auto pb = refute_case(R, P, with, true, nullptr, 0, nullptr, &given);
  if (!nb || !pb) return std::nullopt;
  return P.prove_hyp(P.not_intro(b, *pb), *nb);
}

// One case: a Farkas combination, or over the integers a plan of cuts and branches.
std::optional<Pf> refute_int_case(Ring& R, Prover& P, const std::vector<Term>& lits, bool emit, bool* sat) {
  if (auto r = refute_case(R, P, lits, emit, sat)) return r;
  if (!R.is_int()) return std::nullopt;
  std::vector<PlanNode> nodes;
  CutBudget budget;
  int root = plan_cuts(R, P, lits, kCutDepth, budget, nodes, false);
  if (root == -2 && sat) {
    // An integer point of a case that extends lits: a countermodel when every atom is a
    // variable (spec/arith.md, "Verdicts on false steps").
    std::vector<Fact> facts;
    std::vector<LinFact> lin;
    bool complete = true, vars = true;
    make_facts(R, lits, facts, lin, complete);
    for (const LinFact& lf : lin)
      for (const auto& [a, c] : lf.terms) vars = vars && R.atom(a).kind() == TermKind::Var;
    *sat = complete && vars;
  }
  if (root < 0) return std::nullopt;
  if (!emit) return Pf{1, Term()};
  return emit_plan(R, P, lits, nodes, root);
}


}  // namespace hcert::provers::detail
