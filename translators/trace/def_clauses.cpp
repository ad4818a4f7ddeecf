// Tseitin definitions' clauses by their connectives (def_clauses.hpp says why and how).
#include "translators/trace/def_clauses.hpp"

#include <algorithm>

#include "translators/provers/formula.hpp"

namespace hcert::trace {

using namespace hcert::provers;

namespace {

bool has(const std::vector<Term>& s, const Term& t) { return std::find(s.begin(), s.end(), t) != s.end(); }

std::vector<Term> with(std::vector<Term> s, const Term& t) {
  if (!has(s, t)) s.push_back(t);
  return s;
}

std::vector<Term> without(std::vector<Term> s, const Term& t) {
  s.erase(std::remove(s.begin(), s.end(), t), s.end());
  return s;
}

bool bool_eq(const Term& t) { return t.is_eq() && t.lhs().type() == Type::boolean(); }

// A formula this prover takes apart.
bool compound(const Term& t) {
  return is_op(t, "/\\") || is_op(t, "\\/") || is_op(t, "==>") || bool_eq(t) ||
         (is_cond(t) && t.type() == Type::boolean());
}

}  // namespace

DefClauses::DefClauses(StepSink& out, CondLemmas& cond) : dry_(dry_sink_), real_(out), P_(&dry_), cond_(cond) {
  dry_sink_.step = [](const char*, std::vector<uint64_t>) -> uint64_t { return 1; };
  dry_sink_.term = [](const Term&) -> uint64_t { return 1; };
  dry_sink_.type = [](const Type&) -> uint64_t { return 1; };
  dry_sink_.fact = [](const std::string&) -> uint64_t { return 1; };
}

uint64_t DefClauses::refute(const std::vector<Term>& hyps) {
  if (hyps.size() > 12) return 0;
  bool any = false;
  for (const Term& h : hyps) any = any || compound(is_neg(h) ? h.rand() : h);
  if (!any) return 0;
  P_ = &dry_;
  if (!refute_set(hyps, 3)) return 0;
  P_ = &real_;
  auto f = refute_set(hyps, 3);
  P_ = &dry_;
  return f ? f->id : 0;
}

// {~x, x} ⊢ F for h = ~x: CLAUSE_INTRO of ASSUME h (comp(~x) = x), the kernel's fast path,
// two steps where ASSUME, ASSUME and NOT_ELIM took three and NOT_ELIM's derivation four
// inferences (a third of these proofs' kernel time on yices2__lpsat-goal-1's 1,860).
Pf DefClauses::contradiction(const Term& h) { return P_->clause_intro(P_->assume(h)); }

std::optional<Pf> DefClauses::cond_eq(const Term& t, const Set& s) {
  Term c, p, q;
  is_cond(t, &c, &p, &q);
  bool pos = has(s, c);
  if (!pos && !has(s, neg(c))) return std::nullopt;
  Prover& P = *P_;
  Type ty = t.type();
  // {c} ⊢ c = T, or {~c} ⊢ c = F (DEDUCT_ANTISYM of {F} ⊢ c and {c, ~c} ⊢ F)
  Pf cv = pos ? P.eqt_intro(P.assume(c))
              : P.deduct_antisym(P.contr(c, P.assume(Prover::falsity())), P.not_elim(P.assume(neg(c)), P.assume(c)));
  Pf head = P.ap_thm(P.ap_thm(P.ap_term(CondLemmas::cond(ty), cv), p), q);  // COND c p q = COND T/F p q
  Pf eq = P.inst(cond_.get(ty, pos), {{CondLemmas::x(ty), p}, {CondLemmas::y(ty), q}});
  return P.trans(head, eq);
}

std::optional<Pf> DefClauses::prove(const Term& x, const Set& s, int depth) {
  Prover& P = *P_;
  if (has(s, x)) return P.assume(x);
  // s contradictory as it stands, or once its double negations are read away.
  if (auto f = refute_set(s, 0)) return P.contr(x, *f);
  if (is_neg(x) && is_neg(x.rand())) {  // ~~y from y: NOT_INTRO ~y of NOT_ELIM (ASSUME ~y) y
    Term y = x.rand().rand();
    auto py = prove(y, s, depth);
    return py ? std::optional<Pf>(P.not_intro(neg(y), P.not_elim(P.assume(neg(y)), *py))) : std::nullopt;
  }
  if (depth == 0) return std::nullopt;
  Term a, b;
  if (is_op(x, "/\\", &a, &b)) {
    auto pa = prove(a, s, depth - 1);
    if (!pa) return std::nullopt;
    auto pb = prove(b, s, depth - 1);
    if (!pb) return std::nullopt;
    return P.conj(*pa, *pb);
  }
  if (is_op(x, "\\/", &a, &b)) {
    if (auto pa = prove(a, s, depth - 1)) return P.disj1(*pa, b);
    if (auto pb = prove(b, s, depth - 1)) return P.disj2(a, *pb);
    return std::nullopt;
  }
  if (is_op(x, "==>", &a, &b)) {
    auto pb = prove(b, with(s, a), depth - 1);
    return pb ? std::optional<Pf>(P.disch(a, *pb)) : std::nullopt;
  }
  if (bool_eq(x)) {
    auto pa = prove(x.lhs(), with(s, x.rhs()), depth - 1);
    if (!pa) return std::nullopt;
    auto pb = prove(x.rhs(), with(s, x.lhs()), depth - 1);
    if (!pb) return std::nullopt;
    return P.deduct_antisym(*pa, *pb);
  }
  if (is_neg(x)) {
    auto f = refute_set(with(s, x.rand()), depth - 1);
    return f ? std::optional<Pf>(P.not_intro(x.rand(), *f)) : std::nullopt;
  }
  if (is_cond(x) && x.type() == Type::boolean()) {
    auto e = cond_eq(x, s);
    if (!e) return std::nullopt;
    auto pv = prove(e->concl.rhs(), s, depth - 1);
    return pv ? std::optional<Pf>(P.eq_mp(P.sym(*e), *pv)) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<Pf> DefClauses::refute_set(const Set& s, int depth) {
  Prover& P = *P_;
  for (const Term& h : s)
    if (is_neg(h) && has(s, h.rand())) return contradiction(h);
  // A hypothesis ~~y is read as y (at no cost in depth): {y} ∪ S ⊢ F gives S ⊢ ~y
  // (NOT_INTRO), and NOT_ELIM with ASSUME ~~y gives {~~y} ∪ S ⊢ F (no classical step).
  for (const Term& h : s)
    if (is_neg(h) && is_neg(h.rand())) {
      Term y = h.rand().rand();
      auto f = refute_set(with(without(s, h), y), depth);
      return f ? std::optional<Pf>(P.not_elim(P.assume(h), P.not_intro(y, *f))) : std::nullopt;
    }
  if (depth == 0) return std::nullopt;
  for (const Term& h : s)
    if (is_neg(h) && compound(h.rand()))
      if (auto p = prove(h.rand(), without(s, h), depth - 1)) return P.prove_hyp(*p, contradiction(h));
  for (const Term& t : s) {
    if (!compound(t)) continue;
    Set rest = without(s, t);
    Term a, b;
    if (is_op(t, "/\\", &a, &b)) {
      if (auto f = refute_set(with(with(rest, a), b), depth - 1))
        return P.prove_hyp(P.conjunct2(P.assume(t)), P.prove_hyp(P.conjunct1(P.assume(t)), *f));
    } else if (is_op(t, "\\/", &a, &b)) {
      auto fa = refute_set(with(rest, a), depth - 1);
      if (!fa) continue;
      auto fb = refute_set(with(rest, b), depth - 1);
      if (fb) return P.disj_cases(P.assume(t), *fa, *fb);
    } else if (is_op(t, "==>", &a, &b)) {
      auto pa = prove(a, rest, depth - 1);
      if (!pa) continue;
      if (auto f = refute_set(with(rest, b), depth - 1)) return P.prove_hyp(P.mp(P.assume(t), *pa), *f);
    } else if (bool_eq(t)) {
      if (auto pa = prove(t.lhs(), rest, depth - 1))
        if (auto f = refute_set(with(rest, t.rhs()), depth - 1)) return P.prove_hyp(P.eq_mp(P.assume(t), *pa), *f);
      if (auto pb = prove(t.rhs(), rest, depth - 1))
        if (auto f = refute_set(with(rest, t.lhs()), depth - 1))
          return P.prove_hyp(P.eq_mp(P.sym(P.assume(t)), *pb), *f);
    } else if (auto e = cond_eq(t, rest)) {
      if (auto f = refute_set(with(rest, e->concl.rhs()), depth - 1)) return P.prove_hyp(P.eq_mp(*e, P.assume(t)), *f);
    }
  }
  return std::nullopt;
}

}  // namespace hcert::trace
