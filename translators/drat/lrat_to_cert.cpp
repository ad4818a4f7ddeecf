#include "translators/drat/lrat_to_cert.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "checker/checker.hpp"
#include "checker/problem.hpp"

namespace hcert::sat {

using cert::Emitter;
using cert::Tag;
using check::Failure;
using check::Outcome;

namespace {

// A clause the certificate has a clause theorem for: the theorem's id and the literals
// whose complements are its hypotheses (sorted).
struct Clause {
  uint64_t thm;
  std::vector<int32_t> lits;
};

class Translator {
 public:
  Translator(const Cnf& cnf, cert::Emitter& out) : cnf_(cnf), out_(out), value_(cnf.vars + 1, 0) {}

  LratStats run(const std::function<bool(LratStep&)>& next) {
    out_.write(Emitter::make(Tag::Header, {1}));
    out_.write(Emitter::make(Tag::Problem, {}, {"dimacs", cnf_.sha256}));
    out_.write(Emitter::make(Tag::Claim, {}, {"unsat"}));
    LratStep s;
    while (next(s)) {
      where_ = s.line ? "line " + std::to_string(s.line) : "byte " + std::to_string(s.offset);
      out_.set_place(s.line, s.offset);
      if (s.deletion) {
        ++stats_.deletions;
        erase(s.hints);
        continue;
      }
      ++stats_.additions;
      if (add(s)) return stats_;
    }
    reject("the proof ends without deriving the empty clause");
  }

 private:
  [[noreturn]] void reject(const std::string& why, Outcome o = Outcome::Rejected) {
    throw Failure(o, "LRAT " + where_ + ": " + why);
  }

  uint64_t step(const char* rule, std::vector<uint64_t> args) {
    uint64_t id = out_.new_thm_id();
    args.insert(args.begin(), id);
    out_.write(Emitter::make(Tag::Step, std::move(args), {rule}));
    return id;
  }
  // Clause theorems can be shared (a lemma subsumed by its conflict clause is that clause's
  // theorem), so they are deleted from the certificate when their last user goes.
  void retain(uint64_t thm) { ++refs_[thm]; }
  void forget(uint64_t thm) {
    auto it = refs_.find(thm);
    if (it != refs_.end() && --it->second > 0) return;
    if (it != refs_.end()) refs_.erase(it);
    drop(thm);
  }
  void drop(uint64_t thm) {
    out_.write(Emitter::make(Tag::Del, {thm}, {"thm"}));
    out_.release_thm_id(thm);
  }

  // ---- the formula hypothesis Φ and the input clauses ----

  Term phi(size_t lo, size_t hi) {
    if (hi - lo == 1) return clause_terms_[lo];
    size_t mid = lo + (hi - lo) / 2;
    static const Term conj = Term::constant("/\\", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
    return Term::comb(Term::comb(conj, phi(lo, mid)), phi(mid, hi));
  }

  // {Φ} ⊢ Φ(lo, hi) for the tree node containing clause i, walking down from the root.
  uint64_t input(size_t i) {
    size_t lo = 0, hi = cnf_.clauses.size();
    if (!root_) {
      // The clause terms are the problem's assertions: name them by index (aterm) rather
      // than spelling them out again.
      for (size_t k = 0; k < hi; ++k) {
        clause_terms_.push_back(check::dimacs_clause(cnf_.clauses[k]));
        out_.alias(clause_terms_.back(), Tag::ATerm, {k});
      }
      root_ = step("assume", {out_.term(phi(0, hi))});
      clause_terms_.clear();
    }
    uint64_t th = root_;
    while (hi - lo > 1) {
      size_t mid = lo + (hi - lo) / 2;
      bool left = i < mid;
      uint64_t key = (left ? lo : mid) * (cnf_.clauses.size() + 1) + (left ? mid : hi);
      auto it = tree_.find(key);
      if (it == tree_.end()) it = tree_.emplace(key, step(left ? "conjunct1" : "conjunct2", {th})).first;
      th = it->second;
      (left ? hi : lo) = mid;
    }
    ++stats_.inputs_used;
    return step("clause_intro", {th});
  }

  const Clause* clause(int64_t id) {
    auto it = clauses_.find(id);
    if (it != clauses_.end()) return &it->second;
    if (id >= 1 && static_cast<uint64_t>(id) <= cnf_.clauses.size() && !deleted_.count(id)) {
      std::vector<int32_t> lits = cnf_.clauses[id - 1];
      std::sort(lits.begin(), lits.end());
      lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
      uint64_t th = input(id - 1);
      retain(th);
      return &clauses_.emplace(id, Clause{th, lits}).first->second;
    }
    return nullptr;
  }

  void erase(const std::vector<int64_t>& ids) {
    for (int64_t id : ids) {
      auto it = clauses_.find(id);
      if (it != clauses_.end()) {
        forget(it->second.thm);
        clauses_.erase(it);
      }
      deleted_.insert(id);
    }
  }

  // ---- one addition: check the hints by unit propagation, then resolve backwards ----

  int8_t value(int32_t lit) const {
    int8_t v = value_[std::abs(lit)];
    return lit > 0 ? v : -v;
  }
  void set_true(int32_t lit) {
    value_[std::abs(lit)] = lit > 0 ? 1 : -1;
    touched_.push_back(std::abs(lit));
  }

  bool add(const LratStep& s) {
    for (int64_t h : s.hints)
      if (h < 0) reject("RAT steps (negative hints) are not supported yet", Outcome::Incomplete);
    std::vector<int32_t> lits;
    for (int64_t l : s.lits) {
      if (std::abs(l) >= (int64_t(1) << 31)) reject("literal " + std::to_string(l) + " is out of range (2^31)");
      if (static_cast<size_t>(std::abs(l)) >= value_.size()) value_.resize(std::abs(l) + 1, 0);
      lits.push_back(static_cast<int32_t>(l));
    }
    std::sort(lits.begin(), lits.end());
    lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
    if (clauses_.count(s.id) || (s.id <= cnf_.clauses.size() && !deleted_.count(s.id)))
      reject("clause id " + std::to_string(s.id) + " is already in use");

    for (int32_t l : lits) {
      if (value(l) == 1) { clear(); reject("the lemma is a tautology"); }
      set_true(-l);
    }
    std::vector<std::pair<const Clause*, int32_t>> units;  // (reason, propagated literal)
    const Clause* conflict = nullptr;
    for (size_t j = 0; j < s.hints.size() && !conflict; ++j) {
      const Clause* d = clause(s.hints[j]);
      if (!d) { clear(); reject("hint " + std::to_string(s.hints[j]) + " is not a live clause"); }
      int32_t unit = 0;
      int open = 0;
      for (int32_t l : d->lits) {
        int8_t v = value(l);
        if (v == 1) { clear(); reject("hint " + std::to_string(s.hints[j]) + " is already satisfied"); }
        if (v == 0) ++open, unit = l;
      }
      if (open == 0) conflict = d;
      else if (open == 1) units.push_back({d, unit}), set_true(unit);
      else { clear(); reject("hint " + std::to_string(s.hints[j]) + " is not unit"); }
    }
    clear();
    if (!conflict) reject("the hints do not lead to a conflict");

    // Backwards: resolve the conflict clause with the reasons of its false literals, as
    // one resolve_chain step (spec/rules.md): start, then (reason, pivot, side) triples.
    uint64_t t = conflict->thm;
    // The running clause as marks on literals (no allocation per resolution).
    std::vector<int32_t> members;
    auto add_lit = [&](int32_t l) {
      uint8_t& m = mark_[idx(l)];
      if (!m) m = 1, members.push_back(l);
    };
    for (int32_t l : conflict->lits) add_lit(l);
    std::vector<uint64_t> chain{t};
    for (size_t j = units.size(); j-- > 0;) {
      int32_t u = units[j].second;
      if (!mark_[idx(-u)]) continue;
      const Clause* d = units[j].first;
      int32_t x = std::abs(u);
      // The clause with literal -x has hypothesis x: when u > 0 that is the running
      // theorem (side 0), otherwise the reason (side 1).
      chain.insert(chain.end(), {d->thm, var_term(x), u > 0 ? 0u : 1u});
      ++stats_.resolutions;
      mark_[idx(-u)] = 0;
      for (int32_t l : d->lits)
        if (l != u) add_lit(l);
    }
    std::vector<int32_t> cur;
    for (int32_t l : members)
      if (mark_[idx(l)]) cur.push_back(l), mark_[idx(l)] = 0;
    std::sort(cur.begin(), cur.end());
    if (chain.size() > 1) t = step("resolve_chain", chain);
    if (!std::includes(lits.begin(), lits.end(), cur.begin(), cur.end()))
      reject("the derived clause is not a subset of the lemma");
    retain(t);  // shared with the conflict clause when no resolution was needed
    clauses_.emplace(s.id, Clause{t, cur});
    if (!cur.empty()) return false;
    finish(t);
    return true;
  }

  size_t idx(int32_t lit) {
    size_t i = 2 * static_cast<size_t>(std::abs(lit)) + (lit < 0);
    if (i >= mark_.size()) mark_.resize(i + 2, 0);
    return i;
  }

  // The certificate's term id of variable x (made once per variable).
  uint64_t var_term(int32_t x) {
    if (static_cast<size_t>(x) >= var_ids_.size()) var_ids_.resize(x + 1, 0);
    if (!var_ids_[x]) var_ids_[x] = out_.term(check::dimacs_literal(x));
    return var_ids_[x];
  }

  void clear() {
    for (int32_t v : touched_) value_[v] = 0;
    touched_.clear();
  }

  // {Φ} ⊢ F: discharge Φ by conjoining every assertion, then end.
  void finish(uint64_t refutation) {
    uint64_t phi_thm = conj(0, cnf_.clauses.size());
    uint64_t fin = step("prove_hyp", {phi_thm, refutation});
    out_.write(Emitter::make(Tag::End, {fin}));
  }
  uint64_t conj(size_t lo, size_t hi) {
    if (hi - lo == 1) {
      uint64_t id = out_.new_thm_id();
      out_.write(Emitter::make(Tag::Assert, {id, lo}));
      return id;
    }
    size_t mid = lo + (hi - lo) / 2;
    uint64_t a = conj(lo, mid), b = conj(mid, hi);
    uint64_t c = step("conj", {a, b});
    drop(a);
    drop(b);
    return c;
  }

  const Cnf& cnf_;
  cert::Emitter& out_;
  std::vector<int8_t> value_;
  std::vector<int32_t> touched_;
  std::unordered_map<int64_t, Clause> clauses_;
  std::unordered_map<uint64_t, uint64_t> tree_;
  std::unordered_map<uint64_t, int> refs_;
  std::vector<uint64_t> var_ids_;
  std::vector<uint8_t> mark_;  // literal membership of the running clause
  std::vector<Term> clause_terms_;  // while Φ is built
  std::unordered_set<int64_t> deleted_;
  uint64_t root_ = 0;
  LratStats stats_;
  std::string where_;
};

}  // namespace

LratStats lrat_to_certificate(const Cnf& cnf, LratReader& in, cert::Emitter& out,
                              const std::string& theory_dir) {
  return lrat_to_certificate(cnf, [&](LratStep& s) { return in.next(s); }, out, theory_dir);
}

LratStats lrat_to_certificate(const Cnf& cnf, const std::function<bool(LratStep&)>& next,
                              cert::Emitter& out, const std::string& theory_dir) {
  if (cnf.clauses.empty()) throw Failure(Outcome::Rejected, "an empty formula is satisfiable");
  check::load_pinned_theory(theory_dir, "core");
  try {
    return Translator(cnf, out).run(next);
  } catch (const KernelError& e) {  // a term the translator built was refused: its bug
    throw Failure(Outcome::Rejected, std::string("LRAT translation: ") + e.what());
  }
}

}  // namespace hcert::sat
