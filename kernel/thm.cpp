#include "kernel/thm.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "kernel/internal.hpp"

namespace hcert {

// ---- hypothesis sets ---------------------------------------------------------------------

// A function object, not a function, so that sorts and merges inline the comparison.
static constexpr auto by_serial = [](const Term& x, const Term& y) {
  return TermOps::node(x)->serial < TermOps::node(y)->serial;  // hypotheses are never null
};

static const Hyps& no_hyps() {
  static const Hyps* empty = new Hyps(std::make_shared<const HypSet>());
  return *empty;
}

const std::vector<Term>& Thm::hyps() const { return *hyps_; }

static Hyps hyp_union(const Hyps& a, const Hyps& b) {
  if (a == b || b->empty()) return a;
  if (a->empty()) return b;
  if (b->size() <= a->size() && std::includes(a->begin(), a->end(), b->begin(), b->end(), by_serial)) return a;
  if (a->size() < b->size() && std::includes(b->begin(), b->end(), a->begin(), a->end(), by_serial)) return b;
  auto out = std::make_shared<HypSet>();
  out->reserve(a->size() + b->size());
  std::set_union(a->begin(), a->end(), b->begin(), b->end(), std::back_inserter(*out), by_serial);
  return out;
}

static Hyps hyp_remove(const Hyps& a, const Term& t) {
  auto it = std::lower_bound(a->begin(), a->end(), t, by_serial);
  if (it == a->end() || *it != t) return a;
  auto out = std::make_shared<HypSet>(a->begin(), it);
  out->insert(out->end(), it + 1, a->end());
  return out;
}

// Sort and deduplicate after instantiation, which can map distinct hypotheses to one.
static Hyps hyp_map(const Hyps& a, const std::function<Term(const Term&)>& f) {
  if (a->empty()) return a;
  auto out = std::make_shared<HypSet>();
  out->reserve(a->size());
  bool same = true;
  for (const Term& h : *a) {
    out->push_back(f(h));
    same = same && out->back() == h;
  }
  if (same) return a;  // keep sharing: later unions with a stay pointer tests
  std::sort(out->begin(), out->end(), by_serial);
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return out;
}

// ---- axiom sets --------------------------------------------------------------------------

static AxiomSet ax_intern(std::vector<uint32_t> v) {
  static auto* sets = new std::set<std::vector<uint32_t>>();
  return &*sets->insert(std::move(v)).first;
}
static AxiomSet no_axioms() {
  static AxiomSet e = ax_intern({});
  return e;
}
static AxiomSet ax_union(AxiomSet a, AxiomSet b) {
  if (a == b || b->empty()) return a;
  if (a->empty()) return b;
  static auto* memo = new std::map<std::pair<AxiomSet, AxiomSet>, AxiomSet>();
  auto key = std::less<AxiomSet>()(a, b) ? std::make_pair(a, b) : std::make_pair(b, a);
  auto it = memo->find(key);
  if (it != memo->end()) return it->second;
  std::vector<uint32_t> out;
  std::set_union(a->begin(), a->end(), b->begin(), b->end(), std::back_inserter(out));
  return (*memo)[key] = ax_intern(std::move(out));
}

// ---- helpers -----------------------------------------------------------------------------

static void check_term(const Term& t, const char* rule) {
  if (t.is_null()) throw KernelError(std::string(rule) + ": null term");
  if (!t.is_closed()) throw KernelError(std::string(rule) + ": term has a loose bound variable");
}

static void check_eq(const Thm& th, const char* rule, const char* which) {
  if (!th.concl().is_eq()) throw KernelError(std::string(rule) + ": " + which + " is not an equation");
}

// ---- the ten primitive rules ---------------------------------------------------------------

Thm Kernel::refl(const Term& t) {
  check_term(t, "REFL");
  return Thm(no_hyps(), Term::eq(t, t), no_axioms());
}

Thm Kernel::trans(const Thm& ab, const Thm& bc) {
  check_eq(ab, "TRANS", "first premise");
  check_eq(bc, "TRANS", "second premise");
  if (ab.concl().rhs() != bc.concl().lhs()) throw KernelError("TRANS: middle terms differ");
  return Thm(hyp_union(ab.hyps_, bc.hyps_), Term::eq(ab.concl().lhs(), bc.concl().rhs()),
             ax_union(ab.axioms_, bc.axioms_));
}

Thm Kernel::mk_comb(const Thm& fg, const Thm& xy) {
  check_eq(fg, "MK_COMB", "first premise");
  check_eq(xy, "MK_COMB", "second premise");
  Type fty = fg.concl().lhs().type();
  if (!fty.is_fun() || fty.dom() != xy.concl().lhs().type())
    throw KernelError("MK_COMB: types do not agree");
  Term l = Term::comb(fg.concl().lhs(), xy.concl().lhs());
  Term r = Term::comb(fg.concl().rhs(), xy.concl().rhs());
  return Thm(hyp_union(fg.hyps_, xy.hyps_), Term::eq(l, r), ax_union(fg.axioms_, xy.axioms_));
}

Thm Kernel::abs(const Term& v, const Thm& st) {
  if (v.is_null() || v.kind() != TermKind::Var) throw KernelError("ABS: not a variable");
  check_eq(st, "ABS", "premise");
  for (const Term& h : *st.hyps_)
    if (TermOps::free_in(TermOps::node(v), TermOps::node(h)))
      throw KernelError("ABS: variable " + v.name() + " is free in the hypotheses");
  Term l = Term::abs(v, st.concl().lhs());
  Term r = Term::abs(v, st.concl().rhs());
  return Thm(st.hyps_, Term::eq(l, r), st.axioms_);
}

Thm Kernel::beta(const Term& redex) {
  check_term(redex, "BETA");
  if (redex.kind() != TermKind::Comb || redex.rator().kind() != TermKind::Abs)
    throw KernelError("BETA: not a beta-redex");
  Term lam = redex.rator(), v = redex.rand();
  if (v.kind() != TermKind::Var) throw KernelError("BETA: argument is not a variable");
  if (TermOps::free_in(TermOps::node(v), TermOps::node(lam)))
    throw KernelError("BETA: argument variable is free in the abstraction");
  return Thm(no_hyps(), Term::eq(redex, lam.open(v)), no_axioms());
}

Thm Kernel::assume(const Term& p) {
  check_term(p, "ASSUME");
  if (p.type() != Type::boolean()) throw KernelError("ASSUME: not a proposition");
  return Thm(std::make_shared<const HypSet>(1, p), p, no_axioms());
}

Thm Kernel::eq_mp(const Thm& pq, const Thm& p) {
  check_eq(pq, "EQ_MP", "first premise");
  if (pq.concl().lhs() != p.concl()) throw KernelError("EQ_MP: antecedent does not match");
  return Thm(hyp_union(pq.hyps_, p.hyps_), pq.concl().rhs(), ax_union(pq.axioms_, p.axioms_));
}

Thm Kernel::deduct_antisym(const Thm& p, const Thm& q) {
  Hyps h = hyp_union(hyp_remove(p.hyps_, q.concl()), hyp_remove(q.hyps_, p.concl()));
  return Thm(h, Term::eq(p.concl(), q.concl()), ax_union(p.axioms_, q.axioms_));
}

Thm Kernel::inst_type(const TypeSubst& theta, const Thm& th) {
  std::unordered_map<const TypeNode*, const TypeNode*> map;
  TermOps::type_map("INST_TYPE", theta, map);
  if (map.empty()) return th;
  auto f = [&](const Term& t) { return TermOps::subst_type(TermOps::node(t), map); };
  return Thm(hyp_map(th.hyps_, f), f(th.concl_), th.axioms_);
}

Thm Kernel::inst(const std::vector<std::pair<Term, Term>>& theta, const Thm& th) {
  std::unordered_map<TermNode*, TermNode*> map;
  TermOps::subst_map("INST", theta, map);
  if (map.empty()) return th;
  auto f = [&](const Term& t) { return TermOps::subst(TermOps::node(t), map); };
  return Thm(hyp_map(th.hyps_, f), f(th.concl_), th.axioms_);
}

// ---- declarations and definitions ------------------------------------------------------------

static std::vector<Axiom>& axiom_list() {
  static auto* v = new std::vector<Axiom>();
  return *v;
}
const std::vector<Axiom>& Kernel::axioms() { return axiom_list(); }

void Kernel::new_type(const std::string& name, size_t arity) {
  if (name.empty()) throw KernelError("new_type: empty name");
  if (!Signature::types().emplace(intern_name(name), arity).second)
    throw KernelError("new_type: type " + name + " is already declared");
}

void Kernel::new_constant(const std::string& name, Type ty) {
  if (ty.is_null()) throw KernelError("new_constant: null type");
  if (name.empty()) throw KernelError("new_constant: empty name");
  if (!Signature::consts().emplace(intern_name(name), ty.node_).second)
    throw KernelError("new_constant: constant " + name + " is already declared");
}

Thm Kernel::new_axiom(const std::string& name, const Term& p) {
  static auto* names = new std::set<std::string>();
  check_term(p, "new_axiom");
  if (p.type() != Type::boolean()) throw KernelError("new_axiom: not a proposition");
  if (names->count(name)) throw KernelError("new_axiom: axiom " + name + " already exists");
  axiom_list().push_back({name, p});
  names->insert(name);
  return Thm(no_hyps(), p, ax_intern({static_cast<uint32_t>(axiom_list().size() - 1)}));
}

static std::vector<const TypeNode*> tyvars_of(const Term& t) {
  std::vector<const TypeNode*> out;
  TermOps::type_vars(TermOps::node(t), out);
  return out;
}

Thm Kernel::new_basic_definition(const Term& c_eq_t) {
  check_term(c_eq_t, "new_basic_definition");
  if (!c_eq_t.is_eq()) throw KernelError("new_basic_definition: not an equation");
  Term v = c_eq_t.lhs(), t = c_eq_t.rhs();
  if (v.kind() != TermKind::Var) throw KernelError("new_basic_definition: left side is not a variable");
  if (!t.frees().empty())
    throw KernelError("new_basic_definition: right side has free variable " + t.frees()[0].name());
  std::vector<const TypeNode*> ty_vars;
  TypeOps::collect_vars(v.type().node_, ty_vars);
  for (const TypeNode* a : tyvars_of(t))
    if (std::find(ty_vars.begin(), ty_vars.end(), a) == ty_vars.end())
      throw KernelError("new_basic_definition: type variable " + *a->name +
                        " of the right side is not in the constant's type");
  if (has_constant(v.name()))
    throw KernelError("new_basic_definition: constant " + v.name() + " is already declared");
  if (v.name().empty()) throw KernelError("new_basic_definition: empty name");
  new_constant(v.name(), v.type());
  return Thm(no_hyps(), Term::eq(Term::constant(v.name(), v.type()), t), no_axioms());
}

std::pair<Thm, Thm> Kernel::new_basic_type_definition(const std::string& ty, const std::string& abs,
                                                      const std::string& rep, const Thm& th) {
  const char* rule = "new_basic_type_definition";
  auto fail = [&](const std::string& why) { throw KernelError(std::string(rule) + ": " + why); };
  if (!th.hyps_->empty()) fail("theorem has hypotheses");
  const Term& px = th.concl_;
  if (px.kind() != TermKind::Comb) fail("conclusion is not of the form P x");
  Term p = px.rator(), x = px.rand();
  if (!p.frees().empty()) fail("predicate has free variable " + p.frees()[0].name());
  if (ty.empty() || abs.empty() || rep.empty()) fail("empty name");
  if (has_type(ty)) fail("type " + ty + " is already declared");
  if (abs == rep) fail("abstraction and representation have the same name");
  if (has_constant(abs)) fail("constant " + abs + " is already declared");
  if (has_constant(rep)) fail("constant " + rep + " is already declared");
  // All checks passed: from here on nothing can fail.
  std::vector<const TypeNode*> params = tyvars_of(p);
  std::sort(params.begin(), params.end(),
            [](const TypeNode* a, const TypeNode* b) { return *a->name < *b->name; });
  std::vector<Type> args;
  for (const TypeNode* a : params) args.push_back(Type(a));
  new_type(ty, args.size());
  Type newty = Type::op(ty, args), repty = x.type();
  new_constant(abs, Type::fun(repty, newty));
  new_constant(rep, Type::fun(newty, repty));
  Term absc = Term::constant(abs, Type::fun(repty, newty));
  Term repc = Term::constant(rep, Type::fun(newty, repty));
  Term a = Term::var("a", newty), r = Term::var("r", repty);
  Thm th1(no_hyps(), Term::eq(Term::comb(absc, Term::comb(repc, a)), a), th.axioms_);
  Term rhs = Term::eq(Term::comb(repc, Term::comb(absc, r)), r);
  Thm th2(no_hyps(), Term::eq(Term::comb(p, r), rhs), th.axioms_);
  return {th1, th2};
}

// ---- fast path: RESOLVE -------------------------------------------------------------------

static bool sat_on = false;
static uint64_t resolve_count = 0, clause_intro_count = 0, conj_count = 0, conjunct_count = 0;

void Kernel::enable_sat(const Thm& t_def, const Thm& and_def, const Thm& imp_def, const Thm& not_def,
                        const Thm& or_def, const Thm& forall_def) {
  Type b = Type::boolean(), bb = Type::fun(b, b), bbb = Type::fun(b, bb), a = Type::var("A");
  Term p = Term::var("p", b), q = Term::var("q", b), r = Term::var("r", b), f = Term::var("f", bbb);
  Term P = Term::var("P", Type::fun(a, b)), x = Term::var("x", a);
  Term t = Term::constant("T", b), fl = Term::constant("F", b);
  Term conj = Term::constant("/\\", bbb), imp = Term::constant("==>", bbb), neg = Term::constant("~", bb);
  Term disj = Term::constant("\\/", bbb), all_a = Term::constant("!", Type::fun(Type::fun(a, b), b));
  Term all_b = Term::constant("!", Type::fun(bb, b));
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
    if (!given[i]->hyps_->empty() || !given[i]->axioms_->empty() || given[i]->concl_ != want[i])
      throw KernelError("enable_sat: theorem " + std::to_string(i + 1) + " is not the expected definition");
  sat_on = true;
}

// F and ~, made once (after enable_sat, so the core theory has declared them).
static const Term& false_const() {
  static const Term f = Term::constant("F", Type::boolean());
  return f;
}
static const Term& not_const() {
  static const Term n = Term::constant("~", Type::fun(Type::boolean(), Type::boolean()));
  return n;
}

Thm Kernel::resolve(const Thm& pos, const Thm& neg, const Term& x) {
  if (!sat_on) throw KernelError("RESOLVE: not enabled (the core definitions were not given)");
  const Term& fl = false_const();
  if (pos.concl_ != fl || neg.concl_ != fl) throw KernelError("RESOLVE: premises must conclude F");
  if (x.is_null() || x.kind() != TermKind::Var || x.type() != Type::boolean())
    throw KernelError("RESOLVE: the pivot must be a boolean variable");
  Term nx = Term::comb(not_const(), x);
  const std::vector<Term>& a = *pos.hyps_;
  const std::vector<Term>& b = *neg.hyps_;
  if (!std::binary_search(a.begin(), a.end(), x, by_serial))
    throw KernelError("RESOLVE: the pivot is not a hypothesis of the first premise");
  if (!std::binary_search(b.begin(), b.end(), nx, by_serial))
    throw KernelError("RESOLVE: the negated pivot is not a hypothesis of the second premise");
  // One merge of both sets, leaving out x from the first and ~x from the second.
  auto out = std::make_shared<HypSet>();
  out->reserve(a.size() + b.size() - 2);
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && a[i] == x) { ++i; continue; }
    if (j < b.size() && b[j] == nx) { ++j; continue; }
    if (j == b.size() || (i < a.size() && by_serial(a[i], b[j]))) out->push_back(a[i++]);
    else if (i == a.size() || by_serial(b[j], a[i])) out->push_back(b[j++]);
    else out->push_back(a[i++]), ++j;  // the same hypothesis in both
  }
  ++resolve_count;
  return Thm(out, fl, ax_union(pos.axioms_, neg.axioms_));
}

Thm Kernel::clause_intro(const Thm& th) {
  if (!sat_on) throw KernelError("CLAUSE_INTRO: not enabled (the core definitions were not given)");
  Type b = Type::boolean();
  const Term& fl = false_const();
  if (th.concl_.type() != b) throw KernelError("CLAUSE_INTRO: not a proposition");
  if (th.concl_ == fl) return th;
  const Term& neg = not_const();
  Term disj = Term::constant("\\/", Type::fun(b, Type::fun(b, b)));
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
  ++clause_intro_count;
  return Thm(out, fl, th.axioms_);
}

static const Term& conj_const() {
  static const Term c = Term::constant("/\\", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
  return c;
}

Thm Kernel::conj(const Thm& p, const Thm& q) {
  if (!sat_on) throw KernelError("CONJ: not enabled (the core definitions were not given)");
  ++conj_count;
  return Thm(hyp_union(p.hyps_, q.hyps_), Term::comb(Term::comb(conj_const(), p.concl_), q.concl_),
             ax_union(p.axioms_, q.axioms_));
}

Thm Kernel::conjunct(const Thm& pq, bool second) {
  if (!sat_on) throw KernelError("CONJUNCT: not enabled (the core definitions were not given)");
  const Term& c = pq.concl_;
  if (c.kind() != TermKind::Comb || c.rator().kind() != TermKind::Comb || c.rator().rator() != conj_const())
    throw KernelError("CONJUNCT: not a conjunction");
  ++conjunct_count;
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
  if (!sat_on) throw KernelError("RESOLVE: not enabled (the core definitions were not given)");
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
    ++resolve_count;
  }
  std::vector<const TermNode*> cur = set.members();
  std::sort(cur.begin(), cur.end(), [](const TermNode* a, const TermNode* b) { return a->serial < b->serial; });
  auto out = std::make_shared<HypSet>();
  out->reserve(cur.size());
  for (const TermNode* n : cur) out->push_back(TermOps::wrap(const_cast<TermNode*>(n)));
  return Thm(out, fl, ax);
}

// ---- fast path: RUP ------------------------------------------------------------------------

static uint64_t rup_count = 0;

// x ↦ (x, +1), ~x ↦ (x, −1) for a boolean variable x; anything else is background (null).
static const TermNode* literal_var(const TermNode* n, int8_t& sign) {
  static const TypeNode* b = TypeOps::node(Type::boolean());
  static const TermNode* neg = TermOps::node(not_const());
  if (n->kind == TermKind::Var && n->ty == b) return sign = 1, n;
  if (n->kind == TermKind::Comb && n->a == neg && n->b->kind == TermKind::Var && n->b->ty == b) return sign = -1, n->b;
  return nullptr;
}

// The assignment, by variable slot: value (+1 true, −1 false, 0 unassigned) and 1 + the
// trail position of a propagated variable. Slot 0 is never given; all zero outside RUP.
static std::vector<int8_t> rup_value(1, 0);
static std::vector<uint32_t> rup_where(1, 0);
constexpr uint32_t kBackground = 0x80000000u;

static uint32_t slot_of(const TermNode* v) {
  if (!v->slot) {  // the arrays grow first: a failed allocation leaves no slot behind
    if (rup_value.size() >= (size_t(1) << 30)) throw KernelError("RUP: too many variables");
    rup_value.push_back(0);
    rup_where.push_back(0);
    v->slot = static_cast<uint32_t>(rup_value.size() - 1);
  }
  return v->slot;
}

// The set's reading (HypSet::rup), made once: 2·slot + negated for a literal, position +
// kBackground for any other hypothesis.
static const std::vector<uint32_t>& reading(const HypSet& h) {
  if (!h.rup_read) {
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
  if (!sat_on) throw KernelError("RUP: not enabled (the core definitions were not given)");
  const Term& fl = false_const();
  // Every slot and node given scratch is listed here and reset on the way out, thrown or not
  // (listed before it is set, so that even a failed allocation leaves nothing behind).
  struct Scratch {
    std::vector<uint32_t> slots;
    std::vector<const TermNode*> marked;
    ~Scratch() {
      for (uint32_t v : slots) rup_value[v] = 0, rup_where[v] = 0;
      for (const TermNode* n : marked) n->mark = 0;
    }
  } sc;
  std::vector<Term> out;
  out.reserve(s.size() + 4);
  for (const Term& t : s) {
    int8_t sign;
    const TermNode* v = t.is_null() ? nullptr : literal_var(TermOps::node(t), sign);
    if (!v) throw KernelError("RUP: the clause holds a term that is not a literal");
    uint32_t x = slot_of(v);
    if (rup_value[x] == -sign) throw KernelError("RUP: the clause is a tautology (it has x and ~x)");
    if (rup_value[x] == sign) continue;  // the same literal twice
    sc.slots.push_back(x);
    rup_value[x] = sign;
    out.push_back(t);
  }
  struct Unit {
    uint32_t slot;
    size_t hint;
  };
  std::vector<Unit> trail;
  const Thm* conflict = nullptr;
  // Whether every hint read has the same background (none, or one and the same term) and
  // the same axioms: then the hints used give that background and those axioms, whichever
  // they are, and the walk back is not needed.
  bool uniform = true;
  for (size_t i = 0; i < hints.size() && !conflict; ++i) {
    const Thm* h = hints[i];
    if (!h || h->concl_ != fl) throw KernelError("RUP: hint " + std::to_string(i + 1) + " does not conclude F");
    const HypSet& hs = *h->hyps_;
    const std::vector<uint32_t>& r = reading(hs);
    const HypSet& first = *hints[0]->hyps_;
    uniform = uniform && hs.bg_count <= 1 && hs.bg_count == first.bg_count && hs.bg_one == first.bg_one &&
              h->axioms_ == hints[0]->axioms_;
    uint32_t open = 0;  // the one hypothesis not true, if one
    size_t n_open = 0;
    for (uint32_t e : r) {
      if (e & kBackground || rup_value[e >> 1] == ((e & 1) ? -1 : 1)) continue;  // true
      if (++n_open > 1) break;
      open = e;
    }
    if (n_open == 0) conflict = h;
    else if (n_open > 1)
      throw KernelError("RUP: hint " + std::to_string(i + 1) + " of " + std::to_string(hints.size()) +
                        " is not unit (two of its literals are not false)");
    else if (rup_value[open >> 1] == 0) {  // its literal becomes false: the complement is true
      uint32_t x = open >> 1;
      sc.slots.push_back(x);
      trail.push_back({x, i});
      rup_value[x] = (open & 1) ? 1 : -1;
      rup_where[x] = static_cast<uint32_t>(trail.size());
    }  // else the hint is satisfied and adds nothing
  }
  if (!conflict) throw KernelError("RUP: the hints lead to no conflict");
  // Back from the conflict: a used hint needs the reason of each propagated literal in it.
  // With uniform hints the conflict alone stands for all of them.
  std::vector<const Thm*> used{conflict};
  if (!uniform) {
    std::vector<uint8_t> need(trail.size(), 0);
    auto needs = [&](const Thm* h, uint32_t unit) {
      for (uint32_t e : reading(*h->hyps_))
        if (!(e & kBackground) && (e >> 1) != unit && rup_where[e >> 1]) need[rup_where[e >> 1] - 1] = 1;
    };
    needs(conflict, 0);
    for (size_t t = trail.size(); t-- > 0;)
      if (need[t]) used.push_back(hints[trail[t].hint]), needs(used.back(), trail[t].slot);
  }
  AxiomSet ax = conflict->axioms_;
  for (const Thm* h : used) {
    ax = ax_union(ax, h->axioms_);
    for (uint32_t e : reading(*h->hyps_)) {
      if (!(e & kBackground)) continue;
      const Term& hyp = (*h->hyps_)[e & ~kBackground];
      const TermNode* n = TermOps::node(hyp);
      if (n->mark) continue;
      sc.marked.push_back(n);
      n->mark = 1;
      out.push_back(hyp);
    }
  }
  std::sort(out.begin(), out.end(), by_serial);
  ++rup_count;
  auto hs = std::make_shared<HypSet>(std::move(out));
  reading(*hs);  // now, while its nodes are in the cache: the result will be a hint
  return Thm(hs, fl, ax);
}

std::vector<std::pair<std::string, uint64_t>> Kernel::fast_path_uses() {
  return {{"RESOLVE", resolve_count}, {"RUP", rup_count}, {"CLAUSE_INTRO", clause_intro_count}, {"CONJ", conj_count},
          {"CONJUNCT", conjunct_count}};
}

bool Kernel::has_type(const std::string& name) { return Signature::types().count(intern_name(name)); }
bool Kernel::has_constant(const std::string& name) {
  return Signature::consts().count(intern_name(name));
}
Type Kernel::constant_type(const std::string& name) {
  auto it = Signature::consts().find(intern_name(name));
  if (it == Signature::consts().end()) throw KernelError("constant_type: undeclared " + name);
  return Type(it->second);
}
size_t Kernel::type_arity(const std::string& name) {
  auto it = Signature::types().find(intern_name(name));
  if (it == Signature::types().end()) throw KernelError("type_arity: undeclared " + name);
  return it->second;
}

void Kernel::set_hash_mask(uint64_t mask) {
  TypeOps::hash_mask = mask;
  TypeOps::rehash_table();
  TermOps::rehash_table();
}
size_t Kernel::live_terms() { return TermOps::live_nodes(); }

}  // namespace hcert
