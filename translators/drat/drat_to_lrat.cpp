#include "translators/drat/drat_to_lrat.hpp"

#include <algorithm>

#include "checker/checker.hpp"

namespace hcert::sat {

using check::Failure;
using check::Outcome;

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Why one clause arena with `alive` flags and epoch-stamped watches: the backward pass
// removes lemmas and re-adds deleted clauses millions of times. Killing a clause bumps its
// epoch, so its watches become stale and are dropped when propagation next meets them;
// reviving it adds fresh watches, on literals chosen against the top-level assignment.
// The hot per-clause data (index, epoch, flags, size) is the four words right before the
// clause's literals in the arena, so that a watch visit usually touches one cache line,
// not two (the clause's header and then its literals). The literals are reordered in
// place by propagation: the watched ones are the first two.
constexpr int kCidW = -4, kEpochW = -3, kFlagsW = -2, kSizeW = -1;  // header words
constexpr int32_t kAlive = 1, kMarked = 2;                          // flags
// Cold per-clause data.
struct Clause {
  int32_t pivot = 0;    // first literal as written (RAT pivot)
  uint64_t id = 0;      // LRAT id
  bool lemma = false;
  uint64_t line = 0, offset = 0;
  uint64_t hints_at = 0;  // into the hint arena: clause indices, conflict last
  uint32_t hints_len = 0;
};

// A watch carries a blocker (the clause's other watched literal when it was made): if the
// blocker is true the clause is satisfied and need not be touched at all.
struct Watch {
  uint32_t ref, epoch;  // the clause's literals in the arena; its epoch when watched
  int32_t blocker;
};

struct Event {
  bool deletion;
  uint32_t cid;
};

}  // namespace

class Backward {
  friend class DratHints;
 public:
  // Sized by the variables the clauses use, not by the header's count: a header may claim
  // 2^31 - 1 variables for a problem of two clauses.
  explicit Backward(const Cnf& cnf) : cnf_(cnf) {
    for (const std::vector<int32_t>& c : cnf.clauses)
      for (int32_t l : c) grow(static_cast<uint32_t>(std::abs(l)));
  }

  void run(DratReader& in) {
    DratStats& st = stats;
    for (size_t i = 0; i < cnf_.clauses.size(); ++i) add_clause(cnf_.clauses[i], i + 1, false, 0, 0);
    uint64_t next_id = cnf_.clauses.size() + 1;
    uint32_t empty = kNone;
    DratStep s;
    while (empty == kNone && in.next(s)) {
      // Per-variable tables grow with the largest variable: a proof's new variables (RAT
      // extensions) are bounded by its lemmas, so a larger number is refused, not allocated.
      for (int32_t l : s.lits) {
        uint64_t v = static_cast<uint64_t>(std::abs(static_cast<int64_t>(l)));
        if (v > cnf_.vars + 2 * st.lemmas + 65536)
          throw cert::FormatError(s.line, s.offset, "variable " + std::to_string(v) + " is far beyond the problem's " +
                                                        std::to_string(cnf_.vars) + " variables");
        grow(static_cast<uint32_t>(v));
      }
      if (s.deletion) {
        ++st.deletions;
        key_.assign(s.lits.begin(), s.lits.end());
        std::sort(key_.begin(), key_.end());
        key_.erase(std::unique(key_.begin(), key_.end()), key_.end());
        uint32_t cid = find_alive(key_);
        if (cid == kNone) continue;  // deleting nothing: ignored (like drat-trim)
        if (key_.size() == 1) {  // like drat-trim: unit deletions are ignored (spec/sat.md)
          ++st.ignored_unit_deletions;
          continue;
        }
        unindex(cid);
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
    set_marked(empty);
    std::vector<int32_t> lits;
    for (size_t t = events_.size(); t-- > 0;) {
      uint32_t cid = events_[t].cid;
      if (events_[t].deletion) {
        revive(cid);
        continue;
      }
      kill(cid);
      if (!marked(cid)) continue;
      ++st.core_lemmas;
      lits.assign(lits_of(cid), lits_of(cid) + len(cid));
      cls_[cid].hints_at = hint_arena_.size();
      if (!rup(lits, &hint_arena_)) rat(cid);
      cls_[cid].hints_len = static_cast<uint32_t>(hint_arena_.size() - cls_[cid].hints_at);
    }
    st.propagations = props_;
    // Propagation is over: give its memory back before the steps are handed out.
    std::vector<std::vector<Watch>>().swap(watches_);
    std::vector<uint32_t>().swap(bucket_);
    std::vector<uint32_t>().swap(chain_);
    std::vector<uint32_t>().swap(hash_);
  }

  // The steps, forward: the needed lemmas with their hints, and the deletions.
  bool next(LratStep& out) {
    while (pos_ < events_.size()) {
      const Event& e = events_[pos_++];
      const Clause& c = cls_[e.cid];
      if (e.deletion) {
        if (c.lemma && !marked(e.cid)) continue;
        out = LratStep();
        out.deletion = true;
        out.hints = {static_cast<int64_t>(c.id)};
        return true;
      }
      if (!marked(e.cid)) continue;
      out = LratStep();
      out.id = c.id;
      for (uint32_t k = 0; k < len(e.cid); ++k) out.lits.push_back(lits_of(e.cid)[k]);
      std::sort(out.lits.begin(), out.lits.end());
      auto pv = std::find(out.lits.begin(), out.lits.end(), c.pivot);  // the RAT pivot first
      if (pv != out.lits.end()) std::rotate(out.lits.begin(), pv, pv + 1);
      for (uint32_t k = 0; k < c.hints_len; ++k) {
        uint32_t h = hint_arena_[c.hints_at + k];
        int64_t id = static_cast<int64_t>(cls_[h & ~kRatBlock].id);
        out.hints.push_back(h & kRatBlock ? -id : id);
      }
      out.line = c.line;
      out.offset = c.offset;
      return true;
    }
    return false;
  }

  DratStats stats;

 private:
  size_t pos_ = 0;
  std::vector<uint32_t> hint_arena_;

  // Why a chained hash table over clause indices (not a map of vectors): every clause of
  // the problem and the proof is indexed, and a vector per key costs an allocation each.
  // The hash of a literal set is a sum, so an indexed clause needs no sorted copy (a
  // deletion's literals are sorted into key_ once, to compare); chains run through
  // chain_ (one link per clause), newest first, so that a deletion takes the latest
  // clause with its literals.
  std::vector<uint32_t> bucket_, chain_, hash_;
  std::vector<int32_t> key_;  // the literals of the deletion being looked up, sorted
  size_t indexed_ = 0;         // clauses in the index (it is rehashed as this grows)
  static uint32_t lit_hash(const int32_t* l, uint32_t n) {
    uint64_t h = n;
    for (uint32_t k = 0; k < n; ++k) {
      uint64_t x = static_cast<uint32_t>(l[k]) * 0x9e3779b97f4a7c15ull;
      h += x ^ (x >> 29);
    }
    return static_cast<uint32_t>(h ^ (h >> 32));
  }
  void index(uint32_t cid) {
    chain_.resize(cid + 1, kNone);
    hash_.resize(cid + 1, 0);
    hash_[cid] = lit_hash(lits_of(cid), len(cid));
    if (++indexed_ > bucket_.size()) {  // double, relinking the indexed clauses oldest first
      std::vector<uint32_t> live;
      for (uint32_t b : bucket_)
        for (uint32_t c = b; c != kNone; c = chain_[c]) live.push_back(c);
      std::sort(live.begin(), live.end());
      bucket_.assign(std::max<size_t>(1024, 2 * bucket_.size()), kNone);
      for (uint32_t c : live) link(c);
    }
    link(cid);
  }
  void link(uint32_t cid) {
    uint32_t& b = bucket_[hash_[cid] & (bucket_.size() - 1)];
    chain_[cid] = b;
    b = cid;
  }
  // `key`: sorted, no duplicates.
  uint32_t find_alive(const std::vector<int32_t>& key) {
    if (bucket_.empty()) return kNone;
    uint32_t h = lit_hash(key.data(), static_cast<uint32_t>(key.size()));
    for (uint32_t c = bucket_[h & (bucket_.size() - 1)]; c != kNone; c = chain_[c]) {
      if (hash_[c] != h || len(c) != key.size()) continue;
      const int32_t* l = lits_of(c);
      uint32_t k = 0;
      while (k < key.size() && std::binary_search(key.begin(), key.end(), l[k])) ++k;
      if (k == key.size()) return c;
    }
    return kNone;
  }
  void unindex(uint32_t cid) {
    uint32_t* p = &bucket_[hash_[cid] & (bucket_.size() - 1)];
    while (*p != cid) p = &chain_[*p];
    *p = chain_[cid];
    --indexed_;
  }

  static std::vector<int32_t> sorted(std::vector<int32_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }
  static size_t idx(int32_t lit) { return 2 * static_cast<size_t>(std::abs(lit)) + (lit < 0); }
  int32_t* lits_of(uint32_t cid) { return arena_.data() + start_[cid]; }
  int32_t& hdr(uint32_t cid, int w) { return arena_[start_[cid] + w]; }
  uint32_t len(uint32_t cid) { return static_cast<uint32_t>(hdr(cid, kSizeW)); }
  bool alive(uint32_t cid) { return hdr(cid, kFlagsW) & kAlive; }
  bool marked(uint32_t cid) { return hdr(cid, kFlagsW) & kMarked; }
  void set_marked(uint32_t cid) { hdr(cid, kFlagsW) |= kMarked; }

  void grow(uint32_t var) {
    if (reason_.size() <= var) {
      size_t n = static_cast<size_t>(var) + 1;  // in 64 bits: 4 * 2^31 wraps in 32
      reason_.resize(n, kNone);
      level_.resize(n, 0);
      seen_.resize(n, 0);
      watches_.resize(4 * n);
      lval_.resize(2 * n, 0);
    }
  }

  // Each literal has two watch lists, for marked (core) and unmarked clauses, so that each
  // pass of core-first propagation reads only its own clauses. A clause marked while its
  // watches sit in the unmarked lists moves when the unmarked pass next meets it.
  std::vector<Watch>& watches(int32_t lit, bool core) { return watches_[2 * idx(lit) + core]; }
  void watch(uint32_t cid) {
    const int32_t* l = lits_of(cid);
    bool core = marked(cid);
    uint32_t epoch = static_cast<uint32_t>(hdr(cid, kEpochW));
    watches(l[0], core).push_back({start_[cid], epoch, l[1]});
    watches(l[1], core).push_back({start_[cid], epoch, l[0]});
  }
  // A dead clause no longer justifies anything: if it was the top-level conflict or the
  // reason of a top-level literal (always its first literal), the top level is cut there.
  void kill(uint32_t cid) {
    hdr(cid, kFlagsW) &= ~kAlive;
    ++hdr(cid, kEpochW);
    if (cid == top_conflict_) return unsettle();
    if (len(cid) == 0) return;
    uint32_t v = static_cast<uint32_t>(std::abs(lits_of(cid)[0]));
    if (reason_[v] == cid) retract_from_ = std::min(retract_from_, level_[v]), unsettle();
  }
  // A revived clause watches its best two literals under the top-level assignment (true,
  // then unassigned, then the latest false), so that it is unit (propagated at once) or
  // false (the top-level conflict) only if all its other literals are false.
  void revive(uint32_t cid) {
    hdr(cid, kFlagsW) |= kAlive;
    uint32_t n = len(cid);
    if (n == 0) {
      if (top_conflict_ == kNone) top_conflict_ = cid;
      return;
    }
    if (n == 1) {
      units_pending_ = true;
      return;
    }
    int32_t* l = lits_of(cid);
    auto rank = [&](int32_t lit) -> uint64_t {
      int8_t v = value(lit);
      return v > 0 ? UINT64_MAX : v == 0 ? UINT64_MAX - 1 : level_[std::abs(lit)];
    };
    for (uint32_t w = 0; w < 2; ++w)
      for (uint32_t k = w + 1; k < n; ++k)
        if (rank(l[k]) > rank(l[w])) std::swap(l[w], l[k]);
    watch(cid);
    if (top_conflict_ != kNone || value(l[1]) >= 0 || value(l[0]) > 0) return;
    if (value(l[0]) < 0) top_conflict_ = cid;
    else assign(l[0], cid);
  }

  // The literals (duplicates removed), with the first one as written kept first: RAT is
  // checked on it.
  uint32_t add_clause(const std::vector<int32_t>& lits, uint64_t id, bool lemma, uint64_t line, uint64_t off) {
    uint32_t cid = static_cast<uint32_t>(cls_.size());
    std::vector<int32_t> ls = sorted(lits);
    int32_t pivot = lits.empty() ? 0 : lits[0];
    auto p = std::find(ls.begin(), ls.end(), pivot);
    if (p != ls.end()) std::iter_swap(ls.begin(), p);
    arena_.insert(arena_.end(), {static_cast<int32_t>(cid), 0, kAlive, static_cast<int32_t>(ls.size())});
    start_.push_back(static_cast<uint32_t>(arena_.size()));
    arena_.insert(arena_.end(), ls.begin(), ls.end());
    Clause c;
    c.pivot = pivot;
    c.id = id;
    c.lemma = lemma;
    c.line = line;
    c.offset = off;
    cls_.push_back(std::move(c));
    if (ls.size() >= 2) watch(cid);
    else if (ls.size() == 1) units_.push_back(cid);
    else if (!lemma) empties_.push_back(cid);
    index(cid);
    return cid;
  }

  int8_t value(int32_t lit) const { return lval_[idx(lit)]; }
  void assign(int32_t lit, uint32_t reason) {
    lval_[idx(lit)] = 1;
    lval_[idx(-lit)] = -1;
    reason_[std::abs(lit)] = reason;
    level_[std::abs(lit)] = static_cast<uint32_t>(trail_.size());
    trail_.push_back(lit);
  }
  void unassign(int32_t l) { lval_[idx(l)] = 0, lval_[idx(-l)] = 0, reason_[std::abs(l)] = kNone; }
  void undo(size_t to) {
    while (trail_.size() > to) {
      unassign(trail_.back());
      trail_.pop_back();
    }
  }

  // Why a persistent top-level assignment: the literals the alive unit clauses imply by
  // propagation are the same for thousands of consecutive RUP checks (manol-pipe-c9 has
  // 1,700 units), so they stay assigned; a check pushes the lemma's negation above them
  // and undoes down to them. As before every check, all alive units are assigned before
  // anything propagates (a unit's own clause is its reason). The top level is kept a
  // fixpoint of propagation (or a conflict) lazily: going backwards, a dying reason takes
  // its literal and the literals depending on it off the trail (`retract`, once before
  // the next check for all the reasons that died since, so that its cost is bounded by
  // the propagation that follows); since that can leave a clause unit under what
  // remains, with its watches already visited, the remaining trail is propagated again
  // from its start (`unsettle`). A revived clause is watched so that it is unit or false
  // only if it really is (`revive`; until the retraction its choice may rest on literals
  // about to go, which the propagation from the start then corrects).
  size_t top_core_ = 0, top_all_ = 0;  // propagation heads of the top-level trail
  uint32_t top_conflict_ = kNone;      // an alive clause false at the top level
  bool units_pending_ = true;          // some alive unit clause may be unassigned
  uint32_t retract_from_ = kNone;      // trail position of the earliest dead reason

  void unsettle() {
    top_core_ = top_all_ = 0;
    top_conflict_ = kNone;
    units_pending_ = true;
  }
  // Takes off the trail, from position `at` on, every literal whose reason is dead or has
  // another literal no longer false; the rest keep their order.
  void retract(size_t at) {
    size_t keep = at;
    for (size_t i = at; i < trail_.size(); ++i) {
      int32_t l = trail_[i];
      uint32_t r = reason_[std::abs(l)];
      const int32_t* rl = lits_of(r);
      bool holds = alive(r);
      for (uint32_t k = 0; k < len(r) && holds; ++k) holds = rl[k] == l || value(rl[k]) < 0;
      if (!holds) {
        unassign(l);
        continue;
      }
      level_[std::abs(l)] = static_cast<uint32_t>(keep);
      trail_[keep++] = l;
    }
    trail_.resize(keep);
  }
  // Assigns the alive units; returns a conflicting clause (an empty one, or a false unit).
  uint32_t assign_units() {
    for (uint32_t e : empties_)
      if (alive(e)) return e;
    for (uint32_t u : units_) {
      if (!alive(u)) continue;
      int32_t l = lits_of(u)[0];
      int8_t v = value(l);
      if (v < 0) return u;
      if (v == 0) assign(l, u);
    }
    return kNone;
  }
  // Makes the top level a fixpoint (or finds its conflict).
  void settle() {
    if (retract_from_ != kNone) retract(retract_from_), retract_from_ = kNone, unsettle();
    if (top_conflict_ != kNone) return;
    if (units_pending_) {
      units_pending_ = false;
      if ((top_conflict_ = assign_units()) != kNone) return;
    }
    top_conflict_ = propagate(top_core_, top_all_);
  }

  // Core-first (as drat-trim): clauses already needed by the proof (marked) propagate to
  // a fixpoint before any other clause may add one literal, which keeps the set of needed
  // lemmas small.
  uint32_t propagate(size_t& core_head, size_t& all_head) {
    for (;;) {
      while (core_head < trail_.size())
        if (uint32_t r = visit(-trail_[core_head++], true); r != kNone) return r;
      if (all_head >= trail_.size()) return kNone;
      if (uint32_t r = visit(-trail_[all_head++], false); r != kNone) return r;
    }
  }

  // Visits the watches of a literal that just became false, for marked (core) or unmarked
  // clauses only; returns a conflicting clause or kNone.
  uint32_t visit(int32_t falsified, bool core) {
    std::vector<Watch>& ws = watches(falsified, core);
    size_t keep = 0, n = ws.size();
    for (size_t i = 0; i < n; ++i) {
      Watch w = ws[i];
      if (value(w.blocker) > 0) { ws[keep++] = w; continue; }
      int32_t* l = arena_.data() + w.ref;
      if (static_cast<uint32_t>(l[kEpochW]) != w.epoch) continue;  // killed since: drop
      ++props_;
      if (l[0] == falsified) std::swap(l[0], l[1]);
      if (l[1] != falsified) continue;  // stale duplicate from an older revival
      bool m = l[kFlagsW] & kMarked;
      uint32_t size = static_cast<uint32_t>(l[kSizeW]);
      // A clause marked since its watches were filed moves to the core lists.
      std::vector<Watch>& home = m == core ? ws : watches(falsified, m);
      if (value(l[0]) > 0) {
        w.blocker = l[0];
        if (&home == &ws) ws[keep++] = w; else home.push_back(w);
        continue;
      }
      uint32_t k = 2;
      while (k < size && value(l[k]) < 0) ++k;
      if (k < size) {
        std::swap(l[1], l[k]);
        watches(l[1], m).push_back({w.ref, w.epoch, l[0]});
        continue;
      }
      if (&home == &ws) ws[keep++] = w; else home.push_back(w);
      if (value(l[0]) < 0) {
        for (++i; i < n; ++i) ws[keep++] = ws[i];
        ws.resize(keep);
        return static_cast<uint32_t>(l[kCidW]);
      }
      assign(l[0], static_cast<uint32_t>(l[kCidW]));
    }
    ws.resize(keep);
    return kNone;
  }

  // Is `lits` RUP w.r.t. the alive clauses? On success with `hints`, the reasons the
  // conflict depends on, in propagation order, and then the conflict clause are appended
  // to it (as clause indices) and marked as needed.
  bool rup(const std::vector<int32_t>& lits, std::vector<uint32_t>* hints) {
    settle();
    // A lemma literal true at the top level (rare: 3% of the checks on manol-pipe-c9) is
    // checked from scratch, its negation assumed before the units as the top level would
    // not have it. Taking the literal's top-level reason as the conflict instead (as
    // drat-trim does) can need a RAT lemma whose candidate clause the LRAT translation
    // knows only strengthened (without the negated pivot), which it refuses.
    bool scratch = false;
    for (int32_t l : lits) scratch = scratch || value(l) > 0;
    if (scratch) undo(0), unsettle();
    size_t mark = trail_.size();
    for (int32_t l : lits) {
      int8_t v = value(l);
      if (v == 0) assign(-l, kNone);
      if (v > 0) {
        undo(mark);  // the lemma has l and ¬l: not expressible as a RUP step
        return false;
      }
    }
    uint32_t conflict = scratch ? assign_units() : top_conflict_;
    size_t core_head = mark, all_head = mark;
    if (conflict == kNone) conflict = propagate(core_head, all_head);
    if (conflict == kNone) {
      undo(mark);
      return false;
    }
    // Collect the reasons the conflict depends on, each with the trail position of the
    // literal it propagated (hints must follow propagation order). The lemma's variables
    // are assumptions: a top-level reason of one is not needed.
    used_.clear();
    seen_vars_.clear();
    for (int32_t l : lits) {
      uint32_t v = static_cast<uint32_t>(std::abs(l));
      if (!seen_[v]) seen_[v] = 1, seen_vars_.push_back(v);
    }
    stack_.assign(lits_of(conflict), lits_of(conflict) + len(conflict));
    while (!stack_.empty()) {
      uint32_t v = static_cast<uint32_t>(std::abs(stack_.back()));
      stack_.pop_back();
      uint32_t r = reason_[v];
      if (r == kNone || seen_[v]) continue;
      seen_[v] = 1;
      seen_vars_.push_back(v);
      used_.push_back({level_[v], r});
      const int32_t* rl = lits_of(r);
      for (uint32_t k = 0; k < len(r); ++k)
        if (static_cast<uint32_t>(std::abs(rl[k])) != v) stack_.push_back(rl[k]);
    }
    for (uint32_t v : seen_vars_) seen_[v] = 0;
    std::sort(used_.begin(), used_.end());
    if (hints) {
      for (auto [pos, r] : used_) hints->push_back(r), set_marked(r);
      hints->push_back(conflict);
      set_marked(conflict);
    }
    undo(mark);
    return true;
  }

  // A lemma that is not RUP: RAT on its first literal p as written, if for every alive
  // clause D with ¬p the resolvent C ∪ (D − ¬p) is a tautology or RUP. Its hints are then
  // LRAT's RAT blocks: D (flagged) followed by the resolvent's hints; D becomes needed.
  static constexpr uint32_t kRatBlock = 0x80000000u;
  void rat(uint32_t cid) {
    const Clause& c = cls_[cid];
    std::string where = c.line ? "line " + std::to_string(c.line) : "byte " + std::to_string(c.offset);
    if (c.pivot == 0) throw Failure(Outcome::Rejected, "DRAT " + where + ": the empty clause is not RUP");
    std::vector<int32_t> mine(lits_of(cid), lits_of(cid) + len(cid));
    for (uint32_t d = 0; d < cls_.size(); ++d) {
      const int32_t* dl = lits_of(d);
      if (!alive(d) || std::find(dl, dl + len(d), -c.pivot) == dl + len(d)) continue;
      std::vector<int32_t> res = mine;
      for (uint32_t k = 0; k < len(d); ++k)
        if (dl[k] != -c.pivot) res.push_back(dl[k]);
      res = sorted(res);
      bool tautology = false;  // a resolvent with y and ¬y holds outright
      for (int32_t l : res) tautology = tautology || std::binary_search(res.begin(), res.end(), -l);
      set_marked(d);
      hint_arena_.push_back(d | kRatBlock);  // an empty block for a tautology, as lrat-check wants
      if (tautology) continue;
      if (!rup(res, &hint_arena_))
        throw Failure(Outcome::Rejected, "DRAT " + where + ": the lemma is neither RUP nor RAT");
    }
  }

  const Cnf& cnf_;
  std::vector<int32_t> arena_;
  std::vector<uint32_t> start_;  // each clause's literals in the arena
  std::vector<Clause> cls_;
  std::vector<Event> events_;
  std::vector<uint32_t> units_, empties_;
  std::vector<std::vector<Watch>> watches_;
  std::vector<int8_t> lval_;  // value of each literal (index 2|l| + sign): 1 true, -1 false
  std::vector<uint32_t> reason_, level_;
  std::vector<uint8_t> seen_;
  std::vector<int32_t> trail_;
  std::vector<std::pair<uint32_t, uint32_t>> used_;  // conflict analysis: (trail position, reason)
  // Conflict analysis scratch, kept for its capacity: the variables marked seen (to clear
  // them after) and the literals still to visit.
  std::vector<uint32_t> seen_vars_;
  std::vector<int32_t> stack_;
  uint64_t props_ = 0;
};

DratHints::DratHints(const Cnf& cnf, DratReader& in) : impl_(std::make_unique<Backward>(cnf)) { impl_->run(in); }
DratHints::~DratHints() = default;
bool DratHints::next(LratStep& s) { return impl_->next(s); }
const DratStats& DratHints::stats() const { return impl_->stats; }

std::vector<LratStep> drat_to_lrat(const Cnf& cnf, DratReader& in, DratStats* stats) {
  DratHints h(cnf, in);
  std::vector<LratStep> out;
  LratStep s;
  while (h.next(s)) out.push_back(s);
  if (stats) *stats = h.stats();
  return out;
}

}  // namespace hcert::sat
