// The kernel's fast paths (spec/kernel.md §12): RESOLVE, RESOLVE_CHAIN, RUP, CLAUSE_INTRO,
// CONJ and CONJUNCT. None is primitive; each is derivable from the rules of kernel/thm.cpp
// and the core definitions that enable_sat checks, its derivation is in spec/kernel.md and
// rules/sat.cpp, property tests compare the two, and --pure checks without them.
#include <algorithm>
#include <optional>

#include "kernel/internal.hpp"
#include "kernel/thm.hpp"

namespace hcert {

// ---- fast path: RESOLVE -------------------------------------------------------------------

void Kernel::enable_sat(Env& env, const Thm& t_def, const Thm& and_def, const Thm& imp_def, const Thm& not_def,
                        const Thm& or_def, const Thm& forall_def) {
  Type b = Type::boolean(), bb = Type::fun(b, b), bbb = Type::fun(b, bb), a = Type::var("A");
  Term p = Term::var("p", b), q = Term::var("q", b), r = Term::var("r", b), f = Term::var("f", bbb);
  Term P = Term::var("P", Type::fun(a, b)), x = Term::var("x", a);
  Term t = Term::constant(env, "T", b), fl = Term::constant(env, "F", b);
  Term conj = Term::constant(env, "/\\", bbb), imp = Term::constant(env, "==>", bbb), neg = Term::constant(env, "~", bb);
  Term disj = Term::constant(env, "\\/", bbb), all_a = Term::constant(env, "!", Type::fun(Type::fun(a, b), b));
  Term all_b = Term::constant(env, "!", Type::fun(bb, b));
  auto ap2 = [](const Term& g, const Term& u, const Term& v) { return Term::comb(Term::comb(g, u), v); };
  Term id = Term::abs(p, p);
  Term want[] = {
      Term::eq(t, Term::eq(id, id)),
      Term::eq(conj, Term::abs(p, Term::abs(q, Term::eq(Term::abs(f, ap2(f, p, q)), Term::abs(f, ap2(f, t, t)))))),
      Term::eq(imp, Term::abs(p, Term::abs(q, Term::eq(ap2(conj, p, q), p)))),
      Term::eq(neg, Term::abs(p, ap2(imp, p, fl))),
      Term::eq(disj, Term::abs(p, Term::abs(q, Term::comb(all_b, Term::abs(r, ap2(imp, ap2(imp, p, r), ap2(imp, ap2(imp, q, r), r))))))),
      Term::eq(all_a, Term::abs(P, Term::eq(P, Term::abs(x, t)))),
  };
  const Thm* given[] = {&t_def, &and_def, &imp_def, &not_def, &or_def, &forall_def};
  for (int i = 0; i < 6; ++i)
    if (given[i]->axioms_->env != &env || !given[i]->hyps_->empty() || !given[i]->axioms_->ids.empty() ||
        given[i]->concl_ != want[i])
      throw KernelError("enable_sat: theorem " + std::to_string(i + 1) + " is not the expected definition");
  if (!env.allow_fast_) throw KernelError("enable_sat: the environment does not allow fast paths (--pure)");
  env.sat_on_ = true;
}

// F, ~, /\ and \/ as term nodes, made once (never freed). A fast path runs only in an
// environment whose enable_sat found these constants, at these types, in the definitions.
static const Term& core_const(const char* name, int arity) {
  const TypeNode* b = TypeOps::bool_node();
  const TypeNode* ty = arity == 0 ? b : arity == 1 ? TypeOps::fun_node(b, b) : TypeOps::fun_node(b, TypeOps::fun_node(b, b));
  return *new Term(TermOps::mk_const(intern_name(name), ty));
}
static const Term& false_const() { static const Term& f = core_const("F", 0); return f; }
static const Term& not_const() { static const Term& n = core_const("~", 1); return n; }
static const Term& conj_const() { static const Term& c = core_const("/\\", 2); return c; }
// Whether the fast paths are on in the premises' environment.
static void require_on(const Thm& th, const char* rule) {
  if (!th.env().fast_paths_on())
    throw KernelError(std::string(rule) + ": not enabled (the core definitions were not given)");
}

Thm Kernel::clause_intro(const Thm& th) {
  require_on(th, "CLAUSE_INTRO");
  const Term& fl = false_const();
  if (th.concl_.type() != Type::boolean()) throw KernelError("CLAUSE_INTRO: not a proposition");
  if (th.concl_ == fl) return th;
  const Term& neg = not_const();
  static const Term& disj = core_const("\\/", 2);
  auto comp = [&](const Term& l) {
    return l.kind() == TermKind::Comb && l.rator() == neg ? l.rand() : Term::comb(neg, l);
  };
  auto out = std::make_shared<HypSet>(th.hyps_->begin(), th.hyps_->end());
  Term c = th.concl_;
  while (c.kind() == TermKind::Comb && c.rator().kind() == TermKind::Comb && c.rator().rator() == disj) {
    out->push_back(comp(c.rator().rand()));
    c = c.rand();
  }
  out->push_back(comp(c));
  std::sort(out->begin(), out->end(), by_serial);
  out->erase(std::unique(out->begin(), out->end()), out->end());
  ++th.env().clause_intro_n_;
  return Thm(out, fl, th.axioms_);
}


Thm Kernel::conj(const Thm& p, const Thm& q) {
  require_on(p, "CONJ");
  AxiomSet ax = ax_union(p.axioms_, q.axioms_);
  ++p.env().conj_n_;
  return Thm(hyp_union(p.hyps_, q.hyps_), Term::comb(Term::comb(conj_const(), p.concl_), q.concl_), ax);
}

Thm Kernel::conjunct(const Thm& pq, bool second) {
  require_on(pq, "CONJUNCT");
  const Term& c = pq.concl_;
  if (c.kind() != TermKind::Comb || c.rator().kind() != TermKind::Comb || c.rator().rator() != conj_const())
    throw KernelError("CONJUNCT: not a conjunction");
  ++pq.env().conjunct_n_;
  return Thm(pq.hyps_, second ? c.rand() : c.rator().rand(), pq.axioms_);
}

// The running hypothesis set of a chain, as a table of raw nodes with a presence flag.
// Why not merges as in RESOLVE: a chain of n links over a running set of k hypotheses costs
// n merges of O(k) serial comparisons, each reading two nodes; the table costs O(1) per
// hypothesis of a premise and reads no node. Erasing clears the flag, so the table only
// grows: its capacity is fixed up front from the premises' sizes (at most half full).
// Every node is kept alive by the premises, or by `made`, for the duration of the call.
namespace {
class NodeSet {
 public:
  explicit NodeSet(size_t n) {
    size_t bits = 4;
    while ((size_t(1) << bits) < 2 * n) ++bits;
    shift_ = 64 - bits;
    slots_.assign(size_t(1) << bits, {nullptr, false});
  }
  bool& present(const TermNode* n) {
    size_t mask = slots_.size() - 1;
    size_t i = (reinterpret_cast<uintptr_t>(n) * 0x9e3779b97f4a7c15ull) >> shift_;
    while (slots_[i].first && slots_[i].first != n) i = (i + 1) & mask;
    slots_[i].first = n;
    return slots_[i].second;
  }
  std::vector<const TermNode*> members() const {
    std::vector<const TermNode*> out;
    for (const auto& [n, in] : slots_)
      if (in) out.push_back(n);
    return out;
  }

 private:
  std::vector<std::pair<const TermNode*, bool>> slots_;
  unsigned shift_;
};
}  // namespace

// The same arithmetic as RESOLVE, link after link: S := (S − {drop_S}) ∪ (D − {drop_D}).
Thm Kernel::resolve_chain(const Thm& start, const std::vector<ChainLink>& links) {
  require_on(start, "RESOLVE");
  const Term& fl = false_const();
  if (start.concl_ != fl) throw KernelError("RESOLVE: premises must conclude F");
  size_t total = start.hyps_->size();
  for (const ChainLink& l : links) {
    if (!l.d || l.d->concl_ != fl) throw KernelError("RESOLVE: premises must conclude F");
    total += l.d->hyps_->size();
  }
  NodeSet set(total);
  for (const Term& h : *start.hyps_) set.present(TermOps::node(h)) = true;
  AxiomSet ax = start.axioms_;
  std::vector<Term> made;  // the ~x terms made here
  made.reserve(links.size());
  for (const ChainLink& l : links) {
    if (l.x.is_null() || l.x.kind() != TermKind::Var || l.x.type() != Type::boolean())
      throw KernelError("RESOLVE: the pivot must be a boolean variable");
    const TermNode* x = TermOps::node(l.x);
    const TermNode* nx = TermOps::node(l.nx);
    if (!nx) made.push_back(Term::comb(not_const(), l.x)), nx = TermOps::node(made.back());
    else if (nx->kind != TermKind::Comb || nx->a != TermOps::node(not_const()) || nx->b != x)
      throw KernelError("RESOLVE: the given negated pivot is not ~x");
    // The premise holding x loses x; the one holding ~x loses ~x.
    const TermNode* drop_s = l.side ? nx : x;
    const TermNode* drop_d = l.side ? x : nx;
    bool& in = set.present(drop_s);
    if (!in) throw KernelError("RESOLVE: the pivot is not a hypothesis of its premise");
    in = false;
    bool found = false;
    for (const Term& h : *l.d->hyps_) {
      const TermNode* n = TermOps::node(h);
      if (n == drop_d) found = true;
      else set.present(n) = true;
    }
    if (!found) throw KernelError("RESOLVE: the pivot is not a hypothesis of its premise");
    ax = ax_union(ax, l.d->axioms_);
    ++start.env().resolve_n_;
  }
  std::vector<const TermNode*> cur = set.members();
  std::sort(cur.begin(), cur.end(), [](const TermNode* a, const TermNode* b) { return a->serial < b->serial; });
  auto out = std::make_shared<HypSet>();
  out->reserve(cur.size());
  for (const TermNode* n : cur) out->push_back(TermOps::wrap(const_cast<TermNode*>(n)));
  return Thm(out, fl, ax);
}

// ---- fast path: RUP ------------------------------------------------------------------------

// x ↦ (x, +1), ~x ↦ (x, −1) for a boolean variable x; anything else is background (null).
static const TermNode* literal_var(const TermNode* n, int8_t& sign) {
  static const TypeNode* b = TypeOps::node(Type::boolean());
  static const TermNode* neg = TermOps::node(not_const());
  if (n->kind == TermKind::Var && n->ty == b) return sign = 1, n;
  if (n->kind == TermKind::Comb && n->a == neg && n->b->kind == TermKind::Var && n->b->ty == b) return sign = -1, n->b;
  return nullptr;
}

// The assignment, by variable slot, in the environment (Env::rup_.value, .where):
// value (+1 true, −1 false, 0 unassigned) and 1 + the trail position of a propagated
// variable. Slots are numbered for all environments (a node's slot is kept for its life);
// an environment's arrays grow to the slots it meets. Slot 0 is never given; all zero
// outside RUP.
constexpr uint32_t kBackground = 0x80000000u;
// Threads may number one node at once: the first to set it wins, the other's number is
// never used (its arrays only grow by one).
static std::atomic<uint32_t> slots_given{0};

static uint32_t slot_of(const TermNode* v) {
  std::atomic_ref<uint32_t> slot(v->slot);
  uint32_t s = slot.load(std::memory_order_relaxed);
  if (s) return s;
  uint32_t mine = slots_given.fetch_add(1, std::memory_order_relaxed) + 1;
  if (mine >= (uint32_t(1) << 30)) throw KernelError("RUP: too many variables");
  return slot.compare_exchange_strong(s, mine, std::memory_order_relaxed) ? mine : s;
}

// The set's reading (HypSet::rup), made once: 2·slot + negated for a literal, position +
// kBackground for any other hypothesis.
static const std::vector<uint32_t>& reading(const HypSet& h) {
  if (!h.rup_read && !h.empty()) {  // (environments share the empty set: it is not written)
    h.rup.clear();
    h.rup.reserve(h.size());
    h.bg_count = 0;
    for (size_t i = 0; i < h.size(); ++i) {
      int8_t sign;
      const TermNode* v = literal_var(TermOps::node(h[i]), sign);
      h.rup.push_back(v ? 2 * slot_of(v) + (sign < 0) : static_cast<uint32_t>(i) | kBackground);
      if (!v) ++h.bg_count, h.bg_one = TermOps::node(h[i]);
    }
    if (h.bg_count != 1) h.bg_one = nullptr;
    h.rup_read = true;
  }
  return h.rup;
}

// Unit propagation over the hints in flat arrays, then a walk back from the conflict to
// the hints it used (spec/kernel.md §12, RUP).
Thm Kernel::rup(const std::vector<Term>& s, const std::vector<const Thm*>& hints) {
  if (hints.empty() || !hints[0]) throw KernelError("RUP: the hints lead to no conflict");
  const Env& env = hints[0]->env();
  require_on(*hints[0], "RUP");
  const Term& fl = false_const();
  std::lock_guard<std::mutex> lock(env.rup_mu_);
  Env::RupScratch& sc = env.rup_;
  std::vector<int8_t>& value = sc.value;
  auto cover = [&](uint32_t x) {  // the arrays reach slot x (before it is set)
    if (x >= value.size()) value.resize(x + 1, 0), sc.where.resize(x + 1, 0);
  };
  // Every slot given a value is listed in sc.slots before it is set, and reset on the way
  // out, thrown or not (so that even a failed allocation leaves nothing behind).
  struct Reset {
    Env::RupScratch& sc;
    ~Reset() { for (uint32_t v : sc.slots) sc.value[v] = 0, sc.where[v] = 0; sc.slots.clear(); }
  } reset{sc};
  sc.trail.clear();
  std::vector<Term> out;
  out.reserve(s.size() + 4);
  for (const Term& t : s) {
    int8_t sign;
    const TermNode* v = t.is_null() ? nullptr : literal_var(TermOps::node(t), sign);
    if (!v) throw KernelError("RUP: the clause holds a term that is not a literal");
    uint32_t x = slot_of(v);
    cover(x);
    if (value[x] == -sign) throw KernelError("RUP: the clause is a tautology (it has x and ~x)");
    if (value[x] == sign) continue;  // the same literal twice
    sc.slots.push_back(x);
    value[x] = sign;
    out.push_back(t);
  }
  const Thm* conflict = nullptr;
  // Whether every hint read has the same background (none, or one and the same term) and
  // the same axioms: then the hints used give that background and those axioms, whichever
  // they are, and the walk back is not needed.
  bool uniform = true;
  for (size_t i = 0; i < hints.size() && !conflict; ++i) {
    // A hint's reading is reached through three dependent loads (theorem, set, reading):
    // its set is prefetched four hints ahead and its reading two (no effect on the result;
    // the checker prefetches the sets as it looks the hints up, too close to the first ones).
    if (i + 4 < hints.size() && hints[i + 4]) __builtin_prefetch(hints[i + 4]->hyps_.get());
    const HypSet* next = i + 2 < hints.size() && hints[i + 2] ? hints[i + 2]->hyps_.get() : nullptr;
    if (next && next->rup_read) __builtin_prefetch(next->rup.data());
    const Thm* h = hints[i];
    if (!h || h->concl_ != fl) throw KernelError("RUP: hint " + std::to_string(i + 1) + " does not conclude F");
    const HypSet& hs = *h->hyps_;
    const std::vector<uint32_t>& r = reading(hs);
    cover(slots_given.load(std::memory_order_relaxed));
    const HypSet& first = *hints[0]->hyps_;
    uniform = uniform && hs.bg_count <= 1 && hs.bg_count == first.bg_count && hs.bg_one == first.bg_one &&
              h->axioms_ == hints[0]->axioms_;
    uint32_t open = 0;  // the one hypothesis not true, if one
    size_t n_open = 0;
    for (uint32_t e : r) {
      if (e & kBackground || value[e >> 1] == ((e & 1) ? -1 : 1)) continue;  // true
      if (++n_open > 1) break;
      open = e;
    }
    if (n_open == 0) conflict = h;
    else if (n_open > 1)
      throw KernelError("RUP: hint " + std::to_string(i + 1) + " of " + std::to_string(hints.size()) +
                        " is not unit (two of its literals are not false)");
    else if (value[open >> 1] == 0) {  // its literal becomes false: the complement is true
      uint32_t x = open >> 1;
      sc.slots.push_back(x);
      sc.trail.push_back({x, i});
      value[x] = (open & 1) ? 1 : -1;
      sc.where[x] = static_cast<uint32_t>(sc.trail.size());
    }  // else the hint is satisfied and adds nothing
  }
  if (!conflict) throw KernelError("RUP: the hints lead to no conflict");
  // Back from the conflict: a used hint needs the reason of each propagated literal in it.
  // With uniform hints the conflict alone stands for all of them.
  std::vector<const Thm*>& used = sc.used;
  used.assign(1, conflict);
  if (!uniform) {
    sc.need.assign(sc.trail.size(), 0);
    auto needs = [&](const Thm* h, uint32_t unit) {
      for (uint32_t e : reading(*h->hyps_))
        if (!(e & kBackground) && (e >> 1) != unit && sc.where[e >> 1]) sc.need[sc.where[e >> 1] - 1] = 1;
    };
    needs(conflict, 0);
    for (size_t t = sc.trail.size(); t-- > 0;)
      if (sc.need[t]) used.push_back(hints[sc.trail[t].second]), needs(used.back(), sc.trail[t].first);
  }
  AxiomSet ax = conflict->axioms_;
  size_t backgrounds = 0;
  for (const Thm* h : used) backgrounds += h->hyps_->bg_count;
  // One hint's backgrounds are distinct already (a set): the table is for several.
  std::optional<NodeSet> taken;
  if (used.size() > 1) taken.emplace(backgrounds);
  for (const Thm* h : used) {
    ax = ax_union(ax, h->axioms_);
    for (uint32_t e : reading(*h->hyps_)) {
      if (!(e & kBackground)) continue;
      const Term& hyp = (*h->hyps_)[e & ~kBackground];
      if (!taken) { out.push_back(hyp); continue; }
      bool& in = taken->present(TermOps::node(hyp));
      if (!in) in = true, out.push_back(hyp);
    }
  }
  std::sort(out.begin(), out.end(), by_serial);
  ++env.rup_n_;
  auto hs = std::make_shared<HypSet>(std::move(out));
  reading(*hs);  // now, while its nodes are in the cache: the result will be a hint
  return Thm(hs, fl, ax);
}

}  // namespace hcert
