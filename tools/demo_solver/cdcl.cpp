#include "tools/demo_solver/cdcl.hpp"

#include <algorithm>

namespace demo {

namespace {
// The Luby sequence 1 1 2 1 1 2 4 ..., restart intervals in units of conflicts.
uint64_t luby(uint64_t i) {
  uint64_t size = 1, seq = 0;
  while (size < i + 1) ++seq, size = 2 * size + 1;
  while (size - 1 != i) {
    size = (size - 1) >> 1;
    --seq;
    i = i % size;
  }
  return uint64_t(1) << seq;
}
constexpr uint64_t RestartUnit = 100;
}  // namespace

uint32_t Solver::new_var() {
  uint32_t v = num_vars();
  assign_.push_back(0);
  level_.push_back(0);
  reason_.push_back(NoReason);
  unit_id_.push_back(0);
  phase_.push_back(false);
  seen_.push_back(false);
  activity_.push_back(0);
  heap_pos_.push_back(UINT32_MAX);
  watches_.emplace_back();
  watches_.emplace_back();
  return v;
}

std::vector<TraceLit> Solver::trace_clause(const std::vector<Lit>& lits) const {
  std::vector<TraceLit> out;
  out.reserve(lits.size());
  for (Lit l : lits) out.push_back(trace_lit(l));
  return out;
}

uint32_t Solver::store(std::vector<Lit> lits, ClauseId id, bool learned) {
  clauses_.push_back(Clause{std::move(lits), id, learned});
  return uint32_t(clauses_.size() - 1);
}

void Solver::attach(uint32_t c) {
  const Clause& cl = clauses_[c];
  watches_[cl.lits[0]].push_back({c, cl.lits[1]});
  watches_[cl.lits[1]].push_back({c, cl.lits[0]});
}

void Solver::add_clause(std::vector<Lit> lits, ClauseId id) {
  std::sort(lits.begin(), lits.end());
  lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
  for (size_t i = 1; i < lits.size(); ++i)
    if (lits[i] == lit_not(lits[i - 1])) return;  // a tautology: nothing to keep
  if (lits.empty()) {
    if (!empty_clause_) empty_clause_ = true, empty_id_ = id;
    return;
  }
  uint32_t c = store(std::move(lits), id, false);
  if (clauses_[c].lits.size() == 1) {
    Lit l = clauses_[c].lits[0];
    if (lit_value(l) == 0) enqueue(l, c);
    else if (lit_value(l) == -1 && !empty_clause_) pending_conflict_ = c;
  } else {
    attach(c);
  }
}

void Solver::add_lemma(std::vector<Lit> lits, const std::vector<mpq_class>& coefficients) {
  ClauseId id = fresh_id();
  if (log_) log_->lemma(id, trace_clause(lits), coefficients);
  add_clause(std::move(lits), id);
}

// At level 0 the lemma's literals may be assigned already (a literal of an existing atom):
// true, it is satisfied; one unassigned and the rest false, it is unit; all false, it is
// the conflict solve() derives the empty clause from.
void Solver::add_branch(std::vector<Lit> lits) {
  ClauseId id = fresh_id();
  if (log_) log_->branch(id, trace_clause(lits));
  auto rank = [&](Lit a) { return lit_value(a) == 1 ? 2 : lit_value(a) == 0 ? 1 : 0; };
  std::stable_sort(lits.begin(), lits.end(), [&](Lit a, Lit b) { return rank(a) > rank(b); });
  if (lits[0] == lits[1] || rank(lits[0]) == 2) return;
  uint32_t c = store(std::move(lits), id, false);
  attach(c);
  const Clause& cl = clauses_[c];
  if (rank(cl.lits[0]) == 0) pending_conflict_ = c;
  else if (rank(cl.lits[1]) == 0) enqueue(cl.lits[0], c);
}

void Solver::enqueue(Lit l, uint32_t reason) {
  uint32_t v = lit_var(l);
  assign_[v] = lit_neg(l) ? -1 : 1;
  level_[v] = level();
  reason_[v] = reason;
  trail_.push_back(l);
  if (level() == 0 && log_) log_level0_unit(l, reason);
}

// Every literal fixed at level 0 gets a unit clause of its own, so that hints can name it
// when a learned clause drops the literal (LRAT needs the unit, not the reason chain).
void Solver::log_level0_unit(Lit l, uint32_t reason) {
  const Clause& r = clauses_[reason];
  if (r.lits.size() == 1) {
    unit_id_[lit_var(l)] = r.id;
    return;
  }
  std::vector<ClauseId> hints;
  for (Lit q : r.lits)
    if (q != l) hints.push_back(unit_id_[lit_var(q)]);
  hints.push_back(r.id);
  ClauseId id = fresh_id();
  log_->derived(id, {trace_lit(l)}, hints);
  unit_id_[lit_var(l)] = id;
}

uint32_t Solver::bcp() {
  while (qhead_ < trail_.size()) {
    Lit p = trail_[qhead_++];
    Lit false_lit = lit_not(p);
    std::vector<Watch>& ws = watches_[false_lit];
    size_t i = 0, j = 0;
    while (i < ws.size()) {
      Watch w = ws[i];
      if (lit_value(w.blocker) == 1) {
        ws[j++] = ws[i++];
        continue;
      }
      Clause& c = clauses_[w.clause];
      ++i;
      if (c.deleted) continue;
      if (c.lits[0] == false_lit) std::swap(c.lits[0], c.lits[1]);
      Lit first = c.lits[0];
      if (first != w.blocker && lit_value(first) == 1) {
        ws[j++] = {w.clause, first};
        continue;
      }
      bool moved = false;
      for (size_t k = 2; k < c.lits.size(); ++k) {
        if (lit_value(c.lits[k]) != -1) {
          std::swap(c.lits[1], c.lits[k]);
          watches_[c.lits[1]].push_back({w.clause, first});
          moved = true;
          break;
        }
      }
      if (moved) continue;
      ws[j++] = {w.clause, first};
      if (lit_value(first) == -1) {
        while (i < ws.size()) ws[j++] = ws[i++];
        ws.resize(j);
        qhead_ = trail_.size();
        return w.clause;
      }
      ++stats_.propagations;
      enqueue(first, w.clause);
    }
    ws.resize(j);
  }
  return NoReason;
}

// A theory lemma: the negation of an explanation, logged, stored (not yet watched) with its
// literals ordered by decreasing level (unassigned ones first).
uint32_t Solver::store_lemma(const Explanation& why) {
  std::vector<Lit> lits;
  lits.reserve(why.lits.size());
  for (Lit l : why.lits) lits.push_back(lit_not(l));
  ClauseId id = fresh_id();
  if (log_ && why.cut) log_->cut(id, trace_clause(lits), why.coefficients);
  else if (log_) log_->lemma(id, trace_clause(lits), why.coefficients);
  auto rank = [&](Lit a) { return assign_[lit_var(a)] == 0 ? UINT32_MAX : level_[lit_var(a)]; };
  std::stable_sort(lits.begin(), lits.end(), [&](Lit a, Lit b) { return rank(a) > rank(b); });
  return store(std::move(lits), id, true);
}

uint32_t Solver::theory_conflict(const Explanation& why) {
  ++stats_.theory_conflicts;
  uint32_t c = store_lemma(why);
  if (clauses_[c].lits.size() >= 2) attach(c);
  return c;
}

// Each implied literal gets its lemma (logged like any theory lemma) as its reason.
uint32_t Solver::theory_propagate() {
  std::vector<Implication>& implied = theory_->implications();
  uint32_t confl = NoReason;
  for (Implication& imp : implied) {
    if (lit_value(imp.implied) == 1 || confl != NoReason) continue;
    if (lit_value(imp.implied) == -1) {  // its negation is on the trail, not yet asserted
      confl = theory_conflict(imp.why);
      continue;
    }
    uint32_t c = store_lemma(imp.why);  // the implied literal, unassigned, comes first
    if (clauses_[c].lits.size() >= 2) attach(c);
    ++stats_.theory_propagations;
    enqueue(imp.implied, c);
  }
  implied.clear();
  return confl;
}

uint32_t Solver::propagate() {
  for (;;) {
    uint32_t confl = bcp();
    if (confl != NoReason) return confl;
    if (!theory_) return NoReason;
    Explanation why;
    while (theory_head_ < trail_.size()) {
      Lit l = trail_[theory_head_++];
      if (!theory_->is_atom(lit_var(l))) continue;
      if (!theory_->assert_lit(l, why)) return theory_conflict(why);
      uint32_t confl = theory_propagate();
      if (confl != NoReason) return confl;
    }
    if (!theory_->check(why)) return theory_conflict(why);
    if (qhead_ == trail_.size()) return NoReason;
  }
}

void Solver::backtrack(uint32_t lvl) {
  if (level() <= lvl) return;
  for (size_t i = trail_.size(); i-- > trail_lim_[lvl];) {
    uint32_t v = lit_var(trail_[i]);
    phase_[v] = assign_[v] == 1;
    assign_[v] = 0;
    reason_[v] = NoReason;
    heap_insert(v);
  }
  if (theory_) theory_->pop_levels(level() - lvl);
  trail_.resize(trail_lim_[lvl]);
  trail_lim_.resize(lvl);
  qhead_ = trail_.size();
  theory_head_ = std::min(theory_head_, trail_.size());
}

void Solver::analyze(uint32_t confl, std::vector<Lit>& learnt, std::vector<ClauseId>& hints, uint32_t& back_level) {
  learnt.assign(1, 0);
  std::vector<ClauseId> chain, units;
  std::vector<uint32_t> to_clear;
  uint32_t path = 0;
  Lit p = 0;
  bool have_p = false;
  size_t index = trail_.size();
  for (;;) {
    Clause& c = clauses_[confl];
    chain.push_back(c.id);
    if (c.learned) c.activity += clause_inc_;
    for (Lit q : c.lits) {
      if (have_p && q == p) continue;
      uint32_t v = lit_var(q);
      if (seen_[v]) continue;
      seen_[v] = true;
      to_clear.push_back(v);
      if (level_[v] == 0) {
        units.push_back(unit_id_[v]);
      } else {
        bump(v);
        if (level_[v] == level()) ++path;
        else learnt.push_back(q);
      }
    }
    while (!seen_[lit_var(trail_[--index])]) {}
    p = trail_[index];
    have_p = true;
    confl = reason_[lit_var(p)];
    if (--path == 0) break;
  }
  learnt[0] = lit_not(p);
  for (uint32_t v : to_clear) seen_[v] = false;
  // LRAT order: the level-0 units, then the reasons in trail order, the conflict last.
  hints = std::move(units);
  hints.insert(hints.end(), chain.rbegin(), chain.rend());
  back_level = 0;
  size_t at = 1;
  for (size_t i = 1; i < learnt.size(); ++i)
    if (level_[lit_var(learnt[i])] > back_level) back_level = level_[lit_var(learnt[i])], at = i;
  if (learnt.size() > 1) std::swap(learnt[1], learnt[at]);
}

ClauseId Solver::derive_empty(uint32_t confl) {
  ClauseId id = fresh_id();
  if (log_) {
    std::vector<ClauseId> hints;
    for (Lit q : clauses_[confl].lits) hints.push_back(unit_id_[lit_var(q)]);
    hints.push_back(clauses_[confl].id);
    log_->derived(id, {}, hints);
    log_->unsat(id);
  }
  return id;
}

void Solver::bump(uint32_t v) {
  if ((activity_[v] += var_inc_) > 1e100) {
    for (double& a : activity_) a *= 1e-100;
    var_inc_ *= 1e-100;
  }
  if (heap_pos_[v] != UINT32_MAX) heap_up(heap_pos_[v]);
}

void Solver::heap_up(uint32_t i) {
  uint32_t v = heap_[i];
  while (i > 0) {
    uint32_t parent = (i - 1) / 2;
    if (activity_[heap_[parent]] >= activity_[v]) break;
    heap_[i] = heap_[parent];
    heap_pos_[heap_[i]] = i;
    i = parent;
  }
  heap_[i] = v;
  heap_pos_[v] = i;
}

void Solver::heap_down(uint32_t i) {
  uint32_t v = heap_[i];
  for (;;) {
    uint32_t child = 2 * i + 1;
    if (child >= heap_.size()) break;
    if (child + 1 < heap_.size() && activity_[heap_[child + 1]] > activity_[heap_[child]]) ++child;
    if (activity_[heap_[child]] <= activity_[v]) break;
    heap_[i] = heap_[child];
    heap_pos_[heap_[i]] = i;
    i = child;
  }
  heap_[i] = v;
  heap_pos_[v] = i;
}

void Solver::heap_insert(uint32_t v) {
  if (heap_pos_[v] != UINT32_MAX) return;
  heap_.push_back(v);
  heap_up(uint32_t(heap_.size() - 1));
}

uint32_t Solver::heap_pop() {
  uint32_t v = heap_[0];
  heap_pos_[v] = UINT32_MAX;
  heap_[0] = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) {
    heap_pos_[heap_[0]] = 0;
    heap_down(0);
  }
  return v;
}

Lit Solver::pick_branch() {
  while (!heap_.empty()) {
    uint32_t v = heap_pop();
    if (assign_[v] == 0) return mk_lit(v, !phase_[v]);
  }
  return UINT32_MAX;
}

void Solver::reduce_db() {
  std::vector<uint32_t> cands;
  for (uint32_t c = 0; c < clauses_.size(); ++c) {
    const Clause& cl = clauses_[c];
    if (!cl.learned || cl.deleted || cl.lits.size() <= 2 || cl.lbd <= 2) continue;
    uint32_t v = lit_var(cl.lits[0]);
    if (assign_[v] != 0 && reason_[v] == c) continue;  // the reason of an assignment
    cands.push_back(c);
  }
  std::sort(cands.begin(), cands.end(), [&](uint32_t a, uint32_t b) {
    if (clauses_[a].lbd != clauses_[b].lbd) return clauses_[a].lbd > clauses_[b].lbd;
    return clauses_[a].activity < clauses_[b].activity;
  });
  for (size_t i = 0; i < cands.size() / 2; ++i) {
    Clause& cl = clauses_[cands[i]];
    cl.deleted = true;
    std::vector<Lit>().swap(cl.lits);
    ++stats_.deleted;
    --learned_count_;
    if (log_) log_->deleted(cl.id);
  }
  max_learned_ += max_learned_ / 10;
}

Answer Solver::solve() {
  if (empty_clause_) {
    if (log_) log_->unsat(empty_id_);
    return Answer::Unsat;
  }
  if (pending_conflict_ != NoReason) {
    derive_empty(pending_conflict_);
    return Answer::Unsat;
  }
  for (uint32_t v = 0; v < num_vars(); ++v) heap_insert(v);
  uint64_t restart_count = 0, since_restart = 0;
  std::vector<Lit> learnt;
  std::vector<ClauseId> hints;
  for (;;) {
    uint32_t confl = propagate();
    if (confl != NoReason) {
      ++stats_.conflicts;
      ++since_restart;
      uint32_t top = 0;
      for (Lit q : clauses_[confl].lits) top = std::max(top, level_[lit_var(q)]);
      if (top == 0) {
        derive_empty(confl);
        return Answer::Unsat;
      }
      backtrack(top);  // a theory conflict may lie wholly below the current level
      uint32_t back_level;
      analyze(confl, learnt, hints, back_level);
      backtrack(back_level);
      ClauseId id = fresh_id();
      if (log_) log_->derived(id, trace_clause(learnt), hints);
      uint32_t c = store(learnt, id, true);
      ++stats_.learned;
      ++learned_count_;
      {
        Clause& cl = clauses_[c];
        std::vector<uint32_t> levels;
        for (Lit q : cl.lits) levels.push_back(level_[lit_var(q)]);
        std::sort(levels.begin(), levels.end());
        cl.lbd = uint32_t(std::unique(levels.begin(), levels.end()) - levels.begin());
        cl.activity = clause_inc_;
      }
      if (learnt.size() >= 2) attach(c);
      enqueue(learnt[0], c);
      var_inc_ /= 0.95;
      clause_inc_ /= 0.999;
      continue;
    }
    if (since_restart >= RestartUnit * luby(restart_count)) {
      ++restart_count;
      ++stats_.restarts;
      since_restart = 0;
      backtrack(0);
      continue;
    }
    if (learned_count_ > max_learned_) reduce_db();
    Lit d = pick_branch();
    if (d == UINT32_MAX) return Answer::Sat;
    ++stats_.decisions;
    trail_lim_.push_back(uint32_t(trail_.size()));
    if (theory_) theory_->push_level();
    enqueue(d, NoReason);
  }
}

}  // namespace demo
