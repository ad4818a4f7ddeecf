// Z3's rewrites that only regroup a disjunction, `(or (or a b) c) = (or a b c)` (its
// flattening of nested `or`, a third of the rewrite steps of a QF_UF problem), proved
// directly: each side's leaves (its maximal subterms that are no disjunction) are
// introduced into the other side by DISJ1/DISJ2 down their path, the side's tree is taken
// apart by DISJ_CASES, and DEDUCT_ANTISYM joins the two directions. The normal forms
// took ~230 steps for such a rewrite of five literals, this takes ~40.
#include <algorithm>
#include <tuple>
#include <unordered_set>
#include <unordered_map>

#include "translators/provers/arith_facts.hpp"
#include "translators/z3/translator.hpp"

namespace hcert::z3 {

namespace {

// The leaves of a disjunction tree with the path to each (false: left), the first path to a
// leaf that occurs twice; iterative, at most `limit` nodes (else false).
bool leaf_paths(const Term& t, std::unordered_map<Term, std::vector<bool>, TermHash>& paths, size_t limit) {
  std::vector<std::pair<Term, std::vector<bool>>> stack{{t, {}}};
  size_t seen = 0;
  while (!stack.empty()) {
    auto [u, path] = std::move(stack.back());
    stack.pop_back();
    if (++seen > limit) return false;
    Term a, b;
    if (is_op(u, "\\/", &a, &b)) {
      std::vector<bool> right = path;
      right.push_back(true);
      path.push_back(false);
      stack.push_back({b, std::move(right)});
      stack.push_back({a, std::move(path)});
    } else {
      paths.emplace(u, std::move(path));
    }
  }
  return true;
}

}  // namespace

uint64_t Translator::regrouped_disjunction(const Term& l, const Term& r) {
  constexpr size_t kLimit = 128;  // nodes of a side; the steps grow as leaves × depth
  std::unordered_map<Term, std::vector<bool>, TermHash> in_l, in_r;
  if (l == r || !is_op(l, "\\/") || !is_op(r, "\\/") || !leaf_paths(l, in_l, kLimit) || !leaf_paths(r, in_r, kLimit))
    return 0;
  if (in_l.size() != in_r.size()) return 0;
  for (const auto& [x, p] : in_l)
    if (!in_r.count(x)) return 0;
  // {t} ⊢ to, for t a subtree of `from` (a leaf: DISJ1/DISJ2 up its path in `to`; else
  // DISJ_CASES of its two sides), bottom-up over an explicit stack.
  auto into = [&](const Term& from, const Term& to, const std::unordered_map<Term, std::vector<bool>, TermHash>& to_paths) {
    std::unordered_map<Term, uint64_t, TermHash> done;
    std::vector<std::pair<Term, bool>> stack{{from, false}};
    while (!stack.empty()) {
      auto [u, expanded] = stack.back();
      stack.pop_back();
      if (done.count(u)) continue;
      Term a, b;
      if (!is_op(u, "\\/", &a, &b)) {
        const std::vector<bool>& path = to_paths.at(u);
        std::vector<Term> along{to};  // the subtrees of `to` down the path
        for (bool right : path) {
          Term x, y;
          is_op(along.back(), "\\/", &x, &y);
          along.push_back(right ? y : x);
        }
        uint64_t cur = assume(u);
        for (size_t k = path.size(); k-- > 0;) {
          Term x, y;
          is_op(along[k], "\\/", &x, &y);
          cur = path[k] ? step("disj2", {term(x), cur}) : step("disj1", {cur, term(y)});
        }
        done.emplace(u, cur);
      } else if (expanded) {
        done.emplace(u, step("disj_cases", {assume(u), done.at(a), done.at(b)}));
      } else {
        stack.push_back({u, true});
        stack.push_back({b, false});
        stack.push_back({a, false});
      }
    }
    return done.at(from);
  };
  uint64_t l_to_r = into(l, r, in_r), r_to_l = into(r, l, in_l);
  return positive(step("deduct_antisym", {r_to_l, l_to_r}));  // ⊢ l = r
}

}  // namespace hcert::z3

// ---- nests regrouped below an unchanged context, their leaves rewritten in turn

namespace hcert::z3 {

namespace {

// Why a second regrouper: Z3 rewrites a 90-conjunct assertion `p ==> /\ …` several times in
// a row, one step flattening a disjunction nested three levels down (`~(a \/ (b \/ c))` to
// `~((a \/ b) \/ c)`, and back), its leaves' own inner nests regrouped likewise. The normal
// forms re-normalise the whole formula for each step (50,000–70,000 theorems in
// mode_cntrl.induction); here the step costs a few theorems per node that changed: the two
// sides are walked together, congruence (MK_COMB) where their shapes agree, and a nest of
// `\/` or `/\` whose shapes differ but whose leaves pair up in order is regrouped.

// Whether two nests of op have the same tree shape; their inner node pairs (to `inner`)
// and leaf pairs (to `leaves`) then line up.
// Their nest depth at most max_depth (congruence recurses down it).
bool same_shape(const Term& x, const Term& y, const char* op, std::vector<std::pair<Term, Term>>& inner,
                std::vector<std::pair<Term, Term>>& leaves, int max_depth) {
  std::vector<std::tuple<Term, Term, int>> stack{{x, y, 0}};
  while (!stack.empty()) {
    auto [u, v, d] = stack.back();
    stack.pop_back();
    if (d > max_depth) return false;
    Term a, b, c, dd;
    bool nu = is_op(u, op, &a, &b), nv = is_op(v, op, &c, &dd);
    if (nu != nv) return false;
    if (!nu) {
      leaves.push_back({u, v});
      continue;
    }
    inner.push_back({u, v});
    stack.push_back({b, dd, d + 1}), stack.push_back({a, c, d + 1});
  }
  return true;
}

// What a disjunct d stands for as a conjunct: e for d = ~e, else ~d.
Term complement(const Term& d) { return is_neg(d) ? d.rand() : neg(d); }

}  // namespace

// A key of t that regrouping and reordering nests leaves unchanged: a nest's key is its op's
// and its leaves' sorted keys', any other term's its function's and argument's. Leaves of
// two nests are paired by equal keys (a collision only pairs two leaves that the plan then
// fails to prove equal). Memoised; past kDepth levels a term is its own key.
uint64_t Translator::Regrouper::key(const Term& t, int depth) {
  if (auto it = keys.find(t); it != keys.end()) return it->second;
  uint64_t k = TermHash()(t);
  if (uint64_t a = arith_key(t)) {
    keys.emplace(t, a);
    return a;
  }
  const char* op = is_op(t, "\\/") ? "\\/" : is_op(t, "/\\") ? "/\\" : nullptr;
  // De Morgan: ~~e as e, ~(d_1 \/ …) as the conjunction of the d_i's complements.
  bool negated_nest = is_neg(t) && is_op(t.rand(), "\\/");
  if (depth < kDepth && is_neg(t) && is_neg(t.rand())) {
    k = key(t.rand().rand(), depth + 1);
  } else if (depth < kDepth && (op || negated_nest)) {
    std::vector<Term> leaves;
    if (negated_nest) op = "/\\";
    if (flatten_within(negated_nest ? t.rand() : t, negated_nest ? "\\/" : op, leaves, kVisits)) {
      std::vector<uint64_t> ks;
      for (const Term& leaf : leaves) {
        Term u = negated_nest ? complement(leaf) : leaf;
        // An equation (under \/ its negation) counts as its two bounds (Z3 splits it).
        if (!(op[0] == '\\' ? is_neg(u) && bounds_keys(u.rand(), true, ks) : bounds_keys(u, false, ks)))
          ks.push_back(key(u, depth + 1));
      }
      k = combined(op, std::move(ks));
    }
  } else if (depth < kDepth && t.kind() == TermKind::Comb) {
    k = (key(t.rator(), depth + 1) * 0x100000001b3ull) ^ (key(t.rand(), depth + 1) + 0x7f4a7c15ull);
  }
  keys.emplace(t, k);
  return k;
}

// A nest's key from its leaves' keys, in any order.
uint64_t Translator::Regrouper::combined(const char* op, std::vector<uint64_t> ks) {
  std::sort(ks.begin(), ks.end());
  uint64_t k = op[0] == '\\' ? 0x9e3779b97f4a7c15ull : 0xc2b2ae3d27d4eb4full;
  for (uint64_t x : ks) k = (k ^ x) * 0x100000001b3ull;
  return k;
}

// An arithmetic atom's key by its constraint (Theories::key: Z3's `x - y <= 0` and
// `~(0 < y - x)` one key), an equation's that of its two bounds' conjunction (Z3 splits
// them); 0 for other terms.
uint64_t Translator::Regrouper::arith_key(const Term& t) {
  if (!theories || !theories->key) return 0;
  bool negated = is_neg(t);
  const Term& atom = negated ? t.rand() : t;
  Term rel, s, u;
  if (!provers::detail::atom_parts(atom, rel, s, u)) return 0;
  if (rel.name() != "=") return constraint_key(atom, negated);
  std::vector<uint64_t> ks;
  return bounds_keys(atom, negated, ks) ? combined(negated ? "\\/" : "/\\", ks) : 0;
}

// Theories::key of an arithmetic atom as a number, its sign flipped if asked; 0 if none.
uint64_t Translator::Regrouper::constraint_key(const Term& atom, bool flip) {
  auto k = theories->key(atom);
  return k ? std::hash<std::string>()(k->first) * 2 + (k->second != flip) : 0;
}

// The keys of an arithmetic equation's two bounds (negated: of their negations) added to
// ks; false (nothing added) for any other term.
bool Translator::Regrouper::bounds_keys(const Term& eq, bool negated, std::vector<uint64_t>& ks) {
  using provers::detail::int_type, provers::detail::real_type;
  Term s, u;
  if (!theories || !theories->key || !is_op(eq, "=", &s, &u) || (s.type() != int_type() && s.type() != real_type())) return false;
  Term le = Term::constant(vocab(), s.type() == int_type() ? "int.<=" : "real.<=", Type::fun(s.type(), Type::fun(s.type(), Type::boolean())));
  uint64_t a = constraint_key(Term::comb(Term::comb(le, s), u), negated), b = constraint_key(Term::comb(Term::comb(le, u), s), negated);
  if (!a || !b) return false;
  ks.push_back(a), ks.push_back(b);
  return true;
}

// Each leaf of `from` with a leaf of `to` of the same key (itself if it is one), or false.
bool Translator::Regrouper::pair_leaves(const std::vector<Term>& from, const std::vector<Term>& to, int depth,
                                        std::vector<std::pair<Term, Term>>& out) {
  std::unordered_map<uint64_t, Term> by_key;
  std::unordered_set<Term, TermHash> present(to.begin(), to.end());
  for (const Term& v : to) by_key.emplace(key(v, depth), v);
  for (const Term& u : from) {
    if (present.count(u)) {
      out.push_back({u, u});
      continue;
    }
    auto it = by_key.find(key(u, depth));
    if (it == by_key.end()) return false;
    out.push_back({u, it->second});
  }
  return true;
}

// The plan: whether ⊢ x = y follows by congruence and regrouping (with at most kOracles
// small leaf pairs left to the normal forms), each pair's way recorded; nothing is
// emitted, so that a failing attempt costs no theorem.
bool Translator::Regrouper::plan(const Term& x, const Term& y, int depth) {
  if (x == y) return true;
  if (auto it = how.find({x, y}); it != how.end()) return it->second != How::Fails;
  if (depth > kDepth || ++visits > kVisits) return false;
  how[{x, y}] = How::Fails;  // while planned
  How h = How::Fails;
  const char* op = is_op(x, "\\/") && is_op(y, "\\/") ? "\\/" : is_op(x, "/\\") && is_op(y, "/\\") ? "/\\" : nullptr;
  if (op) {
    if (plan_nest(x, y, op, depth)) h = how.at({x, y});
  } else if (x.kind() == TermKind::Comb && y.kind() == TermKind::Comb && x.rand().type() == y.rand().type() &&
             plan(x.rator(), y.rator(), depth + 1) && plan(x.rand(), y.rand(), depth + 1)) {
    h = How::Congruent;
  } else if (plan_demorgan(x, y, depth)) {
    h = How::DeMorgan;
  }
  how[{x, y}] = h;
  return h != How::Fails;
}

// A leaf pair of nests paired in order that the plan does not prove: left to the normal
// forms if both are small formulas (and the rewrite has had fewer than kOracles).
bool Translator::Regrouper::oracle(const Term& x, const Term& y) {
  if (x.type() != Type::boolean() || oracles >= max_oracles || larger_than(x, kOracleNodes) || larger_than(y, kOracleNodes)) return false;
  oracles++;
  how[{x, y}] = How::Oracle;
  return true;
}

// Two nests of op: the same shape with each leaf pair planned (congruence); else their
// leaves paired by key, or (as many on each side) in order, and regrouped. Only the last,
// in order, leaves pairs to the normal forms (`oracle`): a pair the structure fails on in
// the first two is most likely a wrong pairing, not a rewritten atom.
bool Translator::Regrouper::plan_nest(const Term& x, const Term& y, const char* op, int depth) {
  std::vector<std::pair<Term, Term>> inner, leaves;
  auto all_planned = [&](const std::vector<std::pair<Term, Term>>& ps, bool flip) {
    return std::all_of(ps.begin(), ps.end(), [&](const auto& p) { return flip ? plan(p.second, p.first, depth + 1) : plan(p.first, p.second, depth + 1); });
  };
  if (same_shape(x, y, op, inner, leaves, (kDepth - depth) / 2) && all_planned(leaves, false)) {
    for (const auto& p : inner) how[p] = How::Congruent;
    return true;
  }
  std::vector<Term> lx, ly;
  if (!flatten_within(x, op, lx, kVisits) || !flatten_within(y, op, ly, kVisits)) return false;
  How kind = op[0] == '\\' ? How::Disjunction : How::Conjunction;
  Pairing pr;
  if (pair_leaves(lx, ly, depth, pr.x_to_y) && pair_leaves(ly, lx, depth, pr.y_to_x) && all_planned(pr.x_to_y, false) &&
      all_planned(pr.y_to_x, true)) {
    how[{x, y}] = kind;
    pairings.emplace(std::make_pair(x, y), std::move(pr));
    return true;
  }
  if (lx.size() != ly.size() || in_demorgan > 0) return false;
  Pairing in_order;
  for (size_t i = 0; i < lx.size(); i++) in_order.x_to_y.push_back({lx[i], ly[i]}), in_order.y_to_x.push_back({ly[i], lx[i]});
  for (const auto& [u, v] : in_order.x_to_y)
    if (!plan(u, v, depth + 1) && !oracle(u, v)) return false;
  how[{x, y}] = kind;
  pairings.emplace(std::make_pair(x, y), std::move(in_order));
  return true;
}

// ⊢ x = y as planned (0 when x is y).
uint64_t Translator::regroup_emit(Regrouper& g, const Term& x, const Term& y) {
  if (x == y) return 0;
  if (auto it = g.done.find({x, y}); it != g.done.end()) return it->second;
  auto h = g.how.find({x, y});
  uint64_t th;
  if (h != g.how.end() && h->second == Regrouper::How::Oracle) {
    // {u = v} ⊢ u = v, the hypothesis traded for N(u = v) at the end.
    Term e = Term::eq(x, y);
    uint64_t n = g.failed ? 0 : tools_.normal.equal(x, y);
    if (!n) g.failed = true;
    g.hyps.push_back({e, n});
    th = assume(e);
  } else if (h != g.how.end() && h->second == Regrouper::How::DeMorgan) {
    th = demorgan_emit(g, x, y);
  } else if (h != g.how.end() && (h->second == Regrouper::How::Disjunction || h->second == Regrouper::How::Conjunction)) {
    const Regrouper::Pairing& pr = g.pairings.at({x, y});
    std::vector<uint64_t> fwd, bwd;  // ⊢ u = v for each pair of x_to_y, y_to_x (0: one term)
    for (const auto& [u, v] : pr.x_to_y) fwd.push_back(regroup_emit(g, u, v));
    for (const auto& [v, u] : pr.y_to_x) bwd.push_back(regroup_emit(g, u, v));
    const char* op = h->second == Regrouper::How::Disjunction ? "\\/" : "/\\";
    th = step("deduct_antisym", {regroup_into(op, y, x, pr.y_to_x, bwd, true), regroup_into(op, x, y, pr.x_to_y, fwd, false)});
  } else {
    // Congruent: f a = g b from f = g and a = b (planned within kDepth levels).
    uint64_t f = regroup_emit(g, x.rator(), y.rator()), a = regroup_emit(g, x.rand(), y.rand());
    th = !f ? step("ap_term", {term(x.rator()), a}) : !a ? step("ap_thm", {f, term(x.rand())}) : step("mk_comb", {f, a});
  }
  g.done.emplace(std::make_pair(x, y), th);
  return th;
}

// {from} ⊢ to for two nests of op, each leaf u of `from` paired with a leaf v of `to`
// (pairs[i]), eqs[i] ⊢ u = v (or, flipped, ⊢ v = u; 0: one term).
uint64_t Translator::regroup_into(const char* op, const Term& from, const Term& to,
                                  const std::vector<std::pair<Term, Term>>& pairs, const std::vector<uint64_t>& eqs,
                                  bool flip) {
  auto leaf_to = [&](size_t i, uint64_t th_u) {  // Γ ⊢ u to Γ ⊢ v
    if (!eqs[i]) return th_u;
    return step("eq_mp", {flip ? step("sym", {eqs[i]}) : eqs[i], th_u});
  };
  std::unordered_map<Term, uint64_t, TermHash> have;  // per subterm t: {t} ⊢ to (\/) or {from} ⊢ t (/\)
  std::unordered_map<Term, uint64_t, TermHash> made;  // per subterm: {u} ⊢ to for from's (\/), {from} ⊢ v for to's (/\)
  Term a, b;
  bool disj = op[0] == '\\';
  // \/: {t} ⊢ to for every node t of to's nest, top down (DISJ1/DISJ2 then PROVE_HYP: two
  // steps a node). /\: {from} ⊢ t for every node t of from's nest (CONJUNCT1/2 down).
  std::vector<std::pair<Term, uint64_t>> todo{{disj ? to : from, assume(disj ? to : from)}};
  while (!todo.empty()) {
    auto [t, th] = todo.back();
    todo.pop_back();
    if (!have.emplace(t, th).second || !is_op(t, op, &a, &b)) continue;
    if (disj) {
      todo.push_back({b, step("prove_hyp", {step("disj2", {term(a), assume(b)}), th})});
      todo.push_back({a, step("prove_hyp", {step("disj1", {assume(a), term(b)}), th})});
    } else {
      todo.push_back({b, step("conjunct2", {th})}), todo.push_back({a, step("conjunct1", {th})});
    }
  }
  // The leaves: \/ each leaf u of from into its partner's {v} ⊢ to; /\ each leaf v of to
  // from its partner's {from} ⊢ u.
  for (size_t i = 0; i < pairs.size(); i++) {
    const auto& [u, v] = pairs[i];
    if (disj && !made.count(u)) made.emplace(u, step("prove_hyp", {leaf_to(i, assume(u)), have.at(v)}));
    if (!disj && !made.count(v)) made.emplace(v, leaf_to(i, have.at(u)));
  }
  // Up the other tree: DISJ_CASES over from's (\/), CONJ over to's (/\).
  const Term& root = disj ? from : to;
  std::vector<std::pair<Term, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [t, expanded] = stack.back();
    stack.pop_back();
    if (made.count(t) || !is_op(t, op, &a, &b)) continue;
    if (!expanded) {
      stack.push_back({t, true}), stack.push_back({b, false}), stack.push_back({a, false});
    } else if (disj) {
      made.emplace(t, step("disj_cases", {assume(t), made.at(a), made.at(b)}));
    } else {
      made.emplace(t, step("conj", {made.at(a), made.at(b)}));
    }
  }
  return made.at(root);
}

uint64_t Translator::regrouped_in_context(const Term& l, const Term& r) {
  if (l == r) return 0;
  // By the structure alone first; only if that fails, with leaf pairs left to the normal
  // forms (an oracle pair that they do not prove wastes its attempt's theorems, and a plan
  // with oracles may pair leaves wrongly where the structure alone pairs them right).
  Regrouper g;
  g.max_oracles = 0;
  g.theories = &tools_.theories;
  if (!g.plan(l, r, 0)) {
    g = Regrouper();
    g.theories = &tools_.theories;
    if (!g.plan(l, r, 0) || g.oracles + g.group_oracles == 0) return 0;
  }
  uint64_t pos = regroup_emit(g, l, r);
  if (g.failed) return 0;
  if (g.hyps.empty()) return positive(pos);
  // N(l = r): {hyps} ⊢ l = r against ~(l = r), each hypothesis u = v traded for N(u = v).
  uint64_t f = step("not_elim", {assume(neg(Term::eq(l, r))), pos});
  for (const auto& [e, n] : g.hyps) f = step("prove_hyp", {step("not_intro", {term(e), f}), n});
  return f;
}

}  // namespace hcert::z3

// ---- De Morgan: a conjunction against a negated disjunction

namespace hcert::z3 {

namespace {

Term conj_term(const Term& a, const Term& b) {
  static const Term c = Term::constant(vocab(), "/\\", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
  return Term::comb(Term::comb(c, a), b);
}

// A group's K: the conjunction of its disjuncts' negations, right-nested.
Term negations(const std::vector<Term>& ds) {
  Term k = neg(ds.back());
  for (size_t i = ds.size() - 1; i-- > 0;) k = conj_term(neg(ds[i]), k);
  return k;
}

}  // namespace

// Why: Z3 rewrites `p ==> /\ c_i` (58 conjuncts) to `~p \/ ~(\/ d_j)` (64 disjuncts), each
// d_j the negation of a conjunct (`c` against `~c`), an arithmetic atom rewritten, or one of
// an equation's two bounds. The normal forms took the whole formula (119 k theorems in
// mode_cntrl.induction); here each conjunct is paired with the disjuncts it stands for: the
// complement literally or by key (regrouping-invariant), else the disjuncts left over go
// to the conjunct sharing the most symbols with them. A conjunct c with its disjuncts
// d_1…d_k is then proved equal to K = ~d_1 /\ … /\ ~d_k as a hypothesis c = K traded at
// the end for N(c = K) by the normal forms (an oracle pair, at most kGroupOracles, none in
// the plan by the structure alone),
// unless the group is one disjunct d and the plan proves c equal to its complement (e for
// d = ~e, else ~d), which leaves at most the hypothesis e = ~~e (N by hand). A wrong pairing only makes N(c = K) fail, and the rewrite falls
// back to the other provers.
bool Translator::Regrouper::plan_demorgan(const Term& x, const Term& y, int depth) {
  // The conjunction side may be a single conjunct (an equation against its two bounds).
  auto negated_nest = [](const Term& t) { return is_neg(t) && is_op(t.rand(), "\\/"); };
  bool flipped = !negated_nest(y);
  const Term& conj = flipped ? y : x;
  const Term& negd = flipped ? x : y;
  std::vector<Term> cs, ds;
  if (!negated_nest(negd) || is_neg(conj) || conj.type() != Type::boolean() || !flatten_within(conj, "/\\", cs, kVisits) ||
      !flatten_within(negd.rand(), "\\/", ds, kVisits))
    return false;
  std::unordered_map<Term, size_t, TermHash> c_at;
  std::unordered_map<uint64_t, size_t> c_by_key;
  for (size_t i = 0; i < cs.size(); i++) c_at.emplace(cs[i], i), c_by_key.emplace(key(cs[i], 0), i);
  std::vector<std::vector<Term>> of(cs.size());
  std::vector<Term> left;
  for (const Term& d : ds) {
    Term comp = complement(d);
    auto it = c_at.find(comp);
    if (it != c_at.end()) {
      of[it->second].push_back(d);
    } else if (auto k = c_by_key.find(key(comp, 0)); k != c_by_key.end()) {
      of[k->second].push_back(d);
    } else {
      left.push_back(d);
    }
  }
  if (!left.empty()) {
    std::vector<std::unordered_set<Term, TermHash>> syms;
    for (const Term& c : cs) syms.push_back(symbols_of({c}));
    // Each unpaired disjunct against every conjunct: quadratic, so bounded in symbol
    // lookups (a hostile 16k-pair proof took 45 s; review 9 F4); past it, no plan.
    size_t lookups = 0;
    for (const Term& d : left) {
      auto mine = symbols_of({d});
      if ((lookups += mine.size() * cs.size()) > kPairingLookups) return false;
      // The conjunct closest in symbols (fewest in one and not the other), sharing one.
      size_t best = cs.size(), best_distance = 0;
      for (size_t i = 0; i < cs.size(); i++) {
        size_t shared = std::count_if(mine.begin(), mine.end(), [&](const Term& s) { return syms[i].count(s) > 0; });
        size_t distance = mine.size() + syms[i].size() - 2 * shared;
        if (shared > 0 && (best == cs.size() || distance < best_distance)) best = i, best_distance = distance;
      }
      if (best == cs.size()) return false;
      of[best].push_back(d);
    }
  }
  DeMorgan dm;
  dm.flipped = flipped;
  for (size_t i = 0; i < cs.size(); i++) {
    if (of[i].empty()) {
      if (c_at.at(cs[i]) != i) continue;  // a repeated conjunct: its first occurrence's group
      return false;
    }
    const Term& c = cs[i];
    // One disjunct d: c = comp(d) (e for d = ~e, else ~d) by the plan itself.
    // (Inside, nests are paired by key only: leaves paired in order would pair an equation
    // with another's bounds.)
    in_demorgan++;
    bool planned = of[i].size() == 1 && plan(c, complement(of[i][0]), depth + 1);
    in_demorgan--;
    if (!planned) {
      // A single conjunct (a leaf of nests paired in order) only if its sides agree in key:
      // `x = 0` against the bounds of `x = 7/2` is most likely a wrong pairing.
      if (max_oracles == 0 || group_oracles >= kGroupOracles || larger_than(c, kOracleNodes) || larger_than(negations(of[i]), kOracleNodes) ||
          (cs.size() == 1 && key(c, 0) != key(negations(of[i]), 0)))
        return false;
      group_oracles++;
    }
    dm.groups.push_back({c, std::move(of[i]), planned});
  }
  demorgans.emplace(std::make_pair(x, y), std::move(dm));
  return true;
}

// N(c = ~~c) without excluded middle: ~(c = ~~c) gives ~c (c would make both sides true),
// and with ~c both sides are false.
uint64_t Translator::double_negation(const Term& c) {
  Term nc = neg(c), nnc = neg(nc), h = Term::eq(c, nnc);
  uint64_t not_h = assume(neg(h));
  uint64_t c_nnc = step("not_intro", {term(nc), step("not_elim", {assume(nc), assume(c)})});  // {c} ⊢ ~~c
  uint64_t not_c = step("not_intro", {term(c), step("not_elim", {not_h, step("deduct_antisym", {assume(c), c_nnc})})});
  uint64_t fwd = step("contr", {term(c), step("not_elim", {assume(nnc), not_c})});    // {~h, ~~c} ⊢ c
  uint64_t bwd = step("contr", {term(nnc), step("not_elim", {not_c, assume(c)})});    // {~h, c} ⊢ ~~c
  return step("not_elim", {not_h, step("deduct_antisym", {fwd, bwd})});
}

// {C} ⊢ ~D (each disjunct refuted by its conjunct: DISJ_CASES over D, NOT_INTRO) and {~D} ⊢
// C (each disjunct's negation, NOT_INTRO of D by DISJ1/DISJ2; CONJ up C), joined by
// DEDUCT_ANTISYM; the groups' hypotheses c = K added to g.hyps.
uint64_t Translator::demorgan_emit(Regrouper& g, const Term& x, const Term& y) {
  const Regrouper::DeMorgan& dm = g.demorgans.at({x, y});
  const Term& big_c = dm.flipped ? y : x;
  const Term& not_d = dm.flipped ? x : y;
  const Term big_d = not_d.rand();
  Term a, b;
  std::unordered_map<Term, uint64_t, TermHash> from_c, into_d;  // {C} ⊢ t; {t} ⊢ D
  std::vector<std::pair<Term, uint64_t>> todo{{big_c, assume(big_c)}};
  while (!todo.empty()) {
    auto [t, th] = todo.back();
    todo.pop_back();
    if (!from_c.emplace(t, th).second || !is_op(t, "/\\", &a, &b)) continue;
    todo.push_back({b, step("conjunct2", {th})}), todo.push_back({a, step("conjunct1", {th})});
  }
  todo.push_back({big_d, assume(big_d)});
  while (!todo.empty()) {
    auto [t, th] = todo.back();
    todo.pop_back();
    if (!into_d.emplace(t, th).second || !is_op(t, "\\/", &a, &b)) continue;
    todo.push_back({b, step("prove_hyp", {step("disj2", {term(a), assume(b)}), th})});
    todo.push_back({a, step("prove_hyp", {step("disj1", {assume(a), term(b)}), th})});
  }
  std::unordered_map<Term, uint64_t, TermHash> refuted, conjunct;  // {C, d} ⊢ F; {~D} ⊢ c
  auto negated = [&](const Term& d) {  // {~D} ⊢ ~d
    return step("not_intro", {term(d), step("not_elim", {assume(not_d), into_d.at(d)})});
  };
  for (const Regrouper::Group& gr : dm.groups) {
    const Term& c = gr.c;
    if (gr.planned) {
      // ⊢ c = comp(d) as planned; for d = ~e, {~D} ⊢ ~~e gives e by the hypothesis e = ~~e.
      const Term& d = gr.ds[0];
      Term comp = complement(d);
      uint64_t eq = regroup_emit(g, c, comp), th_comp = eq ? step("eq_mp", {eq, from_c.at(c)}) : from_c.at(c);
      refuted.emplace(d, is_neg(d) ? step("not_elim", {assume(d), th_comp}) : step("not_elim", {th_comp, assume(d)}));
      uint64_t back = negated(d);
      if (is_neg(d)) {
        Term h = Term::eq(comp, neg(d));
        g.hyps.push_back({h, double_negation(comp)});
        back = step("eq_mp", {step("sym", {assume(h)}), back});
      }
      conjunct.emplace(c, eq ? step("eq_mp", {step("sym", {eq}), back}) : back);
      continue;
    }
    Term k = negations(gr.ds), h = Term::eq(c, k);
    uint64_t n = 0;
    if (!g.failed) n = tools_.normal.equal(c, k);
    if (!n) g.failed = true;
    g.hyps.push_back({h, n});
    uint64_t th_k = step("eq_mp", {assume(h), from_c.at(c)});  // {C, h} ⊢ K
    std::vector<uint64_t> negs(gr.ds.size());
    for (size_t i = 0; i < gr.ds.size(); i++) {
      uint64_t th = th_k;
      for (size_t j = 0; j < i; j++) th = step("conjunct2", {th});
      if (i + 1 < gr.ds.size()) th = step("conjunct1", {th});
      refuted.emplace(gr.ds[i], step("not_elim", {th, assume(gr.ds[i])}));
      negs[i] = negated(gr.ds[i]);
    }
    uint64_t back = negs.back();
    for (size_t i = negs.size() - 1; i-- > 0;) back = step("conj", {negs[i], back});
    conjunct.emplace(c, step("eq_mp", {step("sym", {assume(h)}), back}));
  }
  // Up D's nest by DISJ_CASES ({C, t} ⊢ F) and up C's by CONJ ({~D} ⊢ t).
  auto up = [&](const Term& root, const char* op, std::unordered_map<Term, uint64_t, TermHash>& made) {
    std::vector<std::pair<Term, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [t, expanded] = stack.back();
      stack.pop_back();
      if (made.count(t) || !is_op(t, op, &a, &b)) continue;
      if (!expanded)
        stack.push_back({t, true}), stack.push_back({b, false}), stack.push_back({a, false});
      else
        made.emplace(t, op[0] == '\\' ? step("disj_cases", {assume(t), made.at(a), made.at(b)}) : step("conj", {made.at(a), made.at(b)}));
    }
    return made.at(root);
  };
  uint64_t c_to = step("not_intro", {term(big_d), up(big_d, "\\/", refuted)});  // {C} ⊢ ~D
  uint64_t d_to = up(big_c, "/\\", conjunct);                                    // {~D} ⊢ C
  uint64_t th = step("deduct_antisym", {d_to, c_to});                            // ⊢ C = ~D
  return dm.flipped ? step("sym", {th}) : th;
}

}  // namespace hcert::z3
