#include <algorithm>
#include <chrono>

#include "translators/trace/translator.hpp"
#include "translators/vocabulary.hpp"
#include "trusted/smtlib.hpp"
#include "translators/live_sink.hpp"

namespace hcert::trace {

namespace {
Type boolean() { return Type::boolean(); }
Term truth_term() { return Term::constant(vocab(), "T", boolean()); }
Term conj(const Term& a, const Term& b) { return Prover::op2("/\\", a, b); }
Term disj(const Term& a, const Term& b) { return Prover::op2("\\/", a, b); }
double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

Translator::Translator(check::SmtContext& ctx, Emitter& out, MoreTheories more_theories)
    : ctx_(ctx), out_(out), more_theories_(std::move(more_theories)) {
  assertions_ = ctx.problem().assertions;
  sink_.step = [this](const char* r, std::vector<uint64_t> a) { return step(r, std::move(a)); };
  sink_.term = [this](const Term& t) { return term(t); };
  sink_.type = [this](const Type& t) { return out_.type(t); };
  // Lemmas (arithmetic, COND, atom normal forms) are derived once and stay live.
  lemma_sink_ = live_sink(out_, sink_.term);
  sink_.fact = lemma_sink_.fact;
  arith_ = std::make_unique<Arith>(lemma_sink_);
  arith_refuter_ = [this](StepSink& o, const std::vector<Term>& lits, bool emit, bool* sat) -> uint64_t {
    auto r = arith_->refute(o, lits, emit, sat);
    return r ? *r : 0;
  };
  cond_ = std::make_unique<CondLemmas>(lemma_sink_);
  defs_ = std::make_unique<DefClauses>(sink_, *cond_);
  arrays_ = std::make_unique<ArrayLemmas>(sink_, [this](const Term& e) -> uint64_t {
    auto r = arith_->refute(sink_, {e});
    return r ? *r : 0;
  });
  theory_.arith = &arith_refuter_;
  theory_.cond = cond_.get();
  theory_.key = [this](const Term& t) { return arith_->key(t); };
  size_t m = assertions_.size();
  phi_ = m == 0 ? truth_term() : m == 1 ? conj(assertions_[0], truth_term()) : phi_term(0, m);
}

uint64_t Translator::step(const char* rule, std::vector<uint64_t> args) {
  uint64_t id = keep(rule, std::move(args));
  scratch_.push_back(id);
  return id;
}

uint64_t Translator::keep(const char* rule, std::vector<uint64_t> args) { return lemma_sink_.step(rule, std::move(args)); }

void Translator::del(const std::vector<uint64_t>& ids) {
  if (ids.empty()) return;
  out_.write(Emitter::make(Tag::Del, ids, {"thm"}));
  for (uint64_t id : ids) out_.release_thm_id(id);
}

void Translator::collect(uint64_t result) {
  std::vector<uint64_t> gone;
  for (uint64_t id : scratch_)
    if (id != result) gone.push_back(id);
  scratch_.clear();
  del(gone);
}

// ---- Φ, the assertions' conjunction

Term Translator::phi_term(size_t lo, size_t hi) const {
  if (hi - lo == 1) return assertions_[lo];
  size_t mid = lo + (hi - lo) / 2;
  return conj(phi_term(lo, mid), phi_term(mid, hi));
}

Term Translator::delta_term(size_t lo, size_t hi) const {
  if (hi - lo == 1) {
    const Atom& a = atoms_.at(bool_ids_[lo]);
    return Term::eq(a.p, a.t);
  }
  size_t mid = lo + (hi - lo) / 2;
  return conj(delta_term(lo, mid), delta_term(mid, hi));
}

uint64_t Translator::leaf(uint64_t root, size_t i, size_t n, std::unordered_map<uint64_t, uint64_t>& nodes) {
  size_t lo = 0, hi = n;
  uint64_t cur = root;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    bool left = i < mid;
    size_t nlo = left ? lo : mid, nhi = left ? mid : hi;
    uint64_t key = nlo * (n + 1) + nhi;
    auto it = nodes.find(key);
    cur = it != nodes.end() ? it->second : (nodes[key] = keep(left ? "conjunct1" : "conjunct2", {cur}));
    lo = nlo, hi = nhi;
  }
  return cur;
}

uint64_t Translator::definition(size_t i) {
  if (!delta_assumed_) delta_assumed_ = keep("assume", {term(delta_)});
  return leaf(delta_assumed_, i, bool_ids_.size(), delta_nodes_);
}

uint64_t Translator::conjunct(size_t k) {
  if (!phi_assumed_) phi_assumed_ = keep("assume", {term(phi_)});
  if (assertions_.size() == 1) {  // Φ = A_0 /\ T
    auto it = conjuncts_.find(0);
    return it != conjuncts_.end() ? it->second : (conjuncts_[0] = keep("conjunct1", {phi_assumed_}));
  }
  return leaf(phi_assumed_, k, assertions_.size(), conjuncts_);
}

uint64_t Translator::assertions_give_phi(size_t lo, size_t hi) {
  if (hi - lo == 1) {
    uint64_t id = out_.new_thm_id();
    scratch_.push_back(id);
    out_.write(Emitter::make(Tag::Assert, {id, lo}));
    return id;
  }
  size_t mid = lo + (hi - lo) / 2;
  uint64_t a = assertions_give_phi(lo, mid), b = assertions_give_phi(mid, hi);
  return step("conj", {a, b});
}

// ---- atoms and literals

const Translator::Atom& Translator::atom_of(int64_t lit) const {
  auto it = atoms_.find(static_cast<uint64_t>(lit < 0 ? -lit : lit));
  if (it == atoms_.end()) malformed("literal " + std::to_string(lit) + " names no atom");
  if (it->second.p.is_null()) malformed("literal " + std::to_string(lit) + " names a definition that is not a formula");
  return it->second;
}
Term Translator::positive(int64_t lit) const { return lit < 0 ? neg(atom_of(lit).t) : atom_of(lit).t; }
Term Translator::complement(int64_t lit) const { return lit < 0 ? atom_of(lit).t : neg(atom_of(lit).t); }

void Translator::atom(const TraceStep& s) {
  smt::Script sc;
  try {
    sc = smt::parse_script("(" + s.term + "\n)");
  } catch (const cert::FormatError& e) {
    malformed(std::string("the term does not parse: ") + e.what());
  }
  if (sc.commands.size() != 1 || sc.nodes[sc.commands[0]].kids.size() != 1) malformed("expected one SMT-LIB term");
  if (more_theories_) more_theories_(sc);  // a theory the problem did not name
  Term t;
  try {
    t = ctx_.term(sc, sc.nodes[sc.commands[0]].kids[0], names_);
  } catch (const Failure& f) {
    malformed(std::string("the term does not elaborate: ") + f.what());
  }
  bool formula = t.type() == boolean();
  if (s.kind == TraceStep::Atom && !formula) malformed("an atom must be a formula (sort Bool)");
  Atom a;
  a.t = t;
  if (formula) {
    a.p = Term::var("@" + std::to_string(s.id) + "|trace", boolean());
    bool_pos_[s.id] = bool_ids_.size();
    bool_ids_.push_back(s.id);
  }
  atoms_.emplace(s.id, a);
  declared_.insert(t);
  names_["@" + std::to_string(s.id)] = t;
  ++(s.kind == TraceStep::Atom ? stats_.atoms : stats_.definitions);
}

uint64_t Translator::trade(int64_t l) {
  Atom& a = atoms_.at(static_cast<uint64_t>(l < 0 ? -l : l));
  uint64_t& t = l < 0 ? a.pos_thm : a.neg_thm;
  if (!t) {
    uint64_t def = definition(bool_pos_.at(static_cast<uint64_t>(l < 0 ? -l : l)));
    if (l < 0) {  // {Δ, p} ⊢ t
      t = keep("eq_mp", {def, keep("assume", {term(a.p)})});
    } else {  // {Δ, ~p} ⊢ ~t
      uint64_t not_c = term(neg(a.p).rator());
      t = keep("eq_mp", {keep("ap_term", {not_c, def}), keep("assume", {term(neg(a.p))})});
    }
  }
  return t;
}

uint64_t Translator::over_variables(uint64_t th, const std::vector<int64_t>& lits, const std::vector<bool>* skip) {
  std::vector<int64_t> done;
  for (size_t i = 0; i < lits.size(); ++i) {
    int64_t l = lits[i];
    if ((skip && i < skip->size() && (*skip)[i]) || std::find(done.begin(), done.end(), l) != done.end()) continue;
    done.push_back(l);
    th = step("prove_hyp", {trade(l), th});
  }
  return th;
}

uint64_t Translator::from_negated_conjunction(uint64_t f, const std::vector<Term>& hyps) {
  if (hyps.empty()) return f;  // {~~T}: the case split of ~T; T discharges ~T below
  Term x = hyps.back();
  uint64_t xt = step("assume", {term(x)});
  for (size_t k = hyps.size() - 1; k-- > 0;) {
    x = conj(hyps[k], x);
    xt = step("conj", {step("assume", {term(hyps[k])}), xt});
  }
  // {h…} ⊢ ~~X: NOT_INTRO ~X of NOT_ELIM (ASSUME ~X) X.
  uint64_t nnx = step("not_intro", {term(neg(x)), step("not_elim", {step("assume", {term(neg(x))}), xt})});
  return step("prove_hyp", {nnx, f});
}

uint64_t Translator::case_split(const std::vector<Term>& hyps, const std::vector<Term>& own, std::string* countermodel) {
  Term x = hyps.back();
  for (size_t i = hyps.size() - 1; i-- > 0;) x = conj(hyps[i], x);
  std::vector<Term> hidden;
  for (const Term& t : own)
    if (declared_.erase(t)) hidden.push_back(t);
  uint64_t f = refute_negation(sink_, neg(x), nullptr, 4096, 400, &theory_, &declared_);
  for (const Term& t : hidden) declared_.insert(t);
  return f ? f : refute_negation(sink_, neg(x), countermodel, 4096, 400, &theory_);
}

uint64_t Translator::conjunct_of(size_t k, const Term& c) {
  auto [index, fresh] = conj_index_.try_emplace(k);
  auto& parents = index->second;
  const Term& a = assertions_[k];
  if (fresh) {  // one walk over the conjunctions of A_k (explicit stack, each node once)
    std::vector<Term> todo{a};
    while (!todo.empty()) {
      Term u = todo.back(), l, r;
      todo.pop_back();
      if (!is_op(u, "/\\", &l, &r)) continue;
      if (parents.try_emplace(l, Node{u, false}).second) todo.push_back(l);
      if (parents.try_emplace(r, Node{u, true}).second) todo.push_back(r);
    }
  }
  if (c != a && !parents.count(c)) return 0;
  // Up to the nearest node with a theorem (A_k's is conjunct(k)), then down, keeping each.
  std::vector<Term> up;
  Term u = c;
  while (!conj_thm_.count(u) && u != a) up.push_back(u), u = parents.at(u).parent;
  uint64_t cur = u == a && !conj_thm_.count(a) ? (conj_thm_[a] = conjunct(k)) : conj_thm_.at(u);
  for (size_t i = up.size(); i-- > 0;)
    cur = conj_thm_[up[i]] = keep(parents.at(up[i]).right ? "conjunct2" : "conjunct1", {cur});
  return cur;
}

uint64_t Translator::conjunct_under_negations(size_t k, const Term& c) {
  const Term& a = assertions_[k];
  auto [index, fresh] = conj_negated_.try_emplace(k);
  auto& by_inner = index->second;
  if (fresh) {  // A_k and its conjunction nodes (conjunct_of's walk has indexed them)
    conjunct_of(k, a);
    auto add = [&](const Term& node) {
      Term u = node;
      while (is_neg(u) && is_neg(u.rand())) u = u.rand().rand();
      if (u != node) by_inner.try_emplace(u, node);
    };
    add(a);
    for (const auto& [node, parent] : conj_index_.at(k)) add(node);
  }
  auto it = by_inner.find(c);
  if (it == by_inner.end()) return 0;
  const Term x = it->second;
  // {~~c, ~c} ⊢ F, then for each further pair h' = ~~h: NOT_INTRO h gives {~c} ⊢ ~h, and
  // NOT_ELIM with ASSUME h' gives {h', ~c} ⊢ F.
  uint64_t not_c = step("assume", {term(neg(c))});
  Term h = neg(neg(c));
  uint64_t f = step("not_elim", {step("assume", {term(h)}), not_c});
  while (h != x) {
    uint64_t nh = step("not_intro", {term(h), f});
    h = neg(neg(h));
    f = step("not_elim", {step("assume", {term(h)}), nh});
  }
  f = step("prove_hyp", {conjunct_of(k, x), f});  // {Φ, ~c} ⊢ F
  // {comp(l) : l ∈ C} ⊢ ~c: CLAUSE_INTRO of ASSUME c is {c} ∪ {comp(l)} ⊢ F.
  uint64_t nc = step("not_intro", {term(c), step("clause_intro", {step("assume", {term(c)})})});
  return step("prove_hyp", {nc, f});
}

uint64_t Translator::hole_clause(const std::vector<int64_t>& lits, const std::string& reason) {
  if (!stats_.holes++) first_hole_ = where_ + ": " + reason;
  Term c;
  for (size_t k = lits.size(); k-- > 0;) {
    const Atom& a = atom_of(lits[k]);
    Term l = lits[k] < 0 ? neg(a.p) : a.p;
    c = c.is_null() ? l : disj(l, c);
  }
  if (c.is_null()) c = Term::constant(vocab(), "F", boolean());
  uint64_t id = out_.new_thm_id();
  scratch_.push_back(id);
  out_.write(Emitter::make(Tag::Hole, {id, term(c)}, {"trace: " + reason}));
  return lits.empty() ? id : step("clause_intro", {id});
}

void Translator::add_clause(uint64_t id, uint64_t thm, const std::vector<int64_t>& lits) {
  collect(thm);
  clauses_[id] = thm;
  search_.add(id, lits);
}

// ---- input clauses

// The clause must follow from assertion k (spec/trace.md, "Input clauses"): the assertion
// itself or one of its conjuncts, read as the clause's disjunction, by CLAUSE_INTRO; else
// the case split (with the arithmetic at its leaves) on ~(A_k /\ complements).
void Translator::input(const TraceStep& s) {
  if (s.assertion >= assertions_.size())
    malformed("assertion " + std::to_string(s.assertion) + " does not exist (the problem has " +
              std::to_string(assertions_.size()) + ")");
  size_t k = static_cast<size_t>(s.assertion);
  ++stats_.inputs;
  const Term& a = assertions_[k];
  std::vector<Term> disjuncts, comps;
  bool plain = !s.lits.empty();  // CLAUSE_INTRO's complements are complement(l)
  for (int64_t l : s.lits) {
    disjuncts.push_back(positive(l));
    comps.push_back(complement(l));
    if (l > 0 && is_neg(atom_of(l).t)) plain = false;
  }
  if (plain && is_op(disjuncts.back(), "\\/")) plain = false;  // it would be split too
  uint64_t th = 0;
  if (plain) {
    Term c = disjuncts.back();
    for (size_t i = disjuncts.size() - 1; i-- > 0;) c = disj(disjuncts[i], c);
    if (uint64_t cur = conjunct_of(k, c)) th = step("clause_intro", {cur});
    else th = conjunct_under_negations(k, c);
  }
  if (!th) {
    std::vector<Term> hyps{a};
    hyps.insert(hyps.end(), comps.begin(), comps.end());
    std::string cm;
    std::vector<Term> own;
    for (int64_t l : s.lits) own.push_back(atom_of(l).t);
    uint64_t f = case_split(hyps, own, &cm);
    if (!f && !cm.empty())
      reject("input clause " + std::to_string(s.id) + " does not follow from assertion " + std::to_string(k) + " (" + cm + ")");
    if (f) {
      th = from_negated_conjunction(f, hyps);
      th = step("prove_hyp", {conjunct(k), th});
    }
  }
  th = th ? over_variables(th, s.lits) : hole_clause(s.lits, "input clause not proved from its assertion");
  add_clause(s.id, th, s.lits);
}

// ---- derived clauses and deletions

uint64_t Translator::derived(const TraceStep& s) {
  ++stats_.derived;
  std::vector<uint64_t> hints = s.ids;
  if (hints.empty()) {
    ++stats_.derived_searched;
    auto t0 = std::chrono::steady_clock::now();
    uint64_t before = search_.propagations();
    bool ok = search_.hints(s.lits, hints);
    stats_.propagations += search_.propagations() - before;
    stats_.search_seconds += since(t0);
    if (!ok) reject("clause " + std::to_string(s.id) + " is not implied by unit propagation over the live clauses");
  }
  std::vector<uint64_t> args{s.lits.size()};
  for (int64_t l : s.lits) {
    args.push_back(term(atom_of(l).p));
    args.push_back(l < 0 ? 0 : 1);  // comp(+N) = ~p_N, comp(-N) = p_N
  }
  for (uint64_t h : hints) {
    auto it = clauses_.find(h);
    if (it == clauses_.end()) reject("hint " + std::to_string(h) + " names no live clause");
    args.push_back(it->second);
  }
  uint64_t th = step("rup", std::move(args));
  add_clause(s.id, th, s.lits);
  return th;
}

void Translator::remove(const TraceStep& s) {
  std::vector<uint64_t> gone;
  for (uint64_t id : s.ids) {
    auto it = clauses_.find(id);
    if (it == clauses_.end()) reject("deletion of clause " + std::to_string(id) + ", which is not live");
    gone.push_back(it->second);
    clauses_.erase(it);
    search_.remove(id);
    ++stats_.deletions;
  }
  del(gone);
}

// ---- the end

// {Φ} ∪ D ⊢ F: INST p_N := t_N, then REFL discharges each t_N = t_N, then the assertions
// discharge Φ.
void Translator::finish(uint64_t empty) {
  uint64_t cur = empty;
  if (!bool_ids_.empty()) {
    std::vector<uint64_t> args{cur};
    for (uint64_t id : bool_ids_) {
      const Atom& a = atoms_.at(id);
      args.push_back(term(a.p));
      args.push_back(term(a.t));
    }
    cur = step("inst", std::move(args));
    // ⊢ Δ[t/p], the tree of t_N = t_N, by REFL and CONJ (explicit stack, post-order).
    std::vector<std::pair<size_t, size_t>> todo{{0, bool_ids_.size()}};
    std::vector<std::pair<size_t, size_t>> order;
    while (!todo.empty()) {
      auto [lo, hi] = todo.back();
      todo.pop_back();
      order.push_back({lo, hi});
      if (hi - lo > 1) todo.push_back({lo, lo + (hi - lo) / 2}), todo.push_back({lo + (hi - lo) / 2, hi});
    }
    std::unordered_map<uint64_t, uint64_t> made;
    size_t n = bool_ids_.size();
    for (size_t j = order.size(); j-- > 0;) {
      auto [lo, hi] = order[j];
      size_t mid = lo + (hi - lo) / 2;
      made[lo * (n + 1) + hi] = hi - lo == 1 ? step("refl", {term(atoms_.at(bool_ids_[lo]).t)})
                                             : step("conj", {made.at(lo * (n + 1) + mid), made.at(mid * (n + 1) + hi)});
    }
    cur = step("prove_hyp", {made.at(n), cur});
  }
  size_t m = assertions_.size();
  uint64_t phi = m == 0 ? step("truth", {})
                 : m == 1 ? step("conj", {assertions_give_phi(0, 1), step("truth", {})})
                          : assertions_give_phi(0, m);
  cur = step("prove_hyp", {phi, cur});
  out_.write(Emitter::make(Tag::End, {cur}));
}

void Translator::declarations(TraceReader& in) {
  TraceStep s;
  while (in.next(s)) {
    line_ = s.line, offset_ = s.offset;
    where_ = s.line ? "trace line " + std::to_string(s.line) : "trace byte " + std::to_string(s.offset);
    if (s.kind == TraceStep::Atom || s.kind == TraceStep::Define) atom(s);
    if (s.kind == TraceStep::Derived && s.lits.empty()) break;  // nothing after it is read
  }
  if (!bool_ids_.empty()) delta_ = delta_term(0, bool_ids_.size());
}

TraceStats Translator::run(const std::string& sha, TraceReader& in) {
  out_.write(Emitter::make(Tag::Header, {1}));
  out_.write(Emitter::make(Tag::Problem, {}, {"smtlib2", sha}));
  out_.write(Emitter::make(Tag::Claim, {}, {"unsat"}));
  TraceStep s;
  while (in.next(s)) {
    line_ = s.line, offset_ = s.offset;
    out_.set_place(s.line, s.offset);
    where_ = s.line ? "trace line " + std::to_string(s.line) : "trace byte " + std::to_string(s.offset);
    switch (s.kind) {
      case TraceStep::Atom:
      case TraceStep::Define:  // read in the first pass
        break;
      case TraceStep::Input:
        input(s);
        break;
      case TraceStep::Derived: {
        uint64_t th = derived(s);
        if (s.lits.empty()) {  // the final conflict: nothing after it is read
          finish(th);
          stats_.propagations = search_.propagations();
          // Every step of a trace must hold, as every LRAT step must: a step left a hole
          // makes the check INCOMPLETE even when the empty clause does not rest on it
          // (the kernel's end theorem would not depend on it, spec/format.md).
          if (stats_.holes)
            throw Failure(Outcome::Incomplete, first_hole_ + (stats_.holes > 1 ? " (and " + std::to_string(stats_.holes - 1) +
                                                                                      " more steps not proved)"
                                                                                : std::string()));
          return stats_;
        }
        break;
      }
      case TraceStep::Lemma:
        lemma(s);
        break;
      case TraceStep::Delete:
        remove(s);
        break;
    }
  }
  where_ = "trace";
  reject("the trace ends without the empty clause");
}

TraceStats trace_to_certificate(check::SmtContext& ctx, const std::string& sha,
                                const std::function<std::unique_ptr<Source>()>& open, cert::Emitter& out,
                                const MoreTheories& more_theories) {
  VocabularyScope scope(ctx.env());
  try {
    Translator t(ctx, out, more_theories);
    {
      TraceReader first(open());
      t.declarations(first);
    }
    TraceReader second(open());
    return t.run(sha, second);
  } catch (const KernelError& e) {
    throw Failure(Outcome::Rejected, std::string("trace translation: ") + e.what());
  }
}

}  // namespace hcert::trace
