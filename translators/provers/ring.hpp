// The ring, order and numeral reasoning of one type (int or real) for the linear
// arithmetic prover (arith.hpp): the derived lemmas (ring_lemmas.cpp) and the proof-producing
// normaliser to canonical polynomials (ring_normal.cpp). Internal to the arithmetic
// (arith.cpp, arith_cuts.cpp); other provers and translators use arith.hpp.
//
// What it proves: every Pf it returns is the conclusion its certificate step will have if
// the kernel accepts it (pf.hpp); lemmas are stated over the free variables x, y, z, w
// and instantiated, each derived once on the lemma prover (kept for the whole
// certificate). A term outside the normaliser's reach throws Unsupported, which the
// arithmetic turns into "not proved" (a hole upstream), never into a verdict.
#pragma once
#include <gmpxx.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "translators/provers/pf.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::provers {
class CondLemmas;  // cond.hpp
}

namespace hcert::provers::detail {

// Thrown when a term is outside what the normaliser handles (a hole, never a verdict).
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A canonical polynomial (spec/arith.md): monomials c*x in atom order, then a constant.
struct Poly {
  std::vector<std::pair<uint32_t, mpz_class>> mons;
  mpz_class k;
};

// The ring, order and numeral reasoning of one type (int or real): lemma cache and the
// normaliser. Lemmas are stated over the free variables x, y, z, w and instantiated.
class Ring {
 public:
  Ring(Prover& lemmas, bool is_int) : L_(lemmas), is_int_(is_int) {
    p_ = is_int ? "int." : "real.";
    A_ = is_int ? "INT_" : "REAL_";
    ty_ = Type::op(vocab(), is_int ? "int" : "real", {});
    Type f2 = Type::fun(ty_, Type::fun(ty_, ty_)), r2 = Type::fun(ty_, Type::fun(ty_, Type::boolean()));
    zero_ = Term::constant(vocab(), p_ + "0", ty_);
    one_ = Term::constant(vocab(), p_ + "1", ty_);
    add_ = Term::constant(vocab(), p_ + "+", f2);
    mul_ = Term::constant(vocab(), p_ + "*", f2);
    sub_ = Term::constant(vocab(), p_ + "-", f2);
    neg_ = Term::constant(vocab(), p_ + "neg", Type::fun(ty_, ty_));
    le_ = Term::constant(vocab(), p_ + "<=", r2);
    lt_ = Term::constant(vocab(), p_ + "<", r2);
    bit0_ = Term::constant(vocab(), p_ + "bit0", Type::fun(ty_, ty_));
    bit1_ = Term::constant(vocab(), p_ + "bit1", Type::fun(ty_, ty_));
    if (!is_int) div_ = Term::constant(vocab(), "real./", f2);
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
  // The same with the instance's conclusion as the caller built it (Prover::inst_as): the
  // numerals' bit lemmas, instantiated by the thousand, need no substitution to predict.
  Pf I_as(const Pf& lemma, std::initializer_list<Term> args, Term concl) {
    std::vector<std::pair<Term, Term>> th;
    size_t i = 0;
    for (const Term& a : args) th.push_back({v_[i++], a});
    return P().inst_as(lemma, th, std::move(concl));
  }

  // A theory axiom with its universal variables specialised to x, y, z.
  Pf axiom(const std::string& name);
  // ⊢ c a1 … an = body[a1 … an] for a definition ⊢ c = λx1 … xn. body (n = 1 or 2).
  Pf unfold(const std::string& name, std::vector<Term> args);

  // A fact about numerals (`⊢ a + b = c`, `⊢ a * b = c`, `⊢ 0 < n`), derived once on the
  // lemma prover and kept: a problem's coefficients recur in every lemma, and each such
  // fact costs a step per bit. No hypotheses, so reuse is sound. At most 100,000 kept.
  Pf kept_numeral(char op, const Term& a, const Term& b, const std::function<Pf()>& derive);
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
  Pf lemma(const char* key, const std::function<Pf()>& derive);
  const Term &x() const { return v_[0]; }
  const Term &y() const { return v_[1]; }
  const Term &z() const { return v_[2]; }
  const Term &w() const { return v_[3]; }

  Pf ADD_ASSOC();  // x+(y+z) = (x+y)+z
  Pf ADD_COMM();
  Pf ADD_LID();  // 0+x = x
  Pf ADD_LINV();  // neg x + x = 0
  Pf MUL_ASSOC();
  Pf MUL_COMM();
  Pf MUL_LID();
  Pf LDISTRIB();  // x*(y+z) = x*y + x*z
  // x + 0 = x
  Pf ADD_RID();
  // x + neg x = 0
  Pf ADD_RINV();
  // (x + y) + z = x + (y + z)
  Pf ADD_ASSOC_R();
  // x + (y + z) = y + (x + z)
  Pf ADD_SWAP();
  // (x + y) + (z + w) = (x + z) + (y + w)
  Pf ADD_PAIR();
  // (x + y) * z = x * z + y * z
  Pf RDISTRIB();
  // x * 0 = 0
  Pf MUL_0();
  // 0 * x = 0
  Pf ZERO_MUL();
  // {x + y = 0} ⊢ x = neg y
  Pf INV_UNIQ();
  // neg (neg x) = x
  Pf NEG_NEG();
  // neg x * y = neg (x * y)
  Pf NEG_MUL();
  // x * neg y = neg (x * y)
  Pf MUL_NEG();
  // neg x * neg y = x * y
  Pf NEG_MUL_NEG();
  // neg x + neg y = neg (x + y)
  Pf NEG_ADD();
  // {x + y = z} ⊢ z + neg y = x
  Pf SUB1();
  // {x + y = z} ⊢ x + neg z = neg y
  Pf SUB2();
  // x - y = x + neg y
  Pf SUB_DEF();
  // x < y = (x <= y /\ ~(x = y))
  Pf LT_DEF();
  Pf BIT0_DEF();  // bit0 x = x + x
  Pf BIT1_DEF();  // bit1 x = (x+x)+1

  // ---- AC over + (only for deriving the numeral lemmas: small terms, recursion is fine)
  Pf unfold_bits(const Term& t);
  static bool before(const Term& a, const Term& b) { return a.serial() <= b.serial(); }
  Term head(const Term& t) const { return is2(t, add_) ? l(t) : t; }
  // X + Y = Z for sorted right-nested sums X and Y.
  Pf merge(const Term& X, const Term& Y);
  Pf ac(const Term& t);
  // s = t when both are equal sums after unfolding bit0/bit1.
  Pf by_ac(const Term& s, const Term& t);

  // ---- numerals: positive binary numerals by bits; signed ones are 0, n, neg n
  Pf NUMLEMMA(const char* key, const Term& lhs, const Term& rhs);
  Term b0(const Term& t) const { return Term::comb(bit0_, t); }
  Term b1(const Term& t) const { return Term::comb(bit1_, t); }
  // ⊢ m + n = k, m and n positive numerals.
  Pf pos_add(const Term& m, const Term& n);
  Pf pos_add_part(const Term& m, const Term& n);  // pos_add of higher bits (kept if shared)
  // Keep every sum of higher bits pos_add derives (for the difference-logic cycles, whose
  // path sums add many distinct small numerals); off by default.
  void share_numeral_parts() { share_parts_ = true; }
  // bit0 x * y = bit0 (x * y)
  Pf MB0();
  // bit1 x * y = bit0 (x * y) + y
  Pf MB1();
  // ⊢ m * n = k, m and n positive numerals.
  Pf pos_mul(const Term& m, const Term& n);
  // The value of a signed numeral term (0, n, neg n), or false.
  bool signed_value(const Term& t, mpz_class& v) const;
  // ⊢ a + b = c for signed numerals.
  Pf s_add(const Term& a, const Term& b);
  Pf s_add_raw(const Term& a, const Term& b);
  // ⊢ a * b = c for signed numerals.
  Pf s_mul(const Term& a, const Term& b);
  Pf s_mul_raw(const Term& a, const Term& b);

  // ---- order
  Pf LE_REFL();
  Pf LE_ANTISYM();  // x<=y /\ y<=x ==> x=y
  Pf LE_TRANS();
  Pf LE_TOTAL();  // x<=y \/ y<=x
  Pf LE_LADD();  // y<=z ==> x+y <= x+z
  Pf LE_MUL();  // 0<=x /\ 0<=y ==> 0<=x*y
  Pf le_l(const Pf& e, const Term& b) { return P().ap_thm(P().ap_term(le_, e), b); }
  Pf le_r(const Term& a, const Pf& e) { return P().ap_term(Term::comb(le_, a), e); }
  Pf lt_r(const Term& a, const Pf& e) { return P().ap_term(Term::comb(lt_, a), e); }
  Term eq0(const Term& t) const { return Term::eq(zero_, t); }
  // {~(x = y)} ⊢ ~(y = x)
  Pf NE_SYM();
  // {x <= y} ⊢ 0 <= neg x + y
  Pf LE_SUB();
  // {0 = neg y + x} ⊢ y = x
  Pf EQ_FROM_SUB();
  // {x = y} ⊢ 0 = neg x + y
  Pf EQ_SUB();
  // {0 <= x, ~(0 = x)} ⊢ 0 < x
  Pf MK_LT();
  // {0 < x} ⊢ 0 <= x   and   {0 < x} ⊢ ~(0 = x)
  Pf LT_LE();
  Pf LT_NE();
  // {x <= y} ⊢ (x <= y) as proved from y = x: {y = x} ⊢ x <= y
  Pf LE_OF_EQ();
  // {~(x <= y)} ⊢ 0 < neg y + x
  Pf NLE();
  // {x < y} ⊢ 0 < neg x + y
  Pf LT_SUB();
  // {~(x < y), ~(y <= x)} ⊢ F
  Pf NLT();
  // {~(x = y)} ⊢ x < y \/ y < x
  Pf NE_SPLIT();
  // {0 <= x, 0 <= y} ⊢ 0 <= x + y
  Pf LE_ADD();
  // {0 < x, 0 <= y} ⊢ 0 < x + y
  Pf LT_ADD();
  // ⊢ 0 < 1
  Pf ZERO_LT_ONE();
  // {0 < x} ⊢ 0 < x + x
  Pf LT_DOUBLE();
  // ⊢ 0 < n for a positive numeral n
  Pf positive(const Term& n);
  Pf positive_raw(const Term& n);

  // ---- Farkas combination lemmas
  // {0 < x, 0 <= y} ⊢ 0 <= x * y
  Pf SCALE_LE();
  // {0 < x, 0 < y} ⊢ 0 < x * y   (reals: by CANCEL, x * y = 0 = x * 0 giving y = 0): a strict
  // fact scaled in three steps where scale_lt takes some eight per bit of the multiplier
  Pf SCALE_LT();
  // {0 = y} ⊢ 0 = x * y
  Pf SCALE_EQ();
  // {0 <= x, 0 = y} ⊢ 0 <= x + y   and the strict and the equational versions
  Pf plus_eq(const Term& x_, const Pf& h);  // x = x + y
  Pf LE_ADD_EQ();
  Pf LT_ADD_EQ();
  Pf EQ_ADD_EQ();
  // {0 < x, 0 <= neg x} ⊢ F
  Pf NEG_NONNEG();
  // {0 < x} ⊢ 0 <= neg 1 + x  (integers)
  Pf INT_TIGHT();
  // ---- div and mod by a positive numeral k (INT_DIV_MOD; abs k = k by abs's definition
  // and COND's first equation)
  void set_cond(CondLemmas* c) { cond_ = c; }
  Term mod(const Term& a, const Term& k) const { return Term::comb(Term::comb(Term::constant(vocab(), "int.mod", Type::fun(ty_, Type::fun(ty_, ty_))), a), k); }
  Term div(const Term& a, const Term& k) const { return Term::comb(Term::comb(Term::constant(vocab(), "int.div", Type::fun(ty_, Type::fun(ty_, ty_))), a), k); }
  // t is `mod a k` or `div a k` with k a positive numeral or a negated one (`neg n`)?
  bool div_mod_arg(const Term& t, Term& a, Term& k) const;
  // {~(y = 0)} ⊢ x = y * div x y + mod x y /\ 0 <= mod x y /\ mod x y < abs y
  Pf DIVMOD();
  // {0 <= x} ⊢ abs x = x
  Pf ABS_POS();
  // {0 < y} ⊢ ~(y = 0)
  Pf POS_NZ();
  // {0 < y} ⊢ 0 <= mod x y
  Pf MOD_NONNEG();
  // {0 < y} ⊢ 0 <= neg 1 + (neg (mod x y) + y)
  Pf MOD_LT();
  // {0 < y} ⊢ 0 = neg x + (y * div x y + mod x y)
  Pf DIV_EQ();
  // ---- the same by a negated positive numeral neg n (INT_DIV_MOD with y := neg n;
  // abs (neg n) = n by abs's definition, COND's second equation and NEG_NEG)
  // {0 < y} ⊢ ~(neg y = 0)
  Pf NEG_NZ();
  // {0 < y} ⊢ abs (neg y) = y
  Pf ABS_NEG();
  // {0 < y} ⊢ INT_DIV_MOD's conclusion for x and neg y
  Pf DIVMOD_NEG();
  // {0 < y} ⊢ 0 <= mod x (neg y)
  Pf MOD_NONNEG_NEG();
  // {0 < y} ⊢ 0 <= neg 1 + (neg (mod x (neg y)) + y)
  Pf MOD_LT_NEG();
  // {0 < y} ⊢ 0 = neg x + (neg y * div x (neg y) + mod x (neg y))
  Pf DIV_EQ_NEG();
  // abs k for k a numeral `n` or `neg n`: n
  Term magnitude(const Term& k) const { return is1(k, neg_) ? k.rand() : k; }
  Pf mod_nonneg(const Term& a, const Term& k);
  Pf mod_lt(const Term& a, const Term& k);
  Pf div_eq(const Term& a, const Term& k);

  // {~(y = 0)} ⊢ (z * y) * (x / y) = z * x   (reals)
  Pf DIV_CANCEL();
  // {~(z = 0), z * x = z * y} ⊢ x = y   (reals)
  Pf CANCEL();

  // ---- the normaliser
  enum class Kind { Numeral, Atom, Add, Sub, Neg, MulL, MulR, Div };
  // How the normaliser reads e; `q` is the divisor's value for Div.
  Kind classify(const Term& e, mpq_class* q = nullptr);
  // The value of a constant expression (numerals, 0, +, -, neg, *, / by non-zero), memoised.
  bool constant(const Term& e, mpq_class& out);
  // A multiplier that clears every divisor the normaliser meets in e.
  mpz_class need(const Term& e);
  // ---- atoms under uninterpreted functions (spec/arith.md, "Atoms"; over int only): the
  // arguments of this type of an application f a1 … an are read in normal form, so that f (x - 2) and
  // f (neg 2 + x) are one atom. A normal form is written as the canonical polynomial, except
  // a constant (its numeral) and a lone atom with coefficient 1 (the atom itself).
  static bool uninterpreted(const Term& head);
  // The normal form of an argument, or null when the normaliser cannot prove it from the
  // argument alone (a divisor: `f 0.0`, 0.0 being 0 / 10, is left as it is).
  Term canon_arg(const Term& a);
  Term canon(const Term& e);
  // ⊢ e = canon(e), e an atom that canon changes.
  Pf canon_pf(const Term& e);
  uint32_t atom_id(const Term& t0);
  // The numeric linear form c * e (no proof), following `classify` exactly.
  void lin(const mpq_class& c, const Term& e, std::map<uint32_t, mpq_class>& m, mpq_class& k, int depth = 0);

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
  Pf padd(const Poly& a, const Poly& b, Poly& out);
  // ⊢ suffix(P, i) + suffix(Q, j) = suffix(R, 0), R appended to from its current end.
  Pf padd(const Poly& a, const std::vector<Term>& sa, size_t i, const Poly& b, const std::vector<Term>& sb, size_t j,
          Poly& out);
  // ⊢ c * e = P with P canonical (c ≠ 0); `out` receives P.
  Pf norm(const mpz_class& c, const Term& e, Poly& out, int depth = 0);
  // ⊢ e = P + Q for a sum e = ((y0 + y1) + …) + yk left-nested at least
  // kBalancedSumLength deep: P = y0 + … + y(m−1) and Q = (ym + …) + yk, m = ⌈(k+1)/2⌉,
  // both left-nested again; a null Pf for a shorter sum. Normalising the halves and
  // merging them costs O(n log n) steps for n summands instead of O(n²).
  Pf balanced_halves(const Term& e);
  static constexpr size_t kBalancedSumLength = 8;
  // hyps ⊢ 0 < n * E from hyps ⊢ 0 < E, n a positive numeral (by its bits: LT_ADD only)
  Pf scale_lt(const Term& n, const Pf& h);
  // ⊢ ~(n = 0) for a positive numeral n
  Pf nonzero(const Term& n);
  // ⊢ e = P
  Pf norm_top(const Term& e, Poly& out);
  // ⊢ c * e = P as `norm`, derived once per (e, c) on the lemma prover and kept: the same
  // facts recur in many lemmas (a difference-logic cycle's edges in each of its conflicts;
  // a MIP row of 123 atoms, 15,000 steps to normalise, in hundreds). Their proofs stay
  // live, so at most 20,000 facts and 2,000,000 steps are kept.
  Pf norm_kept(const mpz_class& c, const Term& e, Poly& out, int depth = 0);
  // `norm` of a part of a sum: a part that is itself a sum is kept (norm_kept) while fewer
  // than kMaxKeptParts are, since the sums Z3 names (`?x11459`, 20 atoms) recur inside
  // many atoms, each normalised afresh before (ex10100: a third of the check).
  Pf norm_part(const mpz_class& c, const Term& e, Poly& out, int depth);
  static constexpr size_t kMaxKeptParts = 10000;

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
  bool share_parts_ = false;

 public:
  const Term& zero() const { return zero_; }
  const Term& atom(uint32_t id) const { return atoms_.at(id); }
  const Term& le_c() const { return le_; }
  const Term& lt_c() const { return lt_; }
  bool is_add(const Term& t) const { return is2(t, add_); }
  bool is_sub(const Term& t) const { return is2(t, sub_); }
  bool is_neg(const Term& t) const { return is1(t, neg_); }
  bool is_int() const { return is_int_; }
};

}  // namespace hcert::provers::detail
