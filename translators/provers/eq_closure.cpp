#include "translators/provers/eq_closure.hpp"

#include <deque>
#include <unordered_map>

namespace hcert::provers {

namespace {

constexpr size_t kMaxNodes = 400;
constexpr int kMaxDepth = 64;

// The closure over the literals' subterms: union-find for the classes, and the graph of
// why two terms are equal (a hypothesis, or a congruence of two applications), which
// `explain` walks to emit the proof of one equation.
class Closure {
 public:
  explicit Closure(StepSink& out) : out_(out) {}

  bool add_terms(const Term& t) {
    std::vector<Term> todo{t};
    while (!todo.empty()) {
      Term u = todo.back();
      todo.pop_back();
      if (index_.count(u)) continue;
      if (index_.size() >= kMaxNodes) return false;
      size_t i = nodes_.size();
      index_.emplace(u, i);
      nodes_.push_back(u);
      parent_.push_back(i);
      edges_.emplace_back();
      Term f = u;
      std::vector<Term> args;
      while (f.kind() == TermKind::Comb) args.push_back(f.rand()), f = f.rator();
      heads_.push_back(f);
      args_.emplace_back(args.rbegin(), args.rend());
      for (const Term& a : args_.back()) todo.push_back(a);
    }
    return true;
  }

  // An equation a = b assumed (the hypothesis h).
  void assume_eq(const Term& h, const Term& a, const Term& b) {
    size_t i = index_.at(a), j = index_.at(b);
    edges_[i].push_back({j, h, false});
    edges_[j].push_back({i, h, true});
    unite(i, j);
  }

  // Congruences until nothing changes: two applications of one head whose arguments are
  // pairwise in one class are put in one class (quadratic in the nodes: at most 400).
  void close() {
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < nodes_.size(); ++i)
        for (size_t j = i + 1; j < nodes_.size(); ++j) {
          if (args_[i].empty() || find(i) == find(j) || heads_[i] != heads_[j] || args_[i].size() != args_[j].size() ||
              nodes_[i].type() != nodes_[j].type())
            continue;
          bool same = true;
          for (size_t k = 0; k < args_[i].size() && same; ++k)
            same = find(index_.at(args_[i][k])) == find(index_.at(args_[j][k]));
          if (!same) continue;
          edges_[i].push_back({j, Term(), false});
          edges_[j].push_back({i, Term(), false});
          unite(i, j);
          changed = true;
        }
    }
  }

  bool equal(const Term& a, const Term& b) {
    auto i = index_.find(a), j = index_.find(b);
    return i != index_.end() && j != index_.end() && find(i->second) == find(j->second);
  }

  // ⊢ a = b under the hypotheses used (assumed), along the shortest path of reasons; 0 when
  // the explanation goes deeper than kMaxDepth congruences.
  uint64_t explain(const Term& a, const Term& b, int depth = 0) {
    if (depth > kMaxDepth) return 0;
    size_t s = index_.at(a), t = index_.at(b);
    if (s == t) return out_.step("refl", {out_.term(a)});
    std::vector<long> from(nodes_.size(), -1);
    std::vector<const Edge*> via(nodes_.size(), nullptr);
    std::deque<size_t> q{s};
    from[s] = static_cast<long>(s);
    while (!q.empty() && from[t] < 0) {
      size_t u = q.front();
      q.pop_front();
      for (const Edge& e : edges_[u])
        if (from[e.to] < 0) from[e.to] = static_cast<long>(u), via[e.to] = &e, q.push_back(e.to);
    }
    if (from[t] < 0) return 0;
    std::vector<size_t> path{t};
    while (path.back() != s) path.push_back(static_cast<size_t>(from[path.back()]));
    uint64_t acc = 0;
    for (size_t k = path.size() - 1; k-- > 0;) {  // from s towards t
      size_t u = path[k + 1], v = path[k];
      const Edge& e = *via[v];
      uint64_t link;
      if (!e.why.is_null()) {
        link = out_.step("assume", {out_.term(e.why)});
        if (e.flipped) link = out_.step("sym", {link});
      } else {  // congruence: MK_COMB down the arguments
        link = out_.step("refl", {out_.term(heads_[u])});
        for (size_t k2 = 0; k2 < args_[u].size(); ++k2) {
          uint64_t arg = explain(args_[u][k2], args_[v][k2], depth + 1);
          if (!arg) return 0;
          link = out_.step("mk_comb", {link, arg});
        }
      }
      acc = acc ? out_.step("trans", {acc, link}) : link;
    }
    return acc;
  }

 private:
  struct Edge {
    size_t to;
    Term why;      // the hypothesis, or null for a congruence
    bool flipped;  // the hypothesis is to = from: SYM
  };
  size_t find(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void unite(size_t i, size_t j) { parent_[find(i)] = find(j); }

  StepSink& out_;
  std::unordered_map<Term, size_t, TermHash> index_;
  std::vector<Term> nodes_, heads_;
  std::vector<std::vector<Term>> args_;
  std::vector<size_t> parent_;
  std::vector<std::vector<Edge>> edges_;
};

}  // namespace

uint64_t refute_by_closure(StepSink& out, const std::vector<Term>& lits) {
  Closure c(out);
  std::vector<std::pair<Term, std::pair<Term, Term>>> eqs, diseqs;
  std::vector<Term> pos, negs;  // formulas that are not equations, and negated ones
  for (const Term& l : lits) {
    Term a, b;
    bool n = is_neg(l);
    const Term& body = n ? l.rand() : l;
    if (is_op(body, "=", &a, &b)) {
      if (!c.add_terms(a) || !c.add_terms(b)) return 0;
      (n ? diseqs : eqs).push_back({l, {a, b}});
    } else {
      if (!c.add_terms(body)) return 0;
      (n ? negs : pos).push_back(body);
    }
  }
  for (const auto& [h, ab] : eqs) c.assume_eq(h, ab.first, ab.second);
  c.close();
  for (const auto& [h, ab] : diseqs)
    if (c.equal(ab.first, ab.second))
      if (uint64_t e = c.explain(ab.first, ab.second))
        return out.step("not_elim", {out.step("assume", {out.term(h)}), e});
  for (const Term& p : pos)
    for (const Term& q : negs)
      if (c.equal(p, q))
        if (uint64_t e = c.explain(p, q)) {
          uint64_t qt = out.step("eq_mp", {e, out.step("assume", {out.term(p)})});
          return out.step("not_elim", {out.step("assume", {out.term(neg(q))}), qt});
        }
  return 0;
}

}  // namespace hcert::provers
