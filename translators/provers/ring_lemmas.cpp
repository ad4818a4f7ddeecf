// The ring, order, numeral and div/mod lemmas of ring.hpp, each derived once on the lemma
// prover from the `ints` / `reals` axioms and definitions (spec/arith.md, "Lemmas").
#include <gmpxx.h>

#include "trusted/outcome.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/ring.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::provers::detail {

Pf Ring::axiom(const std::string& name) {
  auto th = vocab().fact(name);
  if (!th) throw Unsupported("no theory fact " + name);
  Pf p = L_.fact(name, th->concl());
  for (size_t i = 0; p.concl.kind() == TermKind::Comb && p.concl.rator().kind() == TermKind::Const &&
                     p.concl.rator().name() == "!";
       ++i)
    p = L_.spec(v_[i], p);
  return p;
}

Pf Ring::unfold(const std::string& name, std::vector<Term> args) {
  auto th = vocab().fact(name);
  if (!th) throw Unsupported("no theory fact " + name);
  Pf e = L_.fact(name, th->concl());
  for (const Term& a : args) {
    e = L_.ap_thm(e, a);
    e = L_.trans(e, L_.beta_conv(e.concl.rhs()));
  }
  return e;
}

Pf Ring::kept_numeral(char op, const Term& a, const Term& b, const std::function<Pf()>& derive) {
  std::pair<uint64_t, uint64_t> key{a.serial() * 4 + (op == '+' ? 1 : op == '*' ? 2 : op == '<' ? 3 : 0), b.serial()};
  if (auto it = numeral_facts_.find(key); it != numeral_facts_.end()) return it->second;
  if (numeral_facts_.size() >= 100000) return derive();
  Pf pf = on_lemmas(derive);
  numeral_facts_.emplace(std::move(key), pf);
  return pf;
}

Pf Ring::lemma(const char* key, const std::function<Pf()>& derive) {
  auto it = lemmas_.find(key);
  if (it != lemmas_.end()) return it->second;
  Prover* saved = cur_;
  cur_ = &L_;
  Pf p = derive();
  cur_ = saved;
  lemmas_.emplace(key, p);
  return p;
}

Pf Ring::ADD_ASSOC() { return lemma("ADD_ASSOC", [&] { return axiom(A_ + "ADD_ASSOC"); }); }

Pf Ring::ADD_COMM() { return lemma("ADD_COMM", [&] { return axiom(A_ + "ADD_COMM"); }); }

Pf Ring::ADD_LID() { return lemma("ADD_LID", [&] { return axiom(A_ + "ADD_LID"); }); }

Pf Ring::ADD_LINV() { return lemma("ADD_LINV", [&] { return axiom(A_ + "ADD_LINV"); }); }

Pf Ring::MUL_ASSOC() { return lemma("MUL_ASSOC", [&] { return axiom(A_ + "MUL_ASSOC"); }); }

Pf Ring::MUL_COMM() { return lemma("MUL_COMM", [&] { return axiom(A_ + "MUL_COMM"); }); }

Pf Ring::MUL_LID() { return lemma("MUL_LID", [&] { return axiom(A_ + "MUL_LID"); }); }

Pf Ring::LDISTRIB() { return lemma("LDISTRIB", [&] { return axiom(A_ + "LDISTRIB"); }); }

Pf Ring::ADD_RID() { return lemma("ADD_RID", [&] { return P().trans(I(ADD_COMM(), {x(), zero_}), I(ADD_LID(), {x()})); }); }

Pf Ring::ADD_RINV() { return lemma("ADD_RINV", [&] { return P().trans(I(ADD_COMM(), {x(), neg(x())}), I(ADD_LINV(), {x()})); }); }

Pf Ring::ADD_ASSOC_R() { return lemma("ADD_ASSOC_R", [&] { return P().sym(ADD_ASSOC()); }); }

Pf Ring::ADD_SWAP() {
  return lemma("ADD_SWAP", [&] {
    return chain({ADD_ASSOC(), add_l(I(ADD_COMM(), {x(), y()}), z()), I(ADD_ASSOC_R(), {y(), x(), z()})});
  });
}

Pf Ring::ADD_PAIR() {
  return lemma("ADD_PAIR", [&] {
    // (x+y)+(z+w) = x+(y+(z+w)) = x+(z+(y+w)) = (x+z)+(y+w)
    return chain({I(ADD_ASSOC_R(), {x(), y(), add(z(), w())}), add_r(x(), I(ADD_SWAP(), {y(), z(), w()})),
                  I(ADD_ASSOC(), {x(), z(), add(y(), w())})});
  });
}

Pf Ring::RDISTRIB() {
  return lemma("RDISTRIB", [&] {
    return chain({I(MUL_COMM(), {add(x(), y()), z()}), I(LDISTRIB(), {z(), x(), y()}),
                  add_lr(I(MUL_COMM(), {z(), x()}), I(MUL_COMM(), {z(), y()}))});
  });
}

Pf Ring::MUL_0() {
  return lemma("MUL_0", [&] {
    Term a = mul(x(), zero_);
    // a = x*(0+0) = a + a
    Pf twice = P().trans(mul_r(x(), P().sym(I(ADD_LID(), {zero_}))), I(LDISTRIB(), {x(), zero_, zero_}));
    // 0 = neg a + a = neg a + (a + a) = (neg a + a) + a = 0 + a = a
    Pf z0 = chain({P().sym(I(ADD_LINV(), {a})), add_r(neg(a), twice), I(ADD_ASSOC(), {neg(a), a, a}),
                   add_l(I(ADD_LINV(), {a}), a), I(ADD_LID(), {a})});
    return P().sym(z0);
  });
}

Pf Ring::ZERO_MUL() { return lemma("ZERO_MUL", [&] { return P().trans(I(MUL_COMM(), {zero_, x()}), I(MUL_0(), {x()})); }); }

Pf Ring::INV_UNIQ() {
  return lemma("INV_UNIQ", [&] {
    Pf h = P().assume(Term::eq(add(x(), y()), zero_));
    return chain({P().sym(I(ADD_RID(), {x()})), add_r(x(), P().sym(I(ADD_RINV(), {y()}))),
                  I(ADD_ASSOC(), {x(), y(), neg(y())}), add_l(h, neg(y())), I(ADD_LID(), {neg(y())})});
  });
}

Pf Ring::NEG_NEG() {
  return lemma("NEG_NEG", [&] {
    Pf u = P().prove_hyp(I(ADD_RINV(), {x()}), I(INV_UNIQ(), {x(), neg(x())}));  // x = neg (neg x)
    return P().sym(u);
  });
}

Pf Ring::NEG_MUL() {
  return lemma("NEG_MUL", [&] {
    Pf s = chain({P().sym(I(RDISTRIB(), {neg(x()), x(), y()})), mul_l(I(ADD_LINV(), {x()}), y()), I(ZERO_MUL(), {y()})});
    return P().prove_hyp(s, I(INV_UNIQ(), {mul(neg(x()), y()), mul(x(), y())}));
  });
}

Pf Ring::MUL_NEG() {
  return lemma("MUL_NEG", [&] {
    return chain({I(MUL_COMM(), {x(), neg(y())}), I(NEG_MUL(), {y(), x()}), P().ap_term(neg_, I(MUL_COMM(), {y(), x()}))});
  });
}

Pf Ring::NEG_MUL_NEG() {
  return lemma("NEG_MUL_NEG", [&] {
    return chain({I(NEG_MUL(), {x(), neg(y())}), P().ap_term(neg_, I(MUL_NEG(), {x(), y()})), I(NEG_NEG(), {mul(x(), y())})});
  });
}

Pf Ring::NEG_ADD() {
  return lemma("NEG_ADD", [&] {
    Pf s = chain({I(ADD_PAIR(), {neg(x()), neg(y()), x(), y()}),
                  add_lr(I(ADD_LINV(), {x()}), I(ADD_LINV(), {y()})), I(ADD_LID(), {zero_})});
    return P().prove_hyp(s, I(INV_UNIQ(), {add(neg(x()), neg(y())), add(x(), y())}));
  });
}

Pf Ring::SUB1() {
  return lemma("SUB1", [&] {
    Pf h = P().assume(Term::eq(add(x(), y()), z()));
    return chain({add_l(P().sym(h), neg(y())), I(ADD_ASSOC_R(), {x(), y(), neg(y())}), add_r(x(), I(ADD_RINV(), {y()})),
                  I(ADD_RID(), {x()})});
  });
}

Pf Ring::SUB2() {
  return lemma("SUB2", [&] {
    Pf h = P().assume(Term::eq(add(x(), y()), z()));
    return chain({add_r(x(), P().ap_term(neg_, P().sym(h))), add_r(x(), P().sym(I(NEG_ADD(), {x(), y()}))),
                  I(ADD_ASSOC(), {x(), neg(x()), neg(y())}), add_l(I(ADD_RINV(), {x()}), neg(y())),
                  I(ADD_LID(), {neg(y())})});
  });
}

Pf Ring::SUB_DEF() { return lemma("SUB_DEF", [&] { return unfold(p_ + "-", {x(), y()}); }); }

Pf Ring::LT_DEF() { return lemma("LT_DEF", [&] { return unfold(p_ + "<", {x(), y()}); }); }

Pf Ring::BIT0_DEF() { return lemma("BIT0_DEF", [&] { return unfold(p_ + "bit0", {x()}); }); }

Pf Ring::BIT1_DEF() { return lemma("BIT1_DEF", [&] { return unfold(p_ + "bit1", {x()}); }); }

Pf Ring::unfold_bits(const Term& t) {
  if (is1(t, bit0_) || is1(t, bit1_)) {
    Pf a = unfold_bits(t.rand());
    Pf d = I(is1(t, bit0_) ? BIT0_DEF() : BIT1_DEF(), {a.concl.rhs()});
    return P().trans(P().ap_term(t.rator(), a), d);
  }
  if (is2(t, add_)) return add_lr(unfold_bits(l(t)), unfold_bits(r(t)));
  return P().refl(t);
}

Pf Ring::merge(const Term& X, const Term& Y) {
  bool xs = is2(X, add_), ys = is2(Y, add_);
  if (before(head(X), head(Y))) {
    if (!xs) return P().refl(add(X, Y));
    Pf m = merge(r(X), Y);
    return P().trans(I(ADD_ASSOC_R(), {l(X), r(X), Y}), add_r(l(X), m));
  }
  if (!ys) return I(ADD_COMM(), {X, Y});
  Pf m = merge(X, r(Y));
  return P().trans(I(ADD_SWAP(), {X, l(Y), r(Y)}), add_r(l(Y), m));
}

Pf Ring::ac(const Term& t) {
  if (!is2(t, add_)) return P().refl(t);
  Pf a = ac(l(t)), b = ac(r(t));
  return P().trans(add_lr(a, b), merge(a.concl.rhs(), b.concl.rhs()));
}

Pf Ring::by_ac(const Term& s, const Term& t) {
  Pf a = unfold_bits(s), b = unfold_bits(t);
  a = P().trans(a, ac(a.concl.rhs()));
  b = P().trans(b, ac(b.concl.rhs()));
  if (a.concl.rhs() != b.concl.rhs()) throw std::logic_error("arith: AC lemma does not hold");
  return P().trans(a, P().sym(b));
}

Pf Ring::NUMLEMMA(const char* key, const Term& lhs, const Term& rhs) {
  return lemma(key, [&] { return by_ac(lhs, rhs); });
}

Pf Ring::pos_add(const Term& m, const Term& n) {
  // Each bit lemma's instance has its conclusion built from m and n (I_as): m + n = ….
  const Term &X = x(), &Y = y();
  if (m == one_ && n == one_) return NUMLEMMA("A11", add(one_, one_), b0(one_));
  if (m == one_) {
    if (is1(n, bit0_)) return I_as(NUMLEMMA("A1B0", add(one_, b0(X)), b1(X)), {n.rand()}, Term::eq(add(m, n), b1(n.rand())));
    Pf s = I_as(NUMLEMMA("A1B1", add(one_, b1(X)), b0(add(X, one_))), {n.rand()},
                Term::eq(add(m, n), b0(add(n.rand(), one_))));
    return P().trans(s, P().ap_term(bit0_, pos_add_part(n.rand(), one_)));
  }
  if (n == one_) {
    if (is1(m, bit0_)) return I_as(NUMLEMMA("AB01", add(b0(X), one_), b1(X)), {m.rand()}, Term::eq(add(m, n), b1(m.rand())));
    Pf s = I_as(NUMLEMMA("AB11", add(b1(X), one_), b0(add(X, one_))), {m.rand()},
                Term::eq(add(m, n), b0(add(m.rand(), one_))));
    return P().trans(s, P().ap_term(bit0_, pos_add_part(m.rand(), one_)));
  }
  Term a = m.rand(), b = n.rand();
  bool m1 = is1(m, bit1_), n1 = is1(n, bit1_);
  Term mn = add(m, n);
  if (!m1 && !n1)
    return P().trans(I_as(NUMLEMMA("AB0B0", add(b0(X), b0(Y)), b0(add(X, Y))), {a, b}, Term::eq(mn, b0(add(a, b)))),
                     P().ap_term(bit0_, pos_add_part(a, b)));
  if (!m1 && n1)
    return P().trans(I_as(NUMLEMMA("AB0B1", add(b0(X), b1(Y)), b1(add(X, Y))), {a, b}, Term::eq(mn, b1(add(a, b)))),
                     P().ap_term(bit1_, pos_add_part(a, b)));
  if (m1 && !n1)
    return P().trans(I_as(NUMLEMMA("AB1B0", add(b1(X), b0(Y)), b1(add(X, Y))), {a, b}, Term::eq(mn, b1(add(a, b)))),
                     P().ap_term(bit1_, pos_add_part(a, b)));
  Pf s = I_as(NUMLEMMA("AB1B1", add(b1(X), b1(Y)), b0(add(add(X, Y), one_))), {a, b},
              Term::eq(mn, b0(add(add(a, b), one_))));
  Pf ab = pos_add_part(a, b);
  Pf inner = P().trans(add_l(ab, one_), pos_add_part(ab.concl.rhs(), one_));
  return P().trans(s, P().ap_term(bit0_, inner));
}

// The sums of a sum's higher bits, kept when share_numeral_parts() is on (most new sums
// of small numerals then cost one bit), else derived again.
Pf Ring::pos_add_part(const Term& a, const Term& b) {
  if (!share_parts_) return pos_add(a, b);
  return kept_numeral('p', a, b, [&] { return pos_add(a, b); });
}

Pf Ring::MB0() {
  return lemma("MB0", [&] {
    return chain({mul_l(I(BIT0_DEF(), {x()}), y()), I(RDISTRIB(), {x(), x(), y()}), P().sym(I(BIT0_DEF(), {mul(x(), y())}))});
  });
}

Pf Ring::MB1() {
  return lemma("MB1", [&] {
    Term xy = mul(x(), y());
    return chain({mul_l(I(BIT1_DEF(), {x()}), y()), I(RDISTRIB(), {add(x(), x()), one_, y()}),
                  add_lr(I(RDISTRIB(), {x(), x(), y()}), I(MUL_LID(), {y()})),
                  add_l(P().sym(I(BIT0_DEF(), {xy})), y())});
  });
}

Pf Ring::pos_mul(const Term& m, const Term& n) {
  if (m == one_) return I(MUL_LID(), {n});
  Pf inner = pos_mul(m.rand(), n);
  if (is1(m, bit0_)) return P().trans(I(MB0(), {m.rand(), n}), P().ap_term(bit0_, inner));
  Pf s = P().trans(I(MB1(), {m.rand(), n}), add_l(P().ap_term(bit0_, inner), n));
  return P().trans(s, pos_add(s.concl.rhs().rator().rand(), n));
}

bool Ring::signed_value(const Term& t, mpz_class& v) const {
  if (t == zero_) return v = 0, true;
  if (is1(t, neg_)) {
    if (!numeral_value(t.rand(), v)) return false;
    v = -v;
    return true;
  }
  return numeral_value(t, v);
}

Pf Ring::s_add(const Term& a, const Term& b) { return kept_numeral('+', a, b, [&] { return s_add_raw(a, b); }); }

Pf Ring::s_add_raw(const Term& a, const Term& b) {
  mpz_class va, vb;
  signed_value(a, va), signed_value(b, vb);
  if (va == 0) return I(ADD_LID(), {b});
  if (vb == 0) return I(ADD_RID(), {a});
  if (va > 0 && vb > 0) return pos_add(a, b);
  if (va < 0 && vb < 0) return P().trans(I(NEG_ADD(), {a.rand(), b.rand()}), P().ap_term(neg_, pos_add_part(a.rand(), b.rand())));
  if (va < 0) return P().trans(I(ADD_COMM(), {a, b}), s_add(b, a));
  // a positive, b = neg n
  Term n = b.rand();
  mpz_class vn = -vb;
  if (va == vn) return I(ADD_RINV(), {a});
  if (va > vn) {
    Term d = numeral(va - vn);
    return P().prove_hyp(pos_add_part(d, n), I(SUB1(), {d, n, a}));  // d + n = a ⊢ a + neg n = d
  }
  Term d = numeral(vn - va);
  return P().prove_hyp(pos_add_part(a, d), I(SUB2(), {a, d, n}));  // a + d = n ⊢ a + neg n = neg d
}

Pf Ring::s_mul(const Term& a, const Term& b) { return kept_numeral('*', a, b, [&] { return s_mul_raw(a, b); }); }

Pf Ring::s_mul_raw(const Term& a, const Term& b) {
  mpz_class va, vb;
  signed_value(a, va), signed_value(b, vb);
  if (va == 0) return I(ZERO_MUL(), {b});
  if (vb == 0) return I(MUL_0(), {a});
  if (va > 0 && vb > 0) return pos_mul(a, b);
  if (va < 0 && vb < 0) return P().trans(I(NEG_MUL_NEG(), {a.rand(), b.rand()}), pos_mul(a.rand(), b.rand()));
  if (va < 0) return P().trans(I(NEG_MUL(), {a.rand(), b}), P().ap_term(neg_, pos_mul(a.rand(), b)));
  return P().trans(I(MUL_NEG(), {a, b.rand()}), P().ap_term(neg_, pos_mul(a, b.rand())));
}

Pf Ring::LE_REFL() { return lemma("LE_REFL", [&] { return axiom(A_ + "LE_REFL"); }); }

Pf Ring::LE_ANTISYM() { return lemma("LE_ANTISYM", [&] { return axiom(A_ + "LE_ANTISYM"); }); }

Pf Ring::LE_TRANS() { return lemma("LE_TRANS", [&] { return axiom(A_ + "LE_TRANS"); }); }

Pf Ring::LE_TOTAL() { return lemma("LE_TOTAL", [&] { return axiom(A_ + "LE_TOTAL"); }); }

Pf Ring::LE_LADD() { return lemma("LE_LADD", [&] { return axiom(A_ + "LE_LADD_IMP"); }); }

Pf Ring::LE_MUL() { return lemma("LE_MUL", [&] { return axiom(A_ + "LE_MUL"); }); }

Pf Ring::NE_SYM() {
  return lemma("NE_SYM", [&] {
    Pf f = P().not_elim(P().assume(Prover::negate(Term::eq(x(), y()))), P().sym(P().assume(Term::eq(y(), x()))));
    return P().not_intro(Term::eq(y(), x()), f);
  });
}

Pf Ring::LE_SUB() {
  return lemma("LE_SUB", [&] {
    Pf a = P().mp(I(LE_LADD(), {neg(x()), x(), y()}), P().assume(le(x(), y())));
    return P().eq_mp(le_l(I(ADD_LINV(), {x()}), add(neg(x()), y())), a);
  });
}

Pf Ring::EQ_FROM_SUB() {
  return lemma("EQ_FROM_SUB", [&] {
    Pf h = P().assume(eq0(add(neg(y()), x())));
    return chain({P().sym(I(ADD_RID(), {y()})), add_r(y(), h), I(ADD_ASSOC(), {y(), neg(y()), x()}),
                  add_l(I(ADD_RINV(), {y()}), x()), I(ADD_LID(), {x()})});
  });
}

Pf Ring::EQ_SUB() {
  return lemma("EQ_SUB", [&] {
    return P().trans(P().sym(I(ADD_LINV(), {x()})), add_r(neg(x()), P().assume(Term::eq(x(), y()))));
  });
}

Pf Ring::MK_LT() {
  return lemma("MK_LT", [&] {
    Pf c = P().conj(P().assume(le(zero_, x())), P().assume(Prover::negate(eq0(x()))));
    return P().eq_mp(P().sym(I(LT_DEF(), {zero_, x()})), c);
  });
}

Pf Ring::LT_LE() {
  return lemma("LT_LE", [&] { return P().conjunct1(P().eq_mp(I(LT_DEF(), {zero_, x()}), P().assume(lt(zero_, x())))); });
}

Pf Ring::LT_NE() {
  return lemma("LT_NE", [&] { return P().conjunct2(P().eq_mp(I(LT_DEF(), {zero_, x()}), P().assume(lt(zero_, x())))); });
}

Pf Ring::LE_OF_EQ() {
  return lemma("LE_OF_EQ", [&] {
    return P().eq_mp(le_l(P().assume(Term::eq(y(), x())), y()), I(LE_REFL(), {y()}));
  });
}

Pf Ring::NLE() {
  return lemma("NLE", [&] {
    Pf nh = P().assume(Prover::negate(le(x(), y())));
    Pf c1 = P().contr(le(y(), x()), P().not_elim(nh, P().assume(le(x(), y()))));
    Pf yx = P().disj_cases(I(LE_TOTAL(), {x(), y()}), c1, P().assume(le(y(), x())));
    Pf nonneg = P().prove_hyp(yx, I(LE_SUB(), {y(), x()}));
    Term e = eq0(add(neg(y()), x()));
    Pf f = P().not_elim(nh, P().prove_hyp(I(EQ_FROM_SUB(), {x(), y()}), LE_OF_EQ()));
    Pf ne = P().not_intro(e, f);
    return P().prove_hyp(ne, P().prove_hyp(nonneg, I(MK_LT(), {add(neg(y()), x())})));
  });
}

Pf Ring::LT_SUB() {
  return lemma("LT_SUB", [&] {
    Pf d = P().eq_mp(I(LT_DEF(), {x(), y()}), P().assume(lt(x(), y())));
    Pf nonneg = P().prove_hyp(P().conjunct1(d), LE_SUB());
    Term e = eq0(add(neg(x()), y()));
    Pf f = P().not_elim(P().conjunct2(d), I(EQ_FROM_SUB(), {y(), x()}));
    return P().prove_hyp(P().not_intro(e, f), P().prove_hyp(nonneg, I(MK_LT(), {add(neg(x()), y())})));
  });
}

Pf Ring::NLT() {
  return lemma("NLT", [&] {
    Pf nyx = P().assume(Prover::negate(le(y(), x())));
    // x <= y: with ~(x = y), x < y, against ~(x < y)
    Pf ne = P().not_intro(Term::eq(x(), y()), P().not_elim(nyx, I(LE_OF_EQ(), {y(), x()})));
    Pf xy = P().eq_mp(P().sym(I(LT_DEF(), {x(), y()})), P().conj(P().assume(le(x(), y())), ne));
    Pf f1 = P().not_elim(P().assume(Prover::negate(lt(x(), y()))), xy);
    Pf f2 = P().not_elim(nyx, P().assume(le(y(), x())));
    return P().disj_cases(I(LE_TOTAL(), {x(), y()}), f1, f2);
  });
}

Pf Ring::NE_SPLIT() {
  return lemma("NE_SPLIT", [&] {
    Pf ne = P().assume(Prover::negate(Term::eq(x(), y())));
    Pf c1 = P().disj1(P().eq_mp(P().sym(I(LT_DEF(), {x(), y()})), P().conj(P().assume(le(x(), y())), ne)), lt(y(), x()));
    Pf ne2 = P().prove_hyp(ne, NE_SYM());
    Pf c2 = P().disj2(lt(x(), y()), P().eq_mp(P().sym(I(LT_DEF(), {y(), x()})), P().conj(P().assume(le(y(), x())), ne2)));
    return P().disj_cases(I(LE_TOTAL(), {x(), y()}), c1, c2);
  });
}

Pf Ring::LE_ADD() {
  return lemma("LE_ADD", [&] {
    Pf a = P().mp(I(LE_LADD(), {x(), zero_, y()}), P().assume(le(zero_, y())));  // x + 0 <= x + y
    Pf b = P().eq_mp(le_l(I(ADD_RID(), {x()}), add(x(), y())), a);
    return P().mp(I(LE_TRANS(), {zero_, x(), add(x(), y())}), P().conj(P().assume(le(zero_, x())), b));
  });
}

Pf Ring::LT_ADD() {
  return lemma("LT_ADD", [&] {
    Pf nonneg = P().prove_hyp(LT_LE(), LE_ADD());
    Term e = eq0(add(x(), y()));
    Pf xn = P().prove_hyp(P().sym(P().assume(e)), I(INV_UNIQ(), {x(), y()}));  // x = neg y
    // neg y + 0 <= neg y + y, so neg y <= 0, so x <= 0
    Pf a = P().mp(I(LE_LADD(), {neg(y()), zero_, y()}), P().assume(le(zero_, y())));
    Pf b = P().eq_mp(P().mk_comb(P().ap_term(le_, I(ADD_RID(), {neg(y())})), I(ADD_LINV(), {y()})), a);
    Pf xle = P().eq_mp(le_l(P().sym(xn), zero_), b);
    Pf x0 = P().mp(I(LE_ANTISYM(), {x(), zero_}), P().conj(xle, LT_LE()));
    Pf f = P().not_elim(LT_NE(), P().sym(x0));
    return P().prove_hyp(P().not_intro(e, f), P().prove_hyp(nonneg, I(MK_LT(), {add(x(), y())})));
  });
}

Pf Ring::ZERO_LT_ONE() {
  return lemma("ZERO_LT_ONE", [&] {
    Pf ne = P().prove_hyp(axiom(A_ + "ZERO_NE_ONE"), I(NE_SYM(), {one_, zero_}));  // ~(0 = 1)
    // case 1 <= 0: 0 <= neg 1 + 0 = neg 1, and 0 <= neg 1 * neg 1 = 1
    Pf s = P().prove_hyp(P().assume(le(one_, zero_)), I(LE_SUB(), {one_, zero_}));
    Pf n1 = P().eq_mp(le_r(zero_, I(ADD_RID(), {neg(one_)})), s);
    Pf sq = P().mp(I(LE_MUL(), {neg(one_), neg(one_)}), P().conj(n1, n1));
    Pf one = P().eq_mp(le_r(zero_, P().trans(I(NEG_MUL_NEG(), {one_, one_}), I(MUL_LID(), {one_}))), sq);
    Pf le01 = P().disj_cases(I(LE_TOTAL(), {zero_, one_}), P().assume(le(zero_, one_)), one);
    return P().prove_hyp(ne, P().prove_hyp(le01, I(MK_LT(), {one_})));
  });
}

Pf Ring::LT_DOUBLE() {
  return lemma("LT_DOUBLE", [&] { return P().prove_hyp(LT_LE(), I(LT_ADD(), {x(), x()})); });
}

Pf Ring::positive(const Term& n) { return kept_numeral('<', n, n, [&] { return positive_raw(n); }); }

Pf Ring::positive_raw(const Term& n) {
  if (n == one_) return ZERO_LT_ONE();
  Term a = n.rand();
  Pf d = P().prove_hyp(positive(a), I(LT_DOUBLE(), {a}));  // 0 < a + a
  if (is1(n, bit1_)) d = P().prove_hyp(P().prove_hyp(ZERO_LT_ONE(), I(LT_LE(), {one_})),
                                       P().prove_hyp(d, I(LT_ADD(), {add(a, a), one_})));
  return P().eq_mp(lt_r(zero_, P().sym(I(is1(n, bit1_) ? BIT1_DEF() : BIT0_DEF(), {a}))), d);
}

Pf Ring::SCALE_LE() {
  return lemma("SCALE_LE", [&] { return P().mp(I(LE_MUL(), {x(), y()}), P().conj(LT_LE(), P().assume(le(zero_, y())))); });
}

Pf Ring::SCALE_LT() {
  return lemma("SCALE_LT", [&] {
    Pf le = P().prove_hyp(I(LT_LE(), {y()}), SCALE_LE());  // {0 < x, 0 < y} ⊢ 0 <= x * y
    // 0 = x * y: x * y = x * 0, so y = 0 by CANCEL (x is not 0), against 0 < y
    Term e = eq0(mul(x(), y()));
    Pf xy_x0 = P().trans(P().sym(P().assume(e)), P().sym(I(MUL_0(), {x()})));  // x * y = x * 0
    Pf xnz = P().prove_hyp(LT_NE(), I(NE_SYM(), {zero_, x()}));  // {0 < x} ⊢ ~(x = 0)
    Pf y0 = P().prove_hyp(xnz, P().prove_hyp(xy_x0, I(CANCEL(), {y(), zero_, x()})));  // y = 0
    Pf ne = P().not_intro(e, P().not_elim(I(LT_NE(), {y()}), P().sym(y0)));
    return P().prove_hyp(ne, P().prove_hyp(le, I(MK_LT(), {mul(x(), y())})));
  });
}

Pf Ring::SCALE_EQ() {
  return lemma("SCALE_EQ", [&] { return P().trans(P().sym(I(MUL_0(), {x()})), mul_r(x(), P().assume(eq0(y())))); });
}

Pf Ring::plus_eq(const Term& x_, const Pf& h) { return P().trans(P().sym(I(ADD_RID(), {x_})), add_r(x_, h)); }

Pf Ring::LE_ADD_EQ() {
  return lemma("LE_ADD_EQ", [&] { return P().eq_mp(le_r(zero_, plus_eq(x(), P().assume(eq0(y())))), P().assume(le(zero_, x()))); });
}

Pf Ring::LT_ADD_EQ() {
  return lemma("LT_ADD_EQ", [&] { return P().eq_mp(lt_r(zero_, plus_eq(x(), P().assume(eq0(y())))), P().assume(lt(zero_, x()))); });
}

Pf Ring::EQ_ADD_EQ() {
  return lemma("EQ_ADD_EQ", [&] {
    return P().trans(P().sym(I(ADD_LID(), {zero_})), add_lr(P().assume(eq0(x())), P().assume(eq0(y()))));
  });
}

Pf Ring::NEG_NONNEG() {
  return lemma("NEG_NONNEG", [&] {
    Pf a = P().mp(I(LE_LADD(), {x(), zero_, neg(x())}), P().assume(le(zero_, neg(x()))));
    Pf b = P().eq_mp(P().mk_comb(P().ap_term(le_, I(ADD_RID(), {x()})), I(ADD_RINV(), {x()})), a);  // x <= 0
    Pf x0 = P().mp(I(LE_ANTISYM(), {x(), zero_}), P().conj(b, LT_LE()));
    return P().not_elim(LT_NE(), P().sym(x0));
  });
}

Pf Ring::INT_TIGHT() {
  return lemma("INT_TIGHT", [&] {
    Pf a = P().mp(I(axiom("INT_DISCRETE"), {zero_, x()}), P().assume(lt(zero_, x())));  // 0 + 1 <= x
    Pf b = P().eq_mp(le_l(I(ADD_LID(), {one_}), x()), a);
    return P().prove_hyp(b, I(LE_SUB(), {one_, x()}));
  });
}

bool Ring::div_mod_arg(const Term& t, Term& a, Term& k) const {
  if (!is_int_ || !cond_ || t.kind() != TermKind::Comb || t.rator().kind() != TermKind::Comb) return false;
  const Term& h = t.rator().rator();
  if (h.kind() != TermKind::Const || (h.name() != "int.mod" && h.name() != "int.div")) return false;
  mpz_class v;
  a = l(t), k = r(t);
  return numeral_value(magnitude(k), v);
}

Pf Ring::DIVMOD() {
  return lemma("DIVMOD", [&] { return P().mp(axiom("INT_DIV_MOD"), P().assume(Prover::negate(Term::eq(y(), zero_)))); });
}

Pf Ring::ABS_POS() {
  return lemma("ABS_POS", [&] {
    Pf u = unfold(p_ + "abs", {x()});  // abs x = COND (0 <= x) x (neg x)
    Pf t = P().eqt_intro(P().assume(le(zero_, x())));
    Pf c = P().ap_thm(P().ap_thm(P().ap_term(CondLemmas::cond(ty_), t), x()), neg(x()));
    Pf ct = P().inst(cond_->get(ty_, true), {{CondLemmas::x(ty_), x()}, {CondLemmas::y(ty_), neg(x())}});
    return chain({u, c, ct});
  });
}

Pf Ring::POS_NZ() { return lemma("POS_NZ", [&] { return P().prove_hyp(I(LT_NE(), {y()}), I(NE_SYM(), {zero_, y()})); }); }

Pf Ring::MOD_NONNEG() {
  return lemma("MOD_NONNEG", [&] { return P().prove_hyp(POS_NZ(), P().conjunct1(P().conjunct2(DIVMOD()))); });
}

Pf Ring::MOD_LT() {
  return lemma("MOD_LT", [&] {
    Term m = mod(x(), y());
    Pf lt = P().prove_hyp(POS_NZ(), P().conjunct2(P().conjunct2(DIVMOD())));  // mod x y < abs y
    Pf ab = P().prove_hyp(I(LT_LE(), {y()}), I(ABS_POS(), {y()}));             // abs y = y
    Pf lt2 = P().eq_mp(lt_r(m, ab), lt);
    Pf d = P().prove_hyp(lt2, I(LT_SUB(), {m, y()}));  // 0 < neg (mod x y) + y
    return P().prove_hyp(d, I(INT_TIGHT(), {add(neg(m), y())}));
  });
}

Pf Ring::DIV_EQ() {
  return lemma("DIV_EQ", [&] {
    Pf e = P().prove_hyp(POS_NZ(), P().conjunct1(DIVMOD()));
    return P().prove_hyp(e, I(EQ_SUB(), {x(), add(mul(y(), div(x(), y())), mod(x(), y()))}));
  });
}

Pf Ring::NEG_NZ() {
  return lemma("NEG_NZ", [&] {
    Term e = Term::eq(neg(y()), zero_);
    Pf le0 = P().eq_mp(le_r(zero_, P().sym(P().assume(e))), I(LE_REFL(), {zero_}));  // 0 <= neg y
    return P().not_intro(e, P().prove_hyp(le0, I(NEG_NONNEG(), {y()})));
  });
}

Pf Ring::ABS_NEG() {
  return lemma("ABS_NEG", [&] {
    Term ny = neg(y()), nny = neg(ny), p = le(zero_, ny);
    Pf u = unfold(p_ + "abs", {ny});  // abs (neg y) = COND (0 <= neg y) (neg y) (neg (neg y))
    Pf f = P().deduct_antisym(P().contr(p, P().assume(Prover::falsity())), I(NEG_NONNEG(), {y()}));  // p = F
    Pf c = P().ap_thm(P().ap_thm(P().ap_term(CondLemmas::cond(ty_), f), ny), nny);
    Pf cf = P().inst(cond_->get(ty_, false), {{CondLemmas::x(ty_), ny}, {CondLemmas::y(ty_), nny}});
    return chain({u, c, cf, I(NEG_NEG(), {y()})});
  });
}

Pf Ring::DIVMOD_NEG() {
  return lemma("DIVMOD_NEG", [&] { return P().prove_hyp(NEG_NZ(), I(DIVMOD(), {x(), neg(y())})); });
}

Pf Ring::MOD_NONNEG_NEG() {
  return lemma("MOD_NONNEG_NEG", [&] { return P().conjunct1(P().conjunct2(DIVMOD_NEG())); });
}

Pf Ring::MOD_LT_NEG() {
  return lemma("MOD_LT_NEG", [&] {
    Term m = mod(x(), neg(y()));
    Pf lt = P().eq_mp(lt_r(m, ABS_NEG()), P().conjunct2(P().conjunct2(DIVMOD_NEG())));  // m < y
    Pf d = P().prove_hyp(lt, I(LT_SUB(), {m, y()}));  // 0 < neg m + y
    return P().prove_hyp(d, I(INT_TIGHT(), {add(neg(m), y())}));
  });
}

Pf Ring::DIV_EQ_NEG() {
  return lemma("DIV_EQ_NEG", [&] {
    Term ny = neg(y());
    Pf e = P().conjunct1(DIVMOD_NEG());
    return P().prove_hyp(e, I(EQ_SUB(), {x(), add(mul(ny, div(x(), ny)), mod(x(), ny))}));
  });
}

// k is `n` or `neg n`: the lemma by a positive divisor or by a negated one, y := n.
Pf Ring::mod_nonneg(const Term& a, const Term& k) {
  Term n = magnitude(k);
  return P().prove_hyp(positive(n), I(n == k ? MOD_NONNEG() : MOD_NONNEG_NEG(), {a, n}));
}

Pf Ring::mod_lt(const Term& a, const Term& k) {
  Term n = magnitude(k);
  return P().prove_hyp(positive(n), I(n == k ? MOD_LT() : MOD_LT_NEG(), {a, n}));
}

Pf Ring::div_eq(const Term& a, const Term& k) {
  Term n = magnitude(k);
  return P().prove_hyp(positive(n), I(n == k ? DIV_EQ() : DIV_EQ_NEG(), {a, n}));
}

Pf Ring::DIV_CANCEL() {
  return lemma("DIV_CANCEL", [&] {
    Term q = Term::comb(Term::comb(div_, x()), y());
    Pf d = P().mp(axiom("REAL_DIV"), P().assume(Prover::negate(Term::eq(y(), zero_))));
    return P().trans(P().sym(I(MUL_ASSOC(), {z(), y(), q})), mul_r(z(), d));
  });
}

Pf Ring::CANCEL() {
  return lemma("CANCEL", [&] {
    Term inv = Term::comb(Term::comb(div_, one_), z());
    Pf i = P().mp(I(axiom("REAL_DIV"), {one_, z()}), P().assume(Prover::negate(Term::eq(z(), zero_))));  // z * inv = 1
    Pf h = P().assume(Term::eq(mul(z(), x()), mul(z(), y())));
    auto side = [&](const Term& v) {  // v = inv * (z * v)
      return chain({P().sym(I(MUL_LID(), {v})), mul_l(P().sym(i), v), mul_l(I(MUL_COMM(), {z(), inv}), v),
                    P().sym(I(MUL_ASSOC(), {inv, z(), v}))});
    };
    return chain({side(x()), mul_r(inv, h), P().sym(side(y()))});
  });
}

}  // namespace hcert::provers::detail
