#include "tools/demo_solver/difference_logic.hpp"

#include <algorithm>
#include <queue>
#include <unordered_map>

namespace demo {

namespace {

// A weight b - d*epsilon: d counts the strict bounds on a path (reals); lexicographic.
template <class Num>
struct Weight {
  Num c;
  int64_t d = 0;
  Weight operator+(const Weight& o) const { return {c + o.c, d + o.d}; }
  Weight operator-(const Weight& o) const { return {c - o.c, d - o.d}; }
  bool operator<(const Weight& o) const { return c < o.c || (c == o.c && d < o.d); }
  bool negative() const { return c < 0 || (c == 0 && d < 0); }
};

// One edge per literal of an atom: the positive literal's constraint and the negation's.
template <class Num>
struct Edge {
  uint32_t from, to;
  Weight<Num> w;
  Lit lit;
};

template <class Num>
class DifferenceLogic : public Theory {
 public:
  DifferenceLogic(uint32_t num_nodes, uint32_t num_vars)
      : out_(num_nodes), pi_(num_nodes, Weight<Num>{Num(0), 0}), gamma_(num_nodes), pred_(num_nodes),
        state_(num_nodes, 0), edge_of_lit_(2 * size_t(num_vars), UINT32_MAX), coef_(num_vars) {}

  // `rounded_pos`, `rounded_neg`: the literal's integer edge is a rounding of what its
  // atom says over the rationals (a*(x - y) <= b with b/a no integer).
  void add_atom(uint32_t var, uint32_t x, uint32_t y, Weight<Num> pos, Weight<Num> neg, mpq_class coef,
                bool rounded_pos = false, bool rounded_neg = false) {
    rounded_.resize(edge_of_lit_.size());
    rounded_[mk_lit(var, false)] = rounded_pos;
    rounded_[mk_lit(var, true)] = rounded_neg;
    edge_of_lit_[mk_lit(var, false)] = uint32_t(edges_.size());
    by_pair_[pair_key(y, x)].push_back(uint32_t(edges_.size()));
    edges_.push_back({y, x, pos, mk_lit(var, false)});  // x - y <= b: y -> x
    edge_of_lit_[mk_lit(var, true)] = uint32_t(edges_.size());
    by_pair_[pair_key(x, y)].push_back(uint32_t(edges_.size()));
    edges_.push_back({x, y, neg, mk_lit(var, true)});  // y - x <= -b (or < -b)
    coef_[var] = std::move(coef);
  }

  bool is_atom(uint32_t var) const override { return edge_of_lit_[mk_lit(var, false)] != UINT32_MAX; }

  bool assert_lit(Lit l, Explanation& why) override {
    uint32_t e = edge_of_lit_[l];
    const Edge<Num>& edge = edges_[e];
    if (!relax(e, why)) return false;
    out_[edge.from].push_back(e);
    active_.push_back(e);
    // Cheap theory propagation: an edge g back from v to u that would close a negative
    // two-edge cycle with e is refuted (this decides a job-shop disjunction at once).
    auto back = by_pair_.find(pair_key(edge.to, edge.from));
    if (back != by_pair_.end()) {
      for (uint32_t g : back->second) {
        const Edge<Num>& other = edges_[g];
        if (lit_var(other.lit) == lit_var(l) || !(edge.w + other.w).negative()) continue;
        implied_.push_back({lit_not(other.lit), {{l, other.lit}, {coef_[lit_var(l)], coef_[lit_var(other.lit)]}}});
        hint(implied_.back().why);
      }
    }
    return true;
  }

  std::vector<Implication>& implications() override { return implied_; }

  bool check(Explanation&) override { return true; }  // every assertion is checked as it comes
  void push_level() override { level_marks_.push_back(active_.size()); }
  void pop_levels(uint32_t n) override {
    size_t mark = level_marks_[level_marks_.size() - n];
    level_marks_.resize(level_marks_.size() - n);
    while (active_.size() > mark) {  // edges leave in the order opposite to their arrival
      out_[edges_[active_.back()].from].pop_back();
      active_.pop_back();
    }
  }

 private:
  // Repairs the potential for the new edge e = u -> v, or finds the negative cycle that
  // e closes (then the potential is restored as it was).
  bool relax(uint32_t e, Explanation& why) {
    const Edge<Num>& edge = edges_[e];
    uint32_t u = edge.from, v = edge.to;
    Weight<Num> slack = pi_[u] + edge.w - pi_[v];
    if (!slack.negative()) return true;
    if (u == v) {  // a constant atom that is false: 0 <= b with b < 0
      explain_cycle(e, u, why);
      return false;
    }
    using Item = std::pair<Weight<Num>, uint32_t>;
    auto greater = [](const Item& a, const Item& b) { return b.first < a.first; };
    std::priority_queue<Item, std::vector<Item>, decltype(greater)> queue(greater);
    std::vector<uint32_t> touched;
    std::vector<std::pair<uint32_t, Weight<Num>>> old_pi;
    gamma_[v] = slack;
    pred_[v] = e;
    state_[v] = 1;
    touched.push_back(v);
    queue.push({slack, v});
    bool conflict = false;
    while (!queue.empty() && !conflict) {
      auto [g, s] = queue.top();
      queue.pop();
      if (state_[s] != 1 || gamma_[s] < g || g < gamma_[s]) continue;  // a stale entry
      state_[s] = 2;
      old_pi.push_back({s, pi_[s]});
      pi_[s] = pi_[s] + gamma_[s];
      for (uint32_t f : out_[s]) {
        const Edge<Num>& out = edges_[f];
        uint32_t t = out.to;
        if (state_[t] == 2) continue;
        Weight<Num> gt = pi_[s] + out.w - pi_[t];
        if (!gt.negative()) continue;
        if (t == u) {  // the repair comes back to the new edge's source: a negative cycle
          pred_[u] = f;
          explain_cycle(e, u, why);
          conflict = true;
          break;
        }
        if (state_[t] == 0 || gt < gamma_[t]) {
          if (state_[t] == 0) touched.push_back(t), state_[t] = 1;
          gamma_[t] = gt;
          pred_[t] = f;
          queue.push({gt, t});
        }
      }
    }
    for (uint32_t t : touched) state_[t] = 0;
    if (conflict)
      for (auto it = old_pi.rbegin(); it != old_pi.rend(); ++it) pi_[it->first] = it->second;
    return !conflict;
  }

  // The cycle: the new edge e (u -> v), then the predecessor edges from u back to v.
  void explain_cycle(uint32_t e, uint32_t u, Explanation& why) {
    why.lits.clear();
    why.coefficients.clear();
    auto take = [&](uint32_t f) {
      Lit l = edges_[f].lit;
      why.lits.push_back(l);
      why.coefficients.push_back(coef_[lit_var(l)]);
    };
    take(e);
    uint32_t v = edges_[e].to;
    for (uint32_t at = u; at != v;) {
      uint32_t f = pred_[at];
      take(f);
      at = edges_[f].from;
    }
    hint(why);
  }

  // A cycle through rounded edges (integers) is no rational Farkas combination: with one
  // rounded literal, that literal's fact alone (multiplier 1, the others 0) rounds to the
  // bound its edge has (the `cut` hint: hcert splits on that cut, and the rest of the cycle
  // with it is a rational contradiction); with more, no hint (hcert searches).
  void hint(Explanation& why) const {
    size_t n = 0, at = 0;
    for (size_t i = 0; i < why.lits.size(); ++i)
      if (why.lits[i] < rounded_.size() && rounded_[why.lits[i]]) ++n, at = i;
    if (n == 0) return;
    why.coefficients.assign(n == 1 ? why.lits.size() : 0, 0);
    if (n == 1) why.coefficients[at] = 1, why.cut = true;
  }

  static uint64_t pair_key(uint32_t from, uint32_t to) { return uint64_t(from) << 32 | to; }

  std::vector<Edge<Num>> edges_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_pair_;  // (from, to) -> every literal's edge
  std::vector<Implication> implied_;
  std::vector<std::vector<uint32_t>> out_;  // active edges by source node, in arrival order
  std::vector<Weight<Num>> pi_, gamma_;
  std::vector<uint32_t> pred_;
  std::vector<uint8_t> state_;  // 0 untouched, 1 queued, 2 repaired (during one relax)
  std::vector<uint32_t> edge_of_lit_;
  std::vector<mpq_class> coef_;  // by variable: the Farkas multiplier of its literals
  std::vector<bool> rounded_;    // by literal: its edge rounds its atom (integers)
  std::vector<uint32_t> active_;
  std::vector<size_t> level_marks_;
};

// One atom in difference form: x - y <= b (strict or not), scaled by a > 0 from the atom.
struct DiffAtom {
  uint32_t var, x, y;
  mpq_class b, a;
  bool strict;
};

mpq_class floor_q(const mpq_class& q) {
  mpz_class r;
  mpz_fdiv_q(r.get_mpz_t(), q.get_num_mpz_t(), q.get_den_mpz_t());
  return mpq_class(r);
}

template <class Num>
std::unique_ptr<Theory> build(const std::vector<DiffAtom>& atoms, uint32_t num_nodes, uint32_t num_vars, bool integer,
                              const mpz_class& scale) {
  auto dl = std::make_unique<DifferenceLogic<Num>>(num_nodes, num_vars);
  auto num = [&](const mpq_class& q) {
    mpq_class s = q * scale;
    if constexpr (std::is_same_v<Num, int64_t>) return int64_t(s.get_num().get_si());
    else return Num(s);
  };
  for (const DiffAtom& d : atoms) {
    Weight<Num> pos, neg;
    if (integer) {  // x - y <= floor(b) (or ceil(b) - 1); negation y - x <= -floor(b) - 1 (or -ceil(b))
      mpq_class hi = d.strict ? -floor_q(-d.b) - 1 : floor_q(d.b);
      pos = {num(hi), 0};
      neg = {num(-hi - 1), 0};
      // What hcert reads over the rationals (spec/trace.md: a strict 0 < E tightened to
      // 0 <= E - 1, E with the atom's integer coefficients): a*(x - y) <= B (or B - 1),
      // negated a*(x - y) >= B + 1 (or B), divided by a.
      mpq_class B = d.b * d.a;
      bool whole = B.get_den() == 1;
      mpq_class pos_q = (d.strict ? B - 1 : B) / d.a, neg_q = -(d.strict ? B : B + 1) / d.a;
      dl->add_atom(d.var, d.x, d.y, pos, neg, 1 / d.a, !whole || hi != pos_q, !whole || -hi - 1 != neg_q);
      continue;
    } else {
      pos = {num(d.b), d.strict ? -1 : 0};
      neg = {num(-d.b), d.strict ? 0 : -1};
    }
    dl->add_atom(d.var, d.x, d.y, pos, neg, 1 / d.a);
  }
  return dl;
}

}  // namespace

std::unique_ptr<Theory> make_difference_logic(const std::vector<LinearAtom>& atoms, uint32_t num_vars, bool integer) {
  std::unordered_map<uint32_t, uint32_t> node;  // ArithVar term -> node; node 0 is zero
  auto node_of = [&](uint32_t term) {
    auto [it, fresh] = node.emplace(term, uint32_t(node.size() + 1));
    return it->second;
  };
  std::vector<DiffAtom> diff;
  for (const LinearAtom& la : atoms) {
    DiffAtom d{la.var, 0, 0, 0, 1, la.strict};
    if (la.coef.size() > 2) return nullptr;
    if (la.coef.size() == 2) {
      auto first = la.coef.begin(), second = std::next(first);
      if (first->second != -second->second) return nullptr;
      bool first_pos = first->second > 0;
      d.a = first_pos ? first->second : second->second;
      d.x = node_of(first_pos ? first->first : second->first);
      d.y = node_of(first_pos ? second->first : first->first);
    } else if (la.coef.size() == 1) {
      auto only = la.coef.begin();
      d.a = abs(only->second);
      uint32_t n = node_of(only->first);
      (only->second > 0 ? d.x : d.y) = n;
    }
    d.b = la.bound / d.a;
    diff.push_back(std::move(d));
  }
  uint32_t num_nodes = uint32_t(node.size() + 1);
  // Machine integers when every weight, scaled to integers, keeps any path sum in range.
  mpz_class scale = 1;
  for (const DiffAtom& d : diff) scale = lcm(scale, mpz_class(d.b.get_den()));
  if (integer) scale = 1;
  mpq_class largest = 0;
  for (const DiffAtom& d : diff) largest = std::max(largest, mpq_class(abs(d.b) + 1));
  if (largest * scale * (num_nodes + 1) < mpq_class(mpz_class(1) << 60))
    return build<int64_t>(diff, num_nodes, num_vars, integer, scale);
  return build<mpq_class>(diff, num_nodes, num_vars, integer, 1);
}

}  // namespace demo
