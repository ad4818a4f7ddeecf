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
// The leaves of a nest of `op` (its maximal subterms that are not one) in order, by an
// explicit stack; false past `limit` nodes.
bool nest_leaves(const Term& t, const char* op, std::vector<Term>& out, size_t limit) {
  std::vector<Term> stack{t};
  size_t seen = 0;
  while (!stack.empty()) {
    Term u = stack.back(), a, b;
    stack.pop_back();
    if (++seen > limit) return false;
    if (is_op(u, op, &a, &b))
      stack.push_back(b), stack.push_back(a);
    else
      out.push_back(u);
  }
  return true;
}

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

// Whether t has fewer than `limit` distinct subterms (an explicit-stack walk).
bool small(const Term& t, size_t limit) {
  std::unordered_set<Term, TermHash> seen;
  std::vector<Term> todo{t};
  while (!todo.empty()) {
    Term u = todo.back();
    todo.pop_back();
    if (!seen.insert(u).second) continue;
    if (seen.size() >= limit) return false;
    if (u.kind() == TermKind::Comb) todo.push_back(u.rator()), todo.push_back(u.rand());
  }
  return true;
}

}  // namespace

// A key of t that regrouping and reordering nests leaves unchanged: a nest's key is its op's
// and its leaves' sorted keys', any other term's its function's and argument's. Leaves of
// two nests are paired by equal keys (a collision only pairs two leaves that the plan then
// fails to prove equal). Memoised; past kDepth levels a term is its own key.
uint64_t Translator::Regrouper::key(const Term& t, int depth) {
  if (auto it = keys.find(t); it != keys.end()) return it->second;
  uint64_t k = TermHash()(t);
  const char* op = is_op(t, "\\/") ? "\\/" : is_op(t, "/\\") ? "/\\" : nullptr;
  if (depth < kDepth && op) {
    std::vector<Term> leaves;
    if (nest_leaves(t, op, leaves, kVisits)) {
      std::vector<uint64_t> ks;
      for (const Term& u : leaves) ks.push_back(key(u, depth + 1));
      std::sort(ks.begin(), ks.end());
      k = op[0] == '\\' ? 0x9e3779b97f4a7c15ull : 0xc2b2ae3d27d4eb4full;
      for (uint64_t x : ks) k = (k ^ x) * 0x100000001b3ull;
    }
  } else if (depth < kDepth && t.kind() == TermKind::Comb) {
    k = (key(t.rator(), depth + 1) * 0x100000001b3ull) ^ (key(t.rand(), depth + 1) + 0x7f4a7c15ull);
  }
  keys.emplace(t, k);
  return k;
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
  }
  how[{x, y}] = h;
  return h != How::Fails;
}

// A leaf pair of nests paired in order that the plan does not prove: left to the normal
// forms if both are small formulas (and the rewrite has had fewer than kOracles).
bool Translator::Regrouper::oracle(const Term& x, const Term& y) {
  if (x.type() != Type::boolean() || oracles >= max_oracles || !small(x, kOracleNodes) || !small(y, kOracleNodes)) return false;
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
  if (!nest_leaves(x, op, lx, kVisits) || !nest_leaves(y, op, ly, kVisits)) return false;
  How kind = op[0] == '\\' ? How::Disjunction : How::Conjunction;
  Pairing pr;
  if (pair_leaves(lx, ly, depth, pr.x_to_y) && pair_leaves(ly, lx, depth, pr.y_to_x) && all_planned(pr.x_to_y, false) &&
      all_planned(pr.y_to_x, true)) {
    how[{x, y}] = kind;
    pairings.emplace(std::make_pair(x, y), std::move(pr));
    return true;
  }
  if (lx.size() != ly.size()) return false;
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
  if (!g.plan(l, r, 0)) {
    g = Regrouper();
    if (!g.plan(l, r, 0) || g.oracles == 0) return 0;
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
