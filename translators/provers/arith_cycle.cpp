// Difference logic's negative cycles in linear steps (arith_cycle.hpp says how and why).
#include "translators/provers/arith_cycle.hpp"
#include "translators/provers/pattern.hpp"

#include <algorithm>
#include <unordered_set>

namespace hcert::provers::detail {

namespace {

Term rel_term(Ring& R, bool strict, const Term& e) { return strict ? R.lt(R.zero(), e) : R.le(R.zero(), e); }

// k + (x + neg y): an edge's and a running sum's shape.
Term shape(Ring& R, const Term& k, const Term& x, const Term& y) { return R.add(k, R.add(x, R.neg(y))); }

// ⊢ neg (x - y) = y + neg x, by SUB_DEF, NEG_ADD, NEG_NEG and ADD_COMM (4 steps, once).
Pf neg_sub(Ring& R) {
  return R.lemma("DL_NEG_SUB", [&] {
    Prover& L = R.P();
    Term x = R.x(), y = R.y();
    return R.chain({L.ap_term(R.neg(x).rator(), R.I(R.SUB_DEF(), {x, y})),
                    L.sym(R.I(R.NEG_ADD(), {x, R.neg(y)})), R.add_r(R.neg(x), R.I(R.NEG_NEG(), {y})),
                    R.I(R.ADD_COMM(), {R.neg(x), y})});
  });
}

// ⊢ neg 0 = 0, by ADD_LID and ADD_RINV (0 + neg 0 is both; 3 steps, once).
Pf neg_zero(Ring& R) {
  return R.lemma("DL_NEG_ZERO", [&] {
    Term z = R.zero();
    return R.P().trans(R.P().sym(R.I(R.ADD_LID(), {R.neg(z)})), R.I(R.ADD_RINV(), {z}));
  });
}

// ⊢ s = t for the shapes in which an atom pattern's fact and its edge's shape differ most
// often: `neg k + (x - y)` against `neg k + (x + neg y)` (SUB_DEF under the sum), `neg x + y`
// against `0 + (y + neg x)` (ADD_COMM, ADD_LID), `neg (x - y) + k` against `k + (y + neg x)`
// (neg_sub), bounds (a zero node: 0, neg 0), an integer's tightening constant regrouped,
// and sums of these. A handful of steps where the normaliser takes about a hundred, on
// every pattern of a check (most of a small check's arithmetic). Null for any other shape
// (the normaliser then); the recursion follows the terms' few top nodes (depth 4).
std::optional<Pf> direct_identity(Ring& R, const Term& s, const Term& t, int depth = 0) {
  if (depth > 4) return std::nullopt;
  Prover& P = R.P();
  if (s == t) return P.refl(s);
  if (R.is_sub(s) && R.is_add(t) && Ring::l(s) == Ring::l(t) && Ring::r(t) == R.neg(Ring::r(s)))
    return R.I(R.SUB_DEF(), {Ring::l(s), Ring::r(s)});
  if (R.is_add(s) && R.is_add(t)) {
    Term a = Ring::l(s), b = Ring::r(s);
    if (a == Ring::l(t))
      if (auto e = direct_identity(R, b, Ring::r(t), depth + 1)) return R.add_r(a, *e);
    if (b == Ring::l(t)) {  // a + b = b + a = b + (… a …)
      Pf swap = R.I(R.ADD_COMM(), {a, b});
      if (Ring::r(t) == a) return swap;
      if (auto e = direct_identity(R, a, Ring::r(t), depth + 1)) return P.trans(swap, R.add_r(b, *e));
    }
  }
  if (R.is_add(t) && Ring::l(t) == R.zero()) {  // s = t' = 0 + t'
    Pf unit = P.sym(R.I(R.ADD_LID(), {Ring::r(t)}));
    if (s == Ring::r(t)) return unit;
    if (auto e = direct_identity(R, s, Ring::r(t), depth + 1)) return P.trans(*e, unit);
  }
  const Term& z = R.zero();
  if (R.is_add(s) && (Ring::l(s) == z || Ring::l(s) == R.neg(z))) {  // 0 + x = x, neg 0 + x = x
    Pf unit = R.I(R.ADD_LID(), {Ring::r(s)});
    if (Ring::l(s) != z) unit = P.trans(R.add_l(neg_zero(R), Ring::r(s)), unit);
    if (Ring::r(s) == t) return unit;
    if (auto e = direct_identity(R, Ring::r(s), t, depth + 1)) return P.trans(unit, *e);
  }
  if (R.is_add(s) && Ring::r(s) == z) {  // x + 0 = x
    Pf unit = R.I(R.ADD_RID(), {Ring::l(s)});
    if (Ring::l(s) == t) return unit;
    if (auto e = direct_identity(R, Ring::l(s), t, depth + 1)) return P.trans(unit, *e);
  }
  if (R.is_add(s) && R.is_add(Ring::r(s)) && R.is_neg(Ring::l(Ring::r(s))) && R.is_neg(Ring::r(Ring::l(Ring::r(s))))) {
    // a + (neg (neg b) + c) = a + (b + c) (a negative constant negated), then as that
    Term a = Ring::l(s), b = Ring::r(Ring::r(Ring::l(Ring::r(s)))), c = Ring::r(Ring::r(s));
    Pf nn = R.add_r(a, R.add_l(R.I(R.NEG_NEG(), {b}), c));
    if (auto e = direct_identity(R, R.add(a, R.add(b, c)), t, depth + 1)) return P.trans(nn, *e);
  }
  if (R.is_add(t) && Ring::r(t) == R.neg(z)) {  // t' + neg 0 = t'
    Pf unit = P.sym(P.trans(R.add_r(Ring::l(t), neg_zero(R)), R.I(R.ADD_RID(), {Ring::l(t)})));
    if (s == Ring::l(t)) return unit;
    if (auto e = direct_identity(R, s, Ring::l(t), depth + 1)) return P.trans(*e, unit);
  }
  // a + (b + c) against (b + a) + d or (c + a) + d (an integer edge's tightening constant
  // summed with the atom's): regrouped by ADD_ASSOC and ADD_COMM, the rest against d.
  if (R.is_add(s) && R.is_add(Ring::r(s)) && R.is_add(t) && R.is_add(Ring::l(t)) && Ring::r(Ring::l(t)) == Ring::l(s)) {
    Term a = Ring::l(s), b = Ring::l(Ring::r(s)), c = Ring::r(Ring::r(s)), d = Ring::r(t);
    if (Ring::l(Ring::l(t)) == b) {  // a + (b + c) = (a + b) + c = (b + a) + c
      Pf re = P.trans(R.I(R.ADD_ASSOC(), {a, b, c}), R.add_l(R.I(R.ADD_COMM(), {a, b}), c));
      if (c == d) return re;
      if (auto e = direct_identity(R, c, d, depth + 1)) return P.trans(re, R.add_r(R.add(b, a), *e));
    } else if (Ring::l(Ring::l(t)) == c) {  // a + (b + c) = a + (c + b) = (a + c) + b = (c + a) + b
      Pf re = R.chain({R.add_r(a, R.I(R.ADD_COMM(), {b, c})), R.I(R.ADD_ASSOC(), {a, c, b}),
                       R.add_l(R.I(R.ADD_COMM(), {a, c}), b)});
      if (b == d) return re;
      if (auto e = direct_identity(R, b, d, depth + 1)) return P.trans(re, R.add_r(R.add(c, a), *e));
    }
  }
  if (R.is_neg(s) && R.is_sub(Ring::r(s)) && R.is_add(t) && Ring::l(t) == Ring::r(Ring::r(s)) &&
      Ring::r(t) == R.neg(Ring::l(Ring::r(s))))
    return R.I(neg_sub(R), {Ring::l(Ring::r(s)), Ring::r(Ring::r(s))});
  return std::nullopt;
}

// ⊢ s = t when the normaliser gives both one canonical polynomial (a ring identity).
Pf identity(Ring& R, const Term& s, const Term& t) {
  if (std::optional<Pf> d = direct_identity(R, s, t); d && d->concl == Term::eq(s, t)) return *d;
  Poly ps, pt;
  Pf a = R.norm_top(s, ps), b = R.norm_top(t, pt);
  if (a.concl.rhs() != b.concl.rhs()) throw Unsupported("difference-logic identity does not normalise");
  return R.P().trans(a, R.P().sym(b));
}

// th: hyps ⊢ 0 REL s  and  ⊢ s = t  give  hyps ⊢ 0 REL t.
Pf rewrite(Ring& R, const Pf& th, const Pf& eq) { return R.P().eq_mp(R.P().ap_term(th.concl.rator(), eq), th); }

// The one positive numeral in t (not entered: its bits are no other numeral), with its
// value; null when t has none or several. The walk is bounded like the patterns' (depth 32)
// and, as it follows paths (a numeral met twice is two), in visits (kMaxVisits): t is then
// a tree of at most that many nodes down to depth 32, which `replace` below walks too.
constexpr size_t kMaxVisits = 4096;
Term sole_numeral(Ring& R, const Term& t, mpz_class& v) {
  Term found;
  std::vector<std::pair<Term, int>> todo{{t, 0}};
  for (size_t visits = 0; !todo.empty(); ++visits) {
    if (visits == kMaxVisits) return Term();  // a large (or shared, deep) pattern: not this path
    auto [u, depth] = todo.back();
    todo.pop_back();
    mpz_class w;
    if (R.numeral_value(u, w)) {
      if (!found.is_null()) return Term();
      found = u, v = w;
    } else if (u.kind() == TermKind::Comb && depth < 32) {
      todo.push_back({u.rator(), depth + 1}), todo.push_back({u.rand(), depth + 1});
    }
  }
  return found;
}

// t with the closed subterm s replaced by x (recursion bounded by the depth of 32 above;
// t has passed sole_numeral, so at most kMaxVisits nodes are walked).
Term replace(const Term& t, const Term& s, const Term& x, int depth = 0) {
  if (t == s) return x;
  if (t.kind() != TermKind::Comb || depth >= 32) return t;
  return Term::comb(replace(t.rator(), s, x, depth + 1), replace(t.rand(), s, x, depth + 1));
}

}  // namespace

const Cycles::Edge& Cycles::edge(Ring& R, const Term& lit) {
  auto it = edges_.find(lit);
  if (it != edges_.end()) return it->second;
  Edge& e = edges_[lit];
  try {
    std::vector<Fact> facts;
    std::vector<LinFact> lin;
    bool complete = true;
    make_facts(R, {lit}, facts, lin, complete);
    if (!complete || facts.size() != 1 || facts[0].scale <= 0) return e;
    const mpz_class& s = facts[0].scale;
    for (const auto& [a, c] : lin[0].terms) {
      if (c == 0) continue;
      uint32_t& slot = c == s ? e.from : e.to;
      if ((c != s && c != -s) || slot != kZero) return e;
      slot = a;
    }
    if (e.from == kZero && e.to == kZero) return e;  // a constant fact: not an edge
    e.k = mpq_class(lin[0].constant, s);
    e.k.canonicalize();
    e.scale = s;
    e.strict = facts[0].rel == LinFact::Gt;
    e.fact = facts[0];
    e.ok = true;
  } catch (const Unsupported&) {
    e.ok = false;
  }
  return e;
}

Term Cycles::node(Ring& R, uint32_t id, const mpz_class& L) const {
  if (id == kZero) return R.zero();
  return L == 1 ? R.atom(id) : R.mul(R.numeral(L), R.atom(id));
}

Pf Cycles::edge_direct(Ring& R, const Edge& e, const mpz_class& L) {
  Pf base = fact_proof(R, R.P(), e.fact);
  if (e.fact.rel == LinFact::Eq)  // 0 = E used as 0 <= E: 0 <= 0 rewritten
    base = R.P().eq_mp(R.P().ap_term(Term::comb(R.le_c(), R.zero()), base), R.I(R.LE_REFL(), {R.zero()}));
  if (L != 1) {
    Term Lt = R.numeral(L), E = base.concl.rand();
    base = e.strict ? R.scale_lt(Lt, base)
                    : R.P().prove_hyp(R.positive(Lt), R.P().prove_hyp(base, R.I(R.SCALE_LE(), {Lt, E})));
  }
  Term k = R.signed_numeral(mpz_class(e.k * L));
  return rewrite(R, base, identity(R, base.concl.rand(), shape(R, k, node(R, e.from, L), node(R, e.to, L))));
}


// The edge's fact as an instance of its pattern's (the literal with its atoms as
// variables: `s_3 - s_1 >= 5` and `s_7 - s_2 >= 5` share one), derived once per pattern
// and scale and kept; an instance is one INST. Null when the literal has no pattern or
// the instance is not the edge's shape (then edge_direct).
//
// Why: the direct proof normalises the fact and the shape (the ring normaliser, about
// 40 steps and a quarter of a millisecond per edge); a job-shop problem's atoms are a few
// dozen patterns (a duration, a bound) over hundreds of variable pairs.
std::optional<Pf> Cycles::edge_by_pattern(Ring& R, const Edge& e, const mpz_class& L) {
  Abstraction abs;
  Term pattern = abstract_atoms(e.fact.lit, abs);
  std::vector<std::pair<Term, Term>> theta = abs.back();
  if (pattern.is_null() || theta.empty() || !L.fits_ulong_p()) return std::nullopt;
  auto& by_scale = patterns_[pattern];
  auto it = by_scale.find(L.get_ui());
  if (it == by_scale.end()) {
    std::optional<Pf> general = L == 1 ? pattern_by_constant(R, e, pattern, theta) : std::nullopt;
    if (!general)
      if (const Edge& g = edge(R, pattern); g.ok) {
        try {
          general = edge_direct(R, g, L);
        } catch (const Unsupported&) {
        }
      }
    it = by_scale.emplace(L.get_ui(), general).first;
  }
  if (!it->second) return std::nullopt;
  Term want = shape(R, R.signed_numeral(mpz_class(e.k * L)), node(R, e.from, L), node(R, e.to, L));
  Term concl = it->second->concl.subst(theta);
  if (concl.rand() != want) return std::nullopt;
  return R.P().inst_as(*it->second, theta, concl);
}

std::optional<Pf> Cycles::pattern_by_constant(Ring& R, const Edge& e, const Term& pattern,
                                              const std::vector<std::pair<Term, Term>>& theta) {
  if (e.scale != 1 || e.fact.rel == LinFact::Eq || e.fact.discharge != Term()) return std::nullopt;
  mpz_class v;
  Term num = sole_numeral(R, pattern, v);
  if (num.is_null()) return std::nullopt;
  // The edge's constant as v, −v, or over int (a strict literal tightened) v − 1, −v − 1.
  int variant = e.k == v ? 0 : e.k == -v ? 1 : !R.is_int() ? -1 : e.k == v - 1 ? 2 : e.k == -v - 1 ? 3 : -1;
  if (variant < 0) return std::nullopt;
  bool negated = variant % 2 == 1, tight = variant >= 2;
  Term c = Term::var("pattern|k", R.type()), minus_one = R.neg(R.numeral(1));
  auto k_of = [&](const Term& n) { return tight ? R.add(negated ? R.neg(n) : n, minus_one) : negated ? R.neg(n) : n; };
  Term general = replace(pattern, num, c);
  auto pattern_node = [&](uint32_t id) {
    if (id == kZero) return R.zero();
    for (const auto& [var, atom] : theta)
      if (atom == R.atom(id)) return var;
    return Term();
  };
  Term x = pattern_node(e.from), y = pattern_node(e.to);
  if (x.is_null() || y.is_null()) return std::nullopt;
  auto it = constant_patterns_[variant].find(general);
  if (it == constant_patterns_[variant].end()) {
    std::optional<Pf> derived;
    try {
      std::vector<Fact> facts;
      std::vector<LinFact> lin;
      bool complete = true;
      make_facts(R, {general}, facts, lin, complete);
      if (complete && facts.size() == 1 && facts[0].rel != LinFact::Eq && facts[0].discharge == Term()) {
        Pf base = fact_proof(R, R.P(), facts[0]);
        derived = rewrite(R, base, identity(R, base.concl.rand(), shape(R, k_of(c), x, y)));
      }
    } catch (const Unsupported&) {  // not of the shape
    }
    it = constant_patterns_[variant].emplace(general, derived).first;
  }
  if (!it->second) return std::nullopt;
  // The atom pattern's fact: the constant instantiated (and over int, a tightened one
  // summed), one INST and a kept numeral fact per pattern instead of the normaliser.
  Term k = negated ? R.neg(num) : num;
  Pf pf = R.P().inst(*it->second, {{c, num}});
  if (tight) pf = rewrite(R, pf, R.add_l(R.s_add(k, minus_one), pf.concl.rand().rand()));
  if (pf.concl.rand() != shape(R, R.signed_numeral(mpz_class(e.k)), x, y)) return std::nullopt;
  return pf;
}

const Pf& Cycles::edge_pf(Ring& R, Edge& e, const mpz_class& L) {
  auto it = e.pf.find(L);
  if (it != e.pf.end()) return it->second;
  Pf pf = R.on_lemmas([&] {
    if (std::optional<Pf> p = edge_by_pattern(R, e, L)) return *p;
    return edge_direct(R, e, L);
  });
  return e.pf.emplace(L, pf).first->second;
}

// ⊢ (a + (x + neg y)) + (b + (y + neg z)) = (a + b) + (x + neg z), by the additive group's
// lemmas (ADD_PAIR, then x + (neg y + (y + neg z)) = x + neg z): 14 steps, where the
// normaliser's `identity` took about 150 (a third of a one-cycle trace's check).
Pf Cycles::chain_sum(Ring& R) {
  return R.lemma("DL_CHAIN_SUM", [&] {
    Prover& L = R.P();
    Type ty = R.type();
    Term a = Term::var("a", ty), b = Term::var("b", ty);
    Term x = R.x(), y = R.y(), z = R.z(), ny = R.neg(y), nz = R.neg(z);
    Pf cancel = R.chain({R.I(R.ADD_ASSOC(), {ny, y, nz}), R.add_l(R.I(R.ADD_LINV(), {y}), nz), R.I(R.ADD_LID(), {nz})});
    Pf inner = L.trans(R.I(R.ADD_ASSOC_R(), {x, ny, R.add(y, nz)}), R.add_r(x, cancel));
    return L.trans(R.I(R.ADD_PAIR(), {a, R.add(x, ny), b, R.add(y, nz)}), R.add_r(R.add(a, b), inner));
  });
}

// {0 R1 a + (x + neg y), 0 R2 b + (y + neg z), a + b = c} ⊢ 0 R c + (x + neg z).
Pf Cycles::chain_lemma(Ring& R, bool sa, bool sb) {
  static const char* const keys[4] = {"DL_CHAIN_LE_LE", "DL_CHAIN_LE_LT", "DL_CHAIN_LT_LE", "DL_CHAIN_LT_LT"};
  return R.lemma(keys[sa * 2 + sb], [&] {
    Prover& L = R.P();
    Type ty = R.type();
    Term a = Term::var("a", ty), b = Term::var("b", ty), c = Term::var("c", ty);
    Term ea = shape(R, a, R.x(), R.y()), eb = shape(R, b, R.y(), R.z());
    Pf pa = L.assume(rel_term(R, sa, ea)), pb = L.assume(rel_term(R, sb, eb)), sum;
    Pf eq = chain_sum(R);  // ea + eb = (a + b) + (x + neg z)
    if (!sa && !sb) sum = L.prove_hyp(pb, L.prove_hyp(pa, R.I(R.LE_ADD(), {ea, eb})));
    else if (sa && !sb) sum = L.prove_hyp(pb, L.prove_hyp(pa, R.I(R.LT_ADD(), {ea, eb})));
    else if (!sa && sb) sum = L.prove_hyp(pa, L.prove_hyp(pb, R.I(R.LT_ADD(), {eb, ea}))), eq = L.trans(R.I(R.ADD_COMM(), {eb, ea}), eq);
    else sum = L.prove_hyp(L.prove_hyp(pb, R.I(R.LT_LE(), {eb})), L.prove_hyp(pa, R.I(R.LT_ADD(), {ea, eb})));
    Term rest = R.add(R.x(), R.neg(R.z()));
    Pf s = rewrite(R, sum, eq);
    return rewrite(R, s, R.add_l(L.assume(Term::eq(R.add(a, b), c)), rest));
  });
}

// {0 R a + (x + neg x)} ⊢ 0 R a (x + neg x = 0 by ADD_RINV, a + 0 = a by ADD_RID).
Pf Cycles::end_lemma(Ring& R, bool strict) {
  return R.lemma(strict ? "DL_END_LT" : "DL_END_LE", [&] {
    Term a = Term::var("a", R.type());
    Pf pa = R.P().assume(rel_term(R, strict, shape(R, a, R.x(), R.x())));
    return rewrite(R, pa, R.P().trans(R.add_r(a, R.I(R.ADD_RINV(), {R.x()})), R.I(R.ADD_RID(), {a})));
  });
}

// {0 R1 a + (x + neg y), 0 R2 b + (y + neg x), a + b = neg n, 0 < n} ⊢ F: the last two
// paths of a cycle whose constants sum to −n < 0, closed in one instance (the chain
// lemma with z := x, the end lemma and NEG_NONNEG, derived once).
Pf Cycles::close_lemma(Ring& R, bool sa, bool sb) {
  static const char* const keys[4] = {"DL_CLOSE_LE_LE", "DL_CLOSE_LE_LT", "DL_CLOSE_LT_LE", "DL_CLOSE_LT_LT"};
  return R.lemma(keys[sa * 2 + sb], [&] {
    Prover& L = R.P();
    Type ty = R.type();
    Term a = Term::var("a", ty), b = Term::var("b", ty), c = Term::var("c", ty), n = Term::var("n", ty);
    Term negn = R.neg(n);
    Pf sum = L.inst(chain_lemma(R, sa, sb), {{c, negn}, {R.z(), R.x()}});  // 0 R neg n + (x + neg x)
    Pf end = L.prove_hyp(sum, L.inst(end_lemma(R, sa || sb), {{a, negn}}));  // 0 R neg n
    if (sa || sb) end = L.prove_hyp(end, R.I(R.LT_LE(), {negn}));
    return L.prove_hyp(L.assume(R.lt(R.zero(), n)), L.prove_hyp(end, R.I(R.NEG_NONNEG(), {n})));
  });
}

// The edges' weight (k, −1 if strict): a cycle is negative when its weights sum below
// (0, 0) in lexicographic order, i.e. k sums below 0, or to 0 with a strict edge.
namespace {
struct Weight {
  mpq_class k;
  long strict = 0;
  bool operator<(const Weight& o) const { return k < o.k || (k == o.k && strict < o.strict); }
  Weight operator+(const Weight& o) const { return {k + o.k, strict + o.strict}; }
};
}  // namespace

std::optional<std::vector<size_t>> Cycles::cycle_of(const std::vector<Edge*>& es) {
  // All the edges in one cycle from the first, each node left once: follow it.
  std::unordered_map<uint32_t, size_t> leaving;
  bool simple = true;
  for (size_t i = 0; i < es.size(); ++i) simple = simple && leaving.emplace(es[i]->from, i).second;
  if (simple) {
    std::vector<size_t> order{0};
    Weight w{es[0]->k, es[0]->strict ? -1 : 0};
    for (uint32_t node = es[0]->to; node != es[0]->from;) {
      auto it = leaving.find(node);
      if (it == leaving.end() || order.size() == es.size()) break;
      order.push_back(it->second);
      w = w + Weight{es[it->second]->k, es[it->second]->strict ? -1 : 0};
      node = es[it->second]->to;
    }
    if (es[order.back()]->to == es[0]->from && w < Weight{}) return order;
  }
  // Otherwise a negative cycle among them (Bellman-Ford from a virtual source at distance
  // 0 to every node, |nodes| rounds; an edge that still relaxes leads back into a cycle).
  // Quadratic: only for lemmas of at most kMaxSearched literals (the general Farkas path,
  // with its pivot budget, takes larger ones).
  if (es.size() > kMaxSearched) return std::nullopt;
  std::unordered_map<uint32_t, size_t> index;
  for (const Edge* e : es) index.emplace(e->from, index.size()), index.emplace(e->to, index.size());
  size_t n = index.size();
  std::vector<Weight> dist(n);
  std::vector<size_t> pred(n, SIZE_MAX);
  size_t last = SIZE_MAX;
  for (size_t round = 0; round <= n; ++round) {
    last = SIZE_MAX;
    for (size_t i = 0; i < es.size(); ++i) {
      size_t u = index[es[i]->from], v = index[es[i]->to];
      Weight d = dist[u] + Weight{es[i]->k, es[i]->strict ? -1 : 0};
      if (d < dist[v]) dist[v] = d, pred[v] = i, last = v;
    }
    if (last == SIZE_MAX) return std::nullopt;  // no negative cycle
  }
  size_t v = last;
  for (size_t j = 0; j < n; ++j) {  // now on the cycle
    if (pred[v] == SIZE_MAX) return std::nullopt;
    v = index[es[pred[v]]->from];
  }
  std::vector<size_t> rev;
  size_t u = v;
  do {
    if (pred[u] == SIZE_MAX) return std::nullopt;
    rev.push_back(pred[u]);
    u = index[es[pred[u]]->from];
  } while (u != v && rev.size() <= es.size());
  if (u != v) return std::nullopt;
  return std::vector<size_t>(rev.rbegin(), rev.rend());
}

Cycles::Path Cycles::sum(Ring& R, const Path& p, const Path& q) {
  auto key = std::make_pair(p.pf.id, q.pf.id);
  auto it = sums_.find(key);
  if (it != sums_.end()) return it->second;
  Path s;
  auto derive = [&] {
    Prover& L = R.P();
    Type ty = R.type();
    Term va = Term::var("a", ty), vb = Term::var("b", ty), vc = Term::var("c", ty);
    Pf add = R.s_add(p.k, q.k);
    s.k = add.concl.rhs();
    // The instance's conclusion 0 R s.k + (p.from + neg q.to), built: no substitution.
    Pf step = L.inst_as(chain_lemma(R, p.strict, q.strict),
                        {{va, p.k}, {vb, q.k}, {vc, s.k}, {R.x(), p.from}, {R.y(), p.to}, {R.z(), q.to}},
                        rel_term(R, p.strict || q.strict, shape(R, s.k, p.from, q.to)));
    return L.prove_hyp(add, L.prove_hyp(q.pf, L.prove_hyp(p.pf, step)));
  };
  // Beyond kMaxSums kept sums (their theorems stay live) a sum is a scratch step of this
  // cycle only: the check's memory stays bounded on a trace of millions of cycles.
  bool keep = sums_.size() < kMaxSums;
  s.pf = keep ? R.on_lemmas(derive) : derive();
  s.from = p.from, s.to = q.to, s.strict = p.strict || q.strict;
  if (keep) sums_.emplace(key, s);
  return s;
}

std::optional<Pf> Cycles::refute(Ring& R, Prover& P, const std::vector<Term>& lits, const std::vector<Pf>* trades,
                                 std::vector<bool>* traded, bool all) {
  if (lits.empty() || (trades && trades->size() != lits.size())) return std::nullopt;
  std::vector<Edge*> es;
  for (const Term& l : lits) {
    Edge& e = const_cast<Edge&>(edge(R, l));
    if (!e.ok) return std::nullopt;
    es.push_back(&e);
  }
  std::optional<std::vector<size_t>> found = cycle_of(es);
  if (!found || (all && found->size() != es.size())) return std::nullopt;
  const std::vector<size_t>& order = *found;
  mpq_class K = 0;
  mpz_class L = 1;
  bool strict = false;
  for (size_t i : order) K += es[i]->k, L = lcm(L, es[i]->scale), strict = strict || es[i]->strict;
  if (!(K < 0 || (K == 0 && strict))) return std::nullopt;
  // One scale for every cycle while it stays small (kMaxCommonScale), so that edges and
  // path sums are kept once, not once per scale: the first cycle with halves doubles every
  // later one (job-shop durations in halves: all cycles then summed at scale 2).
  if (mpz_class common = lcm(common_scale_, L); common <= kMaxCommonScale) common_scale_ = L = common;

  R.use(P);
  R.share_numeral_parts();
  Type ty = R.type();
  Term va = Term::var("a", ty);
  std::vector<Path> paths;
  if (traded) traded->assign(lits.size(), false);
  for (size_t i : order) {
    Edge& e = *es[i];
    Pf pf = edge_pf(R, e, L);
    if (trades && e.fact.discharge == Term()) {  // {trade's hypotheses} ⊢ the edge, kept
      const Pf& t = (*trades)[i];
      auto key = std::make_pair(L, t.id);
      auto it = e.traded.find(key);
      pf = it != e.traded.end() ? it->second
                                : e.traded.emplace(key, R.on_lemmas([&] { return R.P().prove_hyp(t, pf); })).first->second;
      if (traded) (*traded)[i] = true;
    }
    paths.push_back({pf, R.signed_numeral(mpz_class(e.k * L)), node(R, e.from, L), node(R, e.to, L), e.strict});
  }
  // Paths summed pairwise, level by level (sum(): each pair once per certificate): a
  // path's theorem carries its edges' literals as hypotheses, and each PROVE_HYP merges
  // them, so a running sum along the cycle would cost the cycle's length squared; pairs
  // cost each literal once per level. The cycle starts at its leaf of least id, and a pair
  // not summed yet is skipped when the next one was (it is then taken instead), so that
  // cycles through the same sub-paths pair them alike.
  std::rotate(paths.begin(),
              std::min_element(paths.begin(), paths.end(), [](const Path& a, const Path& b) { return a.pf.id < b.pf.id; }),
              paths.end());
  auto summed = [&](size_t j) { return sums_.count({paths[j].pf.id, paths[j + 1].pf.id}) > 0; };
  // The last two paths are closed together (close_lemma) when the sum is below 0.
  size_t last = K < 0 ? 2 : 1;
  while (paths.size() > last) {
    std::vector<Path> next;
    for (size_t j = 0; j < paths.size();) {
      if (j + 1 == paths.size() || (!summed(j) && j + 2 < paths.size() && summed(j + 1))) {
        next.push_back(paths[j++]);
        continue;
      }
      next.push_back(sum(R, paths[j], paths[j + 1]));
      j += 2;
    }
    paths = std::move(next);
  }
  Pf f;
  if (paths.size() == 2) {
    const Path &p = paths[0], &q = paths[1];
    Term n = R.numeral(mpz_class(-K * L));
    Pf add = R.s_add(p.k, q.k);
    if (add.concl.rhs() != R.neg(n) || p.from != q.to) throw Unsupported("difference-logic sum is not the numeral expected");
    Term vb = Term::var("b", ty), vn = Term::var("n", ty);
    Pf close = P.inst_as(close_lemma(R, p.strict, q.strict), {{va, p.k}, {vb, q.k}, {vn, n}, {R.x(), p.from}, {R.y(), p.to}},
                         Prover::falsity());
    f = P.prove_hyp(q.pf, P.prove_hyp(p.pf, P.prove_hyp(add, P.prove_hyp(R.positive(n), close))));
  } else {
    f = close_single(R, P, paths[0], K, L);
  }
  return discharge(R, P, f, lits, es, order);
}

// {the path's hypotheses} ⊢ F for one path around the whole cycle: its constant L·K
// below 0, or 0 with a strict edge.
Pf Cycles::close_single(Ring& R, Prover& P, const Path& sum, const mpq_class& K, const mpz_class& L) {
  Term va = Term::var("a", R.type());
  Pf fk = P.prove_hyp(sum.pf, P.inst(end_lemma(R, sum.strict), {{va, sum.k}, {R.x(), sum.from}}));  // 0 REL L·K
  Pf f;
  if (K == 0) {
    f = P.not_elim(P.prove_hyp(fk, R.I(R.LT_NE(), {R.zero()})), P.refl(R.zero()));
  } else {
    Term n = R.numeral(mpz_class(-K * L));
    if (sum.k != R.neg(n)) throw Unsupported("difference-logic sum is not the numeral expected");
    if (sum.strict) fk = P.prove_hyp(fk, R.I(R.LT_LE(), {sum.k}));
    f = P.prove_hyp(R.positive(n), P.prove_hyp(fk, R.I(R.NEG_NONNEG(), {n})));
  }
  return f;
}

Pf Cycles::discharge(Ring& R, Prover& P, Pf f, const std::vector<Term>& lits, const std::vector<Edge*>& es,
                     const std::vector<size_t>& order) {
  // Each discharge hypothesis t <= s traded for its literal ~(s < t) (NLT).
  std::unordered_set<Term, TermHash> done;
  for (size_t i : order) {
    const Term& d = es[i]->fact.discharge;
    if (d == Term() || !done.insert(d).second) continue;
    const Term& lit = lits[i];
    Term s = lit.rand().rator().rand(), t = lit.rand().rand();
    f = P.prove_hyp(P.not_intro(d, f), R.I(R.NLT(), {s, t}));
  }
  return f;
}

}  // namespace hcert::provers::detail
