// ArrayLemmas::reads_through_stores (arrays.hpp): the array rewriter's reads through
// stores, each an instance of ARRAY_READ_SAME or ARRAY_READ_OTHER, carried up the term by
// congruence. An explicit-stack post-order walk over the DAG, each subterm once.
#include <unordered_map>

#include "translators/provers/arrays.hpp"

namespace hcert::provers {

Pf ArrayLemmas::reads_through_stores(const Term& t, std::vector<NThm>* facts) {
  if (!mentions_arrays(t)) return {};
  // Each subterm's theorem u = u' (a null Pf: unchanged), filled children first.
  std::unordered_map<Term, Pf, TermHash> done;
  std::vector<std::pair<Term, bool>> todo{{t, false}};
  std::vector<Term> st, sel, inner;  // is_fn's arguments, reused
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
    if (facts && is_fn(now, "array.store", 3, st)) {
      Term x = st[0], i = st[1], v = st[2], to;
      if (is_fn(v, "array.select", 2, sel) && sel[0] == x && sel[1] == i) to = x;
      else if (is_fn(x, "array.store", 3, inner) && inner[1] == i)
        to = Term::comb(Term::comb(Term::comb(x.rator().rator().rator(), inner[0]), i), v);
      if (!to.is_null())
        if (uint64_t n = equal(now, to)) {
          Term e = Term::eq(now, to);
          facts->push_back({n, e});
          Pf a = P_.assume(e);
          th = th.id ? P_.trans(th, a) : a;
          now = to;
        }
    }
    if (is_fn(now, "array.select", 2, sel) && is_fn(sel[0], "array.store", 3, st)) {  // select (store b i v) k
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
