#include "kernel/thm.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "kernel/internal.hpp"

namespace hcert {

// ---- hypothesis sets ---------------------------------------------------------------------

const Hyps& no_hyps() {
  static const Hyps* empty = new Hyps(std::make_shared<const HypSet>());
  return *empty;
}

const std::vector<Term>& Thm::hyps() const { return *hyps_; }

Hyps hyp_union(const Hyps& a, const Hyps& b) {
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

// ---- the environment ------------------------------------------------------------------

Env::Env(bool fast_paths) : allow_fast_(fast_paths) {
  types_ = {{intern_name("bool"), 0}, {intern_name("fun"), 2}};
  consts_ = {{TermOps::eq_name(), eq_generic_type()}};
  none_ = intern({});
}

AxiomSet Env::intern(std::vector<uint32_t> ids) const {
  std::unique_lock lock(mu_);
  return &*axiom_sets_.insert(AxiomIds{this, std::move(ids)}).first;
}

AxiomSet Env::unite(AxiomSet a, AxiomSet b) const {
  if (a->env != b->env) throw KernelError("the premises belong to two different environments");
  if (a == b || b->ids.empty()) return a;
  if (a->ids.empty()) return b;
  auto key = std::less<AxiomSet>()(a, b) ? std::make_pair(a, b) : std::make_pair(b, a);
  {
    std::shared_lock lock(mu_);
    auto it = unions_.find(key);
    if (it != unions_.end()) return it->second;
  }
  std::vector<uint32_t> out;
  std::set_union(a->ids.begin(), a->ids.end(), b->ids.begin(), b->ids.end(), std::back_inserter(out));
  AxiomSet u = intern(std::move(out));
  std::unique_lock lock(mu_);
  return unions_[key] = u;
}

// Premises of one rule must share an environment; the union of their axioms checks it.
AxiomSet ax_union(AxiomSet a, AxiomSet b) { return a->env->unite(a, b); }

// Read-only views, each under the shared lock; declarations below take it exclusively.
const TypeNode* Env::find_constant(Name n) const {
  std::shared_lock lock(mu_);
  auto it = consts_.find(n);
  return it == consts_.end() ? nullptr : it->second;
}
bool Env::has_constant(const std::string& name) const { return find_constant(intern_name(name)); }
Type Env::constant_type(const std::string& name) const {
  if (const TypeNode* t = find_constant(intern_name(name))) return Type(t);
  throw KernelError("constant_type: undeclared " + name);
}
bool Env::has_type(const std::string& name) const { std::shared_lock l(mu_); return types_.count(intern_name(name)); }
size_t Env::type_arity(const std::string& name) const {
  std::shared_lock lock(mu_);
  if (auto it = types_.find(intern_name(name)); it != types_.end()) return it->second;
  throw KernelError("type_arity: undeclared " + name);
}
size_t Env::axiom_count() const { std::shared_lock l(mu_); return axioms_.size(); }
Axiom Env::axiom(uint32_t i) const { std::shared_lock l(mu_); return axioms_.at(i); }
std::vector<std::pair<std::string, uint64_t>> Env::fast_path_uses() const {
  return {{"RESOLVE", resolve_n_}, {"RUP", rup_n_}, {"CLAUSE_INTRO", clause_intro_n_}, {"CONJ", conj_n_},
          {"CONJUNCT", conjunct_n_}};
}
void Env::remember(const std::string& name, const Thm& th) {
  if (&th.env() != this) throw KernelError("remember: the theorem belongs to another environment");
  std::unique_lock lock(mu_);
  facts_.emplace(name, th);  // the first theorem of a name stays
}
std::optional<Thm> Env::fact(const std::string& name) const {
  std::shared_lock lock(mu_);
  if (auto it = facts_.find(name); it != facts_.end()) return it->second;
  return std::nullopt;
}
void Env::note_theory(const std::string& name, const std::string& sha) { std::unique_lock l(mu_); theories_[name] = sha; }
std::map<std::string, std::string> Env::theories() const { std::shared_lock l(mu_); return theories_; }

// ---- helpers -----------------------------------------------------------------------------

static void check_eq(const Thm& th, const char* rule, const char* which) {
  if (!th.concl().is_eq()) throw KernelError(std::string(rule) + ": " + which + " is not an equation");
}

// ---- the ten primitive rules ---------------------------------------------------------------

Thm Kernel::refl(const Env& env, const Term& t) {
  TermOps::closed(t, "REFL");
  return Thm(no_hyps(), Term::eq(t, t), env.none_);
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

Thm Kernel::beta(const Env& env, const Term& redex) {
  TermOps::closed(redex, "BETA");
  if (redex.kind() != TermKind::Comb || redex.rator().kind() != TermKind::Abs)
    throw KernelError("BETA: not a beta-redex");
  Term lam = redex.rator(), v = redex.rand();
  if (v.kind() != TermKind::Var) throw KernelError("BETA: argument is not a variable");
  if (TermOps::free_in(TermOps::node(v), TermOps::node(lam)))
    throw KernelError("BETA: argument variable is free in the abstraction");
  return Thm(no_hyps(), Term::eq(redex, lam.open(v)), env.none_);
}

Thm Kernel::assume(const Env& env, const Term& p) {
  TermOps::closed(p, "ASSUME");
  if (p.type() != Type::boolean()) throw KernelError("ASSUME: not a proposition");
  return Thm(std::make_shared<const HypSet>(1, p), p, env.none_);
}

Thm Kernel::eq_mp(const Thm& pq, const Thm& p) {
  check_eq(pq, "EQ_MP", "first premise");
  if (pq.concl().lhs() != p.concl()) throw KernelError("EQ_MP: antecedent does not match");
  return Thm(hyp_union(pq.hyps_, p.hyps_), pq.concl().rhs(), ax_union(pq.axioms_, p.axioms_));
}

Thm Kernel::deduct_antisym(const Thm& p, const Thm& q) {
  AxiomSet ax = ax_union(p.axioms_, q.axioms_);  // first: premises of two environments fail
  Hyps h = hyp_union(hyp_remove(p.hyps_, q.concl()), hyp_remove(q.hyps_, p.concl()));
  return Thm(h, Term::eq(p.concl(), q.concl()), ax);
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

// Declarations hold the environment's lock from their checks to their last change, so
// that two threads cannot both find a name new and both declare it.
static void declare_type(const std::string& name, size_t arity, std::unordered_map<Name, size_t>& types) {
  if (name.empty()) throw KernelError("new_type: empty name");
  if (!types.emplace(intern_name(name), arity).second)
    throw KernelError("new_type: type " + name + " is already declared");
}

static void declare_constant(const std::string& name, Type ty, std::unordered_map<Name, const TypeNode*>& consts) {
  if (ty.is_null()) throw KernelError("new_constant: null type");
  if (name.empty()) throw KernelError("new_constant: empty name");
  if (!consts.emplace(intern_name(name), TypeOps::node(ty)).second)
    throw KernelError("new_constant: constant " + name + " is already declared");
}

void Kernel::new_type(Env& env, const std::string& name, size_t arity) {
  std::unique_lock lock(env.mu_);
  declare_type(name, arity, env.types_);
}

void Kernel::new_constant(Env& env, const std::string& name, Type ty) {
  std::unique_lock lock(env.mu_);
  declare_constant(name, ty, env.consts_);
}

Thm Kernel::new_axiom(Env& env, const std::string& name, const Term& p) {
  TermOps::closed(p, "new_axiom");
  if (p.type() != Type::boolean()) throw KernelError("new_axiom: not a proposition");
  uint32_t index;
  {
    std::unique_lock lock(env.mu_);
    if (env.axiom_names_.count(name)) throw KernelError("new_axiom: axiom " + name + " already exists");
    env.axioms_.push_back({name, p});
    env.axiom_names_.insert(name);
    index = static_cast<uint32_t>(env.axioms_.size() - 1);
  }
  return Thm(no_hyps(), p, env.intern({index}));
}

static std::vector<const TypeNode*> tyvars_of(const Term& t) {
  std::vector<const TypeNode*> out;
  TermOps::type_vars(TermOps::node(t), out);
  return out;
}

Thm Kernel::new_basic_definition(Env& env, const Term& c_eq_t) {
  TermOps::closed(c_eq_t, "new_basic_definition");
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
  if (v.name().empty()) throw KernelError("new_basic_definition: empty name");
  {
    std::unique_lock lock(env.mu_);
    if (env.consts_.count(intern_name(v.name())))
      throw KernelError("new_basic_definition: constant " + v.name() + " is already declared");
    declare_constant(v.name(), v.type(), env.consts_);
  }
  return Thm(no_hyps(), Term::eq(Term::constant(env, v.name(), v.type()), t), env.none_);
}

std::pair<Thm, Thm> Kernel::new_basic_type_definition(Env& env, const std::string& ty, const std::string& abs,
                                                      const std::string& rep, const Thm& th) {
  const char* rule = "new_basic_type_definition";
  auto fail = [&](const std::string& why) { throw KernelError(std::string(rule) + ": " + why); };
  if (th.axioms_->env != &env) fail("the theorem belongs to another environment");
  if (!th.hyps_->empty()) fail("theorem has hypotheses");
  const Term& px = th.concl_;
  if (px.kind() != TermKind::Comb) fail("conclusion is not of the form P x");
  Term p = px.rator(), x = px.rand();
  if (!p.frees().empty()) fail("predicate has free variable " + p.frees()[0].name());
  if (ty.empty() || abs.empty() || rep.empty()) fail("empty name");
  if (abs == rep) fail("abstraction and representation have the same name");
  std::vector<const TypeNode*> params = tyvars_of(p);
  std::sort(params.begin(), params.end(),
            [](const TypeNode* a, const TypeNode* b) { return *a->name < *b->name; });
  std::vector<Type> args;
  for (const TypeNode* a : params) args.push_back(Type(a));
  Type repty = x.type(), newty(TypeOps::intern(intern_name(ty), false, args));
  {
    std::unique_lock lock(env.mu_);
    if (env.types_.count(intern_name(ty))) fail("type " + ty + " is already declared");
    if (env.consts_.count(intern_name(abs))) fail("constant " + abs + " is already declared");
    if (env.consts_.count(intern_name(rep))) fail("constant " + rep + " is already declared");
    // All checks passed: from here on nothing can fail.
    declare_type(ty, args.size(), env.types_);
    declare_constant(abs, Type::fun(repty, newty), env.consts_);
    declare_constant(rep, Type::fun(newty, repty), env.consts_);
  }
  Term absc = Term::constant(env, abs, Type::fun(repty, newty));
  Term repc = Term::constant(env, rep, Type::fun(newty, repty));
  Term a = Term::var("a", newty), r = Term::var("r", repty);
  Thm th1(no_hyps(), Term::eq(Term::comb(absc, Term::comb(repc, a)), a), th.axioms_);
  Term rhs = Term::eq(Term::comb(repc, Term::comb(absc, r)), r);
  Thm th2(no_hyps(), Term::eq(Term::comb(p, r), rhs), th.axioms_);
  return {th1, th2};
}

void Kernel::set_hash_mask(uint64_t mask) {
  TypeOps::hash_mask = mask;
  TypeOps::rehash_table();
  TermOps::rehash_table();
}
size_t Kernel::live_terms() { return TermOps::live_nodes(); }

}  // namespace hcert
