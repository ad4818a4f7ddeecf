#include "translators/provers/arith.hpp"

#include <gmpxx.h>

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "checker/checker.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/farkas.hpp"
#include "translators/provers/formula.hpp"

namespace hcert::provers {

namespace {

// Thrown when a term is outside what the normaliser handles (a hole, never a verdict).
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A canonical polynomial (spec/arith.md): monomials c*x in atom order, then a constant.
struct Poly {
  std::vector<std::pair<uint32_t, mpz_class>> mons;
  mpz_class k;
};

}  // namespace

// The ring, order and numeral reasoning of one type (int or real): lemma cache and the
// normaliser. Lemmas are stated over the free variables x, y, z, w and instantiated.
class Ring {
 public:
  Ring(Prover& lemmas, bool is_int) : L_(lemmas), is_int_(is_int) {
    p_ = is_int ? "int." : "real.";
    A_ = is_int ? "INT_" : "REAL_";
    ty_ = Type::op(is_int ? "int" : "real", {});
    Type f2 = Type::fun(ty_, Type::fun(ty_, ty_)), r2 = Type::fun(ty_, Type::fun(ty_, Type::boolean()));
    zero_ = Term::constant(p_ + "0", ty_);
    one_ = Term::constant(p_ + "1", ty_);
    add_ = Term::constant(p_ + "+", f2);
    mul_ = Term::constant(p_ + "*", f2);
    sub_ = Term::constant(p_ + "-", f2);
    neg_ = Term::constant(p_ + "neg", Type::fun(ty_, ty_));
    le_ = Term::constant(p_ + "<=", r2);
    lt_ = Term::constant(p_ + "<", r2);
    bit0_ = Term::constant(p_ + "bit0", Type::fun(ty_, ty_));
    bit1_ = Term::constant(p_ + "bit1", Type::fun(ty_, ty_));
    if (!is_int) div_ = Term::constant("real./", f2);
    for (const char* n : {"x", "y", "z", "w"}) v_.push_back(Term::var(n, ty_));
  }
  Type type() const { return ty_; }

  // ---- term constructors and recognisers
  Term add(const Term& a, const Term& b) const { return Term::comb(Term::comb(add_, a), b); }
  Term mul(const Term& a, const Term& b) const { return Term::comb(Term::comb(mul_, a), b); }
  Term neg(const Term& a) const { return Term::comb(neg_, a); }
  Term le(const Term& a, const Term& b) const { return Term::comb(Term::comb(le_, a), b); }
  Term lt(const Term& a, const Term& b) const { return Term::comb(Term::comb(lt_, a), b); }
  bool is2(const Term& t, const Term& c) const {
    return t.kind() == TermKind::Comb && t.rator().kind() == TermKind::Comb && t.rator().rator() == c;
  }
  bool is1(const Term& t, const Term& c) const { return t.kind() == TermKind::Comb && t.rator() == c; }
  static Term l(const Term& t) { return t.rator().rand(); }
  static Term r(const Term& t) { return t.rand(); }

  // A positive numeral in binary (spec/theories.md, "Numerals").
  Term numeral(const mpz_class& v) const {
    Term t = one_;
    for (size_t i = mpz_sizeinbase(v.get_mpz_t(), 2) - 1; i-- > 0;)
      t = Term::comb(mpz_tstbit(v.get_mpz_t(), i) ? bit1_ : bit0_, t);
    return t;
  }
  Term signed_numeral(const mpz_class& v) const { return v == 0 ? zero_ : v > 0 ? numeral(v) : neg(numeral(-v)); }
  // The value of a positive numeral term, or false.
  bool numeral_value(const Term& t, mpz_class& v) const {
    Term u = t;
    std::vector<int> bits;
    while (is1(u, bit0_) || is1(u, bit1_)) bits.push_back(is1(u, bit1_)), u = u.rand();
    if (u != one_) return false;
    v = 1;
    for (size_t i = bits.size(); i-- > 0;) v = v * 2 + bits[i];
    return true;
  }

  // ---- proof helpers (all steps on the lemma prover or the current one)
  Prover& P() { return *cur_; }
  void use(Prover& p) { cur_ = &p; }
  Pf chain(std::initializer_list<Pf> ps) {
    auto it = ps.begin();
    Pf acc = *it++;
    for (; it != ps.end(); ++it) acc = P().trans(acc, *it);
    return acc;
  }
  Pf add_l(const Pf& e, const Term& b) { return P().ap_thm(P().ap_term(add_, e), b); }
  Pf add_r(const Term& a, const Pf& e) { return P().ap_term(Term::comb(add_, a), e); }
  Pf add_lr(const Pf& ea, const Pf& eb) { return P().mk_comb(P().ap_term(add_, ea), eb); }
  Pf mul_l(const Pf& e, const Term& b) { return P().ap_thm(P().ap_term(mul_, e), b); }
  Pf mul_r(const Term& a, const Pf& e) { return P().ap_term(Term::comb(mul_, a), e); }
  // lemma[x, y, z, w := args]
  Pf I(const Pf& lemma, std::initializer_list<Term> args) {
    std::vector<std::pair<Term, Term>> th;
    size_t i = 0;
    for (const Term& a : args) th.push_back({v_[i++], a});
    return P().inst(lemma, th);
  }

  // A theory axiom with its universal variables specialised to x, y, z.
  Pf axiom(const std::string& name) {
    auto th = check::theory_fact(name);
    if (!th) throw Unsupported("no theory fact " + name);
    Pf p = L_.fact(name, th->concl());
    for (size_t i = 0; p.concl.kind() == TermKind::Comb && p.concl.rator().kind() == TermKind::Const &&
                       p.concl.rator().name() == "!";
         ++i)
      p = L_.spec(v_[i], p);
    return p;
  }
  // ⊢ c a1 … an = body[a1 … an] for a definition ⊢ c = λx1 … xn. body (n = 1 or 2).
  Pf unfold(const std::string& name, std::vector<Term> args) {
    auto th = check::theory_fact(name);
    if (!th) throw Unsupported("no theory fact " + name);
    Pf e = L_.fact(name, th->concl());
    for (const Term& a : args) {
      e = L_.ap_thm(e, a);
      e = L_.trans(e, L_.beta_conv(e.concl.rhs()));
    }
    return e;
  }

  // A fact about numerals (`⊢ a + b = c`, `⊢ a * b = c`, `⊢ 0 < n`), derived once on the
  // lemma prover and kept: a problem's coefficients recur in every lemma, and each such
  // fact costs a step per bit. No hypotheses, so reuse is sound. At most 100,000 kept.
  Pf kept_numeral(char op, const Term& a, const Term& b, const std::function<Pf()>& derive) {
    std::pair<uint64_t, uint64_t> key{a.serial() * 4 + (op == '+' ? 1 : op == '*' ? 2 : 3), b.serial()};
    if (auto it = numeral_facts_.find(key); it != numeral_facts_.end()) return it->second;
    if (numeral_facts_.size() >= 100000) return derive();
    Pf pf = on_lemmas(derive);
    numeral_facts_.emplace(std::move(key), pf);
    return pf;
  }
  // derive() with its steps on the lemma prover (kept for the whole certificate).
  template <class F>
  Pf on_lemmas(const F& derive) {
    struct Restore {
      Prover*& cur;
      Prover* saved;
      ~Restore() { cur = saved; }
    } restore{cur_, cur_};
    cur_ = &L_;
    return derive();
  }

  // ---- lemmas, derived once on the lemma prover
  Pf lemma(const char* key, const std::function<Pf()>& derive) {
    auto it = lemmas_.find(key);
    if (it != lemmas_.end()) return it->second;
    Prover* saved = cur_;
    cur_ = &L_;
    Pf p = derive();
    cur_ = saved;
    lemmas_.emplace(key, p);
    return p;
  }
  const Term &x() const { return v_[0]; }
  const Term &y() const { return v_[1]; }
  const Term &z() const { return v_[2]; }
  const Term &w() const { return v_[3]; }

  Pf ADD_ASSOC() { return lemma("ADD_ASSOC", [&] { return axiom(A_ + "ADD_ASSOC"); }); }  // x+(y+z) = (x+y)+z
  Pf ADD_COMM() { return lemma("ADD_COMM", [&] { return axiom(A_ + "ADD_COMM"); }); }
  Pf ADD_LID() { return lemma("ADD_LID", [&] { return axiom(A_ + "ADD_LID"); }); }    // 0+x = x
  Pf ADD_LINV() { return lemma("ADD_LINV", [&] { return axiom(A_ + "ADD_LINV"); }); }  // neg x + x = 0
  Pf MUL_ASSOC() { return lemma("MUL_ASSOC", [&] { return axiom(A_ + "MUL_ASSOC"); }); }
  Pf MUL_COMM() { return lemma("MUL_COMM", [&] { return axiom(A_ + "MUL_COMM"); }); }
  Pf MUL_LID() { return lemma("MUL_LID", [&] { return axiom(A_ + "MUL_LID"); }); }
  Pf LDISTRIB() { return lemma("LDISTRIB", [&] { return axiom(A_ + "LDISTRIB"); }); }  // x*(y+z) = x*y + x*z
  // x + 0 = x
  Pf ADD_RID() { return lemma("ADD_RID", [&] { return P().trans(I(ADD_COMM(), {x(), zero_}), I(ADD_LID(), {x()})); }); }
  // x + neg x = 0
  Pf ADD_RINV() { return lemma("ADD_RINV", [&] { return P().trans(I(ADD_COMM(), {x(), neg(x())}), I(ADD_LINV(), {x()})); }); }
  // (x + y) + z = x + (y + z)
  Pf ADD_ASSOC_R() { return lemma("ADD_ASSOC_R", [&] { return P().sym(ADD_ASSOC()); }); }
  // x + (y + z) = y + (x + z)
  Pf ADD_SWAP() {
    return lemma("ADD_SWAP", [&] {
      return chain({ADD_ASSOC(), add_l(I(ADD_COMM(), {x(), y()}), z()), I(ADD_ASSOC_R(), {y(), x(), z()})});
    });
  }
  // (x + y) + (z + w) = (x + z) + (y + w)
  Pf ADD_PAIR() {
    return lemma("ADD_PAIR", [&] {
      // (x+y)+(z+w) = x+(y+(z+w)) = x+(z+(y+w)) = (x+z)+(y+w)
      return chain({I(ADD_ASSOC_R(), {x(), y(), add(z(), w())}), add_r(x(), I(ADD_SWAP(), {y(), z(), w()})),
                    I(ADD_ASSOC(), {x(), z(), add(y(), w())})});
    });
  }
  // (x + y) * z = x * z + y * z
  Pf RDISTRIB() {
    return lemma("RDISTRIB", [&] {
      return chain({I(MUL_COMM(), {add(x(), y()), z()}), I(LDISTRIB(), {z(), x(), y()}),
                    add_lr(I(MUL_COMM(), {z(), x()}), I(MUL_COMM(), {z(), y()}))});
    });
  }
  // x * 0 = 0
  Pf MUL_0() {
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
  // 0 * x = 0
  Pf ZERO_MUL() { return lemma("ZERO_MUL", [&] { return P().trans(I(MUL_COMM(), {zero_, x()}), I(MUL_0(), {x()})); }); }
  // {x + y = 0} ⊢ x = neg y
  Pf INV_UNIQ() {
    return lemma("INV_UNIQ", [&] {
      Pf h = P().assume(Term::eq(add(x(), y()), zero_));
      return chain({P().sym(I(ADD_RID(), {x()})), add_r(x(), P().sym(I(ADD_RINV(), {y()}))),
                    I(ADD_ASSOC(), {x(), y(), neg(y())}), add_l(h, neg(y())), I(ADD_LID(), {neg(y())})});
    });
  }
  // neg (neg x) = x
  Pf NEG_NEG() {
    return lemma("NEG_NEG", [&] {
      Pf u = P().prove_hyp(I(ADD_RINV(), {x()}), I(INV_UNIQ(), {x(), neg(x())}));  // x = neg (neg x)
      return P().sym(u);
    });
  }
  // neg x * y = neg (x * y)
  Pf NEG_MUL() {
    return lemma("NEG_MUL", [&] {
      Pf s = chain({P().sym(I(RDISTRIB(), {neg(x()), x(), y()})), mul_l(I(ADD_LINV(), {x()}), y()), I(ZERO_MUL(), {y()})});
      return P().prove_hyp(s, I(INV_UNIQ(), {mul(neg(x()), y()), mul(x(), y())}));
    });
  }
  // x * neg y = neg (x * y)
  Pf MUL_NEG() {
    return lemma("MUL_NEG", [&] {
      return chain({I(MUL_COMM(), {x(), neg(y())}), I(NEG_MUL(), {y(), x()}), P().ap_term(neg_, I(MUL_COMM(), {y(), x()}))});
    });
  }
  // neg x * neg y = x * y
  Pf NEG_MUL_NEG() {
    return lemma("NEG_MUL_NEG", [&] {
      return chain({I(NEG_MUL(), {x(), neg(y())}), P().ap_term(neg_, I(MUL_NEG(), {x(), y()})), I(NEG_NEG(), {mul(x(), y())})});
    });
  }
  // neg x + neg y = neg (x + y)
  Pf NEG_ADD() {
    return lemma("NEG_ADD", [&] {
      Pf s = chain({I(ADD_PAIR(), {neg(x()), neg(y()), x(), y()}),
                    add_lr(I(ADD_LINV(), {x()}), I(ADD_LINV(), {y()})), I(ADD_LID(), {zero_})});
      return P().prove_hyp(s, I(INV_UNIQ(), {add(neg(x()), neg(y())), add(x(), y())}));
    });
  }
  // {x + y = z} ⊢ z + neg y = x
  Pf SUB1() {
    return lemma("SUB1", [&] {
      Pf h = P().assume(Term::eq(add(x(), y()), z()));
      return chain({add_l(P().sym(h), neg(y())), I(ADD_ASSOC_R(), {x(), y(), neg(y())}), add_r(x(), I(ADD_RINV(), {y()})),
                    I(ADD_RID(), {x()})});
    });
  }
  // {x + y = z} ⊢ x + neg z = neg y
  Pf SUB2() {
    return lemma("SUB2", [&] {
      Pf h = P().assume(Term::eq(add(x(), y()), z()));
      return chain({add_r(x(), P().ap_term(neg_, P().sym(h))), add_r(x(), P().sym(I(NEG_ADD(), {x(), y()}))),
                    I(ADD_ASSOC(), {x(), neg(x()), neg(y())}), add_l(I(ADD_RINV(), {x()}), neg(y())),
                    I(ADD_LID(), {neg(y())})});
    });
  }
  // x - y = x + neg y
  Pf SUB_DEF() { return lemma("SUB_DEF", [&] { return unfold(p_ + "-", {x(), y()}); }); }
  // x < y = (x <= y /\ ~(x = y))
  Pf LT_DEF() { return lemma("LT_DEF", [&] { return unfold(p_ + "<", {x(), y()}); }); }
  Pf BIT0_DEF() { return lemma("BIT0_DEF", [&] { return unfold(p_ + "bit0", {x()}); }); }  // bit0 x = x + x
  Pf BIT1_DEF() { return lemma("BIT1_DEF", [&] { return unfold(p_ + "bit1", {x()}); }); }  // bit1 x = (x+x)+1

  // ---- AC over + (only for deriving the numeral lemmas: small terms, recursion is fine)
  Pf unfold_bits(const Term& t) {
    if (is1(t, bit0_) || is1(t, bit1_)) {
      Pf a = unfold_bits(t.rand());
      Pf d = I(is1(t, bit0_) ? BIT0_DEF() : BIT1_DEF(), {a.concl.rhs()});
      return P().trans(P().ap_term(t.rator(), a), d);
    }
    if (is2(t, add_)) return add_lr(unfold_bits(l(t)), unfold_bits(r(t)));
    return P().refl(t);
  }
  static bool before(const Term& a, const Term& b) { return a.serial() <= b.serial(); }
  Term head(const Term& t) const { return is2(t, add_) ? l(t) : t; }
  // X + Y = Z for sorted right-nested sums X and Y.
  Pf merge(const Term& X, const Term& Y) {
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
  Pf ac(const Term& t) {
    if (!is2(t, add_)) return P().refl(t);
    Pf a = ac(l(t)), b = ac(r(t));
    return P().trans(add_lr(a, b), merge(a.concl.rhs(), b.concl.rhs()));
  }
  // s = t when both are equal sums after unfolding bit0/bit1.
  Pf by_ac(const Term& s, const Term& t) {
    Pf a = unfold_bits(s), b = unfold_bits(t);
    a = P().trans(a, ac(a.concl.rhs()));
    b = P().trans(b, ac(b.concl.rhs()));
    if (a.concl.rhs() != b.concl.rhs()) throw std::logic_error("arith: AC lemma does not hold");
    return P().trans(a, P().sym(b));
  }

  // ---- numerals: positive binary numerals by bits; signed ones are 0, n, neg n
  Pf NUMLEMMA(const char* key, const Term& lhs, const Term& rhs) {
    return lemma(key, [&] { return by_ac(lhs, rhs); });
  }
  Term b0(const Term& t) const { return Term::comb(bit0_, t); }
  Term b1(const Term& t) const { return Term::comb(bit1_, t); }
  // ⊢ m + n = k, m and n positive numerals.
  Pf pos_add(const Term& m, const Term& n) {
    const Term &X = x(), &Y = y();
    if (m == one_ && n == one_) return NUMLEMMA("A11", add(one_, one_), b0(one_));
    if (m == one_) {
      if (is1(n, bit0_)) return I(NUMLEMMA("A1B0", add(one_, b0(X)), b1(X)), {n.rand()});
      Pf s = I(NUMLEMMA("A1B1", add(one_, b1(X)), b0(add(X, one_))), {n.rand()});
      return P().trans(s, P().ap_term(bit0_, pos_add(n.rand(), one_)));
    }
    if (n == one_) {
      if (is1(m, bit0_)) return I(NUMLEMMA("AB01", add(b0(X), one_), b1(X)), {m.rand()});
      Pf s = I(NUMLEMMA("AB11", add(b1(X), one_), b0(add(X, one_))), {m.rand()});
      return P().trans(s, P().ap_term(bit0_, pos_add(m.rand(), one_)));
    }
    Term a = m.rand(), b = n.rand();
    bool m1 = is1(m, bit1_), n1 = is1(n, bit1_);
    if (!m1 && !n1) return P().trans(I(NUMLEMMA("AB0B0", add(b0(X), b0(Y)), b0(add(X, Y))), {a, b}), P().ap_term(bit0_, pos_add(a, b)));
    if (!m1 && n1) return P().trans(I(NUMLEMMA("AB0B1", add(b0(X), b1(Y)), b1(add(X, Y))), {a, b}), P().ap_term(bit1_, pos_add(a, b)));
    if (m1 && !n1) return P().trans(I(NUMLEMMA("AB1B0", add(b1(X), b0(Y)), b1(add(X, Y))), {a, b}), P().ap_term(bit1_, pos_add(a, b)));
    Pf s = I(NUMLEMMA("AB1B1", add(b1(X), b1(Y)), b0(add(add(X, Y), one_))), {a, b});
    Pf ab = pos_add(a, b);
    Pf inner = P().trans(add_l(ab, one_), pos_add(ab.concl.rhs(), one_));
    return P().trans(s, P().ap_term(bit0_, inner));
  }
  // bit0 x * y = bit0 (x * y)
  Pf MB0() {
    return lemma("MB0", [&] {
      return chain({mul_l(I(BIT0_DEF(), {x()}), y()), I(RDISTRIB(), {x(), x(), y()}), P().sym(I(BIT0_DEF(), {mul(x(), y())}))});
    });
  }
  // bit1 x * y = bit0 (x * y) + y
  Pf MB1() {
    return lemma("MB1", [&] {
      Term xy = mul(x(), y());
      return chain({mul_l(I(BIT1_DEF(), {x()}), y()), I(RDISTRIB(), {add(x(), x()), one_, y()}),
                    add_lr(I(RDISTRIB(), {x(), x(), y()}), I(MUL_LID(), {y()})),
                    add_l(P().sym(I(BIT0_DEF(), {xy})), y())});
    });
  }
  // ⊢ m * n = k, m and n positive numerals.
  Pf pos_mul(const Term& m, const Term& n) {
    if (m == one_) return I(MUL_LID(), {n});
    Pf inner = pos_mul(m.rand(), n);
    if (is1(m, bit0_)) return P().trans(I(MB0(), {m.rand(), n}), P().ap_term(bit0_, inner));
    Pf s = P().trans(I(MB1(), {m.rand(), n}), add_l(P().ap_term(bit0_, inner), n));
    return P().trans(s, pos_add(s.concl.rhs().rator().rand(), n));
  }
  // The value of a signed numeral term (0, n, neg n), or false.
  bool signed_value(const Term& t, mpz_class& v) const {
    if (t == zero_) return v = 0, true;
    if (is1(t, neg_)) {
      if (!numeral_value(t.rand(), v)) return false;
      v = -v;
      return true;
    }
    return numeral_value(t, v);
  }
  // ⊢ a + b = c for signed numerals.
  Pf s_add(const Term& a, const Term& b) { return kept_numeral('+', a, b, [&] { return s_add_raw(a, b); }); }
  Pf s_add_raw(const Term& a, const Term& b) {
    mpz_class va, vb;
    signed_value(a, va), signed_value(b, vb);
    if (va == 0) return I(ADD_LID(), {b});
    if (vb == 0) return I(ADD_RID(), {a});
    if (va > 0 && vb > 0) return pos_add(a, b);
    if (va < 0 && vb < 0) return P().trans(I(NEG_ADD(), {a.rand(), b.rand()}), P().ap_term(neg_, pos_add(a.rand(), b.rand())));
    if (va < 0) return P().trans(I(ADD_COMM(), {a, b}), s_add(b, a));
    // a positive, b = neg n
    Term n = b.rand();
    mpz_class vn = -vb;
    if (va == vn) return I(ADD_RINV(), {a});
    if (va > vn) {
      Term d = numeral(va - vn);
      return P().prove_hyp(pos_add(d, n), I(SUB1(), {d, n, a}));  // d + n = a ⊢ a + neg n = d
    }
    Term d = numeral(vn - va);
    return P().prove_hyp(pos_add(a, d), I(SUB2(), {a, d, n}));  // a + d = n ⊢ a + neg n = neg d
  }
  // ⊢ a * b = c for signed numerals.
  Pf s_mul(const Term& a, const Term& b) { return kept_numeral('*', a, b, [&] { return s_mul_raw(a, b); }); }
  Pf s_mul_raw(const Term& a, const Term& b) {
    mpz_class va, vb;
    signed_value(a, va), signed_value(b, vb);
    if (va == 0) return I(ZERO_MUL(), {b});
    if (vb == 0) return I(MUL_0(), {a});
    if (va > 0 && vb > 0) return pos_mul(a, b);
    if (va < 0 && vb < 0) return P().trans(I(NEG_MUL_NEG(), {a.rand(), b.rand()}), pos_mul(a.rand(), b.rand()));
    if (va < 0) return P().trans(I(NEG_MUL(), {a.rand(), b}), P().ap_term(neg_, pos_mul(a.rand(), b)));
    return P().trans(I(MUL_NEG(), {a, b.rand()}), P().ap_term(neg_, pos_mul(a, b.rand())));
  }

  // ---- order
  Pf LE_REFL() { return lemma("LE_REFL", [&] { return axiom(A_ + "LE_REFL"); }); }
  Pf LE_ANTISYM() { return lemma("LE_ANTISYM", [&] { return axiom(A_ + "LE_ANTISYM"); }); }  // x<=y /\ y<=x ==> x=y
  Pf LE_TRANS() { return lemma("LE_TRANS", [&] { return axiom(A_ + "LE_TRANS"); }); }
  Pf LE_TOTAL() { return lemma("LE_TOTAL", [&] { return axiom(A_ + "LE_TOTAL"); }); }        // x<=y \/ y<=x
  Pf LE_LADD() { return lemma("LE_LADD", [&] { return axiom(A_ + "LE_LADD_IMP"); }); }       // y<=z ==> x+y <= x+z
  Pf LE_MUL() { return lemma("LE_MUL", [&] { return axiom(A_ + "LE_MUL"); }); }              // 0<=x /\ 0<=y ==> 0<=x*y
  Pf le_l(const Pf& e, const Term& b) { return P().ap_thm(P().ap_term(le_, e), b); }
  Pf le_r(const Term& a, const Pf& e) { return P().ap_term(Term::comb(le_, a), e); }
  Pf lt_r(const Term& a, const Pf& e) { return P().ap_term(Term::comb(lt_, a), e); }
  Term eq0(const Term& t) const { return Term::eq(zero_, t); }
  // {~(x = y)} ⊢ ~(y = x)
  Pf NE_SYM() {
    return lemma("NE_SYM", [&] {
      Pf f = P().not_elim(P().assume(Prover::negate(Term::eq(x(), y()))), P().sym(P().assume(Term::eq(y(), x()))));
      return P().not_intro(Term::eq(y(), x()), f);
    });
  }
  // {x <= y} ⊢ 0 <= neg x + y
  Pf LE_SUB() {
    return lemma("LE_SUB", [&] {
      Pf a = P().mp(I(LE_LADD(), {neg(x()), x(), y()}), P().assume(le(x(), y())));
      return P().eq_mp(le_l(I(ADD_LINV(), {x()}), add(neg(x()), y())), a);
    });
  }
  // {0 = neg y + x} ⊢ y = x
  Pf EQ_FROM_SUB() {
    return lemma("EQ_FROM_SUB", [&] {
      Pf h = P().assume(eq0(add(neg(y()), x())));
      return chain({P().sym(I(ADD_RID(), {y()})), add_r(y(), h), I(ADD_ASSOC(), {y(), neg(y()), x()}),
                    add_l(I(ADD_RINV(), {y()}), x()), I(ADD_LID(), {x()})});
    });
  }
  // {x = y} ⊢ 0 = neg x + y
  Pf EQ_SUB() {
    return lemma("EQ_SUB", [&] {
      return P().trans(P().sym(I(ADD_LINV(), {x()})), add_r(neg(x()), P().assume(Term::eq(x(), y()))));
    });
  }
  // {0 <= x, ~(0 = x)} ⊢ 0 < x
  Pf MK_LT() {
    return lemma("MK_LT", [&] {
      Pf c = P().conj(P().assume(le(zero_, x())), P().assume(Prover::negate(eq0(x()))));
      return P().eq_mp(P().sym(I(LT_DEF(), {zero_, x()})), c);
    });
  }
  // {0 < x} ⊢ 0 <= x   and   {0 < x} ⊢ ~(0 = x)
  Pf LT_LE() {
    return lemma("LT_LE", [&] { return P().conjunct1(P().eq_mp(I(LT_DEF(), {zero_, x()}), P().assume(lt(zero_, x())))); });
  }
  Pf LT_NE() {
    return lemma("LT_NE", [&] { return P().conjunct2(P().eq_mp(I(LT_DEF(), {zero_, x()}), P().assume(lt(zero_, x())))); });
  }
  // {x <= y} ⊢ (x <= y) as proved from y = x: {y = x} ⊢ x <= y
  Pf LE_OF_EQ() {
    return lemma("LE_OF_EQ", [&] {
      return P().eq_mp(le_l(P().assume(Term::eq(y(), x())), y()), I(LE_REFL(), {y()}));
    });
  }
  // {~(x <= y)} ⊢ 0 < neg y + x
  Pf NLE() {
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
  // {x < y} ⊢ 0 < neg x + y
  Pf LT_SUB() {
    return lemma("LT_SUB", [&] {
      Pf d = P().eq_mp(I(LT_DEF(), {x(), y()}), P().assume(lt(x(), y())));
      Pf nonneg = P().prove_hyp(P().conjunct1(d), LE_SUB());
      Term e = eq0(add(neg(x()), y()));
      Pf f = P().not_elim(P().conjunct2(d), I(EQ_FROM_SUB(), {y(), x()}));
      return P().prove_hyp(P().not_intro(e, f), P().prove_hyp(nonneg, I(MK_LT(), {add(neg(x()), y())})));
    });
  }
  // {~(x < y), ~(y <= x)} ⊢ F
  Pf NLT() {
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
  // {~(x = y)} ⊢ x < y \/ y < x
  Pf NE_SPLIT() {
    return lemma("NE_SPLIT", [&] {
      Pf ne = P().assume(Prover::negate(Term::eq(x(), y())));
      Pf c1 = P().disj1(P().eq_mp(P().sym(I(LT_DEF(), {x(), y()})), P().conj(P().assume(le(x(), y())), ne)), lt(y(), x()));
      Pf ne2 = P().prove_hyp(ne, NE_SYM());
      Pf c2 = P().disj2(lt(x(), y()), P().eq_mp(P().sym(I(LT_DEF(), {y(), x()})), P().conj(P().assume(le(y(), x())), ne2)));
      return P().disj_cases(I(LE_TOTAL(), {x(), y()}), c1, c2);
    });
  }
  // {0 <= x, 0 <= y} ⊢ 0 <= x + y
  Pf LE_ADD() {
    return lemma("LE_ADD", [&] {
      Pf a = P().mp(I(LE_LADD(), {x(), zero_, y()}), P().assume(le(zero_, y())));  // x + 0 <= x + y
      Pf b = P().eq_mp(le_l(I(ADD_RID(), {x()}), add(x(), y())), a);
      return P().mp(I(LE_TRANS(), {zero_, x(), add(x(), y())}), P().conj(P().assume(le(zero_, x())), b));
    });
  }
  // {0 < x, 0 <= y} ⊢ 0 < x + y
  Pf LT_ADD() {
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
  // ⊢ 0 < 1
  Pf ZERO_LT_ONE() {
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
  // {0 < x} ⊢ 0 < x + x
  Pf LT_DOUBLE() {
    return lemma("LT_DOUBLE", [&] { return P().prove_hyp(LT_LE(), I(LT_ADD(), {x(), x()})); });
  }
  // ⊢ 0 < n for a positive numeral n
  Pf positive(const Term& n) { return kept_numeral('<', n, n, [&] { return positive_raw(n); }); }
  Pf positive_raw(const Term& n) {
    if (n == one_) return ZERO_LT_ONE();
    Term a = n.rand();
    Pf d = P().prove_hyp(positive(a), I(LT_DOUBLE(), {a}));  // 0 < a + a
    if (is1(n, bit1_)) d = P().prove_hyp(P().prove_hyp(ZERO_LT_ONE(), I(LT_LE(), {one_})),
                                         P().prove_hyp(d, I(LT_ADD(), {add(a, a), one_})));
    return P().eq_mp(lt_r(zero_, P().sym(I(is1(n, bit1_) ? BIT1_DEF() : BIT0_DEF(), {a}))), d);
  }

  // ---- Farkas combination lemmas
  // {0 < x, 0 <= y} ⊢ 0 <= x * y
  Pf SCALE_LE() {
    return lemma("SCALE_LE", [&] { return P().mp(I(LE_MUL(), {x(), y()}), P().conj(LT_LE(), P().assume(le(zero_, y())))); });
  }
  // {0 = y} ⊢ 0 = x * y
  Pf SCALE_EQ() {
    return lemma("SCALE_EQ", [&] { return P().trans(P().sym(I(MUL_0(), {x()})), mul_r(x(), P().assume(eq0(y())))); });
  }
  // {0 <= x, 0 = y} ⊢ 0 <= x + y   and the strict and the equational versions
  Pf plus_eq(const Term& x_, const Pf& h) { return P().trans(P().sym(I(ADD_RID(), {x_})), add_r(x_, h)); }  // x = x + y
  Pf LE_ADD_EQ() {
    return lemma("LE_ADD_EQ", [&] { return P().eq_mp(le_r(zero_, plus_eq(x(), P().assume(eq0(y())))), P().assume(le(zero_, x()))); });
  }
  Pf LT_ADD_EQ() {
    return lemma("LT_ADD_EQ", [&] { return P().eq_mp(lt_r(zero_, plus_eq(x(), P().assume(eq0(y())))), P().assume(lt(zero_, x()))); });
  }
  Pf EQ_ADD_EQ() {
    return lemma("EQ_ADD_EQ", [&] {
      return P().trans(P().sym(I(ADD_LID(), {zero_})), add_lr(P().assume(eq0(x())), P().assume(eq0(y()))));
    });
  }
  // {0 < x, 0 <= neg x} ⊢ F
  Pf NEG_NONNEG() {
    return lemma("NEG_NONNEG", [&] {
      Pf a = P().mp(I(LE_LADD(), {x(), zero_, neg(x())}), P().assume(le(zero_, neg(x()))));
      Pf b = P().eq_mp(P().mk_comb(P().ap_term(le_, I(ADD_RID(), {x()})), I(ADD_RINV(), {x()})), a);  // x <= 0
      Pf x0 = P().mp(I(LE_ANTISYM(), {x(), zero_}), P().conj(b, LT_LE()));
      return P().not_elim(LT_NE(), P().sym(x0));
    });
  }
  // {0 < x} ⊢ 0 <= neg 1 + x  (integers)
  Pf INT_TIGHT() {
    return lemma("INT_TIGHT", [&] {
      Pf a = P().mp(I(axiom("INT_DISCRETE"), {zero_, x()}), P().assume(lt(zero_, x())));  // 0 + 1 <= x
      Pf b = P().eq_mp(le_l(I(ADD_LID(), {one_}), x()), a);
      return P().prove_hyp(b, I(LE_SUB(), {one_, x()}));
    });
  }
  // ---- div and mod by a positive numeral k (INT_DIV_MOD; abs k = k by abs's definition
  // and COND's first equation)
  void set_cond(CondLemmas* c) { cond_ = c; }
  Term mod(const Term& a, const Term& k) const { return Term::comb(Term::comb(Term::constant("int.mod", Type::fun(ty_, Type::fun(ty_, ty_))), a), k); }
  Term div(const Term& a, const Term& k) const { return Term::comb(Term::comb(Term::constant("int.div", Type::fun(ty_, Type::fun(ty_, ty_))), a), k); }
  // t is `mod a k` or `div a k` with k a positive numeral?
  bool div_mod_arg(const Term& t, Term& a, Term& k) const {
    if (!is_int_ || !cond_ || t.kind() != TermKind::Comb || t.rator().kind() != TermKind::Comb) return false;
    const Term& h = t.rator().rator();
    if (h.kind() != TermKind::Const || (h.name() != "int.mod" && h.name() != "int.div")) return false;
    mpz_class v;
    a = l(t), k = r(t);
    return numeral_value(k, v);
  }
  // {~(y = 0)} ⊢ x = y * div x y + mod x y /\ 0 <= mod x y /\ mod x y < abs y
  Pf DIVMOD() {
    return lemma("DIVMOD", [&] { return P().mp(axiom("INT_DIV_MOD"), P().assume(Prover::negate(Term::eq(y(), zero_)))); });
  }
  // {0 <= x} ⊢ abs x = x
  Pf ABS_POS() {
    return lemma("ABS_POS", [&] {
      Pf u = unfold(p_ + "abs", {x()});  // abs x = COND (0 <= x) x (neg x)
      Pf t = P().eqt_intro(P().assume(le(zero_, x())));
      Pf c = P().ap_thm(P().ap_thm(P().ap_term(CondLemmas::cond(ty_), t), x()), neg(x()));
      Pf ct = P().inst(cond_->get(ty_, true), {{CondLemmas::x(ty_), x()}, {CondLemmas::y(ty_), neg(x())}});
      return chain({u, c, ct});
    });
  }
  // {0 < y} ⊢ ~(y = 0)
  Pf POS_NZ() { return lemma("POS_NZ", [&] { return P().prove_hyp(I(LT_NE(), {y()}), I(NE_SYM(), {zero_, y()})); }); }
  // {0 < y} ⊢ 0 <= mod x y
  Pf MOD_NONNEG() {
    return lemma("MOD_NONNEG", [&] { return P().prove_hyp(POS_NZ(), P().conjunct1(P().conjunct2(DIVMOD()))); });
  }
  // {0 < y} ⊢ 0 <= neg 1 + (neg (mod x y) + y)
  Pf MOD_LT() {
    return lemma("MOD_LT", [&] {
      Term m = mod(x(), y());
      Pf lt = P().prove_hyp(POS_NZ(), P().conjunct2(P().conjunct2(DIVMOD())));  // mod x y < abs y
      Pf ab = P().prove_hyp(I(LT_LE(), {y()}), I(ABS_POS(), {y()}));             // abs y = y
      Pf lt2 = P().eq_mp(lt_r(m, ab), lt);
      Pf d = P().prove_hyp(lt2, I(LT_SUB(), {m, y()}));  // 0 < neg (mod x y) + y
      return P().prove_hyp(d, I(INT_TIGHT(), {add(neg(m), y())}));
    });
  }
  // {0 < y} ⊢ 0 = neg x + (y * div x y + mod x y)
  Pf DIV_EQ() {
    return lemma("DIV_EQ", [&] {
      Pf e = P().prove_hyp(POS_NZ(), P().conjunct1(DIVMOD()));
      return P().prove_hyp(e, I(EQ_SUB(), {x(), add(mul(y(), div(x(), y())), mod(x(), y()))}));
    });
  }
  Pf mod_nonneg(const Term& a, const Term& k) { return P().prove_hyp(positive(k), I(MOD_NONNEG(), {a, k})); }
  Pf mod_lt(const Term& a, const Term& k) { return P().prove_hyp(positive(k), I(MOD_LT(), {a, k})); }
  Pf div_eq(const Term& a, const Term& k) { return P().prove_hyp(positive(k), I(DIV_EQ(), {a, k})); }

  // {~(y = 0)} ⊢ (z * y) * (x / y) = z * x   (reals)
  Pf DIV_CANCEL() {
    return lemma("DIV_CANCEL", [&] {
      Term q = Term::comb(Term::comb(div_, x()), y());
      Pf d = P().mp(axiom("REAL_DIV"), P().assume(Prover::negate(Term::eq(y(), zero_))));
      return P().trans(P().sym(I(MUL_ASSOC(), {z(), y(), q})), mul_r(z(), d));
    });
  }
  // {~(z = 0), z * x = z * y} ⊢ x = y   (reals)
  Pf CANCEL() {
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

  // ---- the normaliser
  enum class Kind { Numeral, Atom, Add, Sub, Neg, MulL, MulR, Div };
  // How the normaliser reads e; `q` is the divisor's value for Div.
  Kind classify(const Term& e, mpq_class* q = nullptr) {
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
    if (!is_int_ && is2(e, div_) && constant(r(e), k) && k > 0 && k.get_den() == 1) {
      if (q) *q = k;
      return Kind::Div;
    }
    return Kind::Atom;
  }
  // The value of a constant expression (numerals, 0, +, -, neg, *, / by non-zero), memoised.
  bool constant(const Term& e, mpq_class& out) {
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
  // A multiplier that clears every divisor the normaliser meets in e.
  mpz_class need(const Term& e) {
    auto it = need_memo_.find(e);
    if (it != need_memo_.end()) return it->second;
    mpq_class q, k;
    mpz_class n = 1;
    switch (classify(e, &q)) {
      case Kind::Add: case Kind::Sub: n = lcm(need(l(e)), need(r(e))); break;
      case Kind::Neg: n = need(e.rand()); break;
      case Kind::MulL: constant(l(e), k), n = need(l(e)) * need(r(e)) * k.get_den(); break;
      case Kind::MulR: constant(r(e), k), n = need(r(e)) * need(l(e)) * k.get_den(); break;
      case Kind::Div: n = q.get_num() * need(l(e)); break;
      default: break;
    }
    if (mpz_sizeinbase(n.get_mpz_t(), 2) > 4096) throw Unsupported("denominators too large");
    need_memo_.emplace(e, n);
    return n;
  }
  // ---- atoms under uninterpreted functions (spec/arith.md, "Atoms"; over int only): the
  // arguments of this type of an application f a1 … an are read in normal form, so that f (x - 2) and
  // f (neg 2 + x) are one atom. A normal form is written as the canonical polynomial, except
  // a constant (its numeral) and a lone atom with coefficient 1 (the atom itself).
  static bool uninterpreted(const Term& head) {
    if (head.kind() == TermKind::Var) return true;
    if (head.kind() != TermKind::Const) return false;
    const std::string& n = head.name();
    return n != "COND" && n != "=" && n.rfind("int.", 0) != 0 && n.rfind("real.", 0) != 0;
  }
  // The normal form of an argument, or null when the normaliser cannot prove it from the
  // argument alone (a divisor: `f 0.0`, 0.0 being 0 / 10, is left as it is).
  Term canon_arg(const Term& a) {
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
  Term canon(const Term& e) {
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
  // ⊢ e = canon(e), e an atom that canon changes.
  Pf canon_pf(const Term& e) {
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
  uint32_t atom_id(const Term& t0) {
    const Term t = canon(t0);
    auto [it, fresh] = atom_ids_.emplace(t, atoms_.size());
    if (fresh) atoms_.push_back(t);
    return it->second;
  }
  // The numeric linear form c * e (no proof), following `classify` exactly.
  void lin(const mpq_class& c, const Term& e, std::map<uint32_t, mpq_class>& m, mpq_class& k, int depth = 0) {
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

  Term mono(const std::pair<uint32_t, mpz_class>& m) const { return mul(signed_numeral(m.second), atoms_[m.first]); }
  // The terms of p's monomials from each i on (the last one is the constant), built once:
  // the merge below needs them at every step, and rebuilding one is linear in p.
  std::vector<Term> suffixes(const Poly& p) const {
    std::vector<Term> s(p.mons.size() + 1);
    s.back() = signed_numeral(p.k);
    for (size_t j = p.mons.size(); j-- > 0;) s[j] = add(mono(p.mons[j]), s[j + 1]);
    return s;
  }
  // ⊢ P + Q = R, R the merge of P and Q (written to `out`).
  Pf padd(const Poly& a, const Poly& b, Poly& out) {
    std::vector<Term> sa = suffixes(a), sb = suffixes(b);
    return padd(a, sa, 0, b, sb, 0, out);
  }
  // ⊢ suffix(P, i) + suffix(Q, j) = suffix(R, 0), R appended to from its current end.
  Pf padd(const Poly& a, const std::vector<Term>& sa, size_t i, const Poly& b, const std::vector<Term>& sb, size_t j,
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
  // ⊢ c * e = P with P canonical (c ≠ 0); `out` receives P.
  Pf norm(const mpz_class& c, const Term& e, Poly& out, int depth = 0) {
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
        Poly pa, pb;
        Pf a = norm(c, l(e), pa, depth + 1), b = norm(c, r(e), pb, depth + 1);
        if (pa.mons.size() + pb.mons.size() > 2000) throw Unsupported("polynomial too long");
        out = Poly{};
        Pf s = padd(pa, pb, out);
        return chain({I(LDISTRIB(), {cT, l(e), r(e)}), add_lr(a, b), s});
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
        Term Q = numeral(qn), zT = signed_numeral(zc), a = l(e);
        // c * (a / d) = (z * Q) * (a / d) = (z * Q) * (a / Q) = z * a
        Pf s = mul_l(P().sym(s_mul(zT, Q)), e);
        if (r(e) != Q) {
          // d = Q from need(d) * d = need(d) * Q and CANCEL
          mpz_class nd = need(r(e));
          Poly pd;
          Pf dd = norm(nd, r(e), pd, depth + 1);  // nd * d = nd*Q
          Term ndT = numeral(nd);
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
  // hyps ⊢ 0 < n * E from hyps ⊢ 0 < E, n a positive numeral (by its bits: LT_ADD only)
  Pf scale_lt(const Term& n, const Pf& h) {
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
  // ⊢ ~(n = 0) for a positive numeral n
  Pf nonzero(const Term& n) { return P().prove_hyp(P().prove_hyp(positive(n), I(LT_NE(), {n})), I(NE_SYM(), {zero_, n})); }
  // ⊢ e = P
  Pf norm_top(const Term& e, Poly& out) { return P().trans(P().sym(I(MUL_LID(), {e})), norm(1, e, out)); }
  // ⊢ c * e = P as `norm`, derived once per (e, c) on the lemma prover and kept: the same
  // facts recur in many lemmas (a difference-logic cycle's edges in each of its conflicts;
  // a MIP row of 123 atoms, 15,000 steps to normalise, in hundreds). Their proofs stay
  // live, so at most 20,000 facts and 2,000,000 steps are kept.
  Pf norm_kept(const mpz_class& c, const Term& e, Poly& out) {
    auto& slot = kept_[e];
    for (const Kept& k : slot)
      if (k.c == c) return out = k.poly, k.pf;
    if (kept_count_ >= 20000 || kept_steps_ >= 2000000) return norm(c, e, out);
    size_t made = L_.made();
    Pf pf = on_lemmas([&] { return norm(c, e, out); });
    slot.push_back({c, pf, out});
    ++kept_count_, kept_steps_ += L_.made() - made;
    return pf;
  }

 private:
  Prover& L_;
  Prover* cur_ = &L_;
  bool is_int_;
  std::string p_, A_;
  Type ty_;
  Term zero_, one_, add_, mul_, sub_, neg_, le_, lt_, bit0_, bit1_, div_;
  std::vector<Term> v_;
  std::map<std::string, Pf> lemmas_;
  std::unordered_map<Term, std::pair<bool, mpq_class>, TermHash> const_memo_;
  std::unordered_map<Term, mpz_class, TermHash> need_memo_;
  std::unordered_map<Term, uint32_t, TermHash> atom_ids_;
  std::unordered_map<Term, Term, TermHash> canon_memo_;
  CondLemmas* cond_ = nullptr;
  int canon_depth_ = 0;
  std::vector<Term> atoms_;
  struct Kept {
    mpz_class c;
    Pf pf;
    Poly poly;
  };
  std::unordered_map<Term, std::vector<Kept>, TermHash> kept_;  // norm_kept
  struct PairHash {
    size_t operator()(const std::pair<uint64_t, uint64_t>& k) const { return k.first * 0x9e3779b97f4a7c15ull ^ k.second; }
  };
  std::unordered_map<std::pair<uint64_t, uint64_t>, Pf, PairHash> numeral_facts_;  // kept_numeral: (a and op, b)
  size_t kept_count_ = 0, kept_steps_ = 0;

 public:
  const Term& zero() const { return zero_; }
  const Term& atom(uint32_t id) const { return atoms_.at(id); }
  const Term& le_c() const { return le_; }
  const Term& lt_c() const { return lt_; }
  bool is_int() const { return is_int_; }
};

namespace {

// One literal as a fact 0 REL E (spec/arith.md, "Facts").
struct Fact {
  LinFact::Rel rel;
  Term e;           // E, unnormalised
  Pf pf;            // hyps ⊢ 0 REL E   (emitted only when used)
  Term lit;         // the literal it comes from
  Term discharge;   // for ~(s < t): the hypothesis t <= s to trade for the literal, else null
  mpz_class scale;  // need(E): clears E's divisors
  std::function<Pf()> axiom;  // ⊢ 0 REL E for a fact of the theory (no literal), else empty
};

}  // namespace

struct Arith::Impl {
  StepSink& lemma_sink;
  Prover lemmas;
  std::unique_ptr<Ring> ints, reals;
  CondLemmas cond;  // for abs (div and mod facts)
  explicit Impl(StepSink& s) : lemma_sink(s), lemmas(s), cond(s) {}
  Ring& ring(bool is_int) {
    auto& r = is_int ? ints : reals;
    if (!r) r = std::make_unique<Ring>(lemmas, is_int), r->set_cond(&cond);
    return *r;
  }
};

Arith::Arith(StepSink& lemma_sink) : impl_(std::make_unique<Impl>(lemma_sink)) {}
Arith::~Arith() = default;

namespace {

Type int_type() { return Type::op("int", {}); }
Type real_type() { return Type::op("real", {}); }
// The type of an arithmetic atom's operands, or null type (bool) when it is not one.
bool atom_parts(const Term& t, Term& rel, Term& s, Term& u) {
  if (t.kind() != TermKind::Comb || t.rator().kind() != TermKind::Comb) return false;
  rel = t.rator().rator();
  if (rel.kind() != TermKind::Const) return false;
  s = t.rator().rand(), u = t.rand();
  Type ty = s.type();
  if (ty != int_type() && ty != real_type()) return false;
  const std::string& n = rel.name();
  return n == "=" || n == "int.<=" || n == "int.<" || n == "real.<=" || n == "real.<";
}

// The facts of the literals of R's type (spec/arith.md, "Facts"), unnormalised and as
// numeric linear forms; `complete` is cleared when a literal (a disequality) is left out.
void push_fact(Ring& R, Fact f, std::vector<Fact>& facts, std::vector<LinFact>& lin) {
  f.scale = R.need(f.e);
  std::map<uint32_t, mpq_class> m;
  mpq_class k;
  R.lin(mpq_class(f.scale), f.e, m, k);
  LinFact lf{f.rel, {}, 0};
  for (auto& [a, c] : m)
    if (c != 0) {
      if (c.get_den() != 1) throw Unsupported("fraction left after scaling");
      lf.terms.push_back({a, c.get_num()});
    }
  if (k.get_den() != 1) throw Unsupported("fraction left after scaling");
  lf.constant = k.get_num();
  facts.push_back(std::move(f));
  lin.push_back(lf);
}

// For each `mod a k` and `div a k` among the atoms (k a positive numeral), INT_DIV_MOD's
// facts: 0 <= mod a k, mod a k <= k - 1, a = k * div a k + mod a k (spec/arith.md).
void div_mod_facts(Ring& R, std::vector<Fact>& facts, std::vector<LinFact>& lin) {
  std::vector<std::pair<Term, Term>> done;
  size_t n = lin.size();
  for (size_t i = 0; i < n; ++i)
    for (const auto& [id, c] : lin[i].terms) {
      Term t = R.atom(id), a, k;
      if (!R.div_mod_arg(t, a, k)) continue;
      if (std::find(done.begin(), done.end(), std::make_pair(a, k)) != done.end()) continue;
      done.push_back({a, k});
      Term mod = R.mod(a, k), div = R.div(a, k);
      Fact f{LinFact::Ge, mod, Pf{}, Term(), Term(), 0, [&R, a, k] { return R.mod_nonneg(a, k); }};
      push_fact(R, f, facts, lin);
      f.e = R.add(R.neg(R.numeral(1)), R.add(R.neg(mod), k)), f.axiom = [&R, a, k] { return R.mod_lt(a, k); };
      push_fact(R, f, facts, lin);
      f.rel = LinFact::Eq, f.e = R.add(R.neg(a), R.add(R.mul(k, div), mod));
      f.axiom = [&R, a, k] { return R.div_eq(a, k); };
      push_fact(R, f, facts, lin);
      if (done.size() >= 16) return;
    }
}

void make_facts(Ring& R, const std::vector<Term>& lits, std::vector<Fact>& facts, std::vector<LinFact>& lin,
                bool& complete) {
  for (const Term& lit : lits) {
    bool pos = !is_neg(lit);
    Term atom = pos ? lit : lit.rand(), rel, s, t;
    if (!atom_parts(atom, rel, s, t) || (s.type() == int_type()) != R.is_int()) continue;
    Fact f{LinFact::Ge, Term(), Pf{}, lit, Term(), 0, {}};
    std::string n = rel.name();
    bool is_le = n.size() > 2 && n.substr(n.size() - 2) == "<=", is_lt = !is_le && n != "=";
    if (n == "=") {
      if (!pos) {  // split by the caller
        complete = false;
        continue;
      }
      f.rel = LinFact::Eq, f.e = R.add(R.neg(s), t);
    } else if (is_le) {
      f.rel = pos ? LinFact::Ge : LinFact::Gt, f.e = pos ? R.add(R.neg(s), t) : R.add(R.neg(t), s);
    } else if (is_lt) {
      f.rel = pos ? LinFact::Gt : LinFact::Ge, f.e = pos ? R.add(R.neg(s), t) : R.add(R.neg(t), s);
      if (!pos) f.discharge = R.le(t, s);
    }
    if (R.is_int() && f.rel == LinFact::Gt) f.rel = LinFact::Ge, f.e = R.add(R.neg(R.numeral(1)), f.e);
    push_fact(R, f, facts, lin);
  }
  if (R.is_int()) div_mod_facts(R, facts, lin);
}

// The order in which the used facts are summed: each next the one that leaves the running
// sum with the fewest atoms. Why: the sum is normalised by merging each fact's polynomial
// into the running one, at a cost linear in both; a chain x0 - x1 <= 0, x1 - x2 <= 0, …
// (difference logic's cycles, 111 facts in diamonds.10.10) telescopes when summed along the
// chain, but in the order given the running sum grows to half the chain: quadratic. Greedy,
// and only while that search stays small (n² × atoms); otherwise the order given.
std::vector<size_t> sum_order(const std::vector<LinFact>& lin, const std::vector<mpz_class>& y) {
  std::vector<size_t> rest, out;
  size_t width = 0;
  for (size_t i = 0; i < lin.size(); ++i)
    if (y[i] != 0) rest.push_back(i), width += lin[i].terms.size();
  if (rest.size() * width > 2000000) return rest;
  std::map<uint32_t, mpz_class> acc;  // the running sum's coefficients (non-zero only)
  while (!rest.empty()) {
    size_t best = 0;
    long best_growth = 0;
    for (size_t r = 0; r < rest.size(); ++r) {
      long growth = 0;
      for (const auto& [a, c] : lin[rest[r]].terms) {
        auto it = acc.find(a);
        if (it == acc.end()) ++growth;
        else if (it->second + y[rest[r]] * c == 0) --growth;
      }
      if (r == 0 || growth < best_growth) best = r, best_growth = growth;
    }
    size_t i = rest[best];
    for (const auto& [a, c] : lin[i].terms) {
      mpz_class& v = acc[a];
      v += y[i] * c;
      if (v == 0) acc.erase(a);
    }
    out.push_back(i);
    rest.erase(rest.begin() + best);
  }
  return out;
}

// The refutation of one case (after disequalities are split) in one ring.
std::optional<Pf> refute_case(Ring& R, Prover& P, const std::vector<Term>& lits, bool emit, bool* sat,
                              size_t max_pivots = 20000, size_t* used = nullptr) {
  std::vector<Fact> facts;
  std::vector<LinFact> lin;
  bool complete = true;  // every literal of this ring became a fact
  make_facts(R, lits, facts, lin, complete);
  if (facts.empty()) return std::nullopt;
  auto y = find_farkas(lin, max_pivots, used);
  if (!y) {
    // Satisfiable over the rationals (so over the reals) when the search is exhaustive
    // (a small system: far within the pivot budget) and every atom is a variable.
    if (sat && complete && !R.is_int() && facts.size() <= 30) {
      bool vars = true;
      for (const LinFact& lf : lin)
        for (const auto& [a, c] : lf.terms) vars = vars && R.atom(a).kind() == TermKind::Var;
      *sat = vars;
    }
    return std::nullopt;
  }
  if (!emit) return Pf{1, Term()};

  R.use(P);
  // Each used fact, scaled by y_i * need(E_i) and brought to canonical form, then summed.
  struct Part {
    Pf pf;  // hyps ⊢ 0 REL P, P canonical
    LinFact::Rel rel;
    Poly poly;
  };
  std::vector<Part> parts;
  std::vector<size_t> order = sum_order(lin, *y);
  for (size_t i : order) {
    Fact& f = facts[i];
    Pf base;  // {lit or discharge} ⊢ 0 REL E  (before integer tightening)
    if (f.axiom) {
      base = f.axiom();
    } else {
      Term atom = is_neg(f.lit) ? f.lit.rand() : f.lit, rel, s, t;
      atom_parts(atom, rel, s, t);
      bool pos = !is_neg(f.lit);
      std::string n = rel.name();
      if (n == "=") base = R.I(R.EQ_SUB(), {s, t});
      else if (n.substr(n.size() - 2) == "<=") base = pos ? R.I(R.LE_SUB(), {s, t}) : R.I(R.NLE(), {s, t});
      else base = pos ? R.I(R.LT_SUB(), {s, t}) : R.I(R.LE_SUB(), {t, s});
    }
    if (R.is_int() && base.concl.rator().rator() == R.lt_c()) base = P.prove_hyp(base, R.I(R.INT_TIGHT(), {base.concl.rand()}));
    mpz_class c = (*y)[i] * f.scale;
    Pf scaled;
    if (f.rel == LinFact::Eq) {
      scaled = P.prove_hyp(base, R.I(R.SCALE_EQ(), {R.signed_numeral(c), f.e}));
    } else if (base.concl.rator().rator() == R.le_c()) {
      Term cT = R.numeral(c);
      scaled = P.prove_hyp(R.positive(cT), P.prove_hyp(base, R.I(R.SCALE_LE(), {cT, f.e})));
    } else {
      scaled = R.scale_lt(R.numeral(c), base);
    }
    LinFact::Rel rel = f.rel == LinFact::Eq ? LinFact::Eq : scaled.concl.rator().rator() == R.lt_c() ? LinFact::Gt : LinFact::Ge;
    // Canonical before it is added (by a kept proof), so each addition merges two
    // canonical polynomials: linear in their sizes.
    Poly pi;
    Term ce = scaled.concl.rand();
    Pf eq = R.norm_kept(c, f.e, pi);
    if (eq.concl.lhs() != ce) eq = R.norm_top(ce, pi);
    scaled = rel == LinFact::Eq ? P.trans(scaled, eq) : P.eq_mp(P.ap_term(scaled.concl.rator(), eq), scaled);
    parts.push_back({scaled, rel, std::move(pi)});
  }
  // 0 REL1 A and 0 REL2 B give 0 REL A + B (strict if either is, an equation if both are),
  // merged into canonical form.
  auto combine = [&](const Part& x, const Part& y2) -> Part {
    Term a = x.pf.concl.rand(), b = y2.pf.concl.rand();
    Pf sum;
    LinFact::Rel rel = y2.rel;
    bool swapped = false;  // the sum is b + a
    if (y2.rel == LinFact::Eq) {
      const Pf& L = x.rel == LinFact::Eq ? R.EQ_ADD_EQ() : x.rel == LinFact::Gt ? R.LT_ADD_EQ() : R.LE_ADD_EQ();
      sum = P.prove_hyp(y2.pf, P.prove_hyp(x.pf, R.I(L, {a, b})));
      rel = x.rel;
    } else if (x.rel == LinFact::Eq) {  // an inequality and an equation: it goes first
      const Pf& L = y2.rel == LinFact::Gt ? R.LT_ADD_EQ() : R.LE_ADD_EQ();
      sum = P.prove_hyp(x.pf, P.prove_hyp(y2.pf, R.I(L, {b, a})));
      swapped = true;
    } else if (x.rel == LinFact::Ge && y2.rel == LinFact::Ge) {
      sum = P.prove_hyp(y2.pf, P.prove_hyp(x.pf, R.I(R.LE_ADD(), {a, b})));
    } else if (x.rel == LinFact::Ge) {  // the strict one first
      sum = P.prove_hyp(x.pf, P.prove_hyp(y2.pf, R.I(R.LT_ADD(), {b, a})));
      rel = LinFact::Gt;
      swapped = true;
    } else {  // x strict
      Pf nb = y2.rel == LinFact::Gt ? P.prove_hyp(y2.pf, R.I(R.LT_LE(), {b})) : y2.pf;
      sum = P.prove_hyp(nb, P.prove_hyp(x.pf, R.I(R.LT_ADD(), {a, b})));
      rel = LinFact::Gt;
    }
    Poly merged;
    Pf m = swapped ? R.padd(y2.poly, x.poly, merged) : R.padd(x.poly, y2.poly, merged);
    sum = rel == LinFact::Eq ? P.trans(sum, m) : P.eq_mp(P.ap_term(sum.concl.rator(), m), sum);
    return {sum, rel, std::move(merged)};
  };
  // Summed pairwise, level by level: a merge costs the sizes of both sides, so adding one
  // fact at a time to a running sum of n atoms costs n per fact (a MIP lemma: 150 facts
  // into a sum of ~50 atoms), where pairs cost each atom once per level. Neighbours in
  // sum_order stay neighbours, so a chain still telescopes.
  while (parts.size() > 1) {
    std::vector<Part> next;
    for (size_t k = 0; k + 1 < parts.size(); k += 2) next.push_back(combine(parts[k], parts[k + 1]));
    if (parts.size() % 2) next.push_back(std::move(parts.back()));
    parts = std::move(next);
  }
  // The sum is the constant K: contradict 0 REL K.
  if (parts.empty() || !parts[0].poly.mons.empty()) return std::nullopt;
  const Poly& K = parts[0].poly;
  LinFact::Rel acc_rel = parts[0].rel;
  Term zero = R.zero();
  Pf fk = parts[0].pf;
  Pf f;
  if (acc_rel == LinFact::Gt && K.k == 0) {
    f = P.not_elim(P.prove_hyp(fk, R.I(R.LT_NE(), {zero})), P.refl(zero));
  } else if (K.k < 0) {
    Term n = R.numeral(-K.k);
    if (acc_rel == LinFact::Gt) fk = P.prove_hyp(fk, R.I(R.LT_LE(), {R.neg(n)}));
    if (acc_rel == LinFact::Eq) fk = P.eq_mp(P.ap_term(Term::comb(R.le_c(), zero), fk), R.I(R.LE_REFL(), {zero}));
    f = P.prove_hyp(R.positive(n), P.prove_hyp(fk, R.I(R.NEG_NONNEG(), {n})));
  } else if (acc_rel == LinFact::Eq && K.k > 0) {
    Term n = R.numeral(K.k);
    f = P.not_elim(P.prove_hyp(R.positive(n), R.I(R.LT_NE(), {n})), fk);
  } else {
    return std::nullopt;
  }
  // Trade each discharge hypothesis t <= s for its literal ~(s < t) (NLT).
  for (size_t i : order) {
    const Fact& fa = facts[i];
    if (fa.discharge == Term()) continue;
    Term s = fa.lit.rand().rator().rand(), t = fa.lit.rand().rand();
    f = P.prove_hyp(P.not_intro(fa.discharge, f), R.I(R.NLT(), {s, t}));
  }
  return f;
}

// ---- Integer cuts and branches (spec/arith.md, "Integer cuts")
// A plan refutes a case by splitting on literals `t <= k` (t an integer linear term, k a
// numeral): each split node refutes the case with `t <= k` added and with `~(t <= k)` added
// (the latter is `k + 1 <= t` once tightened), a leaf by a Farkas combination.
struct PlanNode {
  Term split;      // t <= k; null for a leaf
  int a = -1, b = -1;
};

// Search budget per case: split depth, simplex runs (Farkas or model searches) and pivots.
constexpr int kCutDepth = 24;
constexpr int kCutSearches = 1000;
constexpr size_t kCutFacts = 64;  // facts and atoms per case; larger cases are not searched
constexpr size_t kCutPivots = 1000;  // per simplex run in the search
constexpr size_t kCutPivotsTotal = 50000;

struct CutBudget {
  int searches = kCutSearches;
  size_t pivots = 0;  // made so far
  // Takes one simplex run; false when none is left.
  bool take() { return searches-- > 0 && pivots < kCutPivotsTotal; }
};

// A candidate split term: primitive integer coefficients over atoms, first one positive.
struct SplitTerm {
  std::vector<std::pair<uint32_t, mpz_class>> terms;
  mpq_class value;  // at the model
};

Term split_term(Ring& R, const SplitTerm& c) {
  Term t;
  for (size_t i = c.terms.size(); i-- > 0;) {
    const auto& [a, k] = c.terms[i];
    Term m = k == 1 ? R.atom(a) : R.mul(R.signed_numeral(k), R.atom(a));
    t = t == Term() ? m : R.add(m, t);
  }
  return t;
}

mpz_class floor_q(const mpq_class& q) {
  mpz_class f;
  mpz_fdiv_q(f.get_mpz_t(), q.get_num_mpz_t(), q.get_den_mpz_t());
  return f;
}
mpz_class ceil_q(const mpq_class& q) {
  mpz_class f;
  mpz_cdiv_q(f.get_mpz_t(), q.get_num_mpz_t(), q.get_den_mpz_t());
  return f;
}

// Integer bounds lo <= x <= hi stated by single-atom facts (a·x + k >= 0, = 0).
struct Bounds {
  std::map<uint32_t, mpz_class> lo, hi;
  bool fixed(uint32_t a) const {
    auto l = lo.find(a), h = hi.find(a);
    return l != lo.end() && h != hi.end() && l->second == h->second;
  }
};

Bounds bounds_of(const std::vector<LinFact>& lin) {
  Bounds b;
  for (const LinFact& f : lin) {
    const std::pair<uint32_t, mpz_class>* t = nullptr;
    size_t n = 0;
    for (const auto& p : f.terms)
      if (p.second != 0) t = &p, ++n;
    if (n != 1) continue;
    mpq_class v(-f.constant, t->second);  // a·x + k >= 0: x >= v (a > 0) or x <= v (a < 0)
    v.canonicalize();
    auto lower = [&](const mpz_class& c) {
      auto it = b.lo.find(t->first);
      if (it == b.lo.end() || it->second < c) b.lo[t->first] = c;
    };
    auto upper = [&](const mpz_class& c) {
      auto it = b.hi.find(t->first);
      if (it == b.hi.end() || it->second > c) b.hi[t->first] = c;
    };
    if (f.rel == LinFact::Eq || t->second > 0) lower(ceil_q(v));
    if (f.rel == LinFact::Eq || t->second < 0) upper(floor_q(v));
  }
  return b;
}

// The candidates at a rational model, fractional there: each fact's variable part without
// the atoms its case fixes (lo = hi), divided by the gcd of its coefficients (a Gomory
// split of that row; when the gcd does not divide the rest, one or both branches close at
// once: the gcd test, Chvátal–Gomory rounding), then each atom.
std::vector<SplitTerm> split_candidates(const std::vector<LinFact>& lin, const std::map<uint32_t, mpq_class>& model,
                                        const Bounds& bounds) {
  std::vector<SplitTerm> out;
  auto add = [&](std::vector<std::pair<uint32_t, mpz_class>> ts) {
    if (ts.empty()) return;
    std::sort(ts.begin(), ts.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    mpz_class g = 0;
    for (const auto& [a, c] : ts) g = gcd(g, c);
    if (ts[0].second < 0) g = -g;
    SplitTerm st;
    st.value = 0;
    for (auto& [a, c] : ts) {
      c /= g;
      auto it = model.find(a);
      if (it != model.end()) st.value += c * it->second;
    }
    st.terms = std::move(ts);
    if (st.value.get_den() == 1) return;
    for (const SplitTerm& o : out)
      if (o.terms == st.terms) return;
    out.push_back(std::move(st));
  };
  using Row = std::map<uint32_t, mpz_class>;
  std::vector<Row> rows;
  for (const LinFact& f : lin) {
    Row r;
    for (const auto& [a, c] : f.terms)
      if (c != 0 && !bounds.fixed(a)) r[a] += c;
    rows.push_back(r);
  }
  auto add_row = [&](const Row& r) {
    std::vector<std::pair<uint32_t, mpz_class>> ts;
    for (const auto& [a, c] : r)
      if (c != 0) ts.push_back({a, c});
    if (ts.size() > 1) add(ts);
  };
  for (const Row& r : rows) add_row(r);
  // The rows again after substituting the equations' atoms of coefficient ±1 (an integral,
  // unimodular elimination: x - 2y = 0 and x - 2d = 1 give 2y - 2d = 1).
  for (size_t i = 0; i < lin.size() && i < 64; ++i) {
    if (lin[i].rel != LinFact::Eq) continue;
    const Row& e = rows[i];
    auto unit = std::find_if(e.begin(), e.end(), [](const auto& p) { return abs(p.second) == 1; });
    if (unit == e.end()) continue;
    uint32_t v = unit->first;
    for (size_t j = 0; j < rows.size(); ++j) {
      if (j == i || !rows[j].count(v) || rows[j][v] == 0) continue;
      mpz_class f = rows[j][v] * unit->second;  // rows[j] - f·e eliminates v (unit² = 1)
      Row r = rows[j];
      for (const auto& [a, c] : e) r[a] -= f * c;
      add_row(r);
    }
  }
  for (const auto& [a, v] : model) add({{a, 1}});
  return out;
}

// A plan refuting lits (node index); -1 when none is found within the budget, -2 when a
// node's rational model is an integer point (lits then hold over the integers: stop).
// With `farkas_first` false the case is known not to be Farkas-refutable.
int plan_cuts(Ring& R, Prover& P, const std::vector<Term>& lits, int depth, CutBudget& budget,
              std::vector<PlanNode>& nodes, bool farkas_first = true) {
  auto leaf = [&]() {
    nodes.push_back({});
    return int(nodes.size()) - 1;
  };
  auto split_node = [&](const Term& b, int a, int c) {
    nodes.push_back({b, a, c});
    return int(nodes.size()) - 1;
  };
  if (farkas_first) {
    if (!budget.take()) return -1;
    if (refute_case(R, P, lits, false, nullptr, kCutPivots, &budget.pivots)) return leaf();
  }
  if (depth == 0 || !budget.take()) return -1;
  std::vector<Fact> facts;
  std::vector<LinFact> lin;
  bool complete = true;
  make_facts(R, lits, facts, lin, complete);
  if (lin.size() > kCutFacts) return -1;
  auto model = find_model(lin, kCutPivots, &budget.pivots);
  if (!model || model->size() > kCutFacts) return -1;
  Bounds bounds = bounds_of(lin);
  std::vector<SplitTerm> cands = split_candidates(lin, *model, bounds);
  if (cands.empty()) return complete ? -2 : -1;  // an integer point
  std::vector<Term> with = lits;
  with.push_back(Term());
  auto farkas = [&](const Term& lit) {
    with.back() = lit;
    return budget.take() && refute_case(R, P, with, false, nullptr, kCutPivots, &budget.pivots).has_value();
  };
  // One split that both sides refute by Farkas.
  int cut = -1;
  for (size_t i = 0; i < cands.size(); ++i) {
    if (budget.searches <= 0 || budget.pivots >= kCutPivotsTotal) return -1;
    Term b = R.le(split_term(R, cands[i]), R.signed_numeral(floor_q(cands[i].value)));
    bool a = farkas(b), c = a && farkas(Prover::negate(b));
    if (a && c) return split_node(b, leaf(), leaf());
    if (a && cut < 0) cut = int(i);
  }
  // Otherwise recurse on both sides of one split: an atom the model puts at one of its
  // bounds (lo <= x <= hi) is walked off it (x = hi, x <= hi - 1: the first side is fixed
  // and its rows lose x), else a fractional candidate, one side of which Farkas closes
  // when there is one.
  Term b;
  for (const auto& [a, v] : *model) {
    if (bounds.fixed(a) || v.get_den() != 1) continue;
    auto h = bounds.hi.find(a), l = bounds.lo.find(a);
    if (h != bounds.hi.end() && h->second == v.get_num()) {
      b = R.le(R.atom(a), R.signed_numeral(h->second - 1));
      break;
    }
    if (l != bounds.lo.end() && l->second == v.get_num()) {
      b = R.le(R.atom(a), R.signed_numeral(l->second));
      break;
    }
  }
  if (b == Term()) {
    const SplitTerm& c = cands[cut < 0 ? 0 : cut];
    b = R.le(split_term(R, c), R.signed_numeral(floor_q(c.value)));
  }
  with.back() = b;
  int a = plan_cuts(R, P, with, depth - 1, budget, nodes);
  if (a < 0) return a;
  with.back() = Prover::negate(b);
  int c = plan_cuts(R, P, with, depth - 1, budget, nodes);
  if (c < 0) return c;
  return split_node(b, a, c);
}

// {lits} ⊢ F following the plan: a split `b` is NOT_INTRO of the b side, which PROVE_HYP
// discharges from the ~b side.
std::optional<Pf> emit_plan(Ring& R, Prover& P, const std::vector<Term>& lits, const std::vector<PlanNode>& nodes, int i) {
  const PlanNode& n = nodes[i];
  if (n.split == Term()) return refute_case(R, P, lits, true, nullptr);
  std::vector<Term> with = lits;
  with.push_back(n.split);
  auto a = emit_plan(R, P, with, nodes, n.a);
  if (!a) return std::nullopt;
  with.back() = Prover::negate(n.split);
  auto b = emit_plan(R, P, with, nodes, n.b);
  if (!b) return std::nullopt;
  return P.prove_hyp(P.not_intro(n.split, *a), *b);
}

// One case: a Farkas combination, or over the integers a plan of cuts and branches.
std::optional<Pf> refute_int_case(Ring& R, Prover& P, const std::vector<Term>& lits, bool emit, bool* sat) {
  if (auto r = refute_case(R, P, lits, emit, sat)) return r;
  if (!R.is_int()) return std::nullopt;
  std::vector<PlanNode> nodes;
  CutBudget budget;
  int root = plan_cuts(R, P, lits, kCutDepth, budget, nodes, false);
  if (root == -2 && sat) {
    // An integer point of a case that extends lits: a countermodel when every atom is a
    // variable (spec/arith.md, "Verdicts on false steps").
    std::vector<Fact> facts;
    std::vector<LinFact> lin;
    bool complete = true, vars = true;
    make_facts(R, lits, facts, lin, complete);
    for (const LinFact& lf : lin)
      for (const auto& [a, c] : lf.terms) vars = vars && R.atom(a).kind() == TermKind::Var;
    *sat = complete && vars;
  }
  if (root < 0) return std::nullopt;
  if (!emit) return Pf{1, Term()};
  return emit_plan(R, P, lits, nodes, root);
}

}  // namespace

std::optional<std::pair<std::string, bool>> Arith::key(const Term& atom) {
  Term rel, s, t;
  if (!atom_parts(atom, rel, s, t)) return std::nullopt;
  bool is_int = s.type() == int_type();
  try {
    Ring& R = impl_->ring(is_int);
    std::string n = rel.name();
    bool eq = n == "=", lt = !eq && n.substr(n.size() - 2) != "<=";
    // s <= t is 0 <= t - s; s < t is ~(t <= s), i.e. ~(0 <= s - t); s = t is 0 = t - s.
    std::map<uint32_t, mpq_class> m;
    mpq_class k;
    R.lin(1, lt ? s : t, m, k);
    R.lin(-1, lt ? t : s, m, k);
    // Scale to primitive integers; an equation also up to sign (first coefficient > 0).
    mpz_class den = k.get_den(), g = k.get_num();
    for (auto& [a, c] : m) den = lcm(den, mpz_class(c.get_den()));
    std::vector<std::pair<uint32_t, mpz_class>> cs;
    for (auto& [a, c] : m)
      if (c != 0) cs.push_back({a, mpz_class(c * den)}), g = gcd(g, cs.back().second);
    mpz_class kk = mpz_class(k * den);
    if (g == 0) g = 1;
    g = abs(g);
    if (eq && !cs.empty() && cs[0].second < 0) g = -g;
    std::string key = std::string(is_int ? "i" : "r") + (eq ? "=" : "<") + mpz_class(kk / g).get_str();
    for (auto& [a, c] : cs) key += " " + std::to_string(a) + ":" + mpz_class(c / g).get_str();
    return std::make_pair(key, lt);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

std::optional<Pf> Arith::normal_form(StepSink& out, const Term& t) {
  bool is_int = t.type() == int_type();
  if (!is_int && t.type() != real_type()) return std::nullopt;
  try {
    Prover P(out);
    Ring& R = impl_->ring(is_int);
    R.use(P);
    Poly p;
    return R.norm_top(t, p);
  } catch (const Unsupported&) {
    return std::nullopt;
  }
}

bool Arith::is_atom(const Term& t) {
  Term rel, s, u;
  return atom_parts(t, rel, s, u);
}

std::optional<uint64_t> Arith::refute(StepSink& out, const std::vector<Term>& lits, bool emit, bool* satisfiable) {
  Prover P(out);
  bool any = false, all_sat = true;
  for (bool is_int : {false, true}) {
    bool mine = false;
    for (const Term& l : lits) {
      Term a = is_neg(l) ? l.rand() : l, rel, s, t;
      if (atom_parts(a, rel, s, t) && (s.type() == int_type()) == is_int) mine = true;
    }
    if (!mine) continue;
    any = true;
    bool ring_sat = false;
    try {
      Ring& R = impl_->ring(is_int);
      // Disequalities: ~(s = t) gives s < t \/ t < s; refute both (at most 4 splits).
      std::function<std::optional<Pf>(std::vector<Term>, int, bool*)> go = [&](std::vector<Term> ls, int budget,
                                                                            bool* sat) -> std::optional<Pf> {
        for (size_t i = 0; i < ls.size(); ++i) {
          Term rel, s, t;
          if (!is_neg(ls[i]) || !atom_parts(ls[i].rand(), rel, s, t) || rel.name() != "=" ||
              (s.type() == int_type()) != is_int)
            continue;
          if (budget == 0) break;
          std::vector<Term> a = ls, b = ls;
          a[i] = R.lt(s, t), b[i] = R.lt(t, s);
          auto ra = go(a, budget - 1, sat);
          if (!ra) return std::nullopt;
          auto rb = go(b, budget - 1, sat);
          if (!rb) return std::nullopt;
          if (!emit) return ra;
          R.use(P);
          return P.disj_cases(R.I(R.NE_SPLIT(), {s, t}), *ra, *rb);
        }
        return refute_int_case(R, P, ls, emit, sat);
      };
      if (auto r = go(lits, 4, &ring_sat)) return r->id;
    } catch (const Unsupported&) {
      ring_sat = false;
    }
    all_sat = all_sat && ring_sat;
  }
  if (satisfiable) *satisfiable = any && all_sat;
  return std::nullopt;
}

}  // namespace hcert::provers
