#include "translators/trace/rup_search.hpp"

#include <algorithm>
#include <cstdlib>

namespace hcert::trace {

void RupSearch::grow(int64_t lit) {
  size_t v = static_cast<size_t>(lit < 0 ? -lit : lit);
  if (v >= value_.size()) {
    value_.resize(v + 1, 0);
    reason_.resize(v + 1, -1);
    seen_.resize(v + 1, 0);
    watches_.resize(2 * v + 2);
  }
}

int RupSearch::value(int64_t lit) const {
  int8_t v = value_[static_cast<size_t>(lit < 0 ? -lit : lit)];
  return lit < 0 ? -v : v;
}

void RupSearch::assign(int64_t lit, int64_t reason) {
  size_t v = static_cast<size_t>(lit < 0 ? -lit : lit);
  value_[v] = lit < 0 ? -1 : 1;
  reason_[v] = reason;
  trail_.push_back(lit);
}

void RupSearch::add(uint64_t id, const std::vector<int64_t>& given) {
  // Each literal once: a repeated literal would let both watches sit on one literal, and
  // the clause would never be seen unit.
  std::vector<int64_t> lits = given;
  std::sort(lits.begin(), lits.end());
  lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
  for (int64_t l : lits) grow(l);
  size_t k = clauses_.size();
  clauses_.push_back({id, lits, true});
  is_reason_.push_back(0);
  by_id_[id] = k;
  if (base_valid_) add_to_base(k);
  Clause& c = clauses_[k];
  if (c.lits.empty()) empties_.push_back(k);
  else if (c.lits.size() == 1) units_.push_back(k);
  else watches_[index(c.lits[0])].push_back(k), watches_[index(c.lits[1])].push_back(k);
}

void RupSearch::add_to_base(size_t k) {
  std::vector<int64_t>& ls = clauses_[k].lits;
  // Literals not false first (true ones before unassigned ones): the watches.
  std::stable_sort(ls.begin(), ls.end(), [&](int64_t a, int64_t b) { return value(a) > value(b); });
  if (base_conflict_ >= 0 || (!ls.empty() && value(ls[0]) == 1)) return;
  if (ls.empty() || value(ls[0]) == -1) {
    base_conflict_ = static_cast<int64_t>(k);
    return;
  }
  if (ls.size() > 1 && value(ls[1]) == 0) return;  // two unassigned watches
  assign(ls[0], static_cast<int64_t>(k));          // unit under the base
  is_reason_[k] = 1;
  int64_t conflict = propagate();
  for (size_t t = base_; t < trail_.size(); ++t) is_reason_[static_cast<size_t>(reason_[static_cast<size_t>(std::abs(trail_[t]))])] = 1;
  base_ = trail_.size();
  if (conflict >= 0) base_conflict_ = conflict;
}

void RupSearch::drop_base() {
  for (int64_t l : trail_) {
    size_t v = static_cast<size_t>(l < 0 ? -l : l);
    if (reason_[v] >= 0) is_reason_[static_cast<size_t>(reason_[v])] = 0;
    value_[v] = 0, reason_[v] = -1;
  }
  trail_.clear();
  qhead_ = base_ = 0;
  base_conflict_ = -1;
  base_valid_ = false;
}

void RupSearch::make_base() {
  base_valid_ = true;
  for (size_t k : empties_)
    if (clauses_[k].alive) base_conflict_ = static_cast<int64_t>(k);
  for (size_t i = 0; base_conflict_ < 0 && i < units_.size(); ++i) {
    const Clause& c = clauses_[units_[i]];
    if (!c.alive) continue;
    int v = value(c.lits[0]);
    if (v == -1) base_conflict_ = static_cast<int64_t>(units_[i]);
    else if (v == 0) assign(c.lits[0], static_cast<int64_t>(units_[i]));
  }
  if (base_conflict_ < 0) base_conflict_ = propagate();
  for (int64_t l : trail_) is_reason_[static_cast<size_t>(reason_[static_cast<size_t>(std::abs(l))])] = 1;
  base_ = trail_.size();
}

void RupSearch::remove(uint64_t id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  size_t k = it->second;
  if (is_reason_[k] || base_conflict_ == static_cast<int64_t>(k)) drop_base();
  Clause& c = clauses_[k];
  c.alive = false;  // watch lists drop it when they meet it
  c.lits.clear();
  c.lits.shrink_to_fit();
  by_id_.erase(it);
}

int64_t RupSearch::propagate() {
  while (qhead_ < trail_.size()) {
    int64_t falsified = -trail_[qhead_++];
    std::vector<size_t>& ws = watches_[index(falsified)];
    size_t keep = 0;
    for (size_t w = 0; w < ws.size(); ++w) {
      size_t k = ws[w];
      Clause& c = clauses_[k];
      if (!c.alive) continue;  // dropped from this list
      ++propagations_;
      std::vector<int64_t>& ls = c.lits;
      if (ls[0] == falsified) std::swap(ls[0], ls[1]);
      if (value(ls[0]) == 1) {
        ws[keep++] = k;
        continue;
      }
      bool moved = false;
      for (size_t j = 2; j < ls.size(); ++j)
        if (value(ls[j]) != -1) {
          std::swap(ls[1], ls[j]);
          watches_[index(ls[1])].push_back(k);
          moved = true;
          break;
        }
      if (moved) continue;
      ws[keep++] = k;
      if (value(ls[0]) == -1) {  // conflict: keep the rest of the list
        for (++w; w < ws.size(); ++w) ws[keep++] = ws[w];
        ws.resize(keep);
        return static_cast<int64_t>(k);
      }
      assign(ls[0], static_cast<int64_t>(k));
    }
    ws.resize(keep);
  }
  return -1;
}

bool RupSearch::hints(const std::vector<int64_t>& clause, std::vector<uint64_t>& out) {
  out.clear();
  for (int64_t l : clause) grow(l);
  // A clause with a literal and its negation gets none (the kernel's RUP refuses it).
  std::vector<int64_t> by_var = clause;
  std::sort(by_var.begin(), by_var.end(), [](int64_t a, int64_t b) { return std::abs(a) < std::abs(b) || (std::abs(a) == std::abs(b) && a < b); });
  for (size_t i = 1; i < by_var.size(); ++i)
    if (by_var[i] == -by_var[i - 1]) return false;
  if (!base_valid_) make_base();
  int64_t conflict = base_conflict_;
  int64_t skip = 0;  // a variable the base makes true that the clause asserts: not a reason
  if (conflict < 0) {
    for (int64_t l : clause) {
      size_t v = static_cast<size_t>(l < 0 ? -l : l);
      int val = value(l);
      if (val == 0) {
        assign(-l, -1);
        continue;
      }
      if (val == 1) {  // the base gives l: its reason is false under the negated clause
        conflict = reason_[v], skip = static_cast<int64_t>(v);
        break;
      }
    }
    if (conflict == -1) conflict = propagate();
  }
  if (conflict >= 0) {
    // The reasons the conflict depends on, found backwards, then listed in trail order.
    // Every marked variable is on the trail (its literal is false), so the walk stops at
    // the earliest one instead of running through the whole base.
    std::vector<size_t> marked;
    size_t pending = 0;
    auto mark = [&](int64_t l) {
      size_t v = static_cast<size_t>(std::abs(l));
      if (!seen_[v] && static_cast<int64_t>(v) != skip) seen_[v] = 1, marked.push_back(v), ++pending;
    };
    for (int64_t l : clauses_[conflict].lits) mark(l);
    std::vector<uint64_t> used;
    for (size_t t = trail_.size(); t-- > 0 && pending > 0;) {
      size_t v = static_cast<size_t>(std::abs(trail_[t]));
      if (!seen_[v]) continue;
      --pending;
      if (reason_[v] < 0) continue;
      used.push_back(clauses_[reason_[v]].id);
      for (int64_t l : clauses_[reason_[v]].lits) mark(l);
    }
    out.assign(used.rbegin(), used.rend());
    out.push_back(clauses_[conflict].id);
    for (size_t v : marked) seen_[v] = 0;
  }
  // Undo the search's own part; the base stays.
  for (size_t t = base_; t < trail_.size(); ++t) {
    size_t v = static_cast<size_t>(std::abs(trail_[t]));
    value_[v] = 0, reason_[v] = -1;
  }
  trail_.resize(base_);
  qhead_ = base_;
  return conflict >= 0;
}

}  // namespace hcert::trace
