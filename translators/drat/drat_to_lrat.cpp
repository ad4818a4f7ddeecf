#include "translators/drat/drat_to_lrat.hpp"

#include <algorithm>
#include <unordered_map>

#include "checker/checker.hpp"

namespace hcert::sat {

using check::Failure;
using check::Outcome;

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Why one clause array with `alive` flags and epoch-stamped watches: the backward pass
// removes lemmas and re-adds deleted clauses millions of times. Killing a clause bumps its
// epoch, so its watches become stale and are dropped when propagation next meets them;
// reviving it adds fresh watches. Since every RUP check starts from an empty assignment, a
// revived clause satisfies the two-watched-literal invariant at once.
struct Clause {
  std::vector<int32_t> lits;  // reordered by propagation (watches are lits[0], lits[1])
  int32_t pivot = 0;          // first literal as written (RAT pivot)
  uint64_t id = 0;            // LRAT id
  bool alive = true, marked = false, lemma = false;
  uint32_t epoch = 0;
  uint64_t line = 0, offset = 0;
  std::vector<int64_t> hints;
};

struct Watch {
  uint32_t cid, epoch;
};

struct Event {
  bool deletion;
  uint32_t cid;
};

struct VecHash {
  size_t operator()(const std::vector<int32_t>& v) const {
    uint64_t h = 1469598103934665603ull;
    for (int32_t x : v) h = (h ^ static_cast<uint32_t>(x)) * 1099511628211ull;
    return h;
  }
};

class Backward {
 public:
  explicit Backward(const Cnf& cnf) : cnf_(cnf) { grow(cnf.vars); }

  std::vector<LratStep> run(DratReader& in, DratStats& st) {
    for (size_t i = 0; i < cnf_.clauses.size(); ++i) add_clause(cnf_.clauses[i], i + 1, false, 0, 0);
    uint64_t next_id = cnf_.clauses.size() + 1;
    uint32_t empty = kNone;
    DratStep s;
    while (empty == kNone && in.next(s)) {
      for (int32_t l : s.lits) grow(static_cast<uint32_t>(std::abs(l)));
      if (s.deletion) {
        ++st.deletions;
        std::vector<int32_t> key = sorted(s.lits);
        auto it = by_lits_.find(key);
        if (it == by_lits_.end() || it->second.empty()) continue;  // deleting nothing: ignored
        uint32_t cid = it->second.back();
        if (key.size() == 1) {  // like drat-trim: unit deletions are ignored (spec/sat.md)
          ++st.ignored_unit_deletions;
          continue;
        }
        it->second.pop_back();
        kill(cid);
        events_.push_back({true, cid});
        continue;
      }
      ++st.lemmas;
      uint32_t cid = add_clause(s.lits, next_id++, true, s.line, s.offset);
      events_.push_back({false, cid});
      if (s.lits.empty()) empty = cid;
    }
    if (empty == kNone) throw Failure(Outcome::Rejected, "DRAT: the proof does not add the empty clause");

    // Backwards from the empty clause: un-add lemmas, re-add deleted clauses, check the
    // lemmas the refutation needs.
    cls_[empty].marked = true;
    for (size_t t = events_.size(); t-- > 0;) {
      uint32_t cid = events_[t].cid;
      if (events_[t].deletion) {
        revive(cid);
        continue;
      }
      kill(cid);
      Clause& c = cls_[cid];
      if (!c.marked) continue;
      ++st.core_lemmas;
      if (!rup(events_[t].cid, c.lits, &c.hints)) reject_or_rat(events_[t].cid);
    }
    st.propagations = props_;

    // Forward again: the needed lemmas with their hints, and the deletions.
    std::vector<LratStep> out;
    for (const Event& e : events_) {
      const Clause& c = cls_[e.cid];
      if (e.deletion) {
        if (c.lemma && !c.marked) continue;
        LratStep d;
        d.deletion = true;
        d.hints = {static_cast<int64_t>(c.id)};
        out.push_back(std::move(d));
      } else if (c.marked) {
        LratStep a;
        a.id = c.id;
        for (int32_t l : sorted(original_[e.cid])) a.lits.push_back(l);
        a.hints = c.hints;
        a.line = c.line;
        a.offset = c.offset;
        out.push_back(std::move(a));
      }
    }
    return out;
  }

 private:
  static std::vector<int32_t> sorted(std::vector<int32_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }
  static size_t idx(int32_t lit) { return 2 * static_cast<size_t>(std::abs(lit)) + (lit < 0); }

  void grow(uint32_t var) {
    if (value_.size() <= var) {
      value_.resize(var + 1, 0);
      reason_.resize(var + 1, kNone);
      level_.resize(var + 1, 0);
      seen_.resize(var + 1, 0);
      watches_.resize(2 * (var + 1));
    }
  }

  uint32_t add_clause(const std::vector<int32_t>& lits, uint64_t id, bool lemma, uint64_t line, uint64_t off) {
    uint32_t cid = static_cast<uint32_t>(cls_.size());
    Clause c;
    c.lits = sorted(lits);
    c.pivot = lits.empty() ? 0 : lits[0];
    // Keep the pivot first among the literals as written (RAT is checked on it).
    auto p = std::find(c.lits.begin(), c.lits.end(), c.pivot);
    if (p != c.lits.end()) std::iter_swap(c.lits.begin(), p);
    c.id = id;
    c.lemma = lemma;
    c.line = line;
    c.offset = off;
    if (c.lits.size() >= 2) {
      watches_[idx(c.lits[0])].push_back({cid, 0});
      watches_[idx(c.lits[1])].push_back({cid, 0});
    } else if (c.lits.size() == 1) {
      units_.push_back(cid);
    } else if (!lemma) {
      empties_.push_back(cid);
    }
    by_lits_[sorted(lits)].push_back(cid);
    original_.push_back(lits);
    cls_.push_back(std::move(c));
    return cid;
  }

  void kill(uint32_t cid) {
    cls_[cid].alive = false;
    ++cls_[cid].epoch;
  }
  void revive(uint32_t cid) {
    Clause& c = cls_[cid];
    c.alive = true;
    if (c.lits.size() >= 2) {
      watches_[idx(c.lits[0])].push_back({cid, c.epoch});
      watches_[idx(c.lits[1])].push_back({cid, c.epoch});
    }
  }

  int8_t value(int32_t lit) const {
    int8_t v = value_[std::abs(lit)];
    return lit > 0 ? v : -v;
  }
  void assign(int32_t lit, uint32_t reason) {
    value_[std::abs(lit)] = lit > 0 ? 1 : -1;
    reason_[std::abs(lit)] = reason;
    level_[std::abs(lit)] = static_cast<uint32_t>(trail_.size());
    trail_.push_back(lit);
  }
  void undo() {
    for (int32_t l : trail_) value_[std::abs(l)] = 0, reason_[std::abs(l)] = kNone;
    trail_.clear();
  }

  // Unit propagation over the alive clauses from the current trail; returns the conflict
  // clause or kNone.
  uint32_t propagate(size_t head) {
    for (uint32_t e : empties_)
      if (cls_[e].alive) return e;
    for (uint32_t u : units_) {
      const Clause& c = cls_[u];
      if (!c.alive) continue;
      int8_t v = value(c.lits[0]);
      if (v < 0) return u;
      if (v == 0) assign(c.lits[0], u);
    }
    while (head < trail_.size()) {
      int32_t falsified = -trail_[head++];
      std::vector<Watch>& ws = watches_[idx(falsified)];
      size_t keep = 0;
      for (size_t i = 0; i < ws.size(); ++i) {
        Watch w = ws[i];
        Clause& c = cls_[w.cid];
        if (!c.alive || c.epoch != w.epoch) continue;  // stale: drop
        ++props_;
        if (c.lits[0] == falsified) std::swap(c.lits[0], c.lits[1]);
        if (c.lits[1] != falsified) continue;  // stale duplicate from an older revival
        if (value(c.lits[0]) > 0) { ws[keep++] = w; continue; }
        size_t k = 2;
        while (k < c.lits.size() && value(c.lits[k]) < 0) ++k;
        if (k < c.lits.size()) {
          std::swap(c.lits[1], c.lits[k]);
          watches_[idx(c.lits[1])].push_back(w);
          continue;
        }
        ws[keep++] = w;
        if (value(c.lits[0]) < 0) {
          for (++i; i < ws.size(); ++i) ws[keep++] = ws[i];
          ws.resize(keep);
          return w.cid;
        }
        assign(c.lits[0], w.cid);
      }
      ws.resize(keep);
    }
    return kNone;
  }

  // Is `lits` RUP w.r.t. the alive clauses? On success, hints (LRAT ids in propagation
  // order, conflict last) and the clauses used are marked.
  bool rup(uint32_t self, const std::vector<int32_t>& lits, std::vector<int64_t>* hints) {
    (void)self;
    for (int32_t l : lits) {
      int8_t v = value(l);
      if (v > 0) { undo(); return false; }  // tautology: not expressible as a RUP step
      if (v == 0) assign(-l, kNone);
    }
    uint32_t conflict = propagate(0);
    if (conflict == kNone) { undo(); return false; }
    // Collect the reasons the conflict depends on.
    // Collect the reasons the conflict depends on, each with the trail position of the
    // literal it propagated (hints must follow propagation order).
    std::vector<std::pair<uint32_t, uint32_t>> used;  // (trail position, clause)
    std::vector<int32_t> stack(cls_[conflict].lits.begin(), cls_[conflict].lits.end());
    std::vector<uint32_t> seen_vars;
    while (!stack.empty()) {
      uint32_t v = static_cast<uint32_t>(std::abs(stack.back()));
      stack.pop_back();
      uint32_t r = reason_[v];
      if (r == kNone || seen_[v]) continue;
      seen_[v] = 1;
      seen_vars.push_back(v);
      used.push_back({level_[v], r});
      for (int32_t x : cls_[r].lits)
        if (static_cast<uint32_t>(std::abs(x)) != v) stack.push_back(x);
    }
    for (uint32_t v : seen_vars) seen_[v] = 0;
    std::sort(used.begin(), used.end());
    if (hints) {
      hints->clear();
      for (auto [pos, r] : used) hints->push_back(static_cast<int64_t>(cls_[r].id)), cls_[r].marked = true;
      hints->push_back(static_cast<int64_t>(cls_[conflict].id));
      cls_[conflict].marked = true;
    }
    undo();
    return true;
  }

  [[noreturn]] void reject_or_rat(uint32_t cid) {
    Clause& c = cls_[cid];
    std::string where = c.line ? "line " + std::to_string(c.line) : "byte " + std::to_string(c.offset);
    bool rat = c.pivot != 0;
    for (size_t d = 0; rat && d < cls_.size(); ++d) {
      if (!cls_[d].alive || std::find(cls_[d].lits.begin(), cls_[d].lits.end(), -c.pivot) == cls_[d].lits.end()) continue;
      std::vector<int32_t> res = original_[cid];
      for (int32_t x : cls_[d].lits)
        if (x != -c.pivot) res.push_back(x);
      rat = rup(kNone, sorted(res), nullptr);
    }
    if (rat) throw Failure(Outcome::Incomplete, "DRAT " + where + ": a RAT lemma (not supported yet)");
    throw Failure(Outcome::Rejected, "DRAT " + where + ": the lemma is neither RUP nor RAT");
  }

  const Cnf& cnf_;
  std::vector<Clause> cls_;
  std::vector<std::vector<int32_t>> original_;
  std::vector<Event> events_;
  std::vector<uint32_t> units_;
  std::unordered_map<std::vector<int32_t>, std::vector<uint32_t>, VecHash> by_lits_;
  std::vector<std::vector<Watch>> watches_;
  std::vector<int8_t> value_;
  std::vector<uint32_t> reason_, level_;
  std::vector<uint8_t> seen_;
  std::vector<uint32_t> empties_;  // empty clauses of the problem
  std::vector<int32_t> trail_;
  uint64_t props_ = 0;
};

}  // namespace

std::vector<LratStep> drat_to_lrat(const Cnf& cnf, DratReader& in, DratStats* stats) {
  DratStats st;
  auto out = Backward(cnf).run(in, st);
  if (stats) *stats = st;
  return out;
}

}  // namespace hcert::sat
