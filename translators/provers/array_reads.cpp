// ArrayLemmas::reads_through_stores (arrays.hpp): the array rewriter's reads through
// stores, each an instance of ARRAY_READ_SAME or ARRAY_READ_OTHER, carried up the term by
// congruence. An explicit-stack post-order walk over the DAG, each subterm once.
#include <unordered_map>

#include "translators/provers/arrays.hpp"

namespace hcert::provers {

namespace {
bool is_const_app(const Term& t, const char* name, int n) {
  Term f = t;
  for (int k = 0; k < n; ++k) {
    if (f.kind() != TermKind::Comb) return false;
    f = f.rator();
  }
  return f.kind() == TermKind::Const && f.name() == name;
}
// select (store b i v) k
bool is_read_of_store(const Term& t) { return is_const_app(t, "array.select", 2) && is_const_app(t.rator().rand(), "array.store", 3); }
}  // namespace

Pf ArrayLemmas::reads_through_stores(const Term& t, std::vector<NThm>* facts) {
  if (!mentions_arrays(t)) return {};
  // Each subterm's theorem u = u' (a null Pf: unchanged), filled children first.
  std::unordered_map<Term, Pf, TermHash> done;
  std::vector<std::pair<Term, bool>> todo{{t, false}};
  while (!todo.empty()) {
    auto [u, expanded] = todo.back();
    todo.pop_back();
    if (done.count(u)) continue;
    if (u.kind() != TermKind::Comb) {
      done.emplace(u, Pf{});
      continue;
    }
    if (!expanded) {
      todo.push_back({u, true});
      todo.push_back({u.rator(), false});
      todo.push_back({u.rand(), false});
      continue;
    }
    const Pf& f = done.at(u.rator());
    const Pf& x = done.at(u.rand());
    Pf th;
    if (f.id || x.id) th = P_.mk_comb(f.id ? f : P_.refl(u.rator()), x.id ? x : P_.refl(u.rand()));
    Term now = th.id ? th.concl.rhs() : u;
    // A store that changes nothing: its equation with the simpler array, by `equal`.
    if (facts && is_const_app(now, "array.store", 3)) {
      Term x = now.rator().rator().rand(), i = now.rator().rand(), v = now.rand(), to;
      if (is_const_app(v, "array.select", 2) && v.rator().rand() == x && v.rand() == i) to = x;
      else if (is_const_app(x, "array.store", 3) && x.rator().rand() == i)
        to = Term::comb(Term::comb(Term::comb(x.rator().rator().rator(), x.rator().rator().rand()), i), v);
      if (!to.is_null())
        if (uint64_t n = equal(now, to)) {
          Term e = Term::eq(now, to);
          facts->push_back({n, e});
          Pf a = P_.assume(e);
          th = th.id ? P_.trans(th, a) : a;
          now = to;
        }
    }
    if (is_read_of_store(now)) {
      Pf r;
      Term split;
      read(now, {}, r, split);  // as far as the indices decide by themselves
      if (r.concl.rhs() != now) th = th.id ? P_.trans(th, r) : r;
    }
    done.emplace(u, th);
  }
  return done.at(t);
}

}  // namespace hcert::provers
