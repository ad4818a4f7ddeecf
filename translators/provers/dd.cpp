#include "translators/provers/dd.hpp"

#include <algorithm>
#include <climits>
#include <unordered_set>
#include <cstring>
#include <tuple>

#include "translators/provers/cond.hpp"
#include "translators/provers/dd_arrays.hpp"
#include "translators/provers/formula.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::provers {

namespace {

// Out of budget, too deep, or a fact the arithmetic could not prove: the rewrite is left to
// the other means.
struct Fail {};

// Bounds the recursion (terms, and diagram operations one atom further down each level)
// and the operations of one run.
constexpr int kMaxDepth = 1000;
constexpr long kBudget = 100000;
// From this many assumptions on, the emitting run assumes their conjunction instead
// (conjoined.hpp): below it, the per-assumption cost of the conjunction's discharge (about
// four times the single NOT_INTRO and PROVE_HYP) outweighs the smaller unions.
constexpr size_t kConjoinFrom = 32;

// Each diagram operation builds a few terms: the constants and the lemmas' variables are
// made once (a constant or variable by name interns its name and type each time).
Type B() {
  static const Type b = Type::boolean();
  return b;
}
Term T() {
  static const Term t = Term::constant(vocab(), "T", B());
  return t;
}
Term F() {
  static const Term f = Term::constant(vocab(), "F", B());
  return f;
}
// A variable of the lemmas (names from the few call sites below, compared by address).
Term V(const char* name, const Type& ty) {
  static std::vector<std::tuple<const char*, Type, Term>> made;
  for (const auto& [n, t, v] : made)
    if (n == name && t == ty) return v;
  made.emplace_back(name, ty, Term::var(name, ty));
  return std::get<2>(made.back());
}
Term cond(const Type& ty) {
  static std::vector<std::pair<Type, Term>> made;
  for (const auto& [t, c] : made)
    if (t == ty) return c;
  made.emplace_back(ty, CondLemmas::cond(ty));
  return made.back().second;
}
Term C(const Term& c, const Term& a, const Term& b) { return Term::comb(Term::comb(Term::comb(cond(a.type()), c), a), b); }
Term op2(const char* op, const Term& a, const Term& b) {
  return Term::comb(Term::comb(Term::constant(vocab(), op, Type::fun(B(), Type::fun(B(), B()))), a), b);
}
// An arithmetic operation or numeral (its application is a leaf, brought to its normal
// form whole).
bool arith_op(const Term& c) {
  const std::string& n = c.name();
  return n.rfind("int.", 0) == 0 || n.rfind("real.", 0) == 0;
}
bool arith_type(const Type& ty) { return !ty.is_var() && (ty.name() == "int" || ty.name() == "real"); }

// Lifting a conditional out of an application takes one lemma per arity and type of the
// function (`select` takes an array and an index, `store` three arguments, an uninterpreted
// function its declared sorts): `appN` at the function's type A,
//     f (COND x a1 a0) (COND x b1 b0) … = COND x (f a1 b1 …) (f a0 b0 …),
// the k-th argument's two variables named by kAppVars[k] at the k-th argument type.
constexpr size_t kMaxAppArgs = 8;
const char* const kAppNames[kMaxAppArgs] = {"app1", "app2", "app3", "app4", "app5", "app6", "app7", "app8"};
const char* const kAppVars[kMaxAppArgs][2] = {{"a1", "a0"}, {"b1", "b0"}, {"c1", "c0"}, {"d1", "d0"},
                                             {"e1", "e0"}, {"g1", "g0"}, {"h1", "h0"}, {"k1", "k0"}};
// The arity of an `appN` lemma name (0 for the other lemmas).
size_t app_arity(const char* name) {
  for (size_t n = 0; n < kMaxAppArgs; ++n)
    if (name == kAppNames[n] || std::strcmp(name, kAppNames[n]) == 0) return n + 1;
  return 0;
}
Term app_statement(size_t arity, const Type& fty) {
  Term x = V("x", B()), f = V("f", fty), l = f, r1 = f, r0 = f;
  Type ty = fty;
  for (size_t k = 0; k < arity; ++k) {
    Type ak = ty.args()[0];  // fty is a function type of at least `arity` arguments
    Term v1 = V(kAppVars[k][0], ak), v0 = V(kAppVars[k][1], ak);
    l = Term::comb(l, C(x, v1, v0)), r1 = Term::comb(r1, v1), r0 = Term::comb(r0, v0);
    ty = ty.args()[1];
  }
  return Term::eq(l, C(x, r1, r0));
}

// The lemmas, over bool variables x, p, q, p1, p0 and variables a, a1, a0, b1, b0 of type
// A (and `appN` above, A the function's type). Each holds by cases on x or p and COND's
// equations, `antisym` by the arithmetic.
Term statement(const char* name, const Type& A) {
  if (size_t n = app_arity(name)) return app_statement(n, A);
  if (is_array_lemma(name)) return array_statement(name, A);
  Term x = V("x", B()), p = V("p", B()), q = V("q", B()), p1 = V("p1", B()), p0 = V("p0", B());
  Term a = V("a", A), a1 = V("a1", A), a0 = V("a0", A), b1 = V("b1", A), b0 = V("b0", A);
  std::string_view nm = name;
  if (nm == "ite") return Term::eq(C(C(x, p1, p0), C(x, a1, a0), C(x, b1, b0)), C(x, C(p1, a1, b1), C(p0, a0, b0)));
  if (nm == "exp") return Term::eq(a, C(x, a, a));
  if (nm == "var") return Term::eq(C(C(x, T(), F()), a1, a0), C(x, a1, a0));
  if (nm == "same") return Term::eq(C(p, a, a), a);
  if (nm == "id") return Term::eq(C(p, T(), F()), p);
  if (nm == "not") return Term::eq(neg(p), C(p, F(), T()));
  if (nm == "and") return Term::eq(op2("/\\", p, q), C(p, q, F()));
  if (nm == "or") return Term::eq(op2("\\/", p, q), C(p, T(), q));
  if (nm == "imp") return Term::eq(op2("==>", p, q), C(p, q, T()));
  if (nm == "iff") return Term::eq(Term::eq(p, q), C(p, q, neg(q)));
  // antisym, arithmetic: a1 = a0 is a1 <= a0 /\ a0 <= a1
  Term le = Term::constant(vocab(), A.name() + ".<=", Type::fun(A, Type::fun(A, B())));
  auto ap = [&](const Term& u, const Term& w) { return Term::comb(Term::comb(le, u), w); };
  return Term::eq(Term::eq(a1, a0), op2("/\\", ap(a1, a0), ap(a0, a1)));
}

}  // namespace

uint64_t Diagrams::equal(const Term& l, const Term& r) {
  if (!th_.cond || l.type() != r.type()) return 0;
  // The budget: a few operations per subterm (a rewrite that needs more is most likely one
  // whose diagrams blow up: the dry run gives up early and the other means are tried).
  std::vector<Term> todo{l, r};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty() && seen.size() < size_t(kBudget)) {
    Term u = todo.back();
    todo.pop_back();
    if (u.kind() == TermKind::Comb && seen.insert(u).second) todo.push_back(u.rator()), todo.push_back(u.rand());
  }
  budget_start_ = std::min(kBudget, 1000 + 4 * long(seen.size()));
  uint64_t n = 0;
  if (!run(l, r, false, &n) || !run(l, r, true, &n)) return 0;
  return n;
}

// Both diagrams; when emitting, ⊢ l = r under the assumptions, then N(l = r) with each
// assumption discharged by its N (a fact's, or its lemma's instance).
bool Diagrams::run(const Term& l, const Term& r, bool emit, uint64_t* out) {
  emit_ = emit;
  budget_ = budget_start_;
  memo_.clear(), var_.clear(), vars_.clear(), has_cond_.clear(), assumed_.clear(), hyps_.clear();
  conj_.reset();
  if (emit && planned_.size() >= kConjoinFrom) {
    std::vector<Term> es;
    for (const Hyp& h : planned_) es.push_back(h.e);
    conj_.emplace(es);
  }
  try {
    Eq a = diagram(l, 0), b = diagram(r, 0);
    if (a.r != b.r) return false;
    if (!emit) {
      planned_ = hyps_;
      return true;
    }
    Term phi = Term::eq(l, r);
    uint64_t f = step("not_elim", {step("assume", {term(neg(phi))}), thm(trans(a, sym(b)))});
    for (const Hyp& h : hyps_)  // those outside the conjunction (none when the runs agree)
      if (!conj_ || !conj_->has(h.e)) f = step("prove_hyp", {step("not_intro", {term(h.e), f}), refutation(h)});
    if (conj_) {
      uint64_t n = conj_->refute(out_, [&](size_t k) { return refutation(planned_[k]); });
      f = step("prove_hyp", {step("not_intro", {term(conj_->conj()), f}), n});
    }
    conj_.reset(), planned_.clear();
    *out = f;
    return true;
  } catch (const Fail&) {
    return false;
  }
}

Diagrams::Eq Diagrams::diagram(const Term& t, int depth) {
  if (auto it = memo_.find(t); it != memo_.end()) return it->second;
  if (depth > kMaxDepth || --budget_ < 0) throw Fail{};
  Eq e = diagram_uncached(t, depth);
  memo_.emplace(t, e);
  return e;
}

Diagrams::Eq Diagrams::diagram_uncached(const Term& t, int depth) {
  Term c, a, b;
  Type ty = t.type();
  if (t == T() || t == F()) return {t, t, 0};
  if (is_cond(t, &c, &a, &b)) {
    Eq ec = diagram(c, depth + 1), ea = diagram(a, depth + 1), eb = diagram(b, depth + 1);
    return trans(cong(cond(ty), {ec, ea, eb}), ite(ec.r, ea.r, eb.r, depth + 1));
  }
  if (ty == B()) {  // a connective: its conditional form (`p /\ q` is `COND p q F`, …)
    Term p = V("p", B()), q = V("q", B());
    const char* name = nullptr;
    if (is_neg(t)) name = "not", a = t.rand();
    else if (is_op(t, "/\\", &a, &b)) name = "and";
    else if (is_op(t, "\\/", &a, &b)) name = "or";
    else if (is_op(t, "==>", &a, &b)) name = "imp";
    else if (is_op(t, "=", &a, &b) && a.type() == B()) name = "iff";
    if (name) {
      Eq e = use(name, B(), B(), b.is_null() ? std::vector<std::pair<Term, Term>>{{p, a}}
                                             : std::vector<std::pair<Term, Term>>{{p, a}, {q, b}});
      return trans(e, diagram(e.r, depth + 1));
    }
  }
  if (t.kind() == TermKind::Comb) {
    // An application (of a relation, an operation, an array's select or store, an
    // uninterpreted function) to up to kMaxAppArgs arguments of any types, with
    // conditionals inside: lifted through the arguments' diagrams. Without conditionals,
    // the arguments of an uninterpreted function, of select, store or an equation get
    // their diagrams too, so that an argument is the same leaf wherever it occurs: its
    // normal form (Z3 writes `f(-1 + t + s)` for `f(-1 + s + t)`), a bool one over T and F
    // (`h x a` is `COND a (h x T) (h x F)`). An arithmetic operation is a leaf whole.
    std::vector<Term> args;
    Term f = t;
    while (f.kind() == TermKind::Comb && args.size() <= kMaxAppArgs) args.push_back(f.rand()), f = f.rator();
    bool head = f.kind() == TermKind::Var || f.kind() == TermKind::Const;
    if (head && args.size() <= kMaxAppArgs && (has_cond_(t) || !arith_op(f))) {
      std::reverse(args.begin(), args.end());
      std::vector<Eq> es;
      std::vector<Term> ds;
      for (const Term& x : args) es.push_back(diagram(x, depth + 1)), ds.push_back(es.back().r);
      return trans(cong(f, es), apply(f, ds, depth + 1));
    }
  }
  return ty == B() ? atom(t, depth) : leaf(t);
}

// COND f g h = its diagram, for diagrams f (bool), g and h: by cases on the first atom x
// of the three, COND f g h = COND x (COND f1 g1 h1) (COND f0 g0 h0) with their cofactors.
Diagrams::Eq Diagrams::ite(const Term& f, const Term& g, const Term& h, int depth) {
  Type ty = g.type();
  Term t = C(f, g, h), p = V("p", B()), a = V("a", ty);
  if (f == T() || f == F()) {  // COND's own equations, instantiated
    const Pf& L = th_.cond->get(ty, f == T());
    uint64_t id = step("inst", {L.id, term(CondLemmas::x(ty)), term(g), term(CondLemmas::y(ty)), term(h)});
    return {t, f == T() ? g : h, id};
  }
  if (g == h) return use("same", ty, ty, {{p, f}, {a, g}});
  if (g == T() && h == F()) return use("id", B(), B(), {{p, f}});
  if (auto it = memo_.find(t); it != memo_.end()) return it->second;
  if (depth > kMaxDepth || --budget_ < 0) throw Fail{};
  int v = std::min({top(f), top(g), top(h)});
  Term x = vars_[v], f1, f0, g1, g0, h1, h0;
  if (f == C(x, T(), F()) && top(g) > v && top(h) > v) {  // an atom's diagram: COND x g h already
    Eq e = use("var", ty, ty, {{V("x", B()), x}, {V("a1", ty), g}, {V("a0", ty), h}});
    memo_.emplace(t, e);
    return e;
  }
  Eq e1 = cong(cond(ty), {expand(f, v, &f1, &f0), expand(g, v, &g1, &g0), expand(h, v, &h1, &h0)});
  Eq e2 = use("ite", ty, ty,
              {{V("x", B()), x}, {V("p1", B()), f1}, {V("p0", B()), f0}, {V("a1", ty), g1}, {V("a0", ty), g0},
               {V("b1", ty), h1}, {V("b0", ty), h0}});
  Eq r1 = ite(f1, g1, h1, depth + 1), r0 = ite(f0, g0, h0, depth + 1);
  Eq e3 = cong(cond(ty), {Eq{x, x, 0}, r1, r0});
  Eq e = trans(trans(e1, e2), trans(e3, reduced(x, v, r1.r, r0.r, depth + 1)));
  memo_.emplace(t, e);
  return e;
}

// op a (b) = its diagram, for diagrams a (and b): by cases on their first atom x, op (COND
// x a1 a0) … = COND x (op a1 …) (op a0 …); at the leaves the application is an atom (a
// relation) or a leaf (an operation).
Diagrams::Eq Diagrams::apply(const Term& op, const std::vector<Term>& args, int depth) {
  Term t = op;
  for (const Term& a : args) t = Term::comb(t, a);
  if (auto it = memo_.find(t); it != memo_.end()) return it->second;
  if (depth > kMaxDepth || --budget_ < 0) throw Fail{};
  // A store's value keeps its diagram inside (`store a i (COND x p q)` is a leaf, as Z3
  // leaves it): lifting it out of each of a chain of stores would double the diagram at
  // each store. Its array and index are lifted.
  size_t inner = args.size() == 3 && op.kind() == TermKind::Const && op.name() == "array.store" ? 2 : args.size();
  int v = INT_MAX;
  for (size_t k = 0; k < args.size(); ++k)
    if (k != inner) v = std::min(v, top(args[k]));
  Eq e;
  const char* row = nullptr;
  std::vector<std::pair<Term, Term>> row_theta;
  if (v == INT_MAX && array_step(op, args, &row, &row_theta)) {
    // A read through a store: its conditional over the index equation; a store over a
    // store at its index: the outer one alone (dd_arrays.hpp).
    Eq r = use(row, args[0].type(), args[0].type(), row_theta);
    e = trans(r, diagram(r.r, depth + 1));
  } else if (v == INT_MAX) {
    e = t.type() == B() ? atom(t, depth + 1) : leaf(t);
  } else {
    Term x = vars_[v];
    std::vector<Eq> ex;
    std::vector<Term> hi(args.size()), lo(args.size());
    for (size_t k = 0; k < args.size(); ++k) {
      if (k != inner) ex.push_back(expand(args[k], v, &hi[k], &lo[k]));
      else hi[k] = lo[k] = args[k], ex.push_back(use("exp", args[k].type(), args[k].type(), {{V("a", args[k].type()), args[k]}, {V("x", B()), x}}));
    }
    std::vector<std::pair<Term, Term>> theta{{V("x", B()), x}, {V("f", op.type()), op}};
    for (size_t k = 0; k < args.size(); ++k) {
      Type A = args[k].type();
      theta.push_back({V(kAppVars[k][0], A), hi[k]}), theta.push_back({V(kAppVars[k][1], A), lo[k]});
    }
    Eq e2 = use(kAppNames[args.size() - 1], op.type(), t.type(), theta);
    Eq r1 = apply(op, hi, depth + 1), r0 = apply(op, lo, depth + 1);
    Eq e3 = cong(cond(t.type()), {Eq{x, x, 0}, r1, r0});
    e = trans(trans(cong(op, ex), e2), trans(e3, reduced(x, v, r1.r, r0.r, depth + 1)));
  }
  memo_.emplace(t, e);
  return e;
}

// COND x n1 n0 = its diagram, n1 and n0 diagrams and x the atom numbered v: itself when
// both lie below x; `same` when they are one; else (a relation's leaves gave atoms ordered
// before x) ite(x, n1, n0).
Diagrams::Eq Diagrams::reduced(const Term& x, int v, const Term& n1, const Term& n0, int depth) {
  Type ty = n1.type();
  if (n1 == n0) return use("same", ty, ty, {{V("p", B()), x}, {V("a", ty), n1}});
  Term c = C(x, n1, n0);
  if (top(n1) > v && top(n0) > v) return {c, c, 0};
  Eq e = cong(cond(ty), {sym(use("id", B(), B(), {{V("p", B()), x}})), Eq{n1, n1, 0}, Eq{n0, n0, 0}});
  return trans(e, ite(var_node(x), n1, n0, depth + 1));
}

// a = COND x a1 a0 for the atom x numbered v: a itself when x is its first atom, else
// `a = COND x a a`.
Diagrams::Eq Diagrams::expand(const Term& a, int v, Term* a1, Term* a0) {
  if (top(a) == v) {
    is_cond(a, nullptr, a1, a0);
    return {a, a, 0};
  }
  *a1 = *a0 = a;
  return use("exp", a.type(), a.type(), {{V("a", a.type()), a}, {V("x", B()), vars_[v]}});
}

// An atom: a relation between arithmetic terms first between their canonical polynomials,
// an arithmetic equation as two inequalities (lemma `antisym`); an arithmetic atom by its
// constraint's first atom (or decided, without variables); otherwise a variable of the
// diagram, `u = COND u T F`. Each step u = target is a fact proved by the case split.
Diagrams::Eq Diagrams::atom(const Term& u, int depth) {
  Term l, r;
  if (u.kind() == TermKind::Comb && u.rator().kind() == TermKind::Comb && u.rator().rator().kind() == TermKind::Const &&
      arith_type(u.rand().type()) && u.rator().rand().type() == u.rand().type()) {
    l = u.rator().rand(), r = u.rand();
    Eq el = leaf(l), er = leaf(r);
    if (el.id || er.id) {
      Eq e = cong(u.rator().rator(), {el, er});
      return trans(e, diagram(e.r, depth + 1));
    }
    if (is_op(u, "=")) {
      Type A = l.type();
      Eq e = use("antisym", A, A, {{V("a1", A), l}, {V("a0", A), r}});
      return trans(e, diagram(e.r, depth + 1));
    }
  }
  if (th_.key) {
    if (auto k = th_.key(u)) {
      if (k->first.find(' ') == std::string::npos && th_.arith) {  // no variables
        bool no = (*th_.arith)(kept_, {u}, false, nullptr) != 0;
        bool yes = !no && (*th_.arith)(kept_, {neg(u)}, false, nullptr) != 0;
        if (no || yes) return fact(Term::eq(u, yes ? T() : F()));
      }
      const auto& [rep, negated] = atom_reps_.emplace(k->first, std::make_pair(u, k->second)).first->second;
      if (rep != u) {
        Term target = negated == k->second ? rep : neg(rep);
        return trans(fact(Term::eq(u, target)), diagram(target, depth + 1));
      }
    }
  }
  // An equation between terms: T when both sides are one (lemma `eqrefl`); met before
  // turned round (Z3 writes `i = j` and `j = i`), one atom (lemma `eqsym`).
  if (is_op(u, "=", &l, &r) && l.type() != B() && l == r) return use("eqrefl", l.type(), l.type(), {{V("a0", l.type()), l}});
  if (is_op(u, "=", &l, &r) && l.type() != B() && var_.count(Term::eq(r, l))) {
    Type A = l.type();
    Eq e = use("eqsym", A, A, {{V("a1", A), l}, {V("a0", A), r}});
    return trans(e, diagram(e.r, depth + 1));
  }
  var_node(u);
  return sym(use("id", B(), B(), {{V("p", B()), u}}));
}

// A leaf (no conditional, not bool): its canonical polynomial, so that leaves with one
// linear form are one. Proved on kept even in the dry run (once per leaf and certificate).
Diagrams::Eq Diagrams::leaf(const Term& t) {
  auto it = leaves_.find(t);
  if (it == leaves_.end()) {
    std::optional<Pf> p = normal_ ? normal_(kept_, t) : std::nullopt;
    it = leaves_.emplace(t, p && p->concl.rhs() != t ? *p : Pf{0, t}).first;
  }
  if (!it->second.id) return {t, t, 0};
  return {t, it->second.concl.rhs(), emit_ ? it->second.id : 1};
}

// The number of a diagram's first atom (INT_MAX for a leaf).
int Diagrams::top(const Term& n) const {
  Term c;
  if (!is_cond(n, &c)) return INT_MAX;
  auto it = var_.find(c);
  return it == var_.end() ? INT_MAX : it->second;
}

// The diagram of an atom, numbered on first use (the order of one run).
Term Diagrams::var_node(const Term& a) {
  if (var_.emplace(a, int(vars_.size())).second) vars_.push_back(a);
  return C(a, T(), F());
}

uint64_t Diagrams::step(const char* rule, std::vector<uint64_t> args) {
  return emit_ ? out_.step(rule, std::move(args)) : 1;
}
uint64_t Diagrams::term(const Term& t) { return emit_ ? out_.term(t) : 0; }
uint64_t Diagrams::thm(const Eq& e) { return e.id ? e.id : step("refl", {term(e.l)}); }

Diagrams::Eq Diagrams::trans(const Eq& a, const Eq& b) {
  if (!a.id) return {a.l, b.r, b.id};
  if (!b.id) return {a.l, b.r, a.id};
  return {a.l, b.r, step("trans", {a.id, b.id})};
}
Diagrams::Eq Diagrams::sym(const Eq& a) { return {a.r, a.l, a.id ? step("sym", {a.id}) : 0}; }

// f a1 … an = f b1 … bn from ai = bi (AP_TERM up to the first that differs, then MK_COMB
// and AP_THM).
Diagrams::Eq Diagrams::cong(const Term& f, const std::vector<Eq>& args) {
  Term l = f, r = f;
  uint64_t p = 0;
  for (const Eq& a : args) {
    if (p) p = a.id ? step("mk_comb", {p, a.id}) : step("ap_thm", {p, term(a.l)});
    else if (a.id) p = step("ap_term", {term(l), a.id});
    l = Term::comb(l, a.l), r = Term::comb(r, a.r);
  }
  return {l, r, p};
}

// ⊢ e by ASSUME (or from the assumed conjunction), once per run.
Diagrams::Eq Diagrams::assumed(const Term& e) {
  auto it = assumed_.find(e);
  if (it == assumed_.end()) {
    uint64_t id = conj_ && conj_->has(e) ? conj_->get(out_, e) : step("assume", {term(e)});
    it = assumed_.emplace(e, id).first;
  }
  return {e.lhs(), e.rhs(), it->second};
}

// N(e) of an assumption: its lemma's N instantiated, or the fact's.
uint64_t Diagrams::refutation(const Hyp& h) {
  if (!h.lemma) return proved_fact(h.e);
  std::vector<uint64_t> args{h.lemma->n ? h.lemma->n : lemma(h.lemma->name, h.lemma->a, h.lemma->b).n};
  for (const auto& [v, t] : h.theta) args.push_back(term(v)), args.push_back(term(t));
  return step("inst", std::move(args));
}

// An instance of a lemma, assumed (discharged by INST of the lemma's N at the end).
Diagrams::Eq Diagrams::use(const char* name, const Type& a, const Type& b,
                           const std::vector<std::pair<Term, Term>>& theta) {
  Lemma& L = lemma(name, a, b);
  Term e = L.stmt.subst(theta);
  if (!assumed_.count(e)) hyps_.push_back({e, 0, &L, theta});
  return assumed(e);
}

// An atom's or a leaf's equation, assumed; N(e) by the case split with the arithmetic,
// once per certificate (only when emitting: the dry run takes it as proved).
Diagrams::Eq Diagrams::fact(const Term& e) {
  if (!assumed_.count(e)) {
    auto it = facts_.find(e);
    if (it != facts_.end() && !it->second) throw Fail{};
    hyps_.push_back({e, emit_ ? proved_fact(e) : 1, nullptr, {}});
  }
  return assumed(e);
}

// N(e) of a fact on kept, proved once per certificate.
uint64_t Diagrams::proved_fact(const Term& e) {
  auto it = facts_.find(e);
  if (it == facts_.end()) it = facts_.emplace(e, refute_negation(kept_, e, nullptr, 64, 400, &th_)).first;
  if (!it->second) throw Fail{};
  return it->second;
}

Diagrams::Lemma& Diagrams::lemma(const char* name, const Type& a, const Type& b) {
  Lemma* L = nullptr;
  for (Lemma& x : lemmas_)
    if (x.a == a && x.b == b && std::strcmp(x.name, name) == 0) L = &x;
  if (!L) L = &lemmas_.emplace_back(Lemma{name, a, b, statement(name, a)});
  if (emit_ && !L->n) {
    Theories cond_only;
    cond_only.cond = th_.cond;
    bool arith = std::strcmp(name, "antisym") == 0;
    L->n = is_array_lemma(name) ? prove_array_lemma(kept_, *th_.cond, name, a)
                                : refute_negation(kept_, L->stmt, nullptr, 64, 400, arith ? &th_ : &cond_only);
    if (!L->n) throw Fail{};
  }
  return *L;
}

}  // namespace hcert::provers
