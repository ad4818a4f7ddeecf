#include "tools/demo_solver/simplex.hpp"

#include <map>

namespace demo {

namespace {

// A value r + d*delta, delta a positive infinitesimal; compared lexicographically.
struct DeltaRational {
  mpq_class r, d;
  DeltaRational operator+(const DeltaRational& o) const { return {r + o.r, d + o.d}; }
  DeltaRational operator-(const DeltaRational& o) const { return {r - o.r, d - o.d}; }
  DeltaRational operator*(const mpq_class& k) const { return {r * k, d * k}; }
  bool operator<(const DeltaRational& o) const { return r < o.r || (r == o.r && d < o.d); }
  bool operator>(const DeltaRational& o) const { return o < *this; }
};

constexpr Lit NoLit = UINT32_MAX;

// What a literal asserts: a bound on one simplex variable (or, for an atom without
// variables, a constant comparison that holds or not).
struct BoundOf {
  uint32_t var = UINT32_MAX;  // UINT32_MAX: constant atom
  bool upper = false;
  DeltaRational value;
  mpq_class scale = 1;        // the atom as written is scale * (the bound's form)
  bool constant_holds = true;
};

struct Bound {
  bool set = false;
  DeltaRational value;
  Lit reason = NoLit;
};

class Simplex : public Theory {
 public:
  Simplex(const std::vector<LinearAtom>& atoms, uint32_t num_vars, bool integer)
      : bound_of_(2 * size_t(num_vars)), is_atom_(num_vars), integer_(integer) {
    std::map<uint32_t, uint32_t>& column = column_;
    std::map<std::map<uint32_t, mpq_class>, uint32_t> slack_of;  // normalised form -> slack var
    auto var_of = [&](uint32_t term) {
      auto [it, fresh] = column.emplace(term, new_var());
      return it->second;
    };
    for (const LinearAtom& a : atoms) {
      is_atom_[a.var] = true;
      BoundOf pos, neg;
      if (a.coef.empty()) {  // 0 <= bound (or 0 < bound)
        pos.constant_holds = a.strict ? 0 < a.bound : 0 <= a.bound;
        neg.constant_holds = !pos.constant_holds;
      } else {
        mpq_class lead = a.coef.begin()->second;
        uint32_t x;
        if (a.coef.size() == 1) {
          x = var_of(a.coef.begin()->first);
        } else {
          std::map<uint32_t, mpq_class> form;
          for (auto& [t, c] : a.coef) form[var_of(t)] = c / lead;
          auto it = slack_of.find(form);
          if (it == slack_of.end()) {
            x = new_var();
            rows_.push_back(form);
            row_var_.push_back(x);
            basic_row_[x] = uint32_t(rows_.size() - 1);
            slack_of.emplace(std::move(form), x);
          } else {
            x = it->second;
          }
        }
        // The positive literal bounds the form from above, the negation from below (with
        // the opposite strictness); dividing by a negative lead swaps the sides.
        mpq_class k = a.bound / lead;
        bool flip = lead < 0;
        pos = {x, !flip, {k, a.strict ? (flip ? 1 : -1) : 0}, abs(lead), true};
        neg = {x, flip, {k, a.strict ? 0 : (flip ? -1 : 1)}, abs(lead), true};
        // Over the integers a strict bound x < k on a problem variable with coefficient
        // ±1 and k an integer is x <= k - 1, as the checker reads it (spec/trace.md: 0 < E
        // tightened to 0 <= E - 1), so the Farkas multipliers stay the same; otherwise
        // branch and bound would meet x = k - delta again and again.
        if (integer_ && a.coef.size() == 1 && abs(lead) == 1 && k.get_den() == 1)
          for (BoundOf* b : {&pos, &neg})
            if (b->value.d != 0) b->value = {k + b->value.d, 0};
      }
      bound_of_[mk_lit(a.var, false)] = pos;
      bound_of_[mk_lit(a.var, true)] = neg;
    }
  }

  bool is_atom(uint32_t var) const override { return var < is_atom_.size() && is_atom_[var]; }

  bool assert_lit(Lit l, Explanation& why) override {
    const BoundOf& b = bound_of_[l];
    if (b.var == UINT32_MAX) {
      if (b.constant_holds) return true;
      why.lits = {l};
      why.coefficients = {1};
      return false;
    }
    uint32_t x = b.var;
    Bound& mine = b.upper ? upper_[x] : lower_[x];
    const Bound& other = b.upper ? lower_[x] : upper_[x];
    if (mine.set && (b.upper ? !(b.value < mine.value) : !(b.value > mine.value))) return true;  // no tighter
    if (other.set && (b.upper ? b.value < other.value : b.value > other.value)) {
      why.lits.clear();
      why.coefficients.clear();
      add_reason(why, l, 1);
      add_reason(why, other.reason, 1);
      return false;
    }
    trail_.push_back({x, b.upper, mine});
    mine = {true, b.value, l};
    if (basic_row_.count(x) == 0 && (b.upper ? value_[x] > b.value : value_[x] < b.value)) update(x, b.value);
    return true;
  }

  bool check(Explanation& why) override {
    for (;;) {
      // Bland's rule: the violated basic variable and the entering variable of least index.
      uint32_t xi = UINT32_MAX;
      for (auto& [x, r] : basic_row_) {
        if ((lower_[x].set && value_[x] < lower_[x].value) || (upper_[x].set && value_[x] > upper_[x].value)) {
          xi = x;
          break;
        }
      }
      if (xi == UINT32_MAX) return true;
      uint32_t r = basic_row_[xi];
      bool below = lower_[xi].set && value_[xi] < lower_[xi].value;
      uint32_t xj = UINT32_MAX;
      for (auto& [x, a] : rows_[r]) {
        bool up = below ? a > 0 : a < 0;  // must x rise for xi to move the right way?
        bool room = up ? !upper_[x].set || value_[x] < upper_[x].value : !lower_[x].set || value_[x] > lower_[x].value;
        if (room) {
          xj = x;
          break;
        }
      }
      if (xj == UINT32_MAX) {  // the row's bounds are contradictory
        why.lits.clear();
        why.coefficients.clear();
        add_reason(why, below ? lower_[xi].reason : upper_[xi].reason, 1);
        for (auto& [x, a] : rows_[r]) {
          bool at_upper = below ? a > 0 : a < 0;
          add_reason(why, at_upper ? upper_[x].reason : lower_[x].reason, abs(a));
        }
        return false;
      }
      pivot_and_update(xi, xj, below ? lower_[xi].value : upper_[xi].value);
    }
  }

  // A problem variable whose value r + d·delta is no integer (d != 0, or r fractional),
  // the one of least term id; k its floor (r − 1 when r is an integer and d < 0).
  bool fractional(Branch& b) const override {
    if (!integer_) return false;
    for (auto& [term, x] : column_) {
      const DeltaRational& v = value_[x];
      if (v.d == 0 && v.r.get_den() == 1) continue;
      mpz_class k;
      mpz_fdiv_q(k.get_mpz_t(), v.r.get_num_mpz_t(), v.r.get_den_mpz_t());
      if (v.r.get_den() == 1 && v.d < 0) k -= 1;
      b = {term, k};
      return true;
    }
    return false;
  }

  void push_level() override { marks_.push_back(trail_.size()); }
  void pop_levels(uint32_t n) override {
    size_t mark = marks_[marks_.size() - n];
    marks_.resize(marks_.size() - n);
    while (trail_.size() > mark) {
      auto& [x, upper, old] = trail_.back();
      (upper ? upper_[x] : lower_[x]) = old;
      trail_.pop_back();
    }
  }

 private:
  uint32_t new_var() {
    value_.push_back({0, 0});
    lower_.emplace_back();
    upper_.emplace_back();
    return uint32_t(value_.size() - 1);
  }

  // A bound's literal with its multiplier for the bound's form, as the multiplier for the
  // literal's atom as written (divided by the atom's scale).
  void add_reason(Explanation& why, Lit l, const mpq_class& k) {
    why.lits.push_back(l);
    why.coefficients.push_back(k / bound_of_[l].scale);
  }

  // A non-basic variable set to v: the basic variables follow.
  void update(uint32_t xj, const DeltaRational& v) {
    DeltaRational diff = v - value_[xj];
    for (auto& [xb, r] : basic_row_) {
      auto it = rows_[r].find(xj);
      if (it != rows_[r].end()) value_[xb] = value_[xb] + diff * it->second;
    }
    value_[xj] = v;
  }

  // xi leaves the basis at value v, xj enters.
  void pivot_and_update(uint32_t xi, uint32_t xj, const DeltaRational& v) {
    uint32_t r = basic_row_[xi];
    mpq_class aij = rows_[r].at(xj);
    DeltaRational theta = (v - value_[xi]) * (1 / aij);
    value_[xi] = v;
    value_[xj] = value_[xj] + theta;
    for (auto& [xb, rb] : basic_row_) {
      if (rb == r) continue;
      auto it = rows_[rb].find(xj);
      if (it != rows_[rb].end()) value_[xb] = value_[xb] + theta * it->second;
    }
    // Row r, xi = aij*xj + rest, becomes xj = (xi - rest) / aij.
    std::map<uint32_t, mpq_class> row;
    for (auto& [x, a] : rows_[r])
      if (x != xj) row[x] = -a / aij;
    row[xi] = 1 / aij;
    rows_[r] = std::move(row);
    basic_row_.erase(xi);
    basic_row_[xj] = r;
    row_var_[r] = xj;
    // Every other row that mentions xj: substitute.
    for (auto& [xb, rb] : basic_row_) {
      if (rb == r) continue;
      auto it = rows_[rb].find(xj);
      if (it == rows_[rb].end()) continue;
      mpq_class k = it->second;
      rows_[rb].erase(it);
      for (auto& [x, a] : rows_[r]) {
        mpq_class& c = rows_[rb][x];
        c += k * a;
        if (c == 0) rows_[rb].erase(x);
      }
    }
  }

  std::vector<BoundOf> bound_of_;  // by literal
  std::vector<bool> is_atom_;
  bool integer_;
  std::map<uint32_t, uint32_t> column_;  // ArithVar term -> simplex var
  std::vector<std::map<uint32_t, mpq_class>> rows_;  // basic var = sum(coef * non-basic var)
  std::vector<uint32_t> row_var_;
  std::map<uint32_t, uint32_t> basic_row_;  // basic variable -> its row (ordered: Bland's rule)
  std::vector<DeltaRational> value_;
  std::vector<Bound> lower_, upper_;
  struct Undo {
    uint32_t var;
    bool upper;
    Bound old;
  };
  std::vector<Undo> trail_;
  std::vector<size_t> marks_;
};

}  // namespace

std::unique_ptr<Theory> make_simplex(const std::vector<LinearAtom>& atoms, uint32_t num_vars, bool integer) {
  return std::make_unique<Simplex>(atoms, num_vars, integer);
}

}  // namespace demo
