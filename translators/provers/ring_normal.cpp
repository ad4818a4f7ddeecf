// The proof-producing normaliser of ring.hpp: int and real terms to canonical polynomials
// (spec/arith.md, "Canonical polynomials"), and atoms under uninterpreted functions.
#include <gmpxx.h>

#include "translators/provers/ring.hpp"

namespace hcert::provers::detail {

Ring::Kind Ring::classify(const Term& e, mpq_class* q) {
  mpz_class v;
  if (e == zero_ || numeral_value(e, v)) return Kind::Numeral;
  if (is2(e, add_)) return Kind::Add;
  if (is2(e, sub_)) return Kind::Sub;
  if (is1(e, neg_)) return Kind::Neg;
  mpq_class k;
  if (is2(e, mul_)) {
    if (constant(l(e), k)) return Kind::MulL;
    if (constant(r(e), k)) return Kind::MulR;
    return Kind::Atom;
  }
  if (!is_int_ && is2(e, div_) && constant(r(e), k) && k != 0 && k.get_den() == 1) {  // by a nonzero integer
    if (q) *q = k;
    return Kind::Div;
  }
  return Kind::Atom;
}

bool Ring::constant(const Term& e, mpq_class& out) {
  auto it = const_memo_.find(e);
  if (it != const_memo_.end()) {
    if (!it->second.first) return false;
    out = it->second.second;
    return true;
  }
  mpq_class a, b;
  mpz_class v;
  bool ok = true;
  if (e == zero_) out = 0;
  else if (numeral_value(e, v)) out = v;
  else if (is1(e, neg_) && constant(e.rand(), a)) out = -a;
  else if ((is2(e, add_) || is2(e, sub_) || is2(e, mul_)) && constant(l(e), a) && constant(r(e), b))
    out = is2(e, add_) ? mpq_class(a + b) : is2(e, sub_) ? mpq_class(a - b) : mpq_class(a * b);
  else if (!is_int_ && is2(e, div_) && constant(l(e), a) && constant(r(e), b) && b != 0) out = a / b;
  else ok = false;
  const_memo_.emplace(e, std::make_pair(ok, ok ? out : mpq_class(0)));
  return ok;
}

mpz_class Ring::need(const Term& e) {
  auto it = need_memo_.find(e);
  if (it != need_memo_.end()) return it->second;
  mpq_class q, k;
  mpz_class n = 1;
  switch (classify(e, &q)) {
    case Kind::Add: case Kind::Sub: n = lcm(need(l(e)), need(r(e))); break;
    case Kind::Neg: n = need(e.rand()); break;
    case Kind::MulL: constant(l(e), k), n = need(l(e)) * need(r(e)) * k.get_den(); break;
    case Kind::MulR: constant(r(e), k), n = need(r(e)) * need(l(e)) * k.get_den(); break;
    case Kind::Div: n = abs(q.get_num()) * need(l(e)); break;
    default: break;
  }
  if (mpz_sizeinbase(n.get_mpz_t(), 2) > 4096) throw Unsupported("denominators too large");
  need_memo_.emplace(e, n);
  return n;
}

bool Ring::uninterpreted(const Term& head) {
  if (head.kind() == TermKind::Var) return true;
  if (head.kind() != TermKind::Const) return false;
  const std::string& n = head.name();
  if (n == "int.div" || n == "int.mod") return true;  // `div x (3 * neg 5)` is `div x (neg 15)`
  return n != "COND" && n != "=" && n.rfind("int.", 0) != 0 && n.rfind("real.", 0) != 0;
}

Term Ring::canon_arg(const Term& a) {
  if (need(a) != 1) return Term();
  std::map<uint32_t, mpq_class> m;
  mpq_class k;
  lin(1, a, m, k);
  Poly p;
  for (auto& [id, c] : m)
    if (c != 0) {
      if (c.get_den() != 1) return Term();
      p.mons.push_back({id, c.get_num()});
    }
  if (k.get_den() != 1) return Term();
  p.k = k.get_num();
  if (p.mons.size() == 1 && p.mons[0].second == 1 && p.k == 0) return atoms_[p.mons[0].first];
  return suffixes(p)[0];
}

Term Ring::canon(const Term& e) {
  if (!is_int_ || e.kind() != TermKind::Comb) return e;
  auto it = canon_memo_.find(e);
  if (it != canon_memo_.end()) return it->second;
  std::vector<Term> args;
  Term head = e;
  while (head.kind() == TermKind::Comb) args.push_back(head.rand()), head = head.rator();
  Term out = e;
  if (uninterpreted(head)) {
    struct Depth {
      int& d;
      ~Depth() { --d; }
    } depth{++canon_depth_};
    if (canon_depth_ > 200) throw Unsupported("atoms nested too deep");
    out = head;
    for (size_t i = args.size(); i-- > 0;) {
      Term a = args[i].type() == ty_ ? canon_arg(args[i]) : Term();
      out = Term::comb(out, a == Term() ? args[i] : a);
    }
  }
  canon_memo_.emplace(e, out);
  return out;
}

Pf Ring::canon_pf(const Term& e) {
  std::vector<Term> args;
  Term head = e;
  while (head.kind() == TermKind::Comb) args.push_back(head.rand()), head = head.rator();
  Pf acc = P().refl(head);
  for (size_t i = args.size(); i-- > 0;) {
    const Term& a = args[i];
    Term ca = a.type() == ty_ ? canon_arg(a) : Term();
    if (ca == Term() || ca == a) {
      acc = P().ap_thm(acc, a);
      continue;
    }
    Poly p;
    Pf n = norm_top(a, p);
    Term r = n.concl.rhs();
    if (p.mons.size() == 1 && p.mons[0].second == 1 && p.k == 0) {
      Term x_ = atoms_[p.mons[0].first];
      n = chain({n, I(ADD_RID(), {mul(one_, x_)}), I(MUL_LID(), {x_})});
    }
    if (n.concl.rhs() != ca) throw Unsupported("argument normal form differs");
    acc = P().mk_comb(acc, n);
  }
  return acc;
}

uint32_t Ring::atom_id(const Term& t0) {
  const Term t = canon(t0);
  auto [it, fresh] = atom_ids_.emplace(t, atoms_.size());
  if (fresh) atoms_.push_back(t);
  return it->second;
}

void Ring::lin(const mpq_class& c, const Term& e, std::map<uint32_t, mpq_class>& m, mpq_class& k, int depth) {
  if (depth > 2000) throw Unsupported("term too deep");
  mpq_class q, v;
  switch (classify(e, &q)) {
    case Kind::Numeral: constant(e, v), k += c * v; break;
    case Kind::Atom: m[atom_id(e)] += c; break;
    case Kind::Add: lin(c, l(e), m, k, depth + 1), lin(c, r(e), m, k, depth + 1); break;
    case Kind::Sub: lin(c, l(e), m, k, depth + 1), lin(-c, r(e), m, k, depth + 1); break;
    case Kind::Neg: lin(-c, e.rand(), m, k, depth + 1); break;
    case Kind::MulL: constant(l(e), v), lin(c * v, r(e), m, k, depth + 1); break;
    case Kind::MulR: constant(r(e), v), lin(c * v, l(e), m, k, depth + 1); break;
    case Kind::Div: lin(c / q, l(e), m, k, depth + 1); break;
  }
}

Pf Ring::padd(const Poly& a, const Poly& b, Poly& out) {
  std::vector<Term> sa = suffixes(a), sb = suffixes(b);
  return padd(a, sa, 0, b, sb, 0, out);
}

Pf Ring::padd(const Poly& a, const std::vector<Term>& sa, size_t i, const Poly& b, const std::vector<Term>& sb, size_t j,
        Poly& out) {
  size_t na = a.mons.size(), nb = b.mons.size();
  if (i == na && j == nb) {
    out.k = a.k + b.k;
    return s_add(sa[i], sb[j]);
  }
  // One side is down to a zero constant: the other side's rest is the result (one step,
  // where moving the 0 through it costs one per monomial: a sum normalised term by term,
  // each term `c * x + 0`, would be quadratic).
  if ((i == na && a.k == 0) || (j == nb && b.k == 0)) {
    const Poly& o = i == na ? b : a;
    for (size_t m = i == na ? j : i; m < o.mons.size(); ++m) out.mons.push_back(o.mons[m]);
    out.k = o.k;
    return i == na ? I(ADD_LID(), {sb[j]}) : I(ADD_RID(), {sa[i]});
  }
  if (j == nb || (i < na && a.mons[i].first < b.mons[j].first)) {
    out.mons.push_back(a.mons[i]);
    Pf rest = padd(a, sa, i + 1, b, sb, j, out);
    Term m = mono(a.mons[i]);
    return P().trans(I(ADD_ASSOC_R(), {m, sa[i + 1], sb[j]}), add_r(m, rest));
  }
  if (i == na || b.mons[j].first < a.mons[i].first) {
    out.mons.push_back(b.mons[j]);
    Pf rest = padd(a, sa, i, b, sb, j + 1, out);
    Term m = mono(b.mons[j]);
    return P().trans(I(ADD_SWAP(), {sa[i], m, sb[j + 1]}), add_r(m, rest));
  }
  // the same atom: (c x + P') + (d x + Q') = (c x + d x) + (P' + Q') = (c + d) x + R'
  Term x_ = atoms_[a.mons[i].first];
  Term c = signed_numeral(a.mons[i].second), d = signed_numeral(b.mons[j].second);
  mpz_class s = a.mons[i].second + b.mons[j].second;
  Pf coef = P().trans(P().sym(I(RDISTRIB(), {c, d, x_})), mul_l(s_add(c, d), x_));
  if (s == 0) coef = P().trans(coef, I(ZERO_MUL(), {x_}));
  else out.mons.push_back({a.mons[i].first, s});
  Pf rest = padd(a, sa, i + 1, b, sb, j + 1, out);
  Pf e = P().trans(I(ADD_PAIR(), {mono(a.mons[i]), sa[i + 1], mono(b.mons[j]), sb[j + 1]}), add_lr(coef, rest));
  return s == 0 ? P().trans(e, I(ADD_LID(), {rest.concl.rhs()})) : e;
}

Pf Ring::norm(const mpz_class& c, const Term& e, Poly& out, int depth) {
  if (depth > 2000) throw Unsupported("term too deep");
  Term cT = signed_numeral(c);
  mpq_class q, v;
  switch (classify(e, &q)) {
    case Kind::Numeral: {
      constant(e, v);
      out = Poly{{}, c * v.get_num()};
      return s_mul(cT, e);
    }
    case Kind::Atom: {
      out = Poly{{{atom_id(e), c}}, 0};
      const Term& a = atoms_[out.mons[0].first];
      if (a == e) return P().sym(I(ADD_RID(), {mul(cT, e)}));
      return P().trans(mul_r(cT, canon_pf(e)), P().sym(I(ADD_RID(), {mul(cT, a)})));
    }
    case Kind::Add: {
      // A long left-nested sum is first split into halves (balanced_halves: ⊢ e = P + Q):
      // merging its parts one by one would cost steps quadratic in its length.
      Pf halves = balanced_halves(e);
      const Term sum = halves.id ? halves.concl.rhs() : e;
      Poly pa, pb;
      Pf a = norm_part(c, l(sum), pa, depth + 1), b = norm_part(c, r(sum), pb, depth + 1);
      if (pa.mons.size() + pb.mons.size() > 2000) throw Unsupported("polynomial too long");
      out = Poly{};
      Pf s = padd(pa, pb, out);
      Pf merged = chain({I(LDISTRIB(), {cT, l(sum), r(sum)}), add_lr(a, b), s});
      return halves.id ? P().trans(mul_r(cT, halves), merged) : merged;
    }
    case Kind::Sub: {
      Pf d = mul_r(cT, I(SUB_DEF(), {l(e), r(e)}));
      return P().trans(d, norm(c, d.concl.rhs().rand(), out, depth + 1));
    }
    case Kind::Neg: {
      // c * neg a = neg c * a (MUL_NEG, NEG_MUL), and neg c is the numeral of -c
      Pf s = P().trans(I(MUL_NEG(), {cT, e.rand()}), P().sym(I(NEG_MUL(), {cT, e.rand()})));
      if (c < 0) s = P().trans(s, mul_l(I(NEG_NEG(), {cT.rand()}), e.rand()));
      return P().trans(s, norm(-c, e.rand(), out, depth + 1));
    }
    case Kind::MulL: case Kind::MulR: {
      Pf s = I(MUL_ASSOC(), {cT, l(e), r(e)});
      Term k = l(e), b = r(e);
      if (classify(e) == Kind::MulR) {
        s = P().trans(mul_r(cT, I(MUL_COMM(), {l(e), r(e)})), I(MUL_ASSOC(), {cT, r(e), l(e)}));
        k = r(e), b = l(e);
      }
      Poly pk;
      Pf kk = norm(c, k, pk, depth + 1);  // c * k = K
      if (!pk.mons.empty()) throw Unsupported("constant with atoms");
      if (pk.k == 0) {
        out = Poly{{}, 0};
        return chain({s, mul_l(kk, b), I(ZERO_MUL(), {b})});
      }
      return chain({s, mul_l(kk, b), norm(pk.k, b, out, depth + 1)});
    }
    case Kind::Div: {
      mpz_class qn = q.get_num();
      if (c % qn != 0) throw Unsupported("multiplier not divisible by the divisor");
      mpz_class zc = c / qn;
      Term Q = signed_numeral(qn), zT = signed_numeral(zc), a = l(e);
      // c * (a / d) = (z * Q) * (a / d) = (z * Q) * (a / Q) = z * a
      Pf s = mul_l(P().sym(s_mul(zT, Q)), e);
      if (r(e) != Q) {
        // d = Q from need(d) * d = need(d) * Q and CANCEL
        mpz_class nd = need(r(e));
        Poly pd;
        Pf dd = norm(nd, r(e), pd, depth + 1);  // nd * d = nd*Q
        Term ndT = numeral(abs(nd));
        Pf qq = P().sym(s_mul(ndT, Q));          // nd*Q (numeral) = nd * Q
        Pf eqd = P().prove_hyp(P().trans(dd, qq), P().prove_hyp(nonzero(ndT), I(CANCEL(), {r(e), Q, ndT})));
        s = P().trans(s, mul_r(mul(zT, Q), P().ap_term(Term::comb(div_, a), eqd)));
      }
      s = P().trans(s, P().prove_hyp(nonzero(Q), I(DIV_CANCEL(), {a, Q, zT})));
      return P().trans(s, norm(zc, a, out, depth + 1));
    }
  }
  throw Unsupported("unreachable");
}

Pf Ring::balanced_halves(const Term& e) {
  std::vector<Term> spine;  // e = ((y0 + y1) + …) + yk: spine[i] = y0 + … + y(k−i)
  for (Term t = e; classify(t) == Kind::Add; t = l(t)) spine.push_back(t);
  const size_t k = spine.size();
  if (k < kBalancedSumLength) return Pf{};
  // P = y0 + … + y(m−1), a subterm of e; Q grows from ym one summand at a time, each by
  // (P + Q) + y = P + (Q + y) (ADD_ASSOC): k − m + 1 steps of constant size.
  const size_t m = (k + 1) / 2;
  const Term p = l(spine[k - m]);
  Pf acc = P().refl(spine[k - m]);  // ⊢ P + ym = P + ym
  for (size_t i = k - m; i-- > 0;) {
    Term q = r(acc.concl.rhs()), y = r(spine[i]);
    acc = P().trans(add_l(acc, y), P().sym(I(ADD_ASSOC(), {p, q, y})));
  }
  return acc;
}

Pf Ring::scale_lt(const Term& n, const Pf& h) {
  Term E = h.concl.rand();
  if (n == one_) return P().eq_mp(lt_r(zero_, P().sym(I(MUL_LID(), {E}))), h);
  Pf r = scale_lt(n.rand(), h);  // 0 < m * E
  Term mE = mul(n.rand(), E);
  Pf d = P().prove_hyp(r, I(LT_DOUBLE(), {mE}));  // 0 < mE + mE
  if (is1(n, bit0_)) {
    Pf eq = P().trans(I(MB0(), {n.rand(), E}), I(BIT0_DEF(), {mE}));  // n * E = mE + mE
    return P().eq_mp(lt_r(zero_, P().sym(eq)), d);
  }
  Pf eq = P().trans(I(MB1(), {n.rand(), E}), add_l(I(BIT0_DEF(), {mE}), E));  // n * E = (mE + mE) + E
  Pf s = P().prove_hyp(P().prove_hyp(h, I(LT_LE(), {E})), P().prove_hyp(d, I(LT_ADD(), {add(mE, mE), E})));
  return P().eq_mp(lt_r(zero_, P().sym(eq)), s);
}

Pf Ring::nonzero(const Term& n) {
  if (is1(n, neg_)) {  // ~(neg p = 0): neg p = 0 gives p = neg (neg p) = neg 0 = 0
    Term p = n.rand(), h = Term::eq(n, zero_), n0 = Term::comb(neg_, zero_);
    Pf neg0 = P().trans(P().sym(I(ADD_RID(), {n0})), I(ADD_LINV(), {zero_}));
    Pf p0 = P().trans(P().trans(P().sym(I(NEG_NEG(), {p})), P().ap_term(neg_, P().assume(h))), neg0);
    return P().not_intro(h, P().not_elim(nonzero(p), p0));
  }
  return P().prove_hyp(P().prove_hyp(positive(n), I(LT_NE(), {n})), I(NE_SYM(), {zero_, n})); }

Pf Ring::norm_top(const Term& e, Poly& out) { return P().trans(P().sym(I(MUL_LID(), {e})), norm(1, e, out)); }

Pf Ring::norm_part(const mpz_class& c, const Term& e, Poly& out, int depth) {
  if (kept_count_ < kMaxKeptParts && classify(e) == Kind::Add) return norm_kept(c, e, out, depth);
  return norm(c, e, out, depth);
}

Pf Ring::norm_kept(const mpz_class& c, const Term& e, Poly& out, int depth) {
  for (const Kept& k : kept_[e])
    if (k.c == c) return out = k.poly, k.pf;
  if (kept_count_ >= 20000 || kept_steps_ >= 2000000) return norm(c, e, out, depth);
  size_t made = L_.made();
  Pf pf = on_lemmas([&] { return norm(c, e, out, depth); });
  kept_[e].push_back({c, pf, out});  // looked up again: norm may have kept its parts
  ++kept_count_, kept_steps_ += L_.made() - made;
  return pf;
}

}  // namespace hcert::provers::detail
