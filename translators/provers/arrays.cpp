#include "translators/provers/arrays.hpp"

#include <stdexcept>
#include <unordered_set>

namespace hcert::provers {

namespace {
bool is_fn(const Term& t, const char* name, size_t n, std::vector<Term>& args) {
  Term f = t;
  args.assign(n, Term());
  for (size_t k = n; k-- > 0;) {
    if (f.kind() != TermKind::Comb) return false;
    args[k] = f.rand();
    f = f.rator();
  }
  return f.kind() == TermKind::Const && f.name() == name;
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

}  // namespace hcert::provers
