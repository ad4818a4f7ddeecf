#include "translators/drat/lrat_to_cert.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "trusted/outcome.hpp"
#include "formats/id_table.hpp"
#include "trusted/problem.hpp"
#include "translators/drat/live_id_map.hpp"
#include "translators/vocabulary.hpp"

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
  // The clause as the proof states it, when it differs from `lits` (a subset of it, for a
  // clause a RAT step rebuilt with its resolvent's literals); empty otherwise, so that the
  // common clause holds its literals once.
  std::vector<int32_t> stated = {};
  const std::vector<int32_t>& claimed() const { return stated.empty() ? lits : stated; }
};

class Translator {
 public:
  Translator(const Cnf& cnf, cert::Emitter& out, const std::function<std::vector<uint32_t>()>& inputs_used)
      : cnf_(cnf), out_(out), input_deleted_(cnf.clauses.size() + 1, 0), inputs_used_(inputs_used) {
    for (const std::vector<int32_t>& c : cnf_.clauses) count_input(c, 1);
  }

  LratStats run(const std::function<bool(LratStep&)>& next) {
    out_.write(Emitter::make(Tag::Header, {1}));
    out_.write(Emitter::make(Tag::Problem, {}, {"dimacs", cnf_.sha256}));
    out_.write(Emitter::make(Tag::Claim, {}, {"unsat"}));
    // Φ first (every refutation needs it), and handed on at once: with the checker on a
    // second thread, the problem's elaboration and Φ's terms are built while the first
    // step is still being found (a DRAT proof's backward pass runs inside next).
    if (!inputs_used_) root();  // else Φ waits for the inputs the proof uses
    out_.flush();
    LratStep s;
    while (next(s)) {
      at_line_ = s.line, at_offset_ = s.offset;
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
    throw Failure(o, "LRAT " + where() + ": " + why);
  }
  // Where the current step is, for messages (made only when one is needed).
  std::string where() const {
    return at_line_ ? "line " + std::to_string(at_line_) : "byte " + std::to_string(at_offset_);
  }

  // Steps are written into the writer's reusable record (Emitter::begin): no allocation
  // per step once its vectors have grown.
  uint64_t step(const char* rule, std::initializer_list<uint64_t> args) {
    uint64_t id = out_.new_thm_id();
    cert::Record& r = out_.begin(Tag::Step);
    r.nums.push_back(id);
    r.nums.insert(r.nums.end(), args.begin(), args.end());
    r.names.emplace_back(rule);
    out_.commit();
    return id;
  }
  // nums[0] is left for the new theorem's id.
  uint64_t step(const char* rule, const std::vector<uint64_t>& nums) {
    uint64_t id = out_.new_thm_id();
    cert::Record& r = out_.begin(Tag::Step);
    r.nums.assign(nums.begin(), nums.end());
    r.nums[0] = id;
    r.names.emplace_back(rule);
    out_.commit();
    return id;
  }
  // Clause theorems can be shared (a lemma subsumed by its conflict clause is that clause's
  // theorem), so they are deleted from the certificate when their last user goes.
  void retain(uint64_t thm) {
    if (int* n = refs_.find(thm)) ++*n;
    else refs_.emplace(thm, 1);
  }
  void forget(uint64_t thm) {
    int* n = refs_.find(thm);
    if (n && --*n > 0) return;
    if (n) refs_.erase(thm);
    drop(thm);
  }
  void drop(uint64_t thm) {
    cert::Record& r = out_.begin(Tag::Del);
    r.nums.push_back(thm);
    r.names.emplace_back("thm");
    out_.commit();
    out_.release_thm_id(thm);
  }

  // ---- the formula hypothesis Φ and the input clauses ----

  // {Φ} ⊢ Φ, made once. Φ is the conjunction, in a halving tree (spec/problems.md), of the
  // input clauses the proof may use: all of them (the problem's assertion m, which the
  // checker elaborates), or, when the caller knows which (a DRAT proof's hints after the
  // backward pass, an LRAT file's first read) and they are at most two thirds, those
  // only, one `aconj` record (spec/sat.md). Why: the checker then makes no term for the
  // other clauses (md5-506: 1.15M term nodes for all; its DRAT core names 20 % of the
  // clauses, its LRAT proof 51 %). Above two thirds the end check's walk over the subset's
  // tree (two nodes a clause) costs more than the elaboration saved. An input outside the
  // subset (a RAT step's candidate) is assumed alone (input).
  uint64_t root() {
    if (root_) return root_;
    std::vector<uint32_t> used;
    if (inputs_used_) used = inputs_used_();
    if (!used.empty() && 3 * used.size() <= 2 * cnf_.clauses.size() && used.size() < cert::kMaxList)
      return root_ = subset_root(used);
    leaves_ = cnf_.clauses.size();
    reserve_problem_terms(cnf_);
    root_ = out_.new_thm_id();
    out_.write(Emitter::make(Tag::Assert, {root_, cnf_.clauses.size()}));
    return root_;
  }
  uint64_t subset_root(const std::vector<uint32_t>& used) {
    leaf_of_.assign(cnf_.clauses.size(), kNoLeaf);
    size_t lits = 0;
    for (size_t k = 0; k < used.size(); ++k) leaf_of_[used[k]] = static_cast<uint32_t>(k), lits += cnf_.clauses[used[k]].size();
    leaves_ = used.size();
    Kernel::reserve_terms(lits + 2 * used.size());  // as reserve_problem_terms, for the subset's terms
    // One `aconj` record: the checker builds the tree as elaborate builds Φ, so that
    // down_to's numbering holds for it too.
    uint64_t phi = out_.term_record(Tag::AConj, used.begin(), used.end());
    uint64_t th = step("assume", {phi});
    out_.write(Emitter::make(Tag::Del, {phi}, {"tm"}));  // Φ's theorem holds it
    return th;
  }
  size_t leaf(size_t i) const { return leaf_of_.empty() ? i : leaf_of_[i]; }  // kNoLeaf: none

  // The halving tree's nodes from the root down to leaf i, the root left out: at each,
  // visit(node, whether it is its parent's left child, how many leaves it has). A node of
  // more than one leaf is numbered by where it splits them (lo + (hi − lo)/2, in 1 … m − 1:
  // each place between two leaves is split by exactly one node), leaf j by m + j: fewer
  // than 2m numbers (heap numbers reach 4m: md5-506's tables took 5 MB more).
  template <class Visit>
  void down_to(size_t i, Visit visit) const {
    size_t lo = 0, hi = leaves_;
    while (hi - lo > 1) {
      size_t mid = lo + (hi - lo) / 2;
      bool left = i < mid;
      (left ? hi : lo) = mid;
      visit(hi - lo > 1 ? lo + (hi - lo) / 2 : leaves_ + lo, left, hi - lo);
    }
  }

  // {Φ} ⊢ Φ(lo, hi) for the tree node containing clause i, walking down from the root
  // (nodes numbered as down_to says).
  uint64_t input(size_t i) {
    uint64_t th = root();
    ++stats_.inputs_used;
    if (leaf(i) == kNoLeaf) {
      uint64_t alone = out_.new_thm_id();
      out_.write(Emitter::make(Tag::Assert, {alone, i}));
      uint64_t clause_thm = step("clause_intro", {alone});
      drop(alone);
      return clause_thm;
    }
    if (tree_.empty()) tree_.assign(2 * leaves_ + 2, 0);
    down_to(leaf(i), [&](size_t node, bool left, size_t) {
      uint64_t& known = tree_[node];
      if (!known) known = step(left ? "conjunct1" : "conjunct2", {th});
      th = known;
    });
    uint64_t clause_thm = step("clause_intro", {th});
    consume(i);
    return clause_thm;
  }

  // Input clause i will not be asked for again (built, or deleted unbuilt): a tree node
  // whose leaves have all gone that way is needed no more, and its theorem is deleted. Why:
  // the kept theorems were most of the checker's live theorems (md5-506: the table of
  // theorem ids reached 786k slots, 30 MB), while nearly every input clause is used or
  // deleted as the proof goes (210,741 of md5-506's 212,074). left_ counts each node's
  // leaves not yet gone, set on the first walk through it.
  void consume(size_t i) {
    root();  // the tree's shape
    if (leaf(i) == kNoLeaf) return;
    if (left_.empty()) left_.assign(2 * leaves_ + 2, kUncounted);
    down_to(leaf(i), [&](size_t node, bool, size_t leaves) {
      uint32_t& n = left_[node];
      if (n == kUncounted) n = static_cast<uint32_t>(leaves);
      if (--n == 0 && !tree_.empty() && tree_[node]) tree_gone_.push_back(tree_[node]), tree_[node] = 0;
    });
    // One `del` record for many (a record each cost more than the memory saved).
    if (tree_gone_.size() < 1024) return;
    out_.write(Emitter::make(Tag::Del, tree_gone_, {"thm"}));
    for (uint64_t th : tree_gone_) out_.release_thm_id(th);
    tree_gone_.clear();
  }

  Clause* live(int64_t id) {
    Live* c = id >= 1 ? clauses_.find(static_cast<uint64_t>(id)) : nullptr;
    return c ? c->clause.get() : nullptr;
  }
  Clause* put(int64_t id, Clause c) {
    auto p = std::make_unique<Clause>(std::move(c));
    Clause* raw = p.get();
    if (!clauses_.emplace(static_cast<uint64_t>(id), Live{raw->thm, std::move(p)})) reject("clause id " + std::to_string(id) + " is already in use");
    return raw;
  }
  // The theorem of the clause a hint names (0: none), from its slot when it is live.
  uint64_t hint_thm(int64_t id) {
    if (Live* l = id >= 1 ? clauses_.find(static_cast<uint64_t>(id)) : nullptr) return l->thm;
    const Clause* d = clause(id);
    return d ? d->thm : 0;
  }

  const Clause* clause(int64_t id) {
    if (id < 1) return nullptr;
    if (Clause* c = live(id)) return c;
    if (static_cast<uint64_t>(id) <= cnf_.clauses.size() && !input_deleted_[id]) {
      std::vector<int32_t> lits = cnf_.clauses[id - 1];
      std::sort(lits.begin(), lits.end());
      lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
      uint64_t th = input(id - 1);
      retain(th);
      return put(id, Clause{th, std::move(lits)});
    }
    return nullptr;
  }

  void erase(const std::vector<int64_t>& ids) {
    for (int64_t id : ids) {
      if (Clause* c = live(id)) {
        count(*c, -1);
        forget(c->thm);
        clauses_.erase(id);
      } else if (id >= 1 && static_cast<uint64_t>(id) <= cnf_.clauses.size() && !input_deleted_[id]) {
        count_input(cnf_.clauses[id - 1], -1);
        consume(static_cast<size_t>(id - 1));
      }
      if (id >= 1 && static_cast<uint64_t>(id) <= cnf_.clauses.size()) input_deleted_[id] = 1;
    }
  }

  // Occurrences of each literal in the live clauses' `lits` (a superset of `claimed`; an
  // input clause counts from the start, built or not). A RUP-looking step whose hints
  // refute nothing is still a RAT step when no live clause has its negated pivot (rat_step
  // judges by `lits` too); only such a step needs the hints replayed here to tell (the
  // kernel checks every other one). A wrong count can only make a valid proof fail, never
  // a wrong one pass.
  uint32_t& occ(int32_t l) { return occ_[idx_in(occ_, l)]; }
  void count(const Clause& c, int d) {
    for (int32_t l : c.lits) occ(l) += d;
  }
  // Each literal of an input clause once, as its Clause will have it: a short clause
  // without a sorted copy (one allocation per input clause at the start: md5-506's 212k).
  void count_input(const std::vector<int32_t>& c, int d) {
    if (c.size() > 16) {
      std::vector<int32_t> s = c;
      std::sort(s.begin(), s.end());
      return count(Clause{0, {s.begin(), std::unique(s.begin(), s.end())}}, d);
    }
    for (size_t i = 0; i < c.size(); ++i)
      if (std::find(c.begin(), c.begin() + i, c[i]) == c.begin() + i) occ(c[i]) += d;
  }

  // ---- variables: DIMACS numbers, renamed by RAT steps to extension variables ----

  // The internal literal of a proof literal: its variable as renamed by earlier RAT steps
  // (spec/sat.md, "RAT steps"); a proof variable that happens to equal an extension
  // variable's number gets a number of its own.
  int32_t internal(int64_t l) {
    if (l == 0 || std::abs(l) >= (int64_t(1) << 31)) reject("literal " + std::to_string(l) + " is out of range");
    // Per-variable tables grow with the largest variable: a proof's new variables (RAT
    // extensions) are bounded by its steps, so a larger number is refused, not allocated.
    if (std::abs(l) > static_cast<int64_t>(cnf_.vars + 2 * stats_.additions) + 65536)
      throw Failure(Outcome::InputError, "LRAT " + where() + ": variable " + std::to_string(std::abs(l)) +
                                             " is far beyond the problem's " + std::to_string(cnf_.vars) + " variables");
    int32_t v = static_cast<int32_t>(std::abs(l));
    if (rename_.empty() && hol_name_.empty()) {  // no RAT step so far: every name is its own
      next_var_ = std::max<int64_t>(next_var_, int64_t(v) + 1);
      return l > 0 ? v : -v;
    }
    auto it = rename_.find(v);
    int32_t w = v;
    if (it != rename_.end()) {
      w = it->second;
    } else if (hol_name_.count(v)) {  // collides with an extension variable
      w = fresh_var(std::to_string(v));
      rename_[v] = w;
    }
    next_var_ = std::max<int64_t>(next_var_, int64_t(w) + 1);
    return l > 0 ? w : -w;
  }
  int32_t fresh_var(const std::string& name) {
    int64_t next = std::max<int64_t>(next_var_, int64_t(cnf_.vars) + 1);
    if (next >= (int64_t(1) << 31)) reject("no variable number is left for a RAT extension (at most 2^31 - 1)");
    int32_t w = static_cast<int32_t>(next);
    next_var_ = next + 1;
    hol_name_[w] = name;
    return w;
  }
  Term hol_var(int32_t x) {
    auto it = hol_name_.find(x);
    return it == hol_name_.end() ? check::dimacs_literal(vocab(), x) : Term::var(it->second, Type::boolean());
  }
  Term lit_term(int32_t l) { return l > 0 ? hol_var(l) : rules_neg(hol_var(-l)); }
  Term comp_term(int32_t l) { return lit_term(-l); }  // comp(x) = ~x, comp(~x) = x
  static Term rules_neg(const Term& t) {
    static const Term n = Term::constant(vocab(), "~", Type::fun(Type::boolean(), Type::boolean()));
    return Term::comb(n, t);
  }
  uint64_t term(const Term& t) { return out_.term(t); }

  // ---- RAT steps: an extension variable for the pivot (spec/sat.md) ----

  // K := comp(c1) /\ (comp(c2) /\ …) for the literals of C' (T when C' is empty), and a
  // theorem {comp(c1), …} ⊢ K from their assumptions.
  std::pair<Term, uint64_t> k_of(const std::vector<int32_t>& cprime) {
    if (cprime.empty()) return {Term::constant(vocab(), "T", Type::boolean()), step("truth", {})};
    static const Term conj = Term::constant(vocab(), "/\\", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
    Term k = comp_term(cprime.back());
    uint64_t th = step("assume", {term(k)});
    for (size_t i = cprime.size() - 1; i-- > 0;) {
      Term c = comp_term(cprime[i]);
      k = Term::comb(Term::comb(conj, c), k);
      uint64_t a = step("assume", {term(c)});
      uint64_t n = step("conj", {a, th});
      drop(a);
      drop(th);
      th = n;
    }
    return {k, th};
  }
  // Removes the hypotheses comp(c) of C' from `th` using the assumption K (th itself is
  // left to its owner).
  uint64_t discharge_k(uint64_t th, const std::vector<int32_t>& cprime, const Term& k) {
    if (cprime.empty()) return th;
    uint64_t kt = step("assume", {term(k)});
    uint64_t rest = kt;
    uint64_t original = th;
    for (size_t i = 0; i < cprime.size(); ++i) {
      uint64_t ci = i + 1 == cprime.size() ? rest : step("conjunct1", {rest});
      uint64_t nth = step("prove_hyp", {ci, th});
      if (th != original) drop(th);
      th = nth;
      if (i + 1 < cprime.size()) {
        uint64_t r2 = step("conjunct2", {rest});
        drop(ci);
        drop(rest);
        rest = r2;
      } else {
        drop(ci);
      }
    }
    return th;
  }

  // A RAT step's hints as LRAT gives them: shared positive ones, then blocks "-D hint…"
  // for the clauses D containing the negated pivot.
  struct RatHints {
    std::vector<int64_t> shared;
    std::unordered_map<int64_t, std::vector<int64_t>> blocks;
  };
  RatHints split_rat_hints(const std::vector<int64_t>& hints) {
    RatHints r;
    std::vector<int64_t>* cur = &r.shared;
    for (int64_t h : hints) {
      if (h < 0) {
        if (r.blocks.count(-h)) reject("two RAT blocks for clause " + std::to_string(-h));
        cur = &r.blocks[-h];
      } else {
        cur->push_back(h);
      }
    }
    return r;
  }

  // The ids of the live clauses with x or ¬x, ascending; each has a clause theorem after
  // this (inputs are built on demand).
  std::vector<int64_t> clauses_with_var(int32_t x) {
    for (size_t i = 0; i < cnf_.clauses.size(); ++i)
      if (!input_deleted_[i + 1] && !live(i + 1) && !hol_name_.count(x) && !rename_.count(x))
        for (int32_t l : cnf_.clauses[i])
          if (std::abs(l) == x) { clause(i + 1); break; }
    std::vector<int64_t> with_x;
    clauses_.for_each([&](uint64_t id, const Live& l) {
      const Clause* c = l.clause.get();
      if (std::binary_search(c->lits.begin(), c->lits.end(), x) || std::binary_search(c->lits.begin(), c->lits.end(), -x))
        with_x.push_back(static_cast<int64_t>(id));
    });
    std::sort(with_x.begin(), with_x.end());
    return with_x;
  }

  // The resolvents C ∪ (D − ¬p) of the lemma C with every clause D of with_x containing ¬p,
  // by RUP from the shared and the block hints (a tautological one as {y, ~y} ⊢ F). A
  // block is refused unless its clause contains the negated pivot as the proof states it
  // (as lrat-check has it); a clause whose derived form lost the negated pivot needs no
  // resolvent, so its block goes unused.
  std::unordered_map<int64_t, Clause> rat_resolvents(const std::vector<int32_t>& lits, int32_t p,
                                                     const std::vector<int64_t>& with_x, const RatHints& rh) {
    std::unordered_map<int64_t, Clause> resolvents;
    for (int64_t id : with_x) {
      const Clause& d = *live(id);
      if (!std::binary_search(d.lits.begin(), d.lits.end(), -p)) continue;
      std::vector<int32_t> r = lits;  // C ∪ (D − ¬p), D as the proof states it
      for (int32_t l : d.claimed())
        if (l != -p) r.push_back(l);
      std::sort(r.begin(), r.end());
      r.erase(std::unique(r.begin(), r.end()), r.end());
      int32_t taut = 0;
      for (int32_t l : r)
        if (l > 0 && std::binary_search(r.begin(), r.end(), -l)) taut = l;
      if (taut) {
        uint64_t a = step("assume", {term(lit_term(-taut))}), b = step("assume", {term(lit_term(taut))});
        resolvents.emplace(id, Clause{step("not_elim", {a, b}), {-taut, taut}});
        drop(a);
        drop(b);
        continue;
      }
      auto it = rh.blocks.find(id);
      if (it == rh.blocks.end()) reject("no RAT block for clause " + std::to_string(id) + ", which contains the negated pivot");
      std::vector<int64_t> h = rh.shared;
      h.insert(h.end(), it->second.begin(), it->second.end());
      resolvents.emplace(id, derive(r, h));
    }
    for (const auto& [id, _] : rh.blocks) {
      if (resolvents.count(id)) continue;
      const Clause* d = live(id);
      if (!d || !std::binary_search(d->claimed().begin(), d->claimed().end(), -p))
        reject("RAT block for clause " + std::to_string(id) + ", which is not a live clause containing the negated pivot");
    }
    return resolvents;
  }

  // The extension of a RAT step on pivot p (variable x) for C = p ∨ C': z := x \/ K
  // (p = x) or x /\ ~K (p = ¬x), K from k_of(C'); H := (z = t) is assumed, and removed by
  // INST z := t and REFL at the end (finish).
  struct Extension {
    int32_t p, x, zi;
    Term xv, z, k;
    uint64_t h, hs;  // {H} ⊢ z = t and {H} ⊢ t = z
    uint64_t z_thm(Translator& tr) const { return tr.step("eq_mp", {h, tr.step("assume", {tr.term(z)})}); }  // {H, z} ⊢ t
  };
  Extension define_extension(int32_t p, const std::vector<int32_t>& cprime) {
    Extension e;
    e.p = p;
    e.x = std::abs(p);
    auto [k, kthm] = k_of(cprime);
    drop(kthm);
    e.k = k;
    const Type b = Type::boolean();
    static const Term disj = Term::constant(vocab(), "\\/", Type::fun(b, Type::fun(b, b)));
    static const Term conj = Term::constant(vocab(), "/\\", Type::fun(b, Type::fun(b, b)));
    e.xv = hol_var(e.x);
    Term t = p > 0 ? Term::comb(Term::comb(disj, e.xv), k) : Term::comb(Term::comb(conj, e.xv), rules_neg(k));
    e.zi = fresh_var("rat" + std::to_string(stats_.rat_steps));
    e.z = hol_var(e.zi);
    e.h = step("assume", {term(Term::eq(e.z, t))});
    e.hs = step("sym", {e.h});
    extensions_.push_back({e.zi, t});
    return e;
  }

  // The theorem of C[z/x]: z ∨ C' (from the comps of C', K, then x \/ K, then z) or
  // ¬z ∨ C' (z gives ~K, the comps of C' give K).
  uint64_t renamed_lemma_thm(const Extension& e, const std::vector<int32_t>& cprime) {
    auto [k2, kt] = k_of(cprime);
    if (e.p > 0) {
      uint64_t tt = step("disj2", {term(e.xv), kt});
      uint64_t zt = step("eq_mp", {e.hs, tt});
      return step("not_elim", {step("assume", {term(rules_neg(e.z))}), zt});
    }
    return step("not_elim", {step("conjunct2", {e.z_thm(*this)}), kt});
  }

  // The theorem of D[z/x] for a live clause D with x or ¬x; `resolvent` is C ∪ (D − ¬p)'s
  // (used when D contains ¬p).
  uint64_t renamed_clause_thm(const Extension& e, const Clause& d, const Clause* resolvent, const std::vector<int32_t>& cprime) {
    bool same = std::binary_search(d.lits.begin(), d.lits.end(), e.p);  // D contains the pivot literal
    if (e.p > 0 && same) {  // D ∋ x: ~z gives ~x
      uint64_t zt = step("eq_mp", {e.hs, step("disj1", {step("assume", {term(e.xv)}), term(e.k)})});
      uint64_t f = step("not_elim", {step("assume", {term(rules_neg(e.z))}), zt});
      return step("prove_hyp", {step("not_intro", {term(e.xv), f}), d.thm});
    }
    if (e.p > 0) {  // D ∋ ¬x: cases on z = x \/ K; K with the resolvent
      uint64_t nx = step("not_intro", {term(e.xv), d.thm});
      uint64_t rk = step("prove_hyp", {nx, resolvent->thm});
      rk = discharge_k(rk, cprime, e.k);
      return step("disj_cases", {e.z_thm(*this), d.thm, rk});
    }
    if (same)  // D ∋ ¬x: z gives x
      return step("prove_hyp", {step("conjunct1", {e.z_thm(*this)}), d.thm});
    // D ∋ x: from x, the resolvent gives ~K, so z, against ~z: ~x
    uint64_t rk = discharge_k(resolvent->thm, cprime, e.k);
    uint64_t nk = step("not_intro", {term(e.k), rk});
    uint64_t zx = step("conj", {step("assume", {term(e.xv)}), nk});
    uint64_t f = step("not_elim", {step("assume", {term(rules_neg(e.z))}), step("eq_mp", {e.hs, zx})});
    return step("prove_hyp", {step("not_intro", {term(e.xv), f}), d.thm});
  }

  // A RAT step (spec/sat.md, "RAT steps"): the lemma C = p ∨ C' and every live clause with
  // the pivot's variable x are restated over a fresh extension variable z, and later proof
  // steps mean z where they say x. Returns the lemma's clause.
  Clause rat_step(const std::vector<int32_t>& lits, int32_t p, const std::vector<int64_t>& hints) {
    ++stats_.rat_steps;
    RatHints rh = split_rat_hints(hints);
    int32_t x = std::abs(p);
    std::vector<int64_t> with_x = clauses_with_var(x);
    std::vector<int32_t> cprime;
    for (int32_t l : lits)
      if (l != p) cprime.push_back(l);
    std::unordered_map<int64_t, Clause> resolvents = rat_resolvents(lits, p, with_x, rh);
    Extension e = define_extension(p, cprime);
    auto rename = [&](std::vector<int32_t> ls) {
      for (int32_t& l : ls)
        if (std::abs(l) == x) l = l > 0 ? e.zi : -e.zi;
      std::sort(ls.begin(), ls.end());
      return ls;
    };
    // The clause theorems of C and of every clause with x, after the renaming.
    std::vector<std::pair<int64_t, Clause>> renamed;
    renamed.push_back({0, Clause{renamed_lemma_thm(e, cprime), rename(lits)}});
    for (int64_t id : with_x) {
      const Clause& d = *live(id);
      bool same = std::binary_search(d.lits.begin(), d.lits.end(), p);
      const Clause* res = same ? nullptr : &resolvents.at(id);
      uint64_t th = renamed_clause_thm(e, d, res, cprime);
      // The clause of the new theorem: D's, plus what the resolvent brought in (from D as
      // stated) in the cases that used it.
      std::vector<int32_t> nl = d.lits;
      if (res)
        for (int32_t l : res->lits)
          if (!std::binary_search(lits.begin(), lits.end(), l)) nl.push_back(l);
      std::sort(nl.begin(), nl.end());
      nl.erase(std::unique(nl.begin(), nl.end()), nl.end());
      std::vector<int32_t> nlits = rename(nl), stated = rename(d.claimed());
      if (stated == nlits) stated.clear();
      renamed.push_back({id, Clause{th, std::move(nlits), std::move(stated)}});
    }
    // Resolvents first (one may be a clause's own theorem, still retained by that clause),
    // then the old theorems of the renamed clauses.
    for (auto& [id, r] : resolvents) retain(r.thm), forget(r.thm);
    for (auto& [id, c] : renamed) {
      if (id == 0) continue;
      Live* l = clauses_.find(static_cast<uint64_t>(id));
      retain(c.thm), forget(l->thm), count(*l->clause, -1), count(c, 1);
      *l->clause = c, l->thm = c.thm;  // the slot's copy too
    }
    // Later proof steps mean z where they say x.
    int64_t dimacs = x;
    for (auto& [v, w] : rename_) dimacs = w == x ? v : dimacs;
    rename_[static_cast<int32_t>(dimacs)] = e.zi;
    return renamed[0].second;
  }

  // ---- one addition: check the hints by unit propagation, then resolve backwards ----

  int8_t value(int32_t lit) {
    // Grown by the variables in use, not by the header's count (which may be 2^31 - 1).
    if (static_cast<size_t>(std::abs(lit)) >= value_.size()) value_.resize(static_cast<size_t>(std::abs(lit)) + 1, 0);
    int8_t v = value_[std::abs(lit)];
    return lit > 0 ? v : -v;
  }
  void set_true(int32_t lit) {
    value_[std::abs(lit)] = lit > 0 ? 1 : -1;
    touched_.push_back(std::abs(lit));
  }

  bool add(const LratStep& s) {
    std::vector<int32_t> lits;
    lits.reserve(s.lits.size());
    for (int64_t l : s.lits) lits.push_back(internal(l));
    int32_t pivot = lits.empty() ? 0 : lits[0];  // LRAT's RAT pivot: the first literal
    std::sort(lits.begin(), lits.end());
    lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
    if (live(static_cast<int64_t>(s.id)) || (s.id <= cnf_.clauses.size() && !input_deleted_[s.id]))
      reject("clause id " + std::to_string(s.id) + " is already in use");
    // RAT when there are RAT blocks, or when the hints refute nothing (then it must be RAT
    // with no clause containing the negated pivot, as lrat-check accepts).
    bool rat = std::any_of(s.hints.begin(), s.hints.end(), [](int64_t h) { return h < 0; });
    bool might_be_rat = !lits.empty() && occ(-pivot) == 0;
    std::optional<Clause> rup = rat ? std::nullopt : rup_clause(lits, s.hints, might_be_rat);
    Clause c = rup ? std::move(*rup) : rat_step(lits, pivot, s.hints);
    retain(c.thm);
    const Clause* mine = put(static_cast<int64_t>(s.id), std::move(c));
    count(*mine, 1);
    if (!mine->lits.empty()) return false;
    finish(mine->thm);
    return true;
  }

  // Unit propagation from "every literal of lits is false" over the hints, in order: the
  // conflict clause (null when the hints reach none), with the units found on the way in
  // units_ (reason, literal made true) and the number of hints read in *read. Rejects a
  // hint that is not a live clause or not unit. The assignment is cleared again.
  const Clause* propagate(const std::vector<int32_t>& lits, const std::vector<int64_t>& hints, size_t* read) {
    for (int32_t l : lits) {
      if (value(l) == 1) { clear(); reject("the lemma is a tautology"); }
      set_true(-l);
    }
    units_.clear();
    const Clause* conflict = nullptr;
    size_t j = 0;
    for (; j < hints.size() && !conflict; ++j) {
      const Clause* d = clause(hints[j]);
      if (!d) { clear(); reject("hint " + std::to_string(hints[j]) + " is not a live clause"); }
      int32_t unit = 0;
      int open = 0;  // literals not false (a true one counts, as in lrat-check)
      for (int32_t l : d->lits)
        if (value(l) != -1) ++open, unit = l;
      if (open == 0) conflict = d;
      else if (open > 1) { clear(); reject("hint " + std::to_string(hints[j]) + " is not unit"); }
      else if (value(unit) == 0) units_.push_back({d, unit}), set_true(unit);
      // else: the hint is already satisfied; it adds nothing (lrat-check only warns)
    }
    clear();
    if (read) *read = j;
    return conflict;
  }

  // The clause theorem of a RUP lemma: one `rup` step, the kernel's unit propagation over
  // the hints (spec/sat.md); its clause is the lemma as stated. Only when the step might be
  // a RAT step with no blocks are the hints replayed here first: then hints that reach no
  // conflict give nothing, and the caller checks it as RAT.
  std::optional<Clause> rup_clause(const std::vector<int32_t>& lits, const std::vector<int64_t>& hints, bool might_be_rat) {
    size_t read = hints.size();
    for (int64_t h : hints) clauses_.prefetch(static_cast<uint64_t>(h));  // their misses overlap
    if (might_be_rat && !propagate(lits, hints, &read)) return std::nullopt;
    std::vector<uint64_t>& nums = rup_nums_;  // reused: no allocation per step
    nums.clear();
    nums.push_back(0);  // the new theorem's id
    nums.push_back(lits.size());
    for (int32_t l : lits) nums.push_back(var_term(std::abs(l))), nums.push_back(l > 0 ? 1 : 0);  // comp(l)
    size_t first = nums.size();
    for (size_t j = 0; j < read; ++j) {
      uint64_t thm = hint_thm(hints[j]);
      if (!thm) {
        // lrat-check stops at the conflict and never reads later hints, so a hint that
        // names no live clause is judged by replaying: refused (by propagate) if it comes
        // before the conflict, left out if after.
        propagate(lits, hints, &read);
        nums.resize(first + read);
        break;
      }
      nums.push_back(thm);
    }
    ++stats_.rup_steps;
    return Clause{step("rup", nums), lits};
  }

  // The clause theorem of a RUP clause from its hints, by resolution (RAT resolvents): after
  // the propagation, one resolve_chain step resolves the conflict clause backwards with the
  // reasons of its false literals. The result's clause is a subset of `lits`.
  Clause derive(const std::vector<int32_t>& lits, const std::vector<int64_t>& hints) {
    const Clause* conflict = propagate(lits, hints, nullptr);
    if (!conflict) reject("the hints do not lead to a conflict");
    std::vector<std::pair<const Clause*, int32_t>>& units = units_;  // (reason, propagated literal)
    uint64_t t = conflict->thm;
    // The running clause as marks on literals (no allocation per resolution).
    std::vector<int32_t>& members = members_;
    members.clear();
    auto add_lit = [&](int32_t l) {
      uint8_t& m = mark_[idx(l)];
      if (!m) m = 1, members.push_back(l);
    };
    for (int32_t l : conflict->lits) add_lit(l);
    std::vector<uint64_t> chain{0, t};  // nums[0]: the new theorem's id
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
    if (chain.size() > 2) t = step("resolve_chain", chain);
    if (!std::includes(lits.begin(), lits.end(), cur.begin(), cur.end()))
      reject("the derived clause is not a subset of the lemma");
    return Clause{t, cur};
  }

  size_t idx(int32_t lit) { return idx_in(mark_, lit); }
  template <class V>
  static size_t idx_in(V& v, int32_t lit) {
    size_t i = 2 * static_cast<size_t>(std::abs(lit)) + (lit < 0);
    if (i >= v.size()) v.resize(i + 2, 0);
    return i;
  }

  // The certificate's term id of variable x (made once per variable).
  uint64_t var_term(int32_t x) {
    if (static_cast<size_t>(x) >= var_ids_.size()) var_ids_.resize(static_cast<size_t>(x) + 1, 0);
    if (!var_ids_[x]) var_ids_[x] = out_.term(hol_var(x));
    return var_ids_[x];
  }

  void clear() { for (int32_t v : touched_) value_[v] = 0; touched_.clear(); }

  // {Φ} ⊢ F ends the certificate: Φ is an assertion of the problem.
  void finish(uint64_t refutation) {
    // Each extension's definition z = t leaves by INST z := t, then REFL t (latest first:
    // a later t may mention an earlier z, never the reverse).
    for (size_t i = extensions_.size(); i-- > 0;) {
      const auto& [zi, t] = extensions_[i];
      uint64_t inst = step("inst", {refutation, term(hol_var(zi)), term(t)});
      refutation = step("prove_hyp", {step("refl", {term(t)}), inst});
    }
    out_.write(Emitter::make(Tag::End, {refutation}));
  }

  const Cnf& cnf_;
  cert::Emitter& out_;
  std::vector<int8_t> value_;
  std::vector<int32_t> touched_;
  // Live clauses by LRAT id (live_id_map.hpp). Each sits in its own allocation, so a Clause*
  // stays valid while others come and go (the map moves its entries). Its theorem is kept in
  // the slot too (the same as clause->thm, set by put and replace): a RUP step needs only its
  // hints' theorems, and reading them from the slots spares a cache miss per hint (md5-506:
  // half of the translation's own samples were that load).
  struct Live { uint64_t thm; std::unique_ptr<Clause> clause; };
  LiveIdMap<Live> clauses_;
  std::vector<uint64_t> tree_;  // theorem of each tree node made so far, by number (down_to; 0: none)
  static constexpr uint32_t kUncounted = UINT32_MAX;
  std::vector<uint32_t> left_;  // leaves below each tree node not yet gone (consume)
  std::vector<uint64_t> tree_gone_;  // their theorems not needed any more, to delete
  check::IdTable<int> refs_;  // users of each clause theorem id
  std::vector<uint64_t> var_ids_;
  std::vector<uint8_t> mark_;  // literal membership of the running clause
  std::vector<uint32_t> occ_;
  std::vector<std::pair<const Clause*, int32_t>> units_;  // derive's scratch, kept for its capacity
  std::vector<int32_t> members_;
  std::vector<uint64_t> rup_nums_;  // rup_clause's step numbers, kept for their capacity
  std::unordered_map<int32_t, int32_t> rename_;        // DIMACS variable -> internal variable
  std::unordered_map<int32_t, std::string> hol_name_;  // internal variables with their own name
  std::vector<std::pair<int32_t, Term>> extensions_;   // (z, t) of each RAT step
  int64_t next_var_ = 0;
  std::vector<uint8_t> input_deleted_;  // by input clause id (1-based)
  uint64_t root_ = 0;
  // Φ's halving tree: its leaf count, and each input clause's leaf (kNoLeaf: outside the
  // subset; empty: Φ has every clause, clause i at leaf i).
  std::function<std::vector<uint32_t>()> inputs_used_;
  size_t leaves_ = 0;
  static constexpr uint32_t kNoLeaf = UINT32_MAX;
  std::vector<uint32_t> leaf_of_;
  LratStats stats_;
  uint64_t at_line_ = 0, at_offset_ = 0;  // the current step's place
};

}  // namespace

void reserve_problem_terms(const Cnf& cnf) {
  size_t lits = 0;
  for (const std::vector<int32_t>& c : cnf.clauses) lits += c.size();
  Kernel::reserve_terms(lits + 2 * std::min<size_t>(cnf.vars, lits));
}

LratStats lrat_to_certificate(const Env& env, const Cnf& cnf, LratReader& in, cert::Emitter& out,
                              const std::function<std::vector<uint32_t>()>& inputs_used) {
  return lrat_to_certificate(env, cnf, [&](LratStep& s) { return in.next(s); }, out, inputs_used);
}

LratStats lrat_to_certificate(const Env& env, const Cnf& cnf, const std::function<bool(LratStep&)>& next,
                              cert::Emitter& out, const std::function<std::vector<uint32_t>()>& inputs_used) {
  if (cnf.clauses.empty()) throw Failure(Outcome::Rejected, "an empty formula is satisfiable");
  if (!env.fact("T")) throw Failure(Outcome::InputError, "LRAT translation: the core theory is not loaded");
  VocabularyScope scope(env);
  Translator t(cnf, out, inputs_used);
  try {
    return t.run(next);
  } catch (const KernelError& e) {  // a term the translator built was refused: its bug
    throw Failure(Outcome::Rejected, std::string("LRAT translation: ") + e.what());
  }
}

}  // namespace hcert::sat
