#include "translators/provers/taut.hpp"

#include "translators/provers/cond.hpp"
#include "translators/provers/formula.hpp"
#include "translators/vocabulary.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace hcert::provers {

namespace {

// The connective of a formula, by the core theory's constant names.
enum class Op { True, False, Not, And, Or, Imp, Iff, Refl, Cond, CondEq, Atom };

struct Shape {
  Op op;
  Term a, b;  // operands (a only for ~); Cond: c ? a : b; CondEq: the sides a = b
  Term c = {};
};


// With `cond`, COND on bool is a connective and an equation with a COND side a CondEq.
// (Each rator() is a reference-counted copy, taken once here: shape runs at every node a
// case split evaluates.)
Shape shape(const Term& t, bool cond = false) {
  if (t.kind() == TermKind::Const && t.type() == Type::boolean()) {
    if (t.name() == "T") return {Op::True, {}, {}};
    if (t.name() == "F") return {Op::False, {}, {}};
  }
  if (t.kind() != TermKind::Comb) return {Op::Atom, {}, {}};
  Term f = t.rator();
  if (f.kind() == TermKind::Const) {
    if (f.name() == "~") return {Op::Not, t.rand(), {}};
    return {Op::Atom, {}, {}};
  }
  if (f.kind() != TermKind::Comb) return {Op::Atom, {}, {}};
  Term g = f.rator();
  if (g.kind() == TermKind::Comb) {  // a three-argument application: COND c p q?
    Term c, p, q;
    if (cond && t.type() == Type::boolean() && is_cond(t, &c, &p, &q)) return {Op::Cond, p, q, c};
    return {Op::Atom, {}, {}};
  }
  if (g.kind() != TermKind::Const) return {Op::Atom, {}, {}};
  const std::string& n = g.name();
  Term a = f.rand(), b = t.rand();
  if (n == "=") {
    if (cond && b.type() != Type::boolean() && (is_cond(a) || is_cond(b))) return {Op::CondEq, a, b, {}};
    if (a == b) return {Op::Refl, a, b};
    if (a.type() == Type::boolean()) return {Op::Iff, a, b};
    return {Op::Atom, {}, {}};
  }
  if (n == "/\\") return {Op::And, a, b};
  if (n == "\\/") return {Op::Or, a, b};
  if (n == "==>") return {Op::Imp, a, b};
  return {Op::Atom, {}, {}};
}

// b = a for an equation a = b between non-booleans (the same atom up to symmetry), else
// a term no assignment holds.
Term flipped(const Term& t) {
  if (t.kind() != TermKind::Comb || t.rator().kind() != TermKind::Comb) return Term();
  const Term& f = t.rator().rator();
  if (f.kind() != TermKind::Const || f.name() != "=" || t.rand().type() == Type::boolean()) return Term();
  return Term::eq(t.rand(), t.rator().rand());
}

// A partial assignment: atom → (value, id of the assumed literal x or ~x).
struct Lit {
  bool value;
  uint64_t thm;
};
using Assignment = std::unordered_map<Term, Lit, TermHash>;

constexpr int kUnknown = -1, kTooDeep = -2;

class Splitter {
 public:
  Splitter(StepSink& out, int max_leaves, int max_depth, bool emit, const Theories* th)
      : out_(out), theory_(th ? th->arith : nullptr), cond_(th ? th->cond : nullptr),
        key_(th && th->arith && th->key ? &th->key : nullptr), has_cond(max_depth), leaves_left_(max_leaves),
        max_depth_(max_depth), emit_(emit) {
    if (emit) work_left_ = 1L << 40;  // the dry run already stayed within the budget
  }

  // {~ψ} ∪ assigned literals ⊢ F, or 0.
  uint64_t refute(const Term& psi, Assignment& as) {
    Term atom;
    has_preferred_ = false;
    preferred_depth_ = 1 << 30;
    int v = eval(psi, as, &atom, 0);
    if (v == kUnknown && has_preferred_) atom = preferred_;
    if (v == 0 && countermodel_ && countermodel_->empty() && genuine(as)) {
      for (const Term& x : order_) *countermodel_ += (countermodel_->empty() ? "" : ", ") + x.name() + (as.at(x).value ? " = true" : " = false");
      if (countermodel_->empty()) *countermodel_ = "whatever its atoms are";
    }
    if (v == 0 && theory_) {  // false propositionally: perhaps contradictory in the theory
      if (--leaves_left_ < 0) return 0;
      std::vector<Term> lits;
      for (const Term& x : order_) lits.push_back(as.at(x).value ? x : neg(x));
      bool sat = false;
      uint64_t r = (*theory_)(out_, lits, emit_, countermodel_ ? &sat : nullptr);
      if (!r && sat && countermodel_ && countermodel_->empty() && genuine_with_theory(as))
        for (const Term& x : order_) *countermodel_ += (countermodel_->empty() ? "" : ", ") + render(x) + (as.at(x).value ? " = true" : " = false");
      return r;
    }
    if (v == kTooDeep || v == 0) return 0;
    if (v == 1) {
      if (--leaves_left_ < 0) return 0;
      if (!emit_) return 1;
      return step("not_elim", {assume(neg(psi)), prove(psi, true, as, 0)});
    }
    uint64_t r[2];
    const std::optional<std::pair<std::string, bool>>* k = key_ ? &key_of(atom) : nullptr;
    auto same = k && *k ? assigned_keys_.find((*k)->first) : assigned_keys_.end();
    // An arithmetic atom without variables (`36 <= 222`, what a reduced conditional leaves):
    // the theory decides it alone, so the branch it refutes is closed at once.
    bool ground = k && *k && same == assigned_keys_.end() && atom.frees().empty();
    for (int value = 1; value >= 0; --value) {
      Term lit = value ? atom : neg(atom);
      if (ground && (*theory_)(out_, {lit}, false, nullptr)) {
        if (--leaves_left_ < 0) return 0;
        r[value] = emit_ ? (*theory_)(out_, {lit}, true, nullptr) : 1;
        if (!r[value]) return 0;
        continue;
      }
      if (same != assigned_keys_.end() && ((value == 1) != (*k)->second) != same->second.second) {
        // Disagrees with an equivalent atom already assigned: the theory closes it.
        const Term& other = same->second.first;
        if (--leaves_left_ < 0) return 0;
        r[value] = (*theory_)(out_, {as.at(other).value ? other : neg(other), lit}, emit_, nullptr);
        if (!r[value]) return 0;
        continue;
      }
      as[atom] = {value == 1, emit_ ? assume(lit) : 1};
      order_.push_back(atom);
      bool mine = k && *k && same == assigned_keys_.end();
      if (mine) assigned_keys_[(*k)->first] = {atom, (value == 1) != (*k)->second};
      r[value] = refute(psi, as);
      if (mine) assigned_keys_.erase((*k)->first);
      order_.pop_back();
      as.erase(atom);
      if (!r[value]) return 0;
    }
    if (!emit_) return 1;
    // x ⊢ F gives ~x, which discharges ~x.
    return step("prove_hyp", {step("not_intro", {out_.term(atom), r[1]}), r[0]});
  }

 private:
  // 1 true, 0 false, kUnknown (with the first unassigned atom met), or kTooDeep.
  // Recursion is bounded by max_depth (the formulas are small; deeper ones are refused).
  int eval(const Term& t, const Assignment& as, Term* atom, int depth) {
    if (depth > max_depth_ || --work_left_ < 0) return kTooDeep;
    Shape s = opaque_ && opaque_->count(t) ? Shape{Op::Atom, {}, {}, {}} : shape(t, cond_ != nullptr);
    if (s.op != Op::Atom && s.op != Op::True && s.op != Op::False) {
      // A compound formula split on as a whole (see `shared_`).
      auto it = as.find(t);
      if (it != as.end()) return it->second.value;
    }
    if (s.op == Op::Cond) {
      int x = eval(s.c, as, atom, depth + 1);
      if (x >= 0) x = eval(x ? s.a : s.b, as, atom, depth + 1);
      if (x == kUnknown && shared_.count(t)) {  // a shared conditional: split on it whole
        *atom = t;
        if (prefer_outer_ ? depth < preferred_depth_ : !has_preferred_)
          preferred_ = t, preferred_depth_ = depth, has_preferred_ = true;
      }
      return x;
    }
    if (s.op == Op::CondEq) {
      Term side;
      bool cv;
      int x = branch_equation(s, as, atom, depth, &side, &cv);
      if (x != kNotBranch) return x;
      s.op = Op::Atom;  // reduced below like any atom with a COND inside
    }
    switch (s.op) {
      case Op::True: case Op::Refl: return 1;
      case Op::False: return 0;
      case Op::Atom: {
        auto it = as.find(t);
        if (it == as.end())
          if (const Term& f = flip(t); !f.is_null()) it = as.find(f);
        if (it != as.end()) return it->second.value;
        // The atom its decided conditions make of t, or a condition to split on; an opaque
        // subformula (a whole conjunction the caller shares) is split on whole instead.
        if (cond_ && has_cond(t) && !(opaque_ && opaque_->count(t))) {
          Term u;
          std::unordered_map<Term, Term, TermHash> memo;
          int x = reduce_all(t, as, atom, depth, &u, memo);
          return x < 0 ? x : eval(u, as, atom, depth + 1);
        }
        *atom = t;
        if (shared_.count(t) && (prefer_outer_ ? depth < preferred_depth_ : !has_preferred_))
          preferred_ = t, preferred_depth_ = depth, has_preferred_ = true;
        if (key_ && prefer_keys_ && preferred_depth_ >= 0) {  // equivalent to an assigned atom: split on it first
          const auto& k = key_of(t);
          if (k && assigned_keys_.count(k->first)) preferred_ = t, preferred_depth_ = -1, has_preferred_ = true;
        }
        return kUnknown;
      }
      case Op::Not: {
        int x = eval(s.a, as, atom, depth + 1);
        if (x >= 0) return 1 - x;
        // A shared negation of a compound formula (`~A` in `~x \/ ~A \/ ~(x = ~A)`)
        // undecided, or too deep to look into: split on it whole, as on any shared
        // subformula (below). Not of an atom: `~a` and a would be split as two atoms (4
        // times as long on pb_real_10_0200_10_29).
        if (shared_.count(t) && (x == kUnknown || (x == kTooDeep && work_left_ >= 0)) && compound(s.a)) {
          *atom = t;
          if (prefer_outer_ ? depth < preferred_depth_ : !has_preferred_)
            preferred_ = t, preferred_depth_ = depth, has_preferred_ = true;
          return kUnknown;
        }
        return x;
      }
      default: break;
    }
    if (shared_.count(t)) {  // unknown so far? Then split on t itself.
      Term atom_a;
      int x = eval_children(t, s, as, &atom_a, depth);
      // Too deep to look into (a conjunction of 780 disequalities, say), though within the
      // work budget: split on it whole all the same.
      if (x == kTooDeep && work_left_ >= 0) x = kUnknown;
      if (x == kUnknown) {
        *atom = t;
        if (prefer_outer_ ? depth < preferred_depth_ : !has_preferred_)
          preferred_ = t, preferred_depth_ = depth, has_preferred_ = true;
      }
      return x;
    }
    return eval_children(t, s, as, atom, depth);
  }

  // An equation `COND c p q = x` or `x = COND c p q` with x one of the branches (Z3's
  // def-axiom `~c \/ t = ite(c, t, e)`, t full of conditionals of its own) is true once c
  // picks x, whatever the conditions inside x: c is decided first (kUnknown with c's atom
  // to split on), and 1 when it picks x (the COND side in *side, c's value in *cv).
  // kNotBranch when the equation is not of that form or c picks the other branch: then
  // the atom is reduced like any other.
  static constexpr int kNotBranch = -3;
  int branch_equation(const Shape& s, const Assignment& as, Term* atom, int depth, Term* side, bool* cv) {
    for (const Term* k : {&s.b, &s.a}) {
      const Term& other = k == &s.b ? s.a : s.b;
      Term c, p, q;
      if (!is_cond(*k, &c, &p, &q) || (p != other && q != other)) continue;
      int v = eval(c, as, atom, depth + 1);
      if (v < 0) return v;
      if ((v ? p : q) != other) continue;
      *side = *k, *cv = v == 1;
      return 1;
    }
    return kNotBranch;
  }

  // A formula built by a connective (not an atom, T, F or a reflexive equation).
  bool compound(const Term& u) const {
    Op op = shape(u, cond_ != nullptr).op;
    return op != Op::Atom && op != Op::True && op != Op::False && op != Op::Refl && op != Op::CondEq;
  }

  // u with every COND application inside replaced by the branch its condition picks
  // (innermost conditions decided too: a branch is reduced in turn); kUnknown with the first
  // undecided condition's unassigned atom, or kTooDeep. Lambdas are not entered (has_cond).
  int reduce_all(const Term& u, const Assignment& as, Term* atom, int depth, Term* out,
                 std::unordered_map<Term, Term, TermHash>& memo) {
    if (depth > max_depth_ || --work_left_ < 0) return kTooDeep;
    if (!has_cond(u)) return *out = u, 0;
    if (auto it = memo.find(u); it != memo.end()) return *out = it->second, 0;
    Term c, p, q, r;
    if (is_cond(u, &c, &p, &q)) {
      int v = eval(c, as, atom, depth + 1);
      if (v < 0) return v;
      int x = reduce_all(v ? p : q, as, atom, depth + 1, &r, memo);
      if (x < 0) return x;
    } else {
      Term f, x;
      int a = reduce_all(u.rator(), as, atom, depth + 1, &f, memo);
      if (a < 0) return a;
      int b = reduce_all(u.rand(), as, atom, depth + 1, &x, memo);
      if (b < 0) return b;
      r = f == u.rator() && x == u.rand() ? u : Term::comb(f, x);
    }
    memo.emplace(u, r);
    return *out = r, 0;
  }
  // ⊢ u = u' for that reduction (0 when u' is u), every condition being decided.
  uint64_t reduce_all_proof(const Term& u, const Assignment& as, int depth, Term* out,
                            std::unordered_map<Term, std::pair<Term, uint64_t>, TermHash>& memo) {
    if (!has_cond(u)) return *out = u, 0;
    if (auto it = memo.find(u); it != memo.end()) return *out = it->second.first, it->second.second;
    Term c, p, q, r, dummy;
    uint64_t e = 0;
    if (is_cond(u, &c, &p, &q)) {
      bool v = eval(c, as, &dummy, depth + 1) == 1;
      uint64_t e1 = cond_eq(u, v, as, depth);  // COND c p q = branch
      uint64_t e2 = reduce_all_proof(v ? p : q, as, depth + 1, &r, memo);
      e = e2 ? step("trans", {e1, e2}) : e1;
    } else {
      Term f, x;
      uint64_t ef = reduce_all_proof(u.rator(), as, depth + 1, &f, memo);
      uint64_t ex = reduce_all_proof(u.rand(), as, depth + 1, &x, memo);
      if (ef || ex) {
        e = step("mk_comb", {ef ? ef : step("refl", {out_.term(u.rator())}), ex ? ex : step("refl", {out_.term(u.rand())})});
        r = Term::comb(f, x);
      } else {
        r = u;
      }
    }
    memo.emplace(u, std::make_pair(r, e));
    return *out = r, e;
  }
  // ⊢ COND c p q = (c ? p : q), c's value known.
  uint64_t cond_eq(const Term& k, bool cv, const Assignment& as, int depth) {
    Term c, p, q;
    is_cond(k, &c, &p, &q);
    uint64_t th_c = prove(c, cv, as, depth + 1);
    Term F = Term::constant(vocab(), "F", Type::boolean());
    uint64_t eqc = cv ? step("eqt_intro", {th_c})
                      : step("deduct_antisym", {step("contr", {out_.term(c), assume(F)}), step("not_elim", {th_c, assume(c)})});
    Type ty = p.type();
    uint64_t lhs = step("ap_thm", {step("ap_thm", {step("ap_term", {out_.term(CondLemmas::cond(ty)), eqc}), out_.term(p)}), out_.term(q)});
    const Pf& lemma = cond_->get(ty, cv);
    uint64_t inst = step("inst", {lemma.id, out_.term(CondLemmas::x(ty)), out_.term(p), out_.term(CondLemmas::y(ty)), out_.term(q)});
    return step("trans", {lhs, inst});
  }

  int eval_children(const Term&, const Shape& s, const Assignment& as, Term* atom, int depth) {
    Term atom_b;
    int x = eval(s.a, as, atom, depth + 1);
    if (x == kTooDeep && work_left_ < 0) return x;
    // Short circuits: the other operand decides alone (even when one is too deep to
    // evaluate: `~(l /\ rest) \/ l` needs only l).
    if ((s.op == Op::And && x == 0) || (s.op == Op::Or && x == 1) || (s.op == Op::Imp && x == 0))
      return s.op == Op::And ? 0 : 1;
    int y = eval(s.b, as, &atom_b, depth + 1);
    if (y == kTooDeep && work_left_ < 0) return y;
    if ((s.op == Op::And && y == 0) || ((s.op == Op::Or || s.op == Op::Imp) && y == 1)) return s.op == Op::And ? 0 : 1;
    // Undecided: split on an unknown atom if there is one (it may short-circuit the deep
    // operand), else give up.
    if (x == kUnknown) return kUnknown;
    if (y == kUnknown && x == kTooDeep) { *atom = atom_b; return kUnknown; }
    if (x == kTooDeep || y == kTooDeep) return kTooDeep;
    if (y == kUnknown) { *atom = atom_b; return kUnknown; }
    switch (s.op) {
      case Op::And: return x && y;
      case Op::Or: return x || y;
      case Op::Imp: return !x || y;
      default: return x == y;  // Iff
    }
  }

  // A theorem of t (value true) or of ~t (value false); eval(t) == value is known.
  uint64_t prove(const Term& t, bool value, const Assignment& as, int depth) {
    if (auto it = as.find(t); it != as.end()) return it->second.thm;
    Shape s = opaque_ && opaque_->count(t) ? Shape{Op::Atom, {}, {}, {}} : shape(t, cond_ != nullptr);
    Term dummy;
    if (s.op == Op::Cond) {
      int cv = eval(s.c, as, &dummy, depth + 1);
      uint64_t e = cond_eq(t, cv == 1, as, depth);  // COND c a b = branch
      const Term& branch = cv == 1 ? s.a : s.b;
      if (value) return step("eq_mp", {step("sym", {e}), prove(branch, true, as, depth + 1)});
      uint64_t f = step("not_elim", {prove(branch, false, as, depth + 1), step("eq_mp", {e, assume(t)})});
      return step("not_intro", {out_.term(t), f});
    }
    if (s.op == Op::CondEq) {
      Term side;
      bool cv;
      if (branch_equation(s, as, &dummy, depth, &side, &cv) == 1) {  // COND c p q = the branch c picks
        uint64_t e = cond_eq(side, cv, as, depth);
        return side == s.a ? e : step("sym", {e});
      }
      s.op = Op::Atom;
    }
    // Whether u is known true (false), not merely "not known false (true)": a short
    // circuit may leave one operand unknown.
    auto val = [&](const Term& u) { return eval(u, as, &dummy, depth + 1) == 1; };
    auto known_false = [&](const Term& u) { return eval(u, as, &dummy, depth + 1) == 0; };
    auto sub = [&](const Term& u, bool v) { return prove(u, v, as, depth + 1); };
    switch (s.op) {
      case Op::True: return step("truth", {});
      case Op::False: return step("not_intro", {out_.term(t), assume(t)});  // ⊢ ~F
      case Op::Refl: return step("refl", {out_.term(s.a)});
      case Op::Cond: case Op::CondEq: return 0;  // handled above
      case Op::Atom: {
        if (auto it = as.find(t); it != as.end()) return it->second.thm;
        if (cond_ && has_cond(t) && !(opaque_ && opaque_->count(t))) {  // t = u, u the reduced atom (as in eval)
          Term u;
          std::unordered_map<Term, std::pair<Term, uint64_t>, TermHash> memo;
          uint64_t e = reduce_all_proof(t, as, depth, &u, memo);
          uint64_t th = prove(u, value, as, depth + 1);
          if (value) return step("eq_mp", {step("sym", {e}), th});
          return step("not_intro", {out_.term(t), step("not_elim", {th, step("eq_mp", {e, assume(t)})})});
        }
        const Lit& l = as.at(flip(t));  // t is a = b, and b = a is assigned
        uint64_t eq = assume(t), ba = step("sym", {eq});
        if (value) return step("sym", {l.thm});
        return step("not_intro", {out_.term(t), step("not_elim", {l.thm, ba})});
      }
      case Op::Not:
        if (value) return sub(s.a, false);  // ~a is the theorem of a's falsity
        {  // ⊢ ~~a from ⊢ a
          uint64_t a = sub(s.a, true);
          return step("not_intro", {out_.term(t), step("not_elim", {assume(t), a})});
        }
      case Op::And:
        if (value) return step("conj", {sub(s.a, true), sub(s.b, true)});
        {
          bool first = known_false(s.a);
          uint64_t n = sub(first ? s.a : s.b, false);
          uint64_t c = step(first ? "conjunct1" : "conjunct2", {assume(t)});
          return step("not_intro", {out_.term(t), step("not_elim", {n, c})});
        }
      case Op::Or:
        if (value) {
          if (val(s.a)) return step("disj1", {sub(s.a, true), out_.term(s.b)});
          return step("disj2", {out_.term(s.a), sub(s.b, true)});
        }
        {
          uint64_t fa = step("not_elim", {sub(s.a, false), assume(s.a)});
          uint64_t fb = step("not_elim", {sub(s.b, false), assume(s.b)});
          return step("not_intro", {out_.term(t), step("disj_cases", {assume(t), fa, fb})});
        }
      case Op::Imp:
        if (value) {
          if (known_false(s.a)) {
            uint64_t f = step("not_elim", {sub(s.a, false), assume(s.a)});
            return step("disch", {out_.term(s.a), step("contr", {out_.term(s.b), f})});
          }
          return step("disch", {out_.term(s.a), sub(s.b, true)});
        }
        {
          uint64_t b = step("mp", {assume(t), sub(s.a, true)});
          return step("not_intro", {out_.term(t), step("not_elim", {sub(s.b, false), b})});
        }
      case Op::Iff: {
        bool va = val(s.a), vb = val(s.b);
        if (va && vb) return step("deduct_antisym", {sub(s.a, true), sub(s.b, true)});
        if (!va && !vb) {  // b ⊢ a and a ⊢ b, each by contradiction
          uint64_t ba = step("contr", {out_.term(s.a), step("not_elim", {sub(s.b, false), assume(s.b)})});
          uint64_t ab = step("contr", {out_.term(s.b), step("not_elim", {sub(s.a, false), assume(s.a)})});
          return step("deduct_antisym", {ba, ab});
        }
        // The values differ: a = b carries the true side to the false one.
        uint64_t eq = assume(t);
        uint64_t moved = va ? step("eq_mp", {eq, sub(s.a, true)}) : step("eq_mp", {step("sym", {eq}), sub(s.b, true)});
        uint64_t f = step("not_elim", {sub(va ? s.b : s.a, false), moved});
        return step("not_intro", {out_.term(t), f});
      }
    }
    return 0;
  }

  uint64_t step(const char* rule, std::vector<uint64_t> args) { return out_.step(rule, std::move(args)); }
  uint64_t assume(const Term& t) { return step("assume", {out_.term(t)}); }
  // flipped(t), memoised: an unassigned atom is looked up at every node of the split, and
  // building b = a afresh (two interned applications) was a tenth of a split's time.
  const Term& flip(const Term& t) {
    auto it = flipped_.find(t);
    if (it == flipped_.end()) it = flipped_.emplace(t, flipped(t)).first;
    return it->second;
  }
  std::unordered_map<Term, Term, TermHash> flipped_;

  // Only propositional variables were assigned: the assignment is a real countermodel.
  bool genuine(const Assignment& as) const {
    if (!shared_.empty()) return false;
    for (const auto& [x, lit] : as)
      if (x.kind() != TermKind::Const && x.kind() != TermKind::Var) return false;
    return true;
  }

  // The same with arithmetic atoms too, once the theory has found the leaf satisfiable.
  bool genuine_with_theory(const Assignment& as) {
    if (!shared_.empty() || !key_) return false;
    for (const auto& [x, lit] : as)
      if (x.kind() != TermKind::Const && x.kind() != TermKind::Var && !key_of(x)) return false;
    return true;
  }

  StepSink& out_;
  const TheoryRefuter* theory_;
  CondLemmas* cond_;
  const std::function<std::optional<std::pair<std::string, bool>>(const Term&)>* key_;
  // Arithmetic atoms by constraint (Theories::key): the key of each atom, memoised, and for
  // each key assigned so far its atom and the key's value under that assignment.
  std::unordered_map<Term, std::optional<std::pair<std::string, bool>>, TermHash> keys_;
  std::unordered_map<std::string, std::pair<Term, bool>> assigned_keys_;
  // Whether a term has a COND inside (memoised; deeper than max_depth counts as without:
  // its atoms are then split on whole).
  CondFinder has_cond;
  const std::optional<std::pair<std::string, bool>>& key_of(const Term& t) {
    auto it = keys_.find(t);
    if (it == keys_.end()) it = keys_.emplace(t, (*key_)(t)).first;
    return it->second;
  }

 public:
  std::string* countermodel_ = nullptr;
  const std::unordered_set<Term, TermHash>* opaque_ = nullptr;  // subformulas split on whole

 private:
  // The unknown shared subformula or atom to split on before any other atom: the first
  // met, or with prefer_outer_ the outermost.
  Term preferred_;
  bool has_preferred_ = false;
  int preferred_depth_ = 1 << 30;

 public:
  bool prefer_outer_ = false;  // else the first met, which is usually the innermost
  bool prefer_keys_ = false;   // atoms equivalent to an assigned one first (with atoms alone)

 private:
  std::vector<Term> order_;  // the atoms assigned, in split order (for the countermodel)

 public:
  // Compound subformulas and atoms met more than once (both sides of a flattening rewrite;
  // the literal a Tseitin clause repeats among 75 others): split on first, they keep
  // `(a \/ b) /\ c = c /\ (a \/ b)` at 2 cases, not 2^3.
  std::unordered_set<Term, TermHash> shared_;

 private:
  int leaves_left_;

  int max_depth_;
  bool emit_;

 public:
  // Connective visits allowed in all (the dry run's count bounds the emitted steps).
  long work_left_ = 20000;
};

}  // namespace

// A disjunction (nested in any way) with two complementary disjuncts l and ~l, as Z3's
// Tseitin clauses over wide disjunctions are (`(l1 \/ … \/ ~a \/ …) \/ a`): {~ψ} ⊢ F with
// no split. From l, ψ by DISJ1/DISJ2 up its path; against ~ψ that gives ~l, and from ~l
// ψ again. 0 (nothing emitted) when there is no such pair among 20,000 disjuncts.
uint64_t complementary_disjuncts(StepSink& out, const Term& psi) {
  struct Node {
    Term t;
    size_t parent;  // SIZE_MAX for ψ
    bool left;      // the parent's left operand?
  };
  std::vector<Node> nodes{{psi, SIZE_MAX, false}};
  std::unordered_map<Term, size_t, TermHash> leaf;  // disjunct (or subdisjunction) -> its first node
  Term pos, ng;
  for (size_t k = 0; k < nodes.size() && nodes.size() < 20000 && pos.is_null(); ++k) {
    Term a, b, t = nodes[k].t;
    if (k > 0) leaf.emplace(t, k);  // subdisjunctions too: `~(a \/ b)` against `a \/ b`
    if (is_neg(t) && leaf.count(t.rand())) pos = t.rand(), ng = t;
    else if (k > 0 && leaf.count(neg(t))) pos = t, ng = neg(t);
    if (is_op(t, "\\/", &a, &b)) nodes.push_back({a, k, true}), nodes.push_back({b, k, false});
  }
  if (pos.is_null()) return 0;
  auto step = [&](const char* r, std::vector<uint64_t> a) { return out.step(r, std::move(a)); };
  // ⊢ ψ (under the hypotheses of th) from th, a theorem of the disjunct at node k.
  auto up = [&](size_t k, uint64_t th) {
    for (; nodes[k].parent != SIZE_MAX; k = nodes[k].parent) {
      const Term& t = nodes[nodes[k].parent].t;
      th = nodes[k].left ? step("disj1", {th, out.term(t.rand())}) : step("disj2", {out.term(t.rator().rand()), th});
    }
    return th;
  };
  uint64_t npsi = step("assume", {out.term(neg(psi))});
  uint64_t f = step("not_elim", {npsi, up(leaf.at(pos), step("assume", {out.term(pos)}))});
  uint64_t nl = step("not_intro", {out.term(pos), f});
  return step("not_elim", {npsi, up(leaf.at(ng), nl)});
}

uint64_t refute_negation(StepSink& out, const Term& psi, std::string* countermodel, int max_leaves, int max_depth,
                         const Theories* theories, const std::unordered_set<Term, TermHash>* opaque) {
  bool cond = theories && theories->cond;
  if (psi.type() != Type::boolean()) return 0;
  if (uint64_t n = complementary_disjuncts(out, psi)) return n;
  // Subformulas and atoms that occur twice, breadth first (bounded: at most 20,000 visits).
  // Breadth first so that the shallow ones are counted before the budget goes: in Z3's
  // `~x \/ ~A \/ ~(x = ~A)` (def-axiom) with A of 30,000 nodes, depth first would spend
  // it all inside A before meeting ~A's second occurrence.
  std::unordered_map<Term, int, TermHash> seen;
  std::deque<Term> todo{psi};
  std::unordered_set<Term, TermHash> inner;  // terms inside atoms already walked
  long visits = 0;
  for (; !todo.empty() && ++visits < 20000;) {
    Term t = todo.front();
    todo.pop_front();
    Shape s = shape(t, cond);
    if (s.op == Op::Atom) ++seen[t];  // an atom met twice is split on early too
    if (cond && (s.op == Op::Atom || s.op == Op::CondEq) && seen[t] <= 1) {
      // The conditions of the COND applications inside the atom are formulas too (split
      // on when the atom is reduced); the atom's terms count towards the work allowed.
      std::vector<Term> terms{t};
      while (!terms.empty() && ++visits < 20000) {
        Term u = terms.back();
        terms.pop_back();
        if (u.kind() != TermKind::Comb || !inner.insert(u).second) continue;
        Term c, p, q;
        if (is_cond(u, &c, &p, &q)) todo.push_back(c), terms.push_back(p), terms.push_back(q);
        else terms.push_back(u.rator()), terms.push_back(u.rand());
      }
    }
    if (s.op == Op::Atom || s.op == Op::True || s.op == Op::False || s.op == Op::Refl) continue;
    if (++seen[t] > 1) continue;
    if (s.op == Op::CondEq) continue;
    if (s.op == Op::Cond) todo.push_back(s.c);
    todo.push_back(s.a);
    if (s.op != Op::Not) todo.push_back(s.b);
  }
  // First without emitting (so a failure leaves no trace), then for real; first with the
  // shared subformulas as atoms, then with the atoms alone.
  // Three strategies, cheapest to state first: shared subformulas split first (the first
  // met, then the outermost), then the atoms alone.
  for (int mode : {0, 1, 2}) {
    bool shared = mode < 2;
    if (opaque && shared) continue;  // the caller's atoms already capture the sharing
    if (shared && seen.empty()) continue;
    Splitter dry(out, max_leaves, max_depth, false, theories), real(out, max_leaves, max_depth, true, theories);
    // Each leaf evaluates the formula once: allow a few hundred leaves of its size.
    dry.work_left_ = std::max(20000L, std::min(4000000L, 40 * visits * visits));
    dry.prefer_outer_ = real.prefer_outer_ = mode == 1;
    dry.prefer_keys_ = real.prefer_keys_ = mode == 2;
    dry.opaque_ = real.opaque_ = opaque;
    if (shared)
      for (const auto& [t, n] : seen)
        if (n > 1 && t != psi) dry.shared_.insert(t), real.shared_.insert(t);
    if (!shared) dry.countermodel_ = countermodel;
    Assignment as;
    if (dry.refute(psi, as)) return real.refute(psi, as);
  }
  return 0;
}

std::vector<Term> atoms_of(const Term& psi, size_t limit) {
  std::vector<Term> out, todo{psi};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty() && out.size() < limit && seen.size() < 20 * limit) {
    Term t = todo.back();
    todo.pop_back();
    if (!seen.insert(t).second) continue;
    Shape s = shape(t);
    if (s.op == Op::Atom) out.push_back(t);
    if (s.op == Op::Atom || s.op == Op::True || s.op == Op::False || s.op == Op::Refl) continue;
    todo.push_back(s.a);
    if (s.op != Op::Not) todo.push_back(s.b);
  }
  return out;
}

}  // namespace hcert::provers
