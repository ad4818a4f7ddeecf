#include "translators/drat/drat_to_lrat.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include "translators/drat/frat_steps.hpp"
#include "trusted/outcome.hpp"

namespace hcert::sat {

using check::Failure;
using check::Outcome;

namespace {

// Cold per-clause data, 16 bytes: one record per clause of the problem and the proof lives
// through the pass (the problem's clauses first, then the lemmas in the proof's order). A
// clause's LRAT id is its index + 1 (`id_of`); where a lemma was read is kept beside, per
// lemma (`lemma_where_`).
struct Clause {
  int32_t pivot = 0;      // first literal as written (RAT pivot)
  uint32_t hints_at = 0;  // into the hint arena: clause indices, conflict last
  uint32_t hints_len = 0;
  bool lemma = false;
  bool hinted = false;    // the proof gave the hints (FRAT 'l'): they are not searched for
};

struct Event {
  bool deletion;
  uint32_t cid;
};

}  // namespace

class Backward : private FratSteps {
  friend class DratHints;
 public:
  // Sized by the variables the clauses use, not by the header's count: a header may claim
  // 2^31 - 1 variables for a problem of two clauses.
  explicit Backward(const Cnf& cnf) : cnf_(cnf) {
    lval_.assign(1, 0);  // variable 0 (none): grown below
    lit_val_ = lval_.data();
    watches_.resize(2);
    watch_base_ = watches_.data();
    uint32_t vars = 0;  // grown once to the problem's variables, not doubled to them
    for (const std::vector<int32_t>& c : cnf.clauses)
      for (int32_t l : c) vars = std::max(vars, static_cast<uint32_t>(std::abs(l)));
    grow(vars);
  }

  void run(DratReader& in, const DratPoll& poll) {
    DratStep d;
    uint32_t empty = read([&](InStep& s) {
      if (!in.next(d)) return false;
      s.kind = d.deletion ? InStep::Delete : InStep::Add;
      s.lits.swap(d.lits);
      s.line = d.line, s.offset = d.offset;
      return true;
    }, poll, "DRAT");
    backward(empty, poll);
  }
  void run(FratReader& in, const DratPoll& poll) {
    FratStep f;
    auto next = [&](InStep& s) {
      while (in.next(f))
        if (frat_step(f, s, cnf_, static_cast<uint32_t>(cls_.size()))) return true;
      return false;
    };
    uint32_t empty = read(next, poll, "FRAT");
    after_empty_ = true;  // the rest is read for its 'f' steps, against the clauses alive at the end
    InStep rest;
    while (next(rest)) {}
    backward(empty, poll);
  }

  // Reads the proof up to its first empty clause (returned): the events, and the clause
  // set as it is there.
  uint32_t read(const std::function<bool(InStep&)>& next_step, const DratPoll& poll, const char* format) {
    DratStats& st = stats;
    format_ = format;
    cls_.reserve(cnf_.clauses.size());
    for (size_t i = 0; i < cnf_.clauses.size(); ++i) add_clause(cnf_.clauses[i], false, 0, 0);
    uint32_t empty = kNone;
    InStep s;
    while (empty == kNone && next_step(s)) {
      if (poll && ((st.lemmas + st.deletions) & 65535) == 65535) poll({"reading", st.lemmas + st.deletions + 1, 0, format});
      // Per-variable tables grow with the largest variable: a proof's new variables (RAT
      // extensions) are bounded by its lemmas, so a larger number is refused, not allocated.
      for (int32_t l : s.lits) {
        uint64_t v = static_cast<uint64_t>(std::abs(static_cast<int64_t>(l)));
        if (v > cnf_.vars + 2 * st.lemmas + 65536)
          throw cert::FormatError(s.line, s.offset, "variable " + std::to_string(v) + " is far beyond the problem's " +
                                                        std::to_string(cnf_.vars) + " variables");
        grow(static_cast<uint32_t>(v));
      }
      if (s.kind == InStep::Delete) {
        ++st.deletions;
        uint32_t cid = s.target;
        if (cid == kNone) {
          key_.assign(s.lits.begin(), s.lits.end());
          std::sort(key_.begin(), key_.end());
          key_.erase(std::unique(key_.begin(), key_.end()), key_.end());
          cid = find_alive(key_);
          if (cid == kNone) continue;  // deleting nothing: ignored (like drat-trim)
        }
        if (len(cid) == 1) {  // like drat-trim: unit deletions are ignored (spec/sat.md)
          ++st.ignored_unit_deletions;
          continue;
        }
        unindex(cid);
        kill(cid);
        events_.push_back({true, cid});
        continue;
      }
      if (s.kind != InStep::Add) continue;
      ++st.lemmas;
      uint32_t cid = add_clause(s.lits, true, s.line, s.offset);
      events_.push_back({false, cid});
      if (s.hinted) {
        Clause& c = cls_[cid];
        c.hinted = true;
        c.hints_at = hint_end();
        hint_arena_.append(s.hints.begin(), s.hints.end());
        c.hints_len = static_cast<uint32_t>(s.hints.size());
      }
      if (s.lits.empty()) empty = cid;
    }
    if (empty == kNone) throw Failure(Outcome::Rejected, std::string(format) + ": the proof does not add the empty clause");
    return empty;
  }

  // The caller's poll while going backwards: every 1,024 proof steps, and within a step
  // every 2^20 units of work (clause visits, and clauses a RAT check reads), so that a
  // time limit holds on one long RAT check too.
  const DratPoll* poll_ = nullptr;
  const char* format_ = "DRAT";  // what the proof is, for the poll
  uint64_t backward_done_ = 0, rat_reads_ = 0, polled_at_work_ = 0;
  void poll_backward() {
    polled_at_work_ = props_ + rat_reads_;
    if (poll_ && *poll_) (*poll_)({"backward", backward_done_, events_.size(), format_});
  }
  void maybe_poll_backward() {
    if (props_ + rat_reads_ - polled_at_work_ > (uint64_t(1) << 20)) poll_backward();
  }

  void backward(uint32_t empty, const DratPoll& poll) {
    poll_ = &poll;
    DratStats& st = stats;

    // Backwards from the empty clause: un-add lemmas, re-add deleted clauses, check the
    // lemmas the refutation needs.
    set_marked(empty);
    std::vector<int32_t> lits;
    for (size_t t = events_.size(); t-- > 0;) {
      backward_done_ = events_.size() - t;
      if ((backward_done_ & 1023) == 0) poll_backward();
      else maybe_poll_backward();
      uint32_t cid = events_[t].cid;
      if (events_[t].deletion) {
        revive(cid);
        continue;
      }
      kill(cid);
      if (!marked(cid)) continue;
      ++st.core_lemmas;
      if (cls_[cid].hinted) {  // the proof's own hints: needed as they are (the kernel checks them)
        for (uint32_t k = 0; k < cls_[cid].hints_len; ++k) set_marked(hint_arena_[cls_[cid].hints_at + k] & ~kRatBlock);
        continue;
      }
      lits.assign(lits_of(cid), lits_of(cid) + len(cid));
      cls_[cid].hints_at = hint_end();
      if (!rup(lits, &hint_arena_)) rat(cid);
      cls_[cid].hints_len = static_cast<uint32_t>(hint_arena_.size() - cls_[cid].hints_at);
    }
    st.propagations = props_;
    poll_ = nullptr;  // (the caller's poll is not kept past the pass)
    // Propagation is over: give its memory back before the steps are handed out.
    std::vector<std::vector<Watch>>().swap(watches_);
    watch_base_ = nullptr;
    std::vector<uint32_t>().swap(bucket_);
    std::vector<uint32_t>().swap(chain_);
    std::vector<uint32_t>().swap(hash_);
    std::vector<uint32_t>().swap(occ_start_);
    std::vector<uint32_t>().swap(occ_);
    settle_steps();
  }

  // Once the pass is over, the events are filtered in place to the steps handed out (the
  // needed lemmas and the deletions the certificate keeps) and the propagation's tables are
  // freed. The arena, the clause records and the hints stay: a compact copy of the steps,
  // tried, cost more at its making than it saved after on proofs whose lemmas are nearly
  // all needed (uuf250-01: peak RSS 71 -> 99 MB).
  void settle_steps() {
    size_t kept = 0;
    for (const Event& e : events_)
      if (e.deletion ? !cls_[e.cid].lemma || marked(e.cid) : marked(e.cid)) events_[kept++] = e;
    events_.resize(kept);
    std::vector<uint32_t>().swap(units_);
    std::vector<uint32_t>().swap(unit_clause_);
    std::vector<int8_t>().swap(lval_);
    lit_val_ = nullptr;
    std::vector<uint32_t>().swap(reason_);
    std::vector<uint32_t>().swap(level_);
    std::vector<uint8_t>().swap(seen_);
    std::vector<int32_t>().swap(trail_);
    std::vector<uint8_t>().swap(original_named_);
    std::unordered_map<uint64_t, uint32_t>().swap(frat_ids_);
  }

  // The steps, forward: the needed lemmas with their hints, and the deletions. `out`'s
  // vectors are cleared, not replaced, so that their memory serves the next step too.
  bool next(LratStep& out) {
    auto reset = [&] {  // a fresh step that keeps the old vectors' capacity
      LratStep fresh;
      fresh.lits.swap(out.lits);
      fresh.hints.swap(out.hints);
      fresh.lits.clear();
      fresh.hints.clear();
      out = std::move(fresh);
    };
    if (pos_ == events_.size()) return false;
    const Event& e = events_[pos_++];
    reset();
    if (e.deletion) {
      out.deletion = true;
      out.hints.push_back(id_of(e.cid));
      return true;
    }
    const Clause& c = cls_[e.cid];
    out.id = id_of(e.cid);
    for (uint32_t k = 0; k < len(e.cid); ++k) out.lits.push_back(lits_of(e.cid)[k]);
    std::sort(out.lits.begin(), out.lits.end());
    auto pv = std::find(out.lits.begin(), out.lits.end(), c.pivot);  // the RAT pivot first
    if (pv != out.lits.end()) std::rotate(out.lits.begin(), pv, pv + 1);
    for (uint32_t k = 0; k < c.hints_len; ++k) {
      uint32_t h = hint_arena_[c.hints_at + k];
      int64_t id = id_of(h & ~kRatBlock);
      out.hints.push_back(h & kRatBlock ? -id : id);
    }
    const Where& w = lemma_where_[e.cid - cnf_.clauses.size()];
    out.line = w.line;
    out.offset = w.offset;
    return true;
  }

  // The input clauses (0-based indices) that the steps' hints name, RAT candidates
  // included, in increasing order; after the backward pass.
  std::vector<uint32_t> inputs_used() const {
    const size_t m = cnf_.clauses.size();
    std::vector<uint8_t> named(m, 0);
    for (const Event& e : events_) {
      if (e.deletion) continue;
      const Clause& c = cls_[e.cid];
      for (uint32_t k = 0; k < c.hints_len; ++k) {
        int64_t id = id_of(hint_arena_[c.hints_at + k] & ~kRatBlock);
        if (id >= 1 && static_cast<size_t>(id) <= m) named[id - 1] = 1;
      }
    }
    std::vector<uint32_t> out;
    for (size_t i = 0; i < m; ++i)
      if (named[i]) out.push_back(static_cast<uint32_t>(i));
    return out;
  }

  DratStats stats;

 private:
  // ---- FRAT: steps name clauses by ids (formats/frat.hpp) ----
  size_t pos_ = 0;
  HintArena hint_arena_;

  void grow(uint32_t var) {
    if (reason_.size() <= var) {
      size_t n = static_cast<size_t>(var) + 1;  // in 64 bits: 4 * 2^31 wraps in 32
      reason_.resize(n, kNone);
      level_.resize(n, 0);
      seen_.resize(n, 0);
      unit_clause_.resize(2 * n, kNone);
    }
    if (var > lit_vars_) {  // doubling: a proof may add its variables one by one
      size_t vars = std::max<size_t>(var, 2 * static_cast<size_t>(lit_vars_));
      std::vector<int8_t> vals(2 * vars + 1, 0);
      std::copy(lval_.begin(), lval_.end(), vals.begin() + static_cast<ptrdiff_t>(vars - lit_vars_));
      lval_.swap(vals);
      std::vector<std::vector<Watch>> lists(2 * (2 * vars + 1));
      std::move(watches_.begin(), watches_.end(), lists.begin() + static_cast<ptrdiff_t>(2 * (vars - lit_vars_)));
      watches_.swap(lists);
      watch_base_ = watches_.data() + 2 * vars;
      lit_vars_ = static_cast<uint32_t>(vars);
      lit_val_ = lval_.data() + vars;
    }
  }

  // Each literal has two watch lists, for marked (core) and unmarked clauses, so that each
  // pass of core-first propagation reads only its own clauses. A clause marked while its
  // watches sit in the unmarked lists moves when the unmarked pass next meets it.
  std::vector<Watch>& watches(int32_t lit, bool core) { return watch_base_[2 * static_cast<ptrdiff_t>(lit) + core]; }
  void watch(uint32_t cid) {
    const int32_t* l = lits_of(cid);
    bool core = marked(cid);
    uint32_t tag = start_[cid] | (static_cast<uint32_t>(hdr(cid, kEpochW)) << 31);
    watches(l[0], core).push_back({tag, l[1]});
    watches(l[1], core).push_back({tag, l[0]});
  }
  // A dead clause no longer justifies anything: if it was the top-level conflict, the
  // conflict is gone (the propagation that found it resumes where it stopped); if it was
  // the reason of a top-level literal (its first literal when propagation assigned it,
  // any when `rescan` or `recheck_false_revived` did: all are looked at), the top level
  // is cut there before the next check (`retract`).
  void kill(uint32_t cid) {
    hdr(cid, kFlagsW) &= ~kAlive;
    ++hdr(cid, kEpochW);
    if (cid == top_conflict_) top_conflict_ = kNone;
    if (len(cid) == 0) return;
    int32_t first = lits_of(cid)[0];
    if (len(cid) == 1) {
      if (unit_clause_[idx(first)] == cid) unit_clause_[idx(first)] = kNone;
      while (!units_.empty() && !alive(units_.back())) units_.pop_back();  // lemmas die newest first
      units_next_ = std::min(units_next_, units_.size());
    }
    for (uint32_t k = 0; k < len(cid); ++k) {
      uint32_t v = static_cast<uint32_t>(std::abs(lits_of(cid)[k]));
      if (reason_[v] == cid) retract_from_ = std::min(retract_from_, level_[v]);
    }
  }
  // A revived clause watches its best two literals under the top-level assignment (true,
  // then unassigned, then the latest false), so that it is unit (propagated at once) or
  // false (the top-level conflict) only if all its other literals are false.
  void revive(uint32_t cid) {
    hdr(cid, kFlagsW) |= kAlive;
    uint32_t n = len(cid);
    if (n == 0) {
      if (top_conflict_ == kNone) top_conflict_ = cid;
      else false_revived_.push_back(cid);
      return;
    }
    if (n == 1) {
      units_next_ = 0;  // (never: unit deletions are ignored)
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
    if (value(l[1]) >= 0 || value(l[0]) > 0) return;
    if (value(l[0]) == 0) assign(l[0], cid);
    else if (top_conflict_ == kNone) top_conflict_ = cid;
    else false_revived_.push_back(cid);  // the conflict may die first: looked at again then
  }

  // The literals (duplicates removed), with the first one as written kept first: RAT is
  // checked on it.
  uint32_t add_clause(const std::vector<int32_t>& lits, bool lemma, uint64_t line, uint64_t off) {
    uint32_t cid = static_cast<uint32_t>(cls_.size());
    std::vector<int32_t> ls = sorted(lits);
    int32_t pivot = lits.empty() ? 0 : lits[0];
    auto p = std::find(ls.begin(), ls.end(), pivot);
    if (p != ls.end()) std::iter_swap(ls.begin(), p);
    // Arena positions are 32-bit and a watch's epoch and a clause's id must not wrap: at
    // most 2^31 words of clauses (a clause takes at least four).
    if (arena_.size() + ls.size() + 4 >= (uint64_t(1) << 31))
      throw Failure(Outcome::Limit, std::string(format_) + ": the clauses and lemmas have more than 2^31 literals");
    arena_.insert(arena_.end(), {static_cast<int32_t>(cid), 0, kAlive, static_cast<int32_t>(ls.size())});
    start_.push_back(static_cast<uint32_t>(arena_.size()));
    arena_.insert(arena_.end(), ls.begin(), ls.end());
    Clause c;
    c.pivot = pivot;
    c.lemma = lemma;
    if (lemma) lemma_where_.push_back({line, off});
    cls_.push_back(std::move(c));
    if (ls.size() >= 2) watch(cid);
    else if (ls.size() == 1) {
      units_.push_back(cid);
      if (unit_clause_[idx(ls[0])] == kNone) unit_clause_[idx(ls[0])] = cid;
    }
    else if (!lemma) empties_.push_back(cid);
    index(cid);
    return cid;
  }

  int8_t value(int32_t lit) const { return lit_val_[lit]; }
  void assign(int32_t lit, uint32_t reason) {
    lit_val_[lit] = 1;
    lit_val_[-lit] = -1;
    reason_[std::abs(lit)] = reason;
    level_[std::abs(lit)] = static_cast<uint32_t>(trail_.size());
    trail_.push_back(lit);
  }
  void unassign(int32_t l) { lit_val_[l] = 0, lit_val_[-l] = 0, reason_[std::abs(l)] = kNone; }
  void undo(size_t to) {
    while (trail_.size() > to) {
      unassign(trail_.back());
      trail_.pop_back();
    }
  }

  // Why a persistent top-level assignment: the literals the alive unit clauses imply by
  // propagation are the same for thousands of consecutive RUP checks (manol-pipe-c9 has
  // 1,700 units), so they stay assigned; a check pushes the lemma's negation above them
  // and undoes down to them. The top level is built in the proof's order, as drat-trim
  // builds it going forwards: each alive unit (oldest first) is assigned after the
  // previous ones' propagation is done, so that the unit lemmas the backward pass kills
  // first (the newest) sit near the end of the trail.
  //
  // Going backwards the top level follows the clause set, and every change costs what it
  // touches, never a new propagation of the whole top level (which, once per lemma, made
  // a large formula quadratic: issue 14):
  // - a dying reason takes its literal and the literals depending on it off the trail
  //   (`retract`, once before the next check for all the reasons that died since); a
  //   clause that is unit under what remains contained a literal taken off, and is found
  //   in that literal's watches (`rescan`), or, for a unit clause, in `unit_clause_`;
  // - a dying top-level conflict lets the propagation that found it resume;
  // - a revived clause is watched on its best literals under the top level (`revive`), so
  //   that it propagates (or is the top-level conflict) at once if it is unit (false).
  // A watch can hide a unit clause from `rescan` (blockers and watches moved under older
  // top levels); so when a check finds no conflict after a retraction, the whole top level
  // is propagated again and the check repeated (`complete_`), which costs once per failed
  // check (RAT lemmas, whose check reads every clause anyway) what it cost before per cut.
  size_t top_core_ = 0, top_all_ = 0;  // propagation heads of the top-level trail
  uint32_t top_conflict_ = kNone;      // an alive clause false at the top level
  size_t units_next_ = 0;              // units_[0, units_next_) have been assigned
  bool empties_checked_ = false;       // an alive empty input clause was looked for
  uint32_t retract_from_ = kNone;      // trail position of the earliest dead reason
  bool complete_ = true;               // no retraction since the top level was last propagated whole

  // Propagates the whole top level again from its start (its literals stay assigned).
  void repropagate() {
    top_core_ = top_all_ = 0;
    top_conflict_ = kNone;
    units_next_ = 0;
    empties_checked_ = false;
    complete_ = true;
  }
  // Takes off the trail, from position `at` on, every literal whose reason is dead or has
  // another literal no longer false; the rest keep their order (and the propagation heads
  // their place among them). Then the literals taken off are looked up in the clauses
  // watching them, which may have become unit.
  void retract(size_t at) {
    complete_ = false;
    size_t keep = at, core = top_core_, all = top_all_;
    retracted_.clear();
    for (size_t i = at; i < trail_.size(); ++i) {
      int32_t l = trail_[i];
      uint32_t r = reason_[std::abs(l)];
      const int32_t* rl = lits_of(r);
      bool holds = alive(r);
      for (uint32_t k = 0; k < len(r) && holds; ++k) holds = rl[k] == l || value(rl[k]) < 0;
      if (!holds) {
        unassign(l);
        retracted_.push_back(l);
        if (i < top_core_) --core;
        if (i < top_all_) --all;
        continue;
      }
      level_[std::abs(l)] = static_cast<uint32_t>(keep);
      trail_[keep++] = l;
    }
    trail_.resize(keep);
    top_core_ = core, top_all_ = all;
    if (top_conflict_ != kNone) {  // still false under what remains?
      const int32_t* cl = lits_of(top_conflict_);
      for (uint32_t k = 0; k < len(top_conflict_); ++k)
        if (value(cl[k]) >= 0) {
          top_conflict_ = kNone;
          break;
        }
    }
    for (int32_t l : retracted_) rescan(l);
  }
  // `lit` was true and is now unassigned: a unit clause of it, or a clause watching it
  // whose other literals are all false, implies it again.
  void rescan(int32_t lit) {
    if (value(lit) != 0) return;
    if (uint32_t u = unit_clause_[idx(lit)]; u != kNone && alive(u)) return assign(lit, u);
    for (bool core : {true, false})
      for (const Watch& w : watches(lit, core)) {
        const int32_t* l = arena_.data() + watch_ref(w.tag);
        if (!watch_current(l, w.tag) || (l[0] != lit && l[1] != lit)) continue;
        uint32_t size = static_cast<uint32_t>(l[kSizeW]), k = 0;
        while (k < size && (l[k] == lit || value(l[k]) < 0)) ++k;
        if (k == size) return assign(lit, static_cast<uint32_t>(l[kCidW]));
      }
  }
  // The clauses revived false while another clause was the top-level conflict: each is
  // the conflict, unit (its literal is assigned) or neither, under the top level now.
  void recheck_false_revived() {
    while (!false_revived_.empty() && top_conflict_ == kNone) {
      uint32_t cid = false_revived_.back();
      false_revived_.pop_back();
      if (!alive(cid)) continue;
      const int32_t* l = lits_of(cid);
      int32_t open = 0;
      uint32_t n_open = 0, k = 0;
      for (; k < len(cid); ++k) {
        if (value(l[k]) > 0) break;
        if (value(l[k]) == 0) open = l[k], ++n_open;
      }
      if (k < len(cid) || n_open > 1) continue;
      if (n_open == 0) top_conflict_ = cid;
      else assign(open, cid);
    }
  }
  // Makes the top level a fixpoint (or finds its conflict): propagation to a fixpoint,
  // then the next alive unit, and so on.
  void settle() {
    if (retract_from_ != kNone) retract(retract_from_), retract_from_ = kNone;
    if (!empties_checked_) {
      empties_checked_ = true;
      for (uint32_t e : empties_)
        if (alive(e)) top_conflict_ = e;
    }
    if (top_conflict_ == kNone) recheck_false_revived();
    while (top_conflict_ == kNone) {
      if ((top_conflict_ = propagate(top_core_, top_all_)) != kNone) return;
      if (units_next_ == units_.size()) return;
      uint32_t u = units_[units_next_];
      int32_t l = lits_of(u)[0];
      if (!alive(u) || value(l) > 0) {
        ++units_next_;
        continue;
      }
      if (value(l) < 0) top_conflict_ = u;  // stays next: taken again if the conflict goes
      else assign(l, u), ++units_next_;
    }
  }

  // Core-first (as drat-trim): clauses already needed by the proof (marked) propagate to
  // a fixpoint before any other clause may add one literal, which keeps the set of needed
  // lemmas small.
  uint32_t propagate(size_t& core_head, size_t& all_head) {
    for (;;) {
      while (core_head < trail_.size())
        if (uint32_t r = visit(-trail_[core_head], true); r != kNone) return r;  // the literal stays next
        else ++core_head;
      if (all_head >= trail_.size()) return kNone;
      if (uint32_t r = visit(-trail_[all_head], false); r != kNone) return r;
      ++all_head;
    }
  }

  // Visits the watches of a literal that just became false, for marked (core) or unmarked
  // clauses only; returns a conflicting clause or kNone.
  uint32_t visit(int32_t falsified, bool core) {
    std::vector<Watch>& ws = watches(falsified, core);
    // Locals, not members, for what the loop reads at every watch: the compiler must
    // otherwise load them again after each literal assigned (a byte store may alias
    // anything). Neither buffer moves here: the arena does not grow, and only other
    // literals' lists are pushed onto (the new watch is not false, `falsified` is).
    Watch* const wd = ws.data();
    int32_t* const arena = arena_.data();
    const int8_t* const val = lit_val_;
    size_t keep = 0, n = ws.size();
    uint64_t visits = 0;
    uint32_t conflict = kNone;
    for (size_t i = 0; i < n; ++i) {
      Watch w = wd[i];
      if (val[w.blocker] > 0) { wd[keep++] = w; continue; }
      int32_t* l = arena + watch_ref(w.tag);
      if (!watch_current(l, w.tag)) continue;  // killed since: drop
      ++visits;
      if (l[0] == falsified) std::swap(l[0], l[1]);
      if (l[1] != falsified) continue;  // stale duplicate from an older revival
      bool m = l[kFlagsW] & kMarked;
      uint32_t size = static_cast<uint32_t>(l[kSizeW]);
      // A clause marked since its watches were filed moves to the core lists.
      bool stays = m == core;
      if (val[l[0]] > 0) {
        w.blocker = l[0];
        if (stays) wd[keep++] = w; else watches(falsified, m).push_back(w);
        continue;
      }
      uint32_t k = 2;
      while (k < size && val[l[k]] < 0) ++k;
      if (k < size) {
        std::swap(l[1], l[k]);
        watches(l[1], m).push_back({w.tag, l[0]});
        continue;
      }
      if (stays) wd[keep++] = w; else watches(falsified, m).push_back(w);
      if (val[l[0]] < 0) {
        for (++i; i < n; ++i) wd[keep++] = wd[i];
        conflict = static_cast<uint32_t>(l[kCidW]);
        break;
      }
      assign(l[0], static_cast<uint32_t>(l[kCidW]));
    }
    ws.resize(keep);
    props_ += visits;
    return conflict;
  }

  // Is `lits` RUP w.r.t. the alive clauses? On success with `hints`, the reasons the
  // conflict depends on, in propagation order, and then the conflict clause are appended
  // to it (as clause indices) and marked as needed.
  bool rup(const std::vector<int32_t>& lits, HintArena* hints) {
    settle();
    // A lemma literal true at the top level: the negation assumes it false, which makes
    // its reason the conflict; of the lemma's true literals, the earliest on the trail is
    // taken, so that the reasons it rests on (all earlier) never contradict the negation.
    // Nothing is assigned (the top level stays as it is: checking such a lemma costs its
    // reasons, not a new top level).
    int32_t first_true = 0;
    for (int32_t l : lits)
      if (value(l) > 0 && (first_true == 0 || level_[std::abs(l)] < level_[std::abs(first_true)])) first_true = l;
    size_t mark = trail_.size();
    uint32_t conflict = kNone;
    if (first_true != 0) {
      for (int32_t l : lits)
        if (std::find(lits.begin(), lits.end(), -l) != lits.end()) return false;  // l and ¬l: not a RUP step
      conflict = reason_[std::abs(first_true)];
    } else if (top_conflict_ != kNone) {
      conflict = top_conflict_;
    } else {
      for (int32_t l : lits) {
        int8_t v = value(l);
        if (v == 0) assign(-l, kNone);
        if (v > 0) {
          undo(mark);  // the lemma has l and ¬l: not expressible as a RUP step
          return false;
        }
      }
      size_t core_head = mark, all_head = mark;
      conflict = propagate(core_head, all_head);
      if (conflict == kNone) {
        undo(mark);
        if (complete_) return false;
        repropagate();  // a unit clause may have hidden from `rescan`: try again on the whole top level
        return rup(lits, hints);
      }
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
  // Why occurrence lists, built at the first RAT check only: a RAT check needs every alive
  // clause with the negated pivot, which the watches do not give; scanning every clause
  // for each RAT lemma cost #RAT lemmas × #clauses (drat-trim's R_4_4_18: 8,575 RAT
  // lemmas). A proof without RAT lemmas never pays their memory. Clauses keep their
  // literal sets (propagation only reorders them), so the lists stay right; dead clauses
  // are skipped.
  std::vector<uint32_t> occ_start_, occ_;  // per literal index: occ_[occ_start_[i], occ_start_[i + 1])
  void build_occurrences() {
    occ_start_.assign(2 * reason_.size() + 1, 0);
    for (uint32_t d = 0; d < cls_.size(); ++d)
      for (uint32_t k = 0; k < len(d); ++k) ++occ_start_[idx(lits_of(d)[k]) + 1];
    for (size_t i = 1; i < occ_start_.size(); ++i) occ_start_[i] += occ_start_[i - 1];
    occ_.resize(occ_start_.back());
    std::vector<uint32_t> fill(occ_start_.begin(), occ_start_.end() - 1);
    for (uint32_t d = 0; d < cls_.size(); ++d)
      for (uint32_t k = 0; k < len(d); ++k) occ_[fill[idx(lits_of(d)[k])]++] = d;
  }

  void rat(uint32_t cid) {
    const Clause& c = cls_[cid];
    const Where& w = lemma_where_[cid - cnf_.clauses.size()];
    std::string where = w.line ? "line " + std::to_string(w.line) : "byte " + std::to_string(w.offset);
    if (c.pivot == 0) throw Failure(Outcome::Rejected, "DRAT " + where + ": the empty clause is not RUP");
    std::vector<int32_t> mine(lits_of(cid), lits_of(cid) + len(cid));
    if (occ_start_.empty()) build_occurrences();
    size_t neg = idx(-c.pivot);
    for (uint32_t i = occ_start_[neg]; i < occ_start_[neg + 1]; ++i) {  // the clauses with ¬p, oldest first
      uint32_t d = occ_[i];
      ++rat_reads_;
      maybe_poll_backward();
      if (!alive(d)) continue;
      const int32_t* dl = lits_of(d);
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
  std::vector<Clause> cls_;
  struct Where {
    uint64_t line, offset;
  };
  std::vector<Where> lemma_where_;  // per lemma (clause index - the problem's clauses)
  static uint32_t id_of(uint32_t cid) { return cid + 1; }  // (below 2^30: the arena's bound)
  // The hint arena's end, where a clause's hints start: positions are 32-bit.
  uint32_t hint_end() const {
    if (hint_arena_.size() >= UINT32_MAX)
      throw Failure(Outcome::Limit, std::string(format_) + ": more than 2^32 hints");
    return static_cast<uint32_t>(hint_arena_.size());
  }
  std::vector<Event> events_;
  std::vector<uint32_t> units_, empties_;
  std::vector<uint32_t> unit_clause_;  // per literal: its oldest unit clause, kNone if none alive
  std::vector<int32_t> retracted_;     // scratch of `retract`
  std::vector<uint32_t> false_revived_;  // see `recheck_false_revived`
  std::vector<std::vector<Watch>> watches_;  // two per literal, laid out as lval_ (watch_base_: variable 0)
  std::vector<Watch>* watch_base_ = nullptr;
  // The value of each literal, 1 true, -1 false, 0 unassigned. Why indexed by the literal
  // itself (lit_val_ points at the middle of lval_, so that lit_val_[-v] and lit_val_[v]
  // are the two literals of v): `value` is read for every literal propagation looks at,
  // and a signed index is one add, where 2|l| + sign is four instructions.
  std::vector<int8_t> lval_;
  int8_t* lit_val_ = nullptr;
  uint32_t lit_vars_ = 0;  // variables lval_ covers
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

DratHints::DratHints(const Cnf& cnf, DratReader& in, const DratPoll& poll) : impl_(std::make_unique<Backward>(cnf)) {
  impl_->run(in, poll);
}
DratHints::DratHints(const Cnf& cnf, FratReader& in, const DratPoll& poll) : impl_(std::make_unique<Backward>(cnf)) {
  impl_->run(in, poll);
}
DratHints::~DratHints() = default;
bool DratHints::next(LratStep& s) { return impl_->next(s); }
const DratStats& DratHints::stats() const { return impl_->stats; }
std::vector<uint32_t> DratHints::inputs_used() const { return impl_->inputs_used(); }

ProofHints::ProofHints(std::unique_ptr<Source> src, bool frat) {
  if (frat) frat_.emplace(std::move(src));
  else drat_.emplace(std::move(src));
}
void ProofHints::find(const Cnf& cnf, const DratPoll& poll) {
  if (hints_) return;
  if (drat_) hints_.emplace(cnf, *drat_, poll);
  else hints_.emplace(cnf, *frat_, poll);
}
bool ProofHints::next(LratStep& s) {
  if (!hints_) throw std::logic_error("ProofHints::next before find");
  return hints_->next(s);
}
std::vector<uint32_t> ProofHints::inputs_used() const {
  if (!hints_) throw std::logic_error("ProofHints::inputs_used before find");
  return hints_->inputs_used();
}

std::vector<LratStep> drat_to_lrat(const Cnf& cnf, DratReader& in, DratStats* stats) {
  DratHints h(cnf, in);
  std::vector<LratStep> out;
  LratStep s;
  while (h.next(s)) out.push_back(s);
  if (stats) *stats = h.stats();
  return out;
}

}  // namespace hcert::sat
