#include "translators/provers/arrays.hpp"

#include "translators/provers/nform.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <unordered_set>

namespace hcert::provers {

bool ArrayLemmas::is_fn(const Term& t, const char* name, size_t n, std::vector<Term>& args) {
  Term f = t;
  args.assign(n, Term());
  for (size_t k = n; k-- > 0;) {
    if (f.kind() != TermKind::Comb) return false;
    args[k] = f.rand();
    f = f.rator();
  }
  return f.kind() == TermKind::Const && f.name() == name;
}

namespace {
bool is_array(const Type& t) { return !t.is_var() && t.name() == "array"; }
Term select(const Term& a, const Term& k) {
  Type t = a.type();
  return Term::comb(Term::comb(Term::constant(vocab(), "array.select", Type::fun(t, Type::fun(t.args()[0], t.args()[1]))), a), k);
}
}  // namespace

Term ArrayLemmas::diff(const Term& a, const Term& b) {
  Type t = a.type();
  Term d = Term::constant(vocab(), "array.diff", Type::fun(t, Type::fun(t, t.args()[0])));
  return Term::comb(Term::comb(d, a), b);
}

bool ArrayLemmas::mentions_arrays(const Term& t) {
  std::vector<Term> todo{t};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty()) {
    Term u = todo.back();
    todo.pop_back();
    if (!seen.insert(u).second) continue;
    if (u.kind() == TermKind::Comb) todo.push_back(u.rator()), todo.push_back(u.rand());
    else if (u.kind() == TermKind::Abs) todo.push_back(u.body());
    else if (u.kind() == TermKind::Const && u.name().rfind("array.", 0) == 0) return true;
  }
  return false;
}

Pf ArrayLemmas::instance(const char* axiom, const Type& array, const std::vector<Term>& args) {
  auto th = vocab().fact(axiom);
  if (!th) throw std::logic_error(std::string("the theory arrays is not loaded (") + axiom + ")");
  Pf p = P_.inst_type(P_.fact(axiom, th->concl()), {{Type::var("I"), array.args()[0]}, {Type::var("E"), array.args()[1]}});
  for (const Term& a : args) p = P_.spec(a, p);
  return p;
}

Pf ArrayLemmas::oriented(const Pf& th, const Term& want) {
  if (th.concl == want) return th;
  if (Term l, r; is_op(th.concl, "=", &l, &r) && want == Term::eq(r, l)) return P_.sym(th);
  return {};
}

uint64_t ArrayLemmas::against(const std::vector<Term>& lits, const Pf& th) {
  for (const Term& l : lits)
    if (is_neg(l) && is_op(l.rand(), "=")) {
      Pf e = oriented(th, l.rand());
      if (e.id) return P_.not_elim(P_.assume(l), e).id;
    }
  return 0;
}

uint64_t ArrayLemmas::refute(const std::vector<Term>& lits) {
  std::vector<Term> s, st, a;
  for (const Term& lit : lits) {
    Term e = is_neg(lit) ? lit.rand() : lit, l, r;
    if (!is_op(e, "=", &l, &r)) continue;
    for (int side = 0; side < 2; ++side) {
      const Term& x = side ? r : l;
      const Term& y = side ? l : r;
      if (is_neg(lit) && is_fn(x, "array.select", 2, s) && is_fn(s[0], "array.store", 3, st)) {
        Type ar = s[0].type();
        if (st[1] == s[1] && y == st[2])  // select (store a i v) i = v
          if (uint64_t f = against(lits, instance("ARRAY_READ_SAME", ar, {st[0], st[1], st[2]}))) return f;
        if (st[1] != s[1] && is_fn(y, "array.select", 2, a) && a[0] == st[0] && a[1] == s[1]) {
          // select (store b i v) j = select b j, given ~(i = j) or ~(j = i)
          const Term &i = st[1], &j = s[1];
          Term ne = neg(Term::eq(i, j)), ne2 = neg(Term::eq(j, i));
          Pf n;
          for (const Term& x2 : lits)
            if (x2 == ne) n = P_.assume(ne);
            else if (x2 == ne2 && !n.id)
              n = P_.not_intro(Term::eq(i, j), P_.not_elim(P_.assume(ne2), P_.sym(P_.assume(Term::eq(i, j)))));
          if (!n.id) n = index_ne(i, j, {});
          if (n.id)
            if (uint64_t f = against(lits, P_.mp(instance("ARRAY_READ_OTHER", ar, {st[0], i, j, st[2]}), n))) return f;
        }
      }
      // select a (diff a b) = select b (diff a b), given ~(a = b) or ~(b = a)
      if (!is_neg(lit) && side == 0 && is_fn(x, "array.select", 2, s) && is_fn(y, "array.select", 2, a) && s[1] == a[1] &&
          s[0] != a[0]) {
        for (int w = 0; w < 2; ++w) {
          const Term& p = w ? a[0] : s[0];
          const Term& q = w ? s[0] : a[0];
          if (s[1] != diff(p, q)) continue;
          Pf hyp = w ? P_.sym(P_.assume(e)) : P_.assume(e);  // select p (diff p q) = select q (diff p q)
          if (uint64_t f = against(lits, P_.mp(instance("ARRAY_EXT", p.type(), {p, q}), hyp))) return f;
        }
      }
    }
  }
  return 0;
}

// The equations of ctx from i to k (each with whether it is used turned round), by
// breadth-first search over ctx's index equations; false when i and k are not joined.
static bool path(const Term& i, const Term& k, const std::vector<Term>& ctx, std::vector<std::pair<Term, bool>>& out) {
  std::vector<std::pair<Term, size_t>> seen{{i, SIZE_MAX}};  // node, the edge (index in `via`) it was reached by
  std::vector<std::pair<Term, bool>> via;
  std::vector<size_t> from;
  for (size_t q = 0; q < seen.size() && seen.back().first != k; ++q) {
    if (seen[q].first == k) break;
    for (const Term& c : ctx) {
      Term x, y;
      if (is_neg(c) || !is_op(c, "=", &x, &y)) continue;
      for (int flip = 0; flip < 2; ++flip) {
        const Term& a = flip ? y : x;
        const Term& b = flip ? x : y;
        if (a != seen[q].first) continue;
        bool known = false;
        for (const auto& n : seen) known = known || n.first == b;
        if (known) continue;
        via.push_back({c, flip == 1});
        from.push_back(q);
        seen.push_back({b, via.size() - 1});
      }
    }
  }
  out.clear();
  size_t at = SIZE_MAX;
  for (size_t n = 0; n < seen.size(); ++n)
    if (seen[n].first == k) at = n;
  if (at == SIZE_MAX) return i == k;
  for (; seen[at].second != SIZE_MAX; at = from[seen[at].second]) out.push_back(via[seen[at].second]);
  std::reverse(out.begin(), out.end());
  return true;
}

Pf ArrayLemmas::index_eq(const Term& i, const Term& k, const std::vector<Term>& ctx) {
  std::vector<std::pair<Term, bool>> edges;
  if (!path(i, k, ctx, edges)) return {};
  Pf th = P_.refl(i);
  for (const auto& [c, flip] : edges) th = P_.trans(th, flip ? P_.sym(P_.assume(c)) : P_.assume(c));
  return th;
}

Pf ArrayLemmas::index_ne(const Term& i, const Term& k, const std::vector<Term>& ctx) {
  std::vector<std::pair<Term, bool>> e1, e2;
  for (const Term& c : ctx) {
    Term x, y;
    if (!is_neg(c) || !is_op(c.rand(), "=", &x, &y)) continue;
    for (int flip = 0; flip < 2; ++flip) {
      const Term& a = flip ? y : x;
      const Term& b = flip ? x : y;
      if (!path(i, a, ctx, e1) || !path(k, b, ctx, e2)) continue;
      // i = k gives a = b (a = i = k = b), against ~(x = y)
      Pf ab = P_.trans(P_.trans(P_.sym(index_eq(i, a, ctx)), P_.assume(Term::eq(i, k))), index_eq(k, b, ctx));
      if (flip) ab = P_.sym(ab);
      return P_.not_intro(Term::eq(i, k), P_.not_elim(P_.assume(c), ab));
    }
  }
  if (uint64_t f = distinct_ ? distinct_(Term::eq(i, k)) : 0) return P_.not_intro(Term::eq(i, k), {f, Prover::falsity()});
  return {};
}

bool ArrayLemmas::read(const Term& t, const std::vector<Term>& ctx, Pf& th, Term& split) {
  th = P_.refl(t);
  std::vector<Term> s, st;
  while (is_fn(th.concl.rand(), "array.select", 2, s) && is_fn(s[0], "array.store", 3, st)) {
    const Term &k = s[1], &i = st[1];
    if (Pf e = index_eq(i, k, ctx); e.id) {  // select (store b i v) k = select (store b i v) i = v
      Pf at_i = P_.ap_term(th.concl.rand().rator(), P_.sym(e));
      th = P_.trans(th, P_.trans(at_i, instance("ARRAY_READ_SAME", s[0].type(), {st[0], i, st[2]})));
    } else if (Pf n = index_ne(i, k, ctx); n.id) {  // select (store b i v) k = select b k
      th = P_.trans(th, P_.mp(instance("ARRAY_READ_OTHER", s[0].type(), {st[0], i, k, st[2]}), n));
    } else {
      split = Term::eq(i, k);
      return false;
    }
  }
  return true;
}

uint64_t ArrayLemmas::refute_ne(const Term& l, const Term& r, std::vector<Term>& ctx, int& budget) {
  if (--budget < 0) return 0;
  Term ne = neg(Term::eq(l, r)), F = Prover::falsity();
  if (is_array(l.type())) {  // ~(l = r) gives ~(select l d = select r d), d = diff l r
    Term d = diff(l, r), e = Term::eq(select(l, d), select(r, d));
    uint64_t f = refute_ne(select(l, d), select(r, d), ctx, budget);
    if (!f) return 0;
    Pf not_e = P_.not_intro(e, P_.not_elim(P_.assume(ne), P_.mp(instance("ARRAY_EXT", l.type(), {l, r}), P_.assume(e))));
    return P_.prove_hyp(not_e, {f, F}).id;
  }
  Pf a, b;
  Term split;
  if (read(l, ctx, a, split) && read(r, ctx, b, split)) {
    Term u = a.concl.rand(), w = b.concl.rand();
    std::vector<Term> su, sw;
    Pf mid;
    if (u == w) mid = P_.refl(u);
    else if (is_fn(u, "array.select", 2, su) && is_fn(w, "array.select", 2, sw) && su[0] == sw[0])
      if (Pf e = index_eq(su[1], sw[1], ctx); e.id) mid = P_.ap_term(u.rator(), e);
    if (!mid.id) return 0;
    return P_.not_elim(P_.assume(ne), P_.trans(P_.trans(a, mid), P_.sym(b))).id;
  }
  // Both cases of the undecided index equation: F under it gives its negation, which the
  // other case's F discharges.
  ctx.push_back(split);
  uint64_t yes = refute_ne(l, r, ctx, budget);
  ctx.back() = neg(split);
  uint64_t no = yes ? refute_ne(l, r, ctx, budget) : 0;
  ctx.pop_back();
  if (!no) return 0;
  return P_.prove_hyp(P_.not_intro(split, {yes, F}), {no, F}).id;
}

Pf ArrayLemmas::cong(const Term& l, const Term& r, std::vector<Term>& pairs, int depth) {
  if (l == r) return P_.refl(l);
  std::vector<Term> s;
  bool leaf = is_array(l.type()) || is_fn(l, "array.select", 2, s) || is_fn(r, "array.select", 2, s);
  if (leaf && l.type() == r.type()) {
    pairs.push_back(Term::eq(l, r));
    return P_.assume(pairs.back());
  }
  if (depth > 64 || l.kind() != TermKind::Comb || r.kind() != TermKind::Comb || l.rator().type() != r.rator().type()) return {};
  Pf f = cong(l.rator(), r.rator(), pairs, depth + 1);
  Pf x = f.id ? cong(l.rand(), r.rand(), pairs, depth + 1) : Pf{};
  return x.id ? P_.mk_comb(f, x) : Pf{};
}

uint64_t ArrayLemmas::equal(const Term& l, const Term& r) {
  std::vector<Term> pairs;
  Pf c = cong(l, r, pairs, 0);
  if (!c.id || pairs.size() > 16) return 0;
  uint64_t f = P_.not_elim(P_.assume(neg(Term::eq(l, r))), c).id;  // {~(l = r), pairs} ⊢ F
  for (const Term& e : pairs) {
    std::vector<Term> ctx;
    int budget = 256;
    uint64_t n = refute_ne(e.rator().rand(), e.rand(), ctx, budget);
    if (!n) return 0;
    f = use(P_.sink(), {n, e}, f);
  }
  return f;
}

}  // namespace hcert::provers
