// Property tests for the trusted kernel (RapidCheck + GoogleTest).
//
// Part A compares the locally nameless, hash-consed kernel terms with a slow reference
// implementation that uses NAMED bound variables, the way a textbook (or HOL Light) does:
// capture-avoiding substitution that renames binders, type instantiation that renames
// binders which would capture a free variable, alpha-equivalence by binder correspondence.
// The two implementations share nothing but the checked constructors Term::var/constant/
// comb/abs, so agreement is evidence that the kernel's de Bruijn traversals are right.
//
// Part B drives the primitive rules with random applications over propositional terms and
// checks every theorem semantically in a finite model (bool = {F,T}, type variables = a
// three-element set, functions = complete tables, `=` = equality). A sound kernel never
// yields a sequent whose hypotheses are true and whose conclusion is false.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/env.hpp"
#include "formats/hol_text.hpp"
#include "kernel/kernel.hpp"

namespace prop {
using namespace hcert;

// ---- running a property with a chosen number of cases ------------------------------------

// Like RC_GTEST_PROP, but with a per-test number of cases (an explicit RC_PARAMS
// max_success still wins), so that each property gets a budget that fits the time limit.
template <class F>
void check_prop(int cases, F&& f) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  rc::detail::TestMetadata md;
  md.id = std::string(info->test_suite_name()) + "/" + info->name();
  md.description = info->name();
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (params.maxSuccess == rc::detail::TestParams().maxSuccess) params.maxSuccess = cases;
  auto result = rc::detail::checkTestable(std::forward<F>(f), md, params);
  std::ostringstream ss;
  rc::detail::printResultMessage(result, ss);
  if (result.template is<rc::detail::SuccessResult>())
    std::cout << "[ rc       ] " << md.id << ": " << ss.str() << std::endl;
  else
    ADD_FAILURE() << ss.str();
}

// A uniform choice in [lo, hi), shrinking towards lo. (gen::inRange scales its range with
// the test size, which would make the first cases degenerate.)
template <class T>
T uni(T lo, T hi) {
  return *rc::gen::resize(100, rc::gen::inRange<T>(lo, hi));
}

// ---- types ---------------------------------------------------------------------------------

Type tbool() { return Type::boolean(); }
Type tind() {
  // Other test files may declare `ind` too; it is HOL's type of individuals, arity 0.
  if (!hcert::tenv().has_type("ind")) Kernel::new_type(hcert::tenv(), "ind", 0);
  return Type::op(hcert::tenv(), "ind", {});
}
Type ta() { return Type::var("a"); }
Type tb() { return Type::var("b"); }
Type fn(Type a, Type b) { return Type::fun(a, b); }
std::string ty_str(Type t) { return text::print(t); }

// Reference type instantiation: plain structural recursion.
Type ty_inst(Type t, const TypeSubst& th) {
  if (t.is_var()) {
    for (auto& [a, s] : th)
      if (a == t) return s;
    return t;
  }
  std::vector<Type> args;
  for (Type a : t.args()) args.push_back(ty_inst(a, th));
  return Type::op(hcert::tenv(), t.name(), args);
}

bool ty_match(Type pat, Type ty, std::vector<std::pair<Type, Type>>& env) {
  if (pat.is_var()) {
    for (auto& [a, s] : env)
      if (a == pat) return s == ty;
    env.push_back({pat, ty});
    return true;
  }
  if (ty.is_var() || ty.name() != pat.name() || ty.args().size() != pat.args().size()) return false;
  for (size_t i = 0; i < pat.args().size(); ++i)
    if (!ty_match(pat.args()[i], ty.args()[i], env)) return false;
  return true;
}

// ---- the named reference implementation -----------------------------------------------------

struct RefTerm;
using R = std::shared_ptr<const RefTerm>;
struct RefTerm {
  enum Kind { Var, Const, App, Lam } kind;
  std::string name;  // Var, Const; Lam: the bound variable's name
  Type ty;           // Var, Const: its type; Lam: the bound variable's type
  R a, b;            // App: function, argument; Lam: body in a
};
R rvar(const std::string& n, Type t) { return std::make_shared<RefTerm>(RefTerm{RefTerm::Var, n, t, {}, {}}); }
R rconst(const std::string& n, Type t) { return std::make_shared<RefTerm>(RefTerm{RefTerm::Const, n, t, {}, {}}); }
R rapp(R f, R x) { return std::make_shared<RefTerm>(RefTerm{RefTerm::App, "", Type(), f, x}); }
R rlam(const std::string& n, Type t, R body) {
  return std::make_shared<RefTerm>(RefTerm{RefTerm::Lam, n, t, body, {}});
}

Type type_of(const R& t) {
  switch (t->kind) {
    case RefTerm::Var:
    case RefTerm::Const: return t->ty;
    case RefTerm::App: return type_of(t->a).cod();
    case RefTerm::Lam: return fn(t->ty, type_of(t->a));
  }
  return Type();
}

void showValue(const RefTerm& t, std::ostream& os) {
  switch (t.kind) {
    case RefTerm::Var: os << t.name << ":" << ty_str(t.ty); break;
    case RefTerm::Const: os << "$" << t.name << ":" << ty_str(t.ty); break;
    case RefTerm::App: os << "("; showValue(*t.a, os); os << " "; showValue(*t.b, os); os << ")"; break;
    case RefTerm::Lam: os << "(\\" << t.name << ":" << ty_str(t.ty) << ". "; showValue(*t.a, os); os << ")"; break;
  }
}
std::string rstr(const R& t) {
  std::ostringstream os;
  showValue(*t, os);
  return os.str();
}

using Key = std::pair<std::string, Type>;  // a variable is its name and its type
using RSubst = std::vector<std::pair<Key, R>>;

void frees_into(const R& t, std::vector<Key>& bound, std::vector<Key>& out) {
  switch (t->kind) {
    case RefTerm::Var: {
      Key k{t->name, t->ty};
      if (std::find(bound.begin(), bound.end(), k) == bound.end() &&
          std::find(out.begin(), out.end(), k) == out.end())
        out.push_back(k);
      break;
    }
    case RefTerm::Const: break;
    case RefTerm::App: frees_into(t->a, bound, out); frees_into(t->b, bound, out); break;
    case RefTerm::Lam:
      bound.push_back({t->name, t->ty});
      frees_into(t->a, bound, out);
      bound.pop_back();
      break;
  }
}
std::vector<Key> ref_frees(const R& t) {
  std::vector<Key> bound, out;
  frees_into(t, bound, out);
  return out;
}
bool ref_free_in(const Key& k, const R& t) {
  auto f = ref_frees(t);
  return std::find(f.begin(), f.end(), k) != f.end();
}

std::string variant(std::string n, const std::vector<std::string>& avoid) {
  while (std::find(avoid.begin(), avoid.end(), n) != avoid.end()) n += "'";
  return n;
}

// Counters of the interesting cases, so the properties can report they were exercised.
int g_subst_renames = 0;
int g_inst_renames = 0;

// Simultaneous capture-avoiding substitution, renaming a binder (by adding primes) when
// it would capture a free variable of a substituted term.
R ref_subst(const R& t, const RSubst& th) {
  switch (t->kind) {
    case RefTerm::Var:
      for (auto& [k, s] : th)
        if (k.first == t->name && k.second == t->ty) return s;
      return t;
    case RefTerm::Const: return t;
    case RefTerm::App: return rapp(ref_subst(t->a, th), ref_subst(t->b, th));
    case RefTerm::Lam: {
      Key v{t->name, t->ty};
      RSubst rest;
      for (auto& e : th)
        if (e.first != v && ref_free_in(e.first, t->a)) rest.push_back(e);
      if (rest.empty()) return t;
      bool capture = false;
      for (auto& e : rest) capture = capture || ref_free_in(v, e.second);
      if (!capture) return rlam(v.first, v.second, ref_subst(t->a, rest));
      ++g_subst_renames;
      std::vector<std::string> avoid;
      for (auto& k : ref_frees(t->a)) avoid.push_back(k.first);
      for (auto& e : rest)
        for (auto& k : ref_frees(e.second)) avoid.push_back(k.first);
      std::string w = variant(v.first, avoid);
      rest.push_back({v, rvar(w, v.second)});
      return rlam(w, v.second, ref_subst(t->a, rest));
    }
  }
  return t;
}

// HOL Light's INST_TYPE: instantiate every type; a binder that would become equal to a
// free variable of its body (same name, types equal after instantiation) is renamed first.
R ref_inst(const R& t, const TypeSubst& th) {
  switch (t->kind) {
    case RefTerm::Var: return rvar(t->name, ty_inst(t->ty, th));
    case RefTerm::Const: return rconst(t->name, ty_inst(t->ty, th));
    case RefTerm::App: return rapp(ref_inst(t->a, th), ref_inst(t->b, th));
    case RefTerm::Lam: {
      Type ty2 = ty_inst(t->ty, th);
      auto fv = ref_frees(t->a);
      bool clash = false;
      for (auto& k : fv)
        clash = clash || (k.first == t->name && k.second != t->ty && ty_inst(k.second, th) == ty2);
      if (!clash) return rlam(t->name, ty2, ref_inst(t->a, th));
      ++g_inst_renames;
      std::vector<std::string> avoid;
      for (auto& k : fv) avoid.push_back(k.first);
      std::string w = variant(t->name, avoid);
      R body = ref_subst(t->a, {{{t->name, t->ty}, rvar(w, t->ty)}});
      return rlam(w, ty2, ref_inst(body, th));
    }
  }
  return t;
}

// Alpha-equivalence: a variable is bound by the innermost binder with its name and type;
// two variables correspond if both are free and equal, or bound by binders at the same
// distance.
long bound_at(const std::vector<Key>& env, const Key& k) {
  for (size_t i = env.size(); i-- > 0;)
    if (env[i] == k) return static_cast<long>(env.size() - 1 - i);
  return -1;
}
bool aeq(const R& s, const R& t, std::vector<Key>& es, std::vector<Key>& et) {
  if (s->kind != t->kind) return false;
  switch (s->kind) {
    case RefTerm::Var: {
      Key ks{s->name, s->ty}, kt{t->name, t->ty};
      long i = bound_at(es, ks), j = bound_at(et, kt);
      return i == j && (i >= 0 || ks == kt);
    }
    case RefTerm::Const: return s->name == t->name && s->ty == t->ty;
    case RefTerm::App: return aeq(s->a, t->a, es, et) && aeq(s->b, t->b, es, et);
    case RefTerm::Lam: {
      if (s->ty != t->ty) return false;
      es.push_back({s->name, s->ty});
      et.push_back({t->name, t->ty});
      bool r = aeq(s->a, t->a, es, et);
      es.pop_back();
      et.pop_back();
      return r;
    }
  }
  return false;
}
bool ref_aeq(const R& s, const R& t) {
  std::vector<Key> es, et;
  return aeq(s, t, es, et);
}

Term to_kernel(const R& t) {
  switch (t->kind) {
    case RefTerm::Var: return Term::var(t->name, t->ty);
    case RefTerm::Const: return Term::constant(hcert::tenv(), t->name, t->ty);
    case RefTerm::App: return Term::comb(to_kernel(t->a), to_kernel(t->b));
    case RefTerm::Lam: return Term::abs(Term::var(t->name, t->ty), to_kernel(t->a));
  }
  return Term();
}

// ---- generators ------------------------------------------------------------------------------

// What random terms are made of: argument/binder types, variable names, constants with
// their generic types.
struct Sig {
  std::vector<Type> arg_types;
  std::vector<std::string> names;
  std::vector<std::pair<std::string, Type>> consts;
  std::vector<Type> top_types;
};

void declare(const std::string& n, Type ty) {
  if (!hcert::tenv().has_constant(n)) Kernel::new_constant(hcert::tenv(), n, ty);
}

// Part A: a small first-order-ish signature with polymorphism. Variable names are few so
// that shadowing, clashes and capture are frequent; "x0" collides with the printer's
// binder names and "v" with its variable keyword.
const Sig& sig_a() {
  static Sig s = [] {
    Type i = tind(), a = ta(), b = tb(), B = tbool();
    declare("prop_c", i);
    declare("prop_f", fn(i, i));
    declare("prop_P", fn(a, B));
    declare("prop_K", fn(a, fn(b, a)));
    Sig s;
    s.arg_types = {B, i, a, b};
    s.names = {"x", "y", "x0", "v"};
    s.consts = {{"prop_c", i}, {"prop_f", fn(i, i)}, {"prop_P", fn(a, B)},
                {"prop_K", fn(a, fn(b, a))}, {"=", hcert::tenv().constant_type("=")}};
    s.top_types = {B, i, a, fn(a, B), fn(i, i), fn(b, a), fn(a, fn(b, B))};
    return s;
  }();
  return s;
}

// Part B: propositional terms over p, q, r with `=` and lambdas.
const Sig& sig_b() {
  static Sig s = [] {
    Type B = tbool(), a = ta();
    Sig s;
    s.arg_types = {B, B, fn(B, B), a};
    s.names = {"p", "q", "r"};
    s.consts = {{"=", hcert::tenv().constant_type("=")}};
    s.top_types = {B, B, B, fn(B, B), a, fn(a, B)};
    return s;
  }();
  return s;
}

// Names of the binders around the point being generated: a variable leaf often takes one
// of them, which gives bound occurrences and (at another type) same-named free variables.
std::vector<std::string> g_scope;

// A random well-typed term of type ty (to be called inside a property).
R gen_term(const Sig& sg, Type ty, int depth) {
  std::vector<std::string> cands;  // constants that have ty as an instance
  for (auto& [n, g] : sg.consts) {
    std::vector<std::pair<Type, Type>> env;
    if (ty_match(g, ty, env)) cands.push_back(n);
  }
  int wv = 3, wc = cands.empty() ? 0 : 3, wa = depth > 0 ? 3 : 0;
  int we = depth > 0 && ty == tbool() ? 3 : 0, wl = depth > 0 && ty.is_fun() ? 4 : 0;
  int k = uni(0, wv + wc + wa + we + wl);
  if ((k -= wv) < 0) {
    if (!g_scope.empty() && uni(0, 2) == 0) return rvar(*rc::gen::elementOf(g_scope), ty);
    return rvar(*rc::gen::elementOf(sg.names), ty);
  }
  if ((k -= wc) < 0) return rconst(*rc::gen::elementOf(cands), ty);
  if ((k -= wa) < 0) {
    Type a = *rc::gen::elementOf(sg.arg_types);
    R f = gen_term(sg, fn(a, ty), depth - 1);
    return rapp(f, gen_term(sg, a, depth - 1));
  }
  if ((k -= we) < 0) {
    Type a = *rc::gen::elementOf(sg.arg_types);
    R l = gen_term(sg, a, depth - 1);
    return rapp(rapp(rconst("=", fn(a, fn(a, tbool()))), l), gen_term(sg, a, depth - 1));
  }
  std::string v = *rc::gen::elementOf(sg.names);
  struct Scope {  // popped even when generation is abandoned by an exception
    explicit Scope(const std::string& n) { g_scope.push_back(n); }
    ~Scope() { g_scope.pop_back(); }
  } scope(v);
  return rlam(v, ty.dom(), gen_term(sg, ty.cod(), depth - 1));
}

R gen_any(const Sig& sg, int max_depth = 4) {
  Type ty = *rc::gen::elementOf(sg.top_types);
  return gen_term(sg, ty, uni(0, max_depth + 1));
}

// Pairs (b, k): b is bound by a binder of t, k (a different variable) is free in its body.
// Substituting for k a term that mentions b forces a named implementation to rename b.
void captures_into(const R& t, std::vector<std::pair<Key, Key>>& out) {
  if (t->kind == RefTerm::Lam) {
    Key b{t->name, t->ty};
    for (auto& k : ref_frees(t->a))
      if (k != b) out.push_back({b, k});
  }
  if (t->a) captures_into(t->a, out);
  if (t->b) captures_into(t->b, out);
}

// A substitution whose keys are mostly free variables of t (so it does something) and
// whose values often mention a variable bound in t (so that capture must be avoided).
RSubst gen_subst(const Sig& sg, const R& t) {
  auto fv = ref_frees(t);
  std::vector<std::pair<Key, Key>> caps;
  captures_into(t, caps);
  RSubst th;
  if (!caps.empty() && uni(0, 2) == 0) {  // a substitution that would capture
    auto [b, k] = *rc::gen::elementOf(caps);
    R val = b.second == k.second ? rvar(b.first, b.second)
                                 : rapp(rvar("h", fn(b.second, k.second)), rvar(b.first, b.second));
    th.push_back({k, val});
  }
  int n = uni(0, 4);
  for (int i = 0; i < n; ++i) {
    Key k;
    if (!fv.empty() && uni(0, 5) > 0)
      k = *rc::gen::elementOf(fv);
    else
      k = {*rc::gen::elementOf(sg.names), *rc::gen::elementOf(sg.arg_types)};
    bool dup = false;
    for (auto& e : th) dup = dup || e.first == k;
    if (!dup) th.push_back({k, gen_term(sg, k.second, uni(0, 3))});
  }
  return th;
}

std::vector<std::pair<Term, Term>> to_kernel(const RSubst& th) {
  std::vector<std::pair<Term, Term>> out;
  for (auto& [k, s] : th) out.push_back({Term::var(k.first, k.second), to_kernel(s)});
  return out;
}

// Pairs (binder type, type of a free variable of the body with the binder's name): a type
// substitution that unifies them makes a named binder capture that variable.
void clashes_into(const R& t, std::vector<std::pair<Type, Type>>& out) {
  if (t->kind == RefTerm::Lam)
    for (auto& k : ref_frees(t->a))
      if (k.first == t->name && k.second != t->ty) out.push_back({t->ty, k.second});
  if (t->a) clashes_into(t->a, out);
  if (t->b) clashes_into(t->b, out);
}

bool occurs_in_type(Type a, Type t) {
  if (t == a) return true;
  for (Type x : t.args())
    if (occurs_in_type(a, x)) return true;
  return false;
}

// A random instantiation of 'a and 'b; given t, half of the time one that unifies a
// binder with a same-named free variable of its body (HOL Light would have to rename).
TypeSubst gen_tysubst(const R& t = nullptr) {
  std::vector<Type> targets = {tbool(), tind(), ta(), tb(), fn(tb(), ta()), fn(tind(), tbool())};
  std::vector<std::pair<Type, Type>> clashes;
  if (t) clashes_into(t, clashes);
  if (!clashes.empty() && uni(0, 2) == 0) {
    auto [x, y] = *rc::gen::elementOf(clashes);
    if (!x.is_var()) std::swap(x, y);
    if (x.is_var() && !occurs_in_type(x, y)) {
      TypeSubst th{{x, y}};
      Type other = x == ta() ? tb() : ta();
      if (uni(0, 2) == 0) th.push_back({other, *rc::gen::elementOf(targets)});
      return th;
    }
  }
  TypeSubst th;
  if (uni(0, 4) > 0) th.push_back({ta(), *rc::gen::elementOf(targets)});
  if (uni(0, 4) > 0) th.push_back({tb(), *rc::gen::elementOf(targets)});
  return th;
}

// A valid alpha-renaming: each binder is renamed (with probability 1/2) to a name whose
// variable is not free in the abstraction; occurrences are replaced capture-avoidingly.
R alpha_rename(const R& t) {
  switch (t->kind) {
    case RefTerm::Var:
    case RefTerm::Const: return t;
    case RefTerm::App: return rapp(alpha_rename(t->a), alpha_rename(t->b));
    case RefTerm::Lam: {
      R body = alpha_rename(t->a);
      R same = rlam(t->name, t->ty, body);
      if (!(uni(0, 2) == 1)) return same;
      std::string w = *rc::gen::elementOf(std::vector<std::string>{"x", "y", "x0", "v", "u", "x1", "w'"});
      if (w != t->name && ref_free_in({w, t->ty}, same)) return same;
      return rlam(w, t->ty, ref_subst(body, {{{t->name, t->ty}, rvar(w, t->ty)}}));
    }
  }
  return t;
}

// Replace free occurrences of variable k by a variable named w WITHOUT renaming inner
// binders: a careless renaming that may capture, so the result may or may not be
// alpha-equivalent to the input.
R naive_replace(const R& t, const Key& k, const std::string& w) {
  switch (t->kind) {
    case RefTerm::Var: return (t->name == k.first && t->ty == k.second) ? rvar(w, t->ty) : t;
    case RefTerm::Const: return t;
    case RefTerm::App: return rapp(naive_replace(t->a, k, w), naive_replace(t->b, k, w));
    case RefTerm::Lam:
      if (t->name == k.first && t->ty == k.second) return t;
      return rlam(t->name, t->ty, naive_replace(t->a, k, w));
  }
  return t;
}
R careless_rename(const R& t) {
  switch (t->kind) {
    case RefTerm::Var:
      if (uni(0, 8) == 0) return rvar(*rc::gen::elementOf(sig_a().names), t->ty);
      return t;
    case RefTerm::Const: return t;
    case RefTerm::App: return rapp(careless_rename(t->a), careless_rename(t->b));
    case RefTerm::Lam: {
      R body = careless_rename(t->a);
      if (!(uni(0, 2) == 1)) return rlam(t->name, t->ty, body);
      std::string w = *rc::gen::elementOf(sig_a().names);
      return rlam(w, t->ty, naive_replace(body, {t->name, t->ty}, w));
    }
  }
  return t;
}

bool same_set(const std::vector<Key>& x, const std::vector<Key>& y) {
  if (x.size() != y.size()) return false;
  for (auto& k : x)
    if (std::find(y.begin(), y.end(), k) == y.end()) return false;
  return true;
}

// ================================ Part A ========================================================

// (i) Term::subst is capture-avoiding substitution: it agrees, up to alpha, with the
// named substitution that renames binders. A de Bruijn slip (wrong shift, a substituted
// term caught by a binder, a memo keyed at the wrong depth) makes them differ.
TEST(KernelProps, SubstMatchesNamedReference) {
  g_subst_renames = 0;
  check_prop(3000, [] {
    const Sig& sg = sig_a();
    R t = gen_any(sg);
    RSubst th = gen_subst(sg, t);
    int before = g_subst_renames;
    R expect = ref_subst(t, th);
    RC_CLASSIFY(g_subst_renames > before, "reference renamed a binder");
    RC_CLASSIFY(!ref_aeq(expect, t), "substitution changed the term");
    RC_ASSERT(type_of(expect) == type_of(t));
    Term got = to_kernel(t).subst(to_kernel(th));
    RC_LOG() << "t = " << rstr(t) << "\nref = " << rstr(expect) << "\nkernel = " << text::print(got)
             << "\n";
    RC_ASSERT(got == to_kernel(expect));
  });
  EXPECT_GT(g_subst_renames, 0) << "no capture situation was generated";
}

// (ii) Term::subst_type is HOL Light's INST_TYPE: instantiating types can make a bound
// variable equal to a free one; the named version must rename, the nameless one must
// keep them apart without renaming. Both must give the same term.
TEST(KernelProps, SubstTypeMatchesNamedReference) {
  g_inst_renames = 0;
  check_prop(3000, [] {
    const Sig& sg = sig_a();
    R t = gen_any(sg);
    TypeSubst th = gen_tysubst(t);
    int before = g_inst_renames;
    R expect = ref_inst(t, th);
    RC_CLASSIFY(g_inst_renames > before, "reference renamed a binder");
    RC_ASSERT(type_of(expect) == ty_inst(type_of(t), th));
    Term got = to_kernel(t).subst_type(th);
    RC_LOG() << "t = " << rstr(t) << "\nref = " << rstr(expect) << "\nkernel = " << text::print(got)
             << "\n";
    RC_ASSERT(got == to_kernel(expect));
  });
  EXPECT_GT(g_inst_renames, 0) << "no type-instantiation clash was generated";
}

// (iii) Hash-consing is exactly alpha-equivalence: renaming bound variables never changes
// the kernel term, and terms that are not alpha-equivalent are never the same node. The
// rules rely on this (TRANS, EQ_MP and hypothesis removal compare by pointer).
TEST(KernelProps, KernelEqualityIsAlphaEquivalence) {
  check_prop(3000, [] {
    const Sig& sg = sig_a();
    R t = gen_any(sg);
    R renamed = alpha_rename(t);
    RC_ASSERT(ref_aeq(t, renamed));  // the reference agrees it is a renaming
    RC_ASSERT(to_kernel(t) == to_kernel(renamed));

    R other = careless_rename(t);  // same shape, possibly captured or renamed free variables
    bool alpha = ref_aeq(t, other);
    RC_CLASSIFY(alpha, "careless renaming stayed alpha-equivalent");
    RC_LOG() << "t = " << rstr(t) << "\nother = " << rstr(other) << "\n";
    RC_ASSERT(alpha == (to_kernel(t) == to_kernel(other)));

    R u = gen_term(sg, type_of(t), uni(0, 3));  // an unrelated term
    RC_ASSERT(ref_aeq(t, u) == (to_kernel(t) == to_kernel(u)));
  });
}

// (iv) Term::frees is the set of free variables (a variable is a name and a type), each
// once and in creation order; INST, ABS and the definition principles depend on it.
TEST(KernelProps, FreesMatchReference) {
  check_prop(3000, [] {
    R t = gen_any(sig_a());
    Term k = to_kernel(t);
    std::vector<Key> got;
    for (const Term& v : k.frees()) {
      RC_ASSERT(v.kind() == TermKind::Var);
      got.push_back({v.name(), v.type()});
    }
    RC_ASSERT(got.size() == ref_frees(t).size());  // no duplicates
    RC_ASSERT(same_set(got, ref_frees(t)));
    auto fr = k.frees();
    for (size_t i = 1; i < fr.size(); ++i) RC_ASSERT(fr[i - 1].serial() < fr[i].serial());
  });
}

// (v) The text notation is injective: parsing the printed form gives back the very same
// term (and type), so two different terms never print alike. Names such as "x0" (the
// printer's binder names), "v" (its keyword) and primed names (quoted) are in the mix.
TEST(KernelProps, PrintParseRoundTrip) {
  check_prop(3000, [] {
    R t = gen_any(sig_a());
    // substitution and instantiation produce primed names, which need quoting
    t = ref_inst(ref_subst(t, gen_subst(sig_a(), t)), gen_tysubst(t));
    Term k = to_kernel(t);
    std::string s = text::print(k);
    RC_LOG() << s << "\n";
    Term back;
    try {
      back = text::parse_term(hcert::tenv(), s);
    } catch (const text::ParseError& e) {
      RC_FAIL(std::string("printed term does not parse: ") + e.what());
    }
    RC_ASSERT(back == k);
    RC_ASSERT(text::parse_type(hcert::tenv(), text::print(k.type())) == k.type());
    Term other = to_kernel(careless_rename(t));
    RC_ASSERT((text::print(other) == s) == (other == k));
  });
}

// (vi) Term::open and BETA agree with named substitution of the bound variable; BETA is
// accepted exactly when its argument variable is not free in the abstraction.
TEST(KernelProps, OpenAndBetaMatchReference) {
  check_prop(3000, [] {
    const Sig& sg = sig_a();
    Type a = *rc::gen::elementOf(sg.arg_types), b = *rc::gen::elementOf(sg.top_types);
    std::string v = *rc::gen::elementOf(sg.names);
    R body = gen_term(sg, b, uni(0, 4));
    R lam = rlam(v, a, body);
    R u = gen_term(sg, a, uni(0, 3));
    Term klam = to_kernel(lam);
    RC_ASSERT(klam.open(to_kernel(u)) == to_kernel(ref_subst(body, {{{v, a}, u}})));

    std::string w = *rc::gen::elementOf(sg.names);
    bool allowed = !ref_free_in({w, a}, lam);
    RC_CLASSIFY(allowed, "BETA allowed");
    Term redex = Term::comb(klam, Term::var(w, a));
    std::optional<Thm> th;
    try {
      th = Kernel::beta(hcert::tenv(), redex);
    } catch (const KernelError&) {
    }
    RC_ASSERT(th.has_value() == allowed);
    if (th) {
      RC_ASSERT(th->hyps().empty());
      RC_ASSERT(th->concl() == Term::eq(redex, to_kernel(ref_subst(body, {{{v, a}, rvar(w, a)}}))));
    }
  });
}

// The hash-cons tables must give the same answers when every node collides into a few
// buckets (Kernel::set_hash_mask is the test hook for this).
TEST(KernelProps, SubstUnderForcedHashCollisions) {
  struct Restore {
    ~Restore() { Kernel::set_hash_mask(~0ull); }
  } restore;
  Kernel::set_hash_mask(0x7);
  check_prop(500, [] {
    const Sig& sg = sig_a();
    R t = gen_any(sg);
    RSubst th = gen_subst(sg, t);
    RC_ASSERT(to_kernel(t).subst(to_kernel(th)) == to_kernel(ref_subst(t, th)));
    TypeSubst ty = gen_tysubst(t);
    RC_ASSERT(to_kernel(t).subst_type(ty) == to_kernel(ref_inst(t, ty)));
    R renamed = alpha_rename(t), other = careless_rename(t);
    RC_ASSERT(to_kernel(t) == to_kernel(renamed));
    RC_ASSERT(ref_aeq(t, other) == (to_kernel(t) == to_kernel(other)));
  });
}

// ================================ Part B ========================================================

// Semantic values in the finite model: an atom (bool: 0/1, type variable: 0..2) or a
// complete table indexed by the enumeration of the domain. Tables are canonical, so
// structural equality is extensional equality.
struct Val {
  int atom = 0;
  std::vector<Val> tab;
  bool operator==(const Val& o) const { return atom == o.atom && tab == o.tab; }
};
struct TooBig {};  // a type too large to enumerate (or not interpreted): skip the theorem

uint64_t dom_size(Type t) {
  if (t == tbool()) return 2;
  if (t.is_var()) return 3;
  if (!t.is_fun()) throw TooBig{};
  uint64_t d = dom_size(t.dom()), c = dom_size(t.cod()), r = 1;
  for (uint64_t i = 0; i < d; ++i)
    if ((r *= c) > 4096) throw TooBig{};
  return r;
}
uint64_t index_of(const Val& v, Type t) {
  if (!t.is_fun()) return v.atom;
  uint64_t c = dom_size(t.cod()), r = 0, m = 1;
  for (const Val& e : v.tab) {
    r += index_of(e, t.cod()) * m;
    m *= c;
  }
  return r;
}
Val value_at(uint64_t k, Type t) {
  Val v;
  if (!t.is_fun()) {
    v.atom = static_cast<int>(k);
    return v;
  }
  uint64_t d = dom_size(t.dom()), c = dom_size(t.cod());
  for (uint64_t i = 0; i < d; ++i, k /= c) v.tab.push_back(value_at(k % c, t.cod()));
  return v;
}

struct Binding {
  std::string name;
  Type ty;
  Val val;
};
using Valuation = std::vector<Binding>;

// Evaluation steps left for the current countermodel search: nested abstractions over
// large finite types multiply, and a few random seeds made one search run for minutes.
// A term that needs more is skipped like a type too large to enumerate.
long g_eval_budget = 0;

Val eval(const Term& t, std::vector<Val>& env, const Valuation& rho) {
  if (--g_eval_budget < 0) throw TooBig{};
  switch (t.kind()) {
    case TermKind::Var:
      for (auto& b : rho)
        if (b.name == t.name() && b.ty == t.type()) return b.val;
      throw std::logic_error("eval: unvalued variable " + t.name());
    case TermKind::Const: {
      if (t.name() != "=") throw TooBig{};
      uint64_t n = dom_size(t.type().dom());
      Val f;
      f.tab.resize(n);
      for (uint64_t i = 0; i < n; ++i) {
        f.tab[i].tab.resize(n);
        for (uint64_t j = 0; j < n; ++j) f.tab[i].tab[j].atom = i == j;
      }
      return f;
    }
    case TermKind::Bound: return env.at(env.size() - 1 - t.bound_index());
    case TermKind::Comb: {
      Term f = t.rator();
      if (f.kind() == TermKind::Comb && f.rator().kind() == TermKind::Const && f.rator().name() == "=") {
        Val l = eval(f.rand(), env, rho), r = eval(t.rand(), env, rho);
        Val out;
        out.atom = l == r;
        return out;
      }
      Val fv = eval(f, env, rho), xv = eval(t.rand(), env, rho);
      return fv.tab.at(index_of(xv, t.rand().type()));
    }
    case TermKind::Abs: {
      Type bt = t.bound_type();
      uint64_t n = dom_size(bt);
      Val out;
      for (uint64_t k = 0; k < n; ++k) {
        env.push_back(value_at(k, bt));
        out.tab.push_back(eval(t.body(), env, rho));
        env.pop_back();
      }
      return out;
    }
  }
  return Val();
}

// Free variables by a plain traversal (independent of Term::frees).
void vars_of(const Term& t, std::vector<Key>& out) {
  switch (t.kind()) {
    case TermKind::Var: {
      Key k{t.name(), t.type()};
      if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
      break;
    }
    case TermKind::Comb: vars_of(t.rator(), out); vars_of(t.rand(), out); break;
    case TermKind::Abs: vars_of(t.body(), out); break;
    default: break;
  }
}
bool occurs(const Key& k, const Term& t) {
  std::vector<Key> v;
  vars_of(t, v);
  return std::find(v.begin(), v.end(), k) != v.end();
}
size_t tree_size(const Term& t, size_t cap) {
  size_t n = 1;
  if (t.kind() == TermKind::Comb) n += tree_size(t.rator(), cap) + tree_size(t.rand(), cap);
  if (t.kind() == TermKind::Abs) n += tree_size(t.body(), cap);
  return std::min(n, cap);
}

// Whether the sequent hyps ⊢ concl holds in the model: every valuation of its free
// variables (all of them if there are at most 256, else 64 random ones) that makes the
// hypotheses true makes the conclusion true. Returns a countermodel description if not.
std::optional<std::string> countermodel(const std::vector<Term>& hyps, const Term& concl,
                                        std::mt19937_64& rng) {
  std::vector<Key> vars;
  for (auto& h : hyps) vars_of(h, vars);
  vars_of(concl, vars);
  std::vector<uint64_t> sizes;
  uint64_t total = 1;
  for (auto& [n, ty] : vars) {
    sizes.push_back(dom_size(ty));
    total = std::min<uint64_t>(total * sizes.back(), 1u << 20);
  }
  bool exhaustive = total <= 256;
  uint64_t rounds = exhaustive ? total : 64;
  g_eval_budget = 2000000;
  for (uint64_t r = 0; r < rounds; ++r) {
    Valuation rho;
    uint64_t k = r;
    for (size_t i = 0; i < vars.size(); ++i) {
      uint64_t idx = exhaustive ? k % sizes[i] : rng() % sizes[i];
      k /= sizes[i];
      rho.push_back({vars[i].first, vars[i].second, value_at(idx, vars[i].second)});
    }
    std::vector<Val> env;
    bool hyps_true = true;
    for (auto& h : hyps) hyps_true = hyps_true && eval(h, env, rho).atom == 1;
    if (hyps_true && eval(concl, env, rho).atom != 1) {
      std::ostringstream os;
      for (auto& b : rho) os << b.name << ":" << ty_str(b.ty) << " = #" << index_of(b.val, b.ty) << "; ";
      return os.str();
    }
  }
  return std::nullopt;
}

// The checker must be able to say no, or the soundness property below proves nothing.
TEST(KernelProps, EvaluatorRejectsNonTheorems) {
  std::mt19937_64 rng(1);
  Term p = Term::var("p", tbool()), q = Term::var("q", tbool());
  Term x = Term::var("x", ta()), y = Term::var("y", ta());
  EXPECT_TRUE(countermodel({}, p, rng));
  EXPECT_TRUE(countermodel({q}, p, rng));
  EXPECT_TRUE(countermodel({}, Term::eq(x, y), rng));
  EXPECT_TRUE(countermodel({}, Term::eq(Term::abs(p, p), Term::abs(p, q)), rng));
  EXPECT_FALSE(countermodel({p}, p, rng));
  EXPECT_FALSE(countermodel({Term::eq(p, q), p}, q, rng));
  EXPECT_FALSE(countermodel({}, Term::eq(Term::comb(Term::abs(x, Term::eq(x, y)), y), Term::eq(y, y)), rng));
}

enum Rule { ASSUME, REFL, TRANS, MK_COMB, ABS, BETA, EQ_MP, DEDUCT_ANTISYM, INST, INST_TYPE, NRULES };
const char* rule_names[NRULES] = {"ASSUME", "REFL",  "TRANS",          "MK_COMB", "ABS",
                                  "BETA",   "EQ_MP", "DEDUCT_ANTISYM", "INST",    "INST_TYPE"};
long g_attempts[NRULES], g_successes[NRULES], g_checked, g_unevaluable;

bool hyps_equal(const std::vector<Term>& got, std::vector<Term> want) {
  std::vector<Term> w;
  for (auto& t : want)
    if (std::find(w.begin(), w.end(), t) == w.end()) w.push_back(t);
  if (got.size() != w.size()) return false;
  for (auto& t : w)
    if (std::find(got.begin(), got.end(), t) == got.end()) return false;
  return true;
}
std::vector<Term> cat(std::vector<Term> a, const std::vector<Term>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
std::vector<Term> without(const std::vector<Term>& a, const Term& t) {
  std::vector<Term> out;
  for (auto& h : a)
    if (h != t) out.push_back(h);
  return out;
}

// Each theorem produced by a random sequence of rule applications is true in the finite
// model; each rule is accepted exactly when its side condition holds, and its result has
// the hypotheses and conclusion the rule prescribes.
TEST(KernelProps, RandomRuleApplicationsAreSound) {
  std::fill(std::begin(g_attempts), std::end(g_attempts), 0);
  std::fill(std::begin(g_successes), std::end(g_successes), 0);
  g_checked = g_unevaluable = 0;
  check_prop(600, [] {
    const Sig& sg = sig_b();
    std::mt19937_64 rng(uni<uint64_t>(0, 1000000));
    std::vector<Thm> pool;
    auto bool_term = [&] { return to_kernel(gen_term(sg, tbool(), uni(0, 4))); };
    auto any_term = [&] { return to_kernel(gen_any(sg, 3)); };
    auto pick = [&]() -> Thm {  // a pool theorem, or a fresh assumption if the pool is empty
      if (pool.empty()) return Kernel::assume(hcert::tenv(), bool_term());
      return pool[uni<size_t>(0, pool.size())];
    };
    // a pool theorem satisfying `want`, if there is one
    auto find = [&](auto want) -> std::optional<Thm> {
      std::vector<size_t> idx;
      for (size_t i = 0; i < pool.size(); ++i)
        if (want(pool[i])) idx.push_back(i);
      if (idx.empty()) return std::nullopt;
      return pool[*rc::gen::elementOf(idx)];
    };
    auto is_eq = [](const Thm& t) { return t.concl().is_eq(); };

    int steps = uni(5, 40), ok = 0;
    for (int step = 0; step < steps; ++step) {
      Rule rule = static_cast<Rule>(uni(0, int(NRULES)));
      bool allowed = true;  // the side condition, decided independently of the kernel
      std::vector<Term> want_hyps;
      Term want_concl;
      std::function<Thm()> apply;
      switch (rule) {
        case ASSUME: {
          Term t = bool_term();
          want_hyps = {t};
          want_concl = t;
          apply = [t] { return Kernel::assume(hcert::tenv(), t); };
          break;
        }
        case REFL: {
          Term t = any_term();
          want_concl = Term::eq(t, t);
          apply = [t] { return Kernel::refl(hcert::tenv(), t); };
          break;
        }
        case TRANS: {
          Thm a = pick();
          std::optional<Thm> b;
          if (a.concl().is_eq() && uni(0, 4) > 0) {
            Term mid = a.concl().rhs();
            b = find([&](const Thm& t) { return t.concl().is_eq() && t.concl().lhs() == mid; });
            if (!b) b = Kernel::refl(hcert::tenv(), mid);
          }
          if (!b) b = pick();
          allowed = is_eq(a) && is_eq(*b) && a.concl().rhs() == b->concl().lhs();
          if (allowed) {
            want_hyps = cat(a.hyps(), b->hyps());
            want_concl = Term::eq(a.concl().lhs(), b->concl().rhs());
          }
          apply = [a, b] { return Kernel::trans(a, *b); };
          break;
        }
        case MK_COMB: {
          std::optional<Thm> f = find([](const Thm& t) { return t.concl().is_eq() && t.concl().lhs().type().is_fun(); });
          if (!f || uni(0, 3) == 0) {
            Type ft = fn(*rc::gen::elementOf(sg.arg_types), tbool());
            f = Kernel::refl(hcert::tenv(), to_kernel(gen_term(sg, ft, uni(0, 3))));
          }
          std::optional<Thm> x;
          if (uni(0, 5) > 0) {
            Type d = f->concl().lhs().type().dom();
            x = find([&](const Thm& t) { return t.concl().is_eq() && t.concl().lhs().type() == d; });
            if (!x) x = Kernel::refl(hcert::tenv(), to_kernel(gen_term(sg, d, uni(0, 3))));
          }
          if (!x) x = pick();
          allowed = is_eq(*x) && f->concl().lhs().type().dom() == x->concl().lhs().type();
          if (allowed) {
            want_hyps = cat(f->hyps(), x->hyps());
            want_concl = Term::eq(Term::comb(f->concl().lhs(), x->concl().lhs()),
                                  Term::comb(f->concl().rhs(), x->concl().rhs()));
          }
          apply = [f, x] { return Kernel::mk_comb(*f, *x); };
          break;
        }
        case ABS: {
          std::optional<Thm> th = find(is_eq);
          if (!th || uni(0, 4) == 0) th = pick();
          std::vector<Key> fv;
          vars_of(th->concl(), fv);
          Key k = (!fv.empty() && uni(0, 3) > 0)
                      ? *rc::gen::elementOf(fv)
                      : Key{*rc::gen::elementOf(sg.names), *rc::gen::elementOf(sg.arg_types)};
          Term v = Term::var(k.first, k.second);
          allowed = is_eq(*th);
          for (auto& h : th->hyps()) allowed = allowed && !occurs(k, h);
          if (allowed) {
            want_hyps = th->hyps();
            want_concl = Term::eq(Term::abs(v, th->concl().lhs()), Term::abs(v, th->concl().rhs()));
          }
          apply = [v, th] { return Kernel::abs(v, *th); };
          break;
        }
        case BETA: {
          Type a = *rc::gen::elementOf(sg.arg_types), b = *rc::gen::elementOf(sg.top_types);
          std::string v = *rc::gen::elementOf(sg.names), w = *rc::gen::elementOf(sg.names);
          R body = gen_term(sg, b, uni(0, 3));
          R lam = rlam(v, a, body);
          Term redex = Term::comb(to_kernel(lam), Term::var(w, a));
          allowed = !ref_free_in({w, a}, lam);
          if (allowed) want_concl = Term::eq(redex, to_kernel(ref_subst(body, {{{v, a}, rvar(w, a)}})));
          apply = [redex] { return Kernel::beta(hcert::tenv(), redex); };
          break;
        }
        case EQ_MP: {
          std::optional<Thm> e = find([](const Thm& t) { return t.concl().is_eq() && t.concl().lhs().type() == Type::boolean(); });
          if (!e || uni(0, 4) == 0) e = pick();
          std::optional<Thm> p;
          if (is_eq(*e) && uni(0, 4) > 0) {
            Term l = e->concl().lhs();
            p = find([&](const Thm& t) { return t.concl() == l; });
            if (!p && l.type() == tbool()) p = Kernel::assume(hcert::tenv(), l);
          }
          if (!p) p = pick();
          allowed = is_eq(*e) && e->concl().lhs() == p->concl();
          if (allowed) {
            want_hyps = cat(e->hyps(), p->hyps());
            want_concl = e->concl().rhs();
          }
          apply = [e, p] { return Kernel::eq_mp(*e, *p); };
          break;
        }
        case DEDUCT_ANTISYM: {
          Thm a = pick(), b = pick();
          want_hyps = cat(without(a.hyps(), b.concl()), without(b.hyps(), a.concl()));
          want_concl = Term::eq(a.concl(), b.concl());
          apply = [a, b] { return Kernel::deduct_antisym(a, b); };
          break;
        }
        case INST: {
          Thm th = pick();
          std::vector<Key> fv;
          for (auto& h : th.hyps()) vars_of(h, fv);
          vars_of(th.concl(), fv);
          std::vector<std::pair<Term, Term>> theta;
          for (auto& k : fv)
            if ((uni(0, 2) == 1))
              theta.push_back({Term::var(k.first, k.second), to_kernel(gen_term(sg, k.second, uni(0, 3)))});
          for (auto& h : th.hyps()) want_hyps.push_back(h.subst(theta));
          want_concl = th.concl().subst(theta);
          apply = [theta, th] { return Kernel::inst(theta, th); };
          break;
        }
        case INST_TYPE: {
          Thm th = pick();
          TypeSubst theta;
          std::vector<Type> ta_targets = {tbool(), tb(), fn(tbool(), tbool())};
          if (uni(0, 4) > 0) theta.push_back({ta(), *rc::gen::elementOf(ta_targets)});
          if (uni(0, 3) == 0) theta.push_back({tb(), *rc::gen::elementOf(std::vector<Type>{tbool(), ta()})});
          for (auto& h : th.hyps()) want_hyps.push_back(h.subst_type(theta));
          want_concl = th.concl().subst_type(theta);
          apply = [theta, th] { return Kernel::inst_type(theta, th); };
          break;
        }
        default: break;
      }
      ++g_attempts[rule];
      std::optional<Thm> got;
      std::string why;
      try {
        got = apply();
      } catch (const KernelError& e) {
        why = e.what();
      }
      RC_LOG() << rule_names[rule] << (got ? " -> " + text::print(*got) : " refused: " + why) << "\n";
      RC_ASSERT(got.has_value() == allowed);
      if (!got) continue;
      ++g_successes[rule];
      ++ok;
      RC_ASSERT(got->concl() == want_concl);
      RC_ASSERT(hyps_equal(got->hyps(), want_hyps));
      RC_ASSERT(got->concl().type() == tbool());
      RC_ASSERT(got->axioms().empty());
      for (auto& h : got->hyps()) RC_ASSERT(h.type() == tbool());
      try {
        auto cm = countermodel(got->hyps(), got->concl(), rng);
        ++g_checked;
        if (cm) RC_FAIL("UNSOUND: " + text::print(*got) + " is false when " + *cm);
      } catch (const TooBig&) {
        ++g_unevaluable;
      }
      size_t size = tree_size(got->concl(), 1000);
      for (auto& h : got->hyps()) size += tree_size(h, 1000);
      if (size < 200 && pool.size() < 40) pool.push_back(*got);
    }
    RC_CLASSIFY(2 * ok >= steps, "at least half of the applications succeeded");
  });
  long att = 0, suc = 0;
  std::cout << "[ rules    ] rule: succeeded/attempted\n";
  for (int r = 0; r < NRULES; ++r) {
    std::cout << "[ rules    ]   " << rule_names[r] << ": " << g_successes[r] << "/" << g_attempts[r] << "\n";
    att += g_attempts[r];
    suc += g_successes[r];
    EXPECT_GT(g_successes[r], 0) << rule_names[r] << " never succeeded";
  }
  std::cout << "[ rules    ] total " << suc << "/" << att << " applications succeeded; " << g_checked
            << " theorems checked in the model, " << g_unevaluable << " too large to evaluate"
            << std::endl;
  EXPECT_GT(2 * suc, att) << "most random rule applications failed; the property is near vacuous";
  EXPECT_GT(10 * g_checked, 9 * suc) << "too many theorems could not be evaluated";
}

}  // namespace prop
