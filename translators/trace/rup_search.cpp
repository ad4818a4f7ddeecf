#include "translators/trace/rup_search.hpp"

#include <algorithm>

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
  by_id_[id] = k;
  if (lits.empty()) empties_.push_back(k);
  else if (lits.size() == 1) units_.push_back(k);
  else watches_[index(lits[0])].push_back(k), watches_[index(lits[1])].push_back(k);
}

void RupSearch::remove(uint64_t id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  Clause& c = clauses_[it->second];
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
  trail_.clear();
  qhead_ = 0;
  int64_t conflict = -1;
  bool tautology = false;
  for (int64_t l : clause) {
    int v = value(l);
    if (v == 1) tautology = true;
    else if (v == 0) assign(-l, -1);
  }
  if (!tautology) {
    for (size_t k : empties_)
      if (clauses_[k].alive) conflict = static_cast<int64_t>(k);
    for (size_t i = 0; conflict < 0 && i < units_.size(); ++i) {
      const Clause& c = clauses_[units_[i]];
      if (!c.alive) continue;
      int v = value(c.lits[0]);
      if (v == -1) conflict = static_cast<int64_t>(units_[i]);
      else if (v == 0) assign(c.lits[0], static_cast<int64_t>(units_[i]));
    }
    if (conflict < 0) conflict = propagate();
  }
  if (conflict >= 0) {
    // The reasons the conflict depends on, found backwards, then listed in trail order.
    for (int64_t l : clauses_[conflict].lits) seen_[static_cast<size_t>(l < 0 ? -l : l)] = 1;
    std::vector<uint64_t> used;
    for (size_t t = trail_.size(); t-- > 0;) {
      size_t v = static_cast<size_t>(trail_[t] < 0 ? -trail_[t] : trail_[t]);
      if (!seen_[v] || reason_[v] < 0) continue;
      used.push_back(clauses_[reason_[v]].id);
      for (int64_t l : clauses_[reason_[v]].lits) seen_[static_cast<size_t>(l < 0 ? -l : l)] = 1;
    }
    out.assign(used.rbegin(), used.rend());
    out.push_back(clauses_[conflict].id);
    for (int64_t l : clauses_[conflict].lits) seen_[static_cast<size_t>(l < 0 ? -l : l)] = 0;
  }
  for (int64_t l : trail_) {
    size_t v = static_cast<size_t>(l < 0 ? -l : l);
    value_[v] = 0, reason_[v] = -1, seen_[v] = 0;
  }
  trail_.clear();
  return conflict >= 0;
}

}  // namespace hcert::trace
