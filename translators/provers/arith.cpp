// The linear arithmetic prover of arith.hpp: literals read as facts, one case refuted by a
// Farkas combination summed in canonical form, disequalities split; the ring reasoning is
// ring.hpp's, the integer cuts arith_cuts.cpp's.
#include "translators/provers/arith.hpp"

#include <gmpxx.h>

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "translators/provers/arith_cycle.hpp"
#include "translators/provers/arith_facts.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/farkas.hpp"
#include "translators/provers/formula.hpp"

namespace hcert::provers {

using detail::atom_parts;
using detail::int_type;
using detail::Poly;
using detail::real_type;
using detail::Ring;
using detail::Unsupported;

struct Arith::Impl {
  StepSink& lemma_sink;
  Prover lemmas;
  std::unique_ptr<Ring> ints, reals;
  CondLemmas cond;  // for abs (div and mod facts)
  detail::Cycles int_cycles, real_cycles;  // their kept edge facts, per ring
  explicit Impl(StepSink& s) : lemma_sink(s), lemmas(s), cond(s) {}
  Ring& ring(bool is_int) {
    auto& r = is_int ? ints : reals;
    if (!r) r = std::make_unique<Ring>(lemmas, is_int), r->set_cond(&cond);
    return *r;
  }
};

Arith::Arith(StepSink& lemma_sink) : impl_(std::make_unique<Impl>(lemma_sink)) {}
Arith::~Arith() = default;

namespace detail {

namespace {

// The facts of the literals of R's type (spec/arith.md, "Facts"), unnormalised and as
// numeric linear forms; `complete` is cleared when a literal (a disequality) is left out.
void push_fact(Ring& R, Fact f, std::vector<Fact>& facts, std::vector<LinFact>& lin) {
  f.scale = R.need(f.e);
  std::map<uint32_t, mpq_class> m;
  mpq_class k;
  R.lin(mpq_class(f.scale), f.e, m, k);
  LinFact lf{f.rel, {}, 0};
  for (auto& [a, c] : m)
    if (c != 0) {
      if (c.get_den() != 1) throw Unsupported("fraction left after scaling");
      lf.terms.push_back({a, c.get_num()});
    }
  if (k.get_den() != 1) throw Unsupported("fraction left after scaling");
  lf.constant = k.get_num();
  facts.push_back(std::move(f));
  lin.push_back(lf);
}

// For each `mod a k` and `div a k` among the atoms (k a numeral n or a negated one neg n),
// INT_DIV_MOD's facts: 0 <= mod a k, mod a k <= n - 1, a = k * div a k + mod a k
// (spec/arith.md).
void div_mod_facts(Ring& R, std::vector<Fact>& facts, std::vector<LinFact>& lin) {
  std::vector<std::pair<Term, Term>> done;
  size_t n = lin.size();
  for (size_t i = 0; i < n; ++i)
    for (const auto& [id, c] : lin[i].terms) {
      Term t = R.atom(id), a, k;
      if (!R.div_mod_arg(t, a, k)) continue;
      if (std::find(done.begin(), done.end(), std::make_pair(a, k)) != done.end()) continue;
      done.push_back({a, k});
      Term mod = R.mod(a, k), div = R.div(a, k);
      Fact f{LinFact::Ge, mod, Pf{}, Term(), Term(), 0, [&R, a, k] { return R.mod_nonneg(a, k); }};
      push_fact(R, f, facts, lin);
      f.e = R.add(R.neg(R.numeral(1)), R.add(R.neg(mod), R.magnitude(k))), f.axiom = [&R, a, k] { return R.mod_lt(a, k); };
      push_fact(R, f, facts, lin);
      f.rel = LinFact::Eq, f.e = R.add(R.neg(a), R.add(R.mul(k, div), mod));
      f.axiom = [&R, a, k] { return R.div_eq(a, k); };
      push_fact(R, f, facts, lin);
      if (done.size() >= 16) return;
    }
}

}  // namespace

void make_facts(Ring& R, const std::vector<Term>& lits, std::vector<Fact>& facts, std::vector<LinFact>& lin,
                bool& complete) {
  for (const Term& lit : lits) {
    bool pos = !is_neg(lit);
    Term atom = pos ? lit : lit.rand(), rel, s, t;
    if (!atom_parts(atom, rel, s, t) || (s.type() == int_type()) != R.is_int()) continue;
    Fact f{LinFact::Ge, Term(), Pf{}, lit, Term(), 0, {}};
    std::string n = rel.name();
    bool is_le = n.size() > 2 && n.substr(n.size() - 2) == "<=", is_lt = !is_le && n != "=";
    if (n == "=") {
      if (!pos) {  // split by the caller
        complete = false;
        continue;
      }
      f.rel = LinFact::Eq, f.e = R.add(R.neg(s), t);
    } else if (is_le) {
      f.rel = pos ? LinFact::Ge : LinFact::Gt, f.e = pos ? R.add(R.neg(s), t) : R.add(R.neg(t), s);
    } else if (is_lt) {
      f.rel = pos ? LinFact::Gt : LinFact::Ge, f.e = pos ? R.add(R.neg(s), t) : R.add(R.neg(t), s);
      if (!pos) f.discharge = R.le(t, s);
    }
    if (R.is_int() && f.rel == LinFact::Gt) f.rel = LinFact::Ge, f.e = R.add(R.neg(R.numeral(1)), f.e);
    push_fact(R, f, facts, lin);
  }
  if (R.is_int()) div_mod_facts(R, facts, lin);
}

// make_facts keeps the literals' order, so the facts with a literal meet lits in order; a
// fact's linear form is its E scaled by `scale`, so its multiplier is c / scale, and all
// are then scaled by their common denominator (`den`).
std::optional<std::vector<mpz_class>> fact_multipliers(const std::vector<Term>& lits, const std::vector<Fact>& facts,
                                                       const std::vector<mpq_class>& given, mpz_class& den) {
  if (given.size() != lits.size()) return std::nullopt;
  std::vector<mpq_class> q(facts.size(), 0);
  size_t k = 0;
  for (size_t j = 0; j < facts.size(); ++j) {
    if (facts[j].lit == Term()) continue;  // a theory fact (div, mod): multiplier 0
    while (k < lits.size() && !(lits[k] == facts[j].lit)) ++k;
    if (k == lits.size() || facts[j].scale == 0) return std::nullopt;
    q[j] = given[k++] / mpq_class(facts[j].scale);
  }
  den = 1;
  for (const mpq_class& c : q) den = lcm(den, mpz_class(c.get_den()));
  std::vector<mpz_class> y;
  for (const mpq_class& c : q) y.push_back(mpz_class(c * den));
  return y;
}

namespace {

// The order in which the used facts are summed: each next the one that leaves the running
// sum with the fewest atoms. Why: the sum is normalised by merging each fact's polynomial
// into the running one, at a cost linear in both; a chain x0 - x1 <= 0, x1 - x2 <= 0, …
// (difference logic's cycles, 111 facts in diamonds.10.10) telescopes when summed along the
// chain, but in the order given the running sum grows to half the chain: quadratic. Greedy,
// and only while that search stays small (n² × atoms); otherwise the order given.
std::vector<size_t> sum_order(const std::vector<LinFact>& lin, const std::vector<mpz_class>& y) {
  std::vector<size_t> rest, out;
  size_t width = 0;
  for (size_t i = 0; i < lin.size(); ++i)
    if (y[i] != 0) rest.push_back(i), width += lin[i].terms.size();
  if (rest.size() * width > 2000000) return rest;
  std::map<uint32_t, mpz_class> acc;  // the running sum's coefficients (non-zero only)
  while (!rest.empty()) {
    size_t best = 0;
    long best_growth = 0;
    for (size_t r = 0; r < rest.size(); ++r) {
      long growth = 0;
      for (const auto& [a, c] : lin[rest[r]].terms) {
        auto it = acc.find(a);
        if (it == acc.end()) ++growth;
        else if (it->second + y[rest[r]] * c == 0) --growth;
      }
      if (r == 0 || growth < best_growth) best = r, best_growth = growth;
    }
    size_t i = rest[best];
    for (const auto& [a, c] : lin[i].terms) {
      mpz_class& v = acc[a];
      v += y[i] * c;
      if (v == 0) acc.erase(a);
    }
    out.push_back(i);
    rest.erase(rest.begin() + best);
  }
  return out;
}

// A used fact scaled by its multiplier: one of the parts the refutation sums.
struct Part {
  Pf pf;  // hyps ⊢ 0 REL P, P canonical
  LinFact::Rel rel;
  Poly poly;
};

}  // namespace

Pf fact_proof(Ring& R, Prover& P, const Fact& f) {
  Pf base;  // {lit or discharge} ⊢ 0 REL E  (before integer tightening)
  if (f.axiom) {
    base = f.axiom();
  } else {
    Term atom = is_neg(f.lit) ? f.lit.rand() : f.lit, rel, s, t;
    atom_parts(atom, rel, s, t);
    bool pos = !is_neg(f.lit);
    std::string n = rel.name();
    if (n == "=") base = R.I(R.EQ_SUB(), {s, t});
    else if (n.substr(n.size() - 2) == "<=") base = pos ? R.I(R.LE_SUB(), {s, t}) : R.I(R.NLE(), {s, t});
    else base = pos ? R.I(R.LT_SUB(), {s, t}) : R.I(R.LE_SUB(), {t, s});
  }
  if (R.is_int() && base.concl.rator().rator() == R.lt_c()) base = P.prove_hyp(base, R.I(R.INT_TIGHT(), {base.concl.rand()}));
  return base;
}

namespace {

// Fact f as hyps ⊢ 0 REL E (fact_proof), scaled by c = y_i * need(E_i) and brought to
// canonical form.
Part scaled_part(Ring& R, Prover& P, Fact& f, const mpz_class& c) {
  Pf base = fact_proof(R, P, f);
  Pf scaled;
  if (f.rel == LinFact::Eq) {
    scaled = P.prove_hyp(base, R.I(R.SCALE_EQ(), {R.signed_numeral(c), f.e}));
  } else if (base.concl.rator().rator() == R.le_c()) {
    Term cT = R.numeral(c);
    scaled = P.prove_hyp(R.positive(cT), P.prove_hyp(base, R.I(R.SCALE_LE(), {cT, f.e})));
  } else if (!R.is_int()) {  // (an int fact is never strict here: tightened above)
    Term cT = R.numeral(c);
    scaled = P.prove_hyp(R.positive(cT), P.prove_hyp(base, R.I(R.SCALE_LT(), {cT, f.e})));
  } else {
    scaled = R.scale_lt(R.numeral(c), base);
  }
  LinFact::Rel rel = f.rel == LinFact::Eq ? LinFact::Eq : scaled.concl.rator().rator() == R.lt_c() ? LinFact::Gt : LinFact::Ge;
  // Canonical before it is added (by a kept proof), so each addition merges two
  // canonical polynomials: linear in their sizes.
  Poly pi;
  Term ce = scaled.concl.rand();
  Pf eq = R.norm_kept(c, f.e, pi);
  if (eq.concl.lhs() != ce) eq = R.norm_top(ce, pi);
  scaled = rel == LinFact::Eq ? P.trans(scaled, eq) : P.eq_mp(P.ap_term(scaled.concl.rator(), eq), scaled);
  return {scaled, rel, std::move(pi)};
}

// 0 REL1 A and 0 REL2 B give 0 REL A + B (strict if either is, an equation if both are),
// merged into canonical form.
Part combine(Ring& R, Prover& P, const Part& x, const Part& y2) {
  Term a = x.pf.concl.rand(), b = y2.pf.concl.rand();
  Pf sum;
  LinFact::Rel rel = y2.rel;
  bool swapped = false;  // the sum is b + a
  if (y2.rel == LinFact::Eq) {
    const Pf& L = x.rel == LinFact::Eq ? R.EQ_ADD_EQ() : x.rel == LinFact::Gt ? R.LT_ADD_EQ() : R.LE_ADD_EQ();
    sum = P.prove_hyp(y2.pf, P.prove_hyp(x.pf, R.I(L, {a, b})));
    rel = x.rel;
  } else if (x.rel == LinFact::Eq) {  // an inequality and an equation: it goes first
    const Pf& L = y2.rel == LinFact::Gt ? R.LT_ADD_EQ() : R.LE_ADD_EQ();
    sum = P.prove_hyp(x.pf, P.prove_hyp(y2.pf, R.I(L, {b, a})));
    swapped = true;
  } else if (x.rel == LinFact::Ge && y2.rel == LinFact::Ge) {
    sum = P.prove_hyp(y2.pf, P.prove_hyp(x.pf, R.I(R.LE_ADD(), {a, b})));
  } else if (x.rel == LinFact::Ge) {  // the strict one first
    sum = P.prove_hyp(x.pf, P.prove_hyp(y2.pf, R.I(R.LT_ADD(), {b, a})));
    rel = LinFact::Gt;
    swapped = true;
  } else {  // x strict
    Pf nb = y2.rel == LinFact::Gt ? P.prove_hyp(y2.pf, R.I(R.LT_LE(), {b})) : y2.pf;
    sum = P.prove_hyp(nb, P.prove_hyp(x.pf, R.I(R.LT_ADD(), {a, b})));
    rel = LinFact::Gt;
  }
  Poly merged;
  Pf m = swapped ? R.padd(y2.poly, x.poly, merged) : R.padd(x.poly, y2.poly, merged);
  sum = rel == LinFact::Eq ? P.trans(sum, m) : P.eq_mp(P.ap_term(sum.concl.rator(), m), sum);
  return {sum, rel, std::move(merged)};
}

// hyps ⊢ F from the sum hyps ⊢ 0 REL K, K a constant that contradicts REL; nullopt when
// it does not.
std::optional<Pf> contradiction(Ring& R, Prover& P, const Part& sum) {
  const Poly& K = sum.poly;
  LinFact::Rel acc_rel = sum.rel;
  Term zero = R.zero();
  Pf fk = sum.pf;
  if (acc_rel == LinFact::Gt && K.k == 0) return P.not_elim(P.prove_hyp(fk, R.I(R.LT_NE(), {zero})), P.refl(zero));
  if (K.k < 0) {
    Term n = R.numeral(-K.k);
    if (acc_rel == LinFact::Gt) fk = P.prove_hyp(fk, R.I(R.LT_LE(), {R.neg(n)}));
    if (acc_rel == LinFact::Eq) fk = P.eq_mp(P.ap_term(Term::comb(R.le_c(), zero), fk), R.I(R.LE_REFL(), {zero}));
    return P.prove_hyp(R.positive(n), P.prove_hyp(fk, R.I(R.NEG_NONNEG(), {n})));
  }
  if (acc_rel == LinFact::Eq && K.k > 0) {
    Term n = R.numeral(K.k);
    return P.not_elim(P.prove_hyp(R.positive(n), R.I(R.LT_NE(), {n})), fk);
  }
  return std::nullopt;
}

// Multipliers given per literal (refute_case's `given`) as integer multipliers of the facts,
// nullopt unless they are a Farkas combination (fact_multipliers reads them).
std::optional<std::vector<mpz_class>> given_multipliers(const std::vector<Term>& lits, const std::vector<Fact>& facts,
                                                        const std::vector<LinFact>& lin,
                                                        const std::vector<mpq_class>& given) {
  mpz_class den;
  auto y = fact_multipliers(lits, facts, given, den);
  if (!y || !is_farkas(lin, *y)) return std::nullopt;
  return y;
}

}  // namespace

// The refutation of one case (after disequalities are split) in one ring.
std::optional<Pf> refute_case(Ring& R, Prover& P, const std::vector<Term>& lits, bool emit, bool* sat,
                              size_t max_pivots, size_t* used, const std::vector<mpq_class>* given) {
  std::vector<Fact> facts;
  std::vector<LinFact> lin;
  bool complete = true;  // every literal of this ring became a fact
  make_facts(R, lits, facts, lin, complete);
  if (facts.empty()) return std::nullopt;
  if (given && !complete) return std::nullopt;
  auto y = given ? given_multipliers(lits, facts, lin, *given) : find_farkas(lin, max_pivots, used);
  if (!y) {
    // Satisfiable over the rationals (so over the reals) when the search is exhaustive
    // (a small system: far within the pivot budget) and every atom is a variable.
    if (sat && complete && !R.is_int() && facts.size() <= 30) {
      bool vars = true;
      for (const LinFact& lf : lin)
        for (const auto& [a, c] : lf.terms) vars = vars && R.atom(a).kind() == TermKind::Var;
      *sat = vars;
    }
    return std::nullopt;
  }
  if (!emit) return Pf{1, Term()};

  R.use(P);
  // Each used fact, scaled by y_i * need(E_i) and brought to canonical form, then summed.
  std::vector<Part> parts;
  std::vector<size_t> order = sum_order(lin, *y);
  for (size_t i : order) parts.push_back(scaled_part(R, P, facts[i], (*y)[i] * facts[i].scale));
  // Summed pairwise, level by level: a merge costs the sizes of both sides, so adding one
  // fact at a time to a running sum of n atoms costs n per fact (a MIP lemma: 150 facts
  // into a sum of ~50 atoms), where pairs cost each atom once per level. Neighbours in
  // sum_order stay neighbours, so a chain still telescopes.
  while (parts.size() > 1) {
    std::vector<Part> next;
    for (size_t k = 0; k + 1 < parts.size(); k += 2) next.push_back(combine(R, P, parts[k], parts[k + 1]));
    if (parts.size() % 2) next.push_back(std::move(parts.back()));
    parts = std::move(next);
  }
  // The sum is the constant K: contradict 0 REL K.
  if (parts.empty() || !parts[0].poly.mons.empty()) return std::nullopt;
  std::optional<Pf> f = contradiction(R, P, parts[0]);
  if (!f) return std::nullopt;
  // Trade each discharge hypothesis t <= s for its literal ~(s < t) (NLT).
  for (size_t i : order) {
    const Fact& fa = facts[i];
    if (fa.discharge == Term()) continue;
    Term s = fa.lit.rand().rator().rand(), t = fa.lit.rand().rand();
    f = P.prove_hyp(P.not_intro(fa.discharge, *f), R.I(R.NLT(), {s, t}));
  }
  return f;
}

}  // namespace detail

std::optional<std::pair<std::string, bool>> Arith::key(const Term& atom) {
  Term rel, s, t;
  if (!atom_parts(atom, rel, s, t)) return std::nullopt;
  bool is_int = s.type() == int_type();
  try {
    Ring& R = impl_->ring(is_int);
    std::string n = rel.name();
    bool eq = n == "=", lt = !eq && n.substr(n.size() - 2) != "<=";
    // s <= t is 0 <= t - s; s < t is ~(t <= s), i.e. ~(0 <= s - t); s = t is 0 = t - s.
    std::map<uint32_t, mpq_class> m;
    mpq_class k;
    // (An equation's sides are read left first, as make_facts reads them, so that its atoms
    // are numbered in the same order either way: the cut search's choices depend on it.)
    R.lin(eq ? -1 : 1, lt || eq ? s : t, m, k);
    R.lin(eq ? 1 : -1, lt || eq ? t : s, m, k);
    // Scale to primitive integers; an equation also up to sign (first coefficient > 0).
    mpz_class den = k.get_den(), g = k.get_num();
    for (auto& [a, c] : m) den = lcm(den, mpz_class(c.get_den()));
    std::vector<std::pair<uint32_t, mpz_class>> cs;
    for (auto& [a, c] : m)
      if (c != 0) cs.push_back({a, mpz_class(c * den)}), g = gcd(g, cs.back().second);
    mpz_class kk = mpz_class(k * den);
    if (is_int && !eq && !cs.empty()) {
      // Over int also up to tightening: 0 <= c·x + k is 0 <= (c/g)·x + floor(k/g) (g the
      // coefficients' gcd), and 0 <= c·x + k is ~(0 <= -c·x - k - 1), so the first
      // coefficient is made positive: `~(19 < x - y)` and `-20 < y - x` have one key.
      mpz_class gc = 0;
      for (auto& [a, c] : cs) gc = gcd(gc, c);
      for (auto& [a, c] : cs) c /= gc;
      mpz_fdiv_q(kk.get_mpz_t(), kk.get_mpz_t(), gc.get_mpz_t());
      if (cs[0].second < 0) {
        for (auto& [a, c] : cs) c = -c;
        kk = -kk - 1;
        lt = !lt;
      }
      g = 1;
    }
    if (g == 0) g = 1;
    g = abs(g);
    if (eq && !cs.empty() && cs[0].second < 0) g = -g;
    std::string key = std::string(is_int ? "i" : "r") + (eq ? "=" : "<") + mpz_class(kk / g).get_str();
    for (auto& [a, c] : cs) key += " " + std::to_string(a) + ":" + mpz_class(c / g).get_str();
    return std::make_pair(key, lt);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

std::optional<Pf> Arith::normal_form(StepSink& out, const Term& t) {
  bool is_int = t.type() == int_type();
  if (!is_int && t.type() != real_type()) return std::nullopt;
  try {
    Prover P(out);
    Ring& R = impl_->ring(is_int);
    R.use(P);
    Poly p;
    return R.norm_top(t, p);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

std::optional<uint64_t> Arith::refute_with(StepSink& out, const std::vector<Term>& lits,
                                           const std::vector<mpq_class>& coefs) {
  if (coefs.size() != lits.size()) return std::nullopt;
  std::optional<bool> is_int;  // the one ring of the literals with a multiplier
  for (size_t i = 0; i < lits.size(); ++i) {
    Term a = is_neg(lits[i]) ? lits[i].rand() : lits[i], rel, s, t;
    if (!atom_parts(a, rel, s, t)) {
      if (coefs[i] != 0) return std::nullopt;
      continue;
    }
    bool i_int = s.type() == int_type();
    if (is_int && *is_int != i_int) return std::nullopt;
    is_int = i_int;
  }
  if (!is_int) return std::nullopt;
  try {
    Prover P(out);
    Ring& R = impl_->ring(*is_int);
    if (auto r = detail::refute_case(R, P, lits, true, nullptr, 0, nullptr, &coefs)) return r->id;
  } catch (const Unsupported&) {
  }
  return std::nullopt;
}

std::optional<uint64_t> Arith::refute_cut(StepSink& out, const std::vector<Term>& lits, const std::vector<mpq_class>& coefs) {
  for (const Term& l : lits) {
    Term a = is_neg(l) ? l.rand() : l, rel, s, t;
    if (!atom_parts(a, rel, s, t) || s.type() != int_type()) return std::nullopt;
  }
  try {
    Prover P(out);
    if (auto r = detail::refute_by_cut(impl_->ring(true), P, lits, coefs)) return r->id;
  } catch (const Unsupported&) {
  }
  return std::nullopt;
}

std::optional<uint64_t> Arith::refute_cycle(StepSink& out, const std::vector<Term>& lits, const std::vector<Pf>* trades,
                                            std::vector<bool>* traded, bool all) {
  std::optional<bool> is_int;
  for (const Term& l : lits) {
    Term a = is_neg(l) ? l.rand() : l, rel, s, t;
    if (!atom_parts(a, rel, s, t) || (is_int && *is_int != (s.type() == int_type()))) return std::nullopt;
    is_int = s.type() == int_type();
  }
  if (!is_int) return std::nullopt;
  try {
    Prover P(out);
    Ring& R = impl_->ring(*is_int);
    if (auto r = (*is_int ? impl_->int_cycles : impl_->real_cycles).refute(R, P, lits, trades, traded, all)) return r->id;
  } catch (const Unsupported&) {
  }
  return std::nullopt;
}

bool Arith::is_atom(const Term& t) {
  Term rel, s, u;
  return atom_parts(t, rel, s, u);
}

std::optional<uint64_t> Arith::refute(StepSink& out, const std::vector<Term>& lits, bool emit, bool* satisfiable) {
  Prover P(out);
  bool any = false, all_sat = true;
  for (bool is_int : {false, true}) {
    bool mine = false;
    for (const Term& l : lits) {
      Term a = is_neg(l) ? l.rand() : l, rel, s, t;
      if (atom_parts(a, rel, s, t) && (s.type() == int_type()) == is_int) mine = true;
    }
    if (!mine) continue;
    any = true;
    bool ring_sat = false;
    try {
      Ring& R = impl_->ring(is_int);
      // Disequalities: ~(s = t) gives s < t \/ t < s; refute both (at most 4 splits).
      std::function<std::optional<Pf>(std::vector<Term>, int, bool*)> go = [&](std::vector<Term> ls, int budget,
                                                                            bool* sat) -> std::optional<Pf> {
        for (size_t i = 0; i < ls.size(); ++i) {
          Term rel, s, t;
          if (!is_neg(ls[i]) || !atom_parts(ls[i].rand(), rel, s, t) || rel.name() != "=" ||
              (s.type() == int_type()) != is_int)
            continue;
          if (budget == 0) break;
          std::vector<Term> a = ls, b = ls;
          a[i] = R.lt(s, t), b[i] = R.lt(t, s);
          auto ra = go(a, budget - 1, sat);
          if (!ra) return std::nullopt;
          auto rb = go(b, budget - 1, sat);
          if (!rb) return std::nullopt;
          if (!emit) return ra;
          R.use(P);
          return P.disj_cases(R.I(R.NE_SPLIT(), {s, t}), *ra, *rb);
        }
        if (emit)  // a negative cycle (each case of a split disequality often is one)
          if (auto c = (is_int ? impl_->int_cycles : impl_->real_cycles).refute(R, P, ls)) return c;
        return refute_int_case(R, P, ls, emit, sat);
      };
      if (auto r = go(lits, 4, &ring_sat)) return r->id;
    } catch (const Unsupported&) {
      ring_sat = false;
    }
    all_sat = all_sat && ring_sat;
  }
  if (satisfiable) *satisfiable = any && all_sat;
  return std::nullopt;
}

}  // namespace hcert::provers
