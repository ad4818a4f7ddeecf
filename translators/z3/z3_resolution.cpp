// Z3's resolution rules (spec/z3.md): unit-resolution, lemma and not-or-elim, in N form
// without a case split (the clause theorem of spec/sat.md, disjunction introduction).
#include <algorithm>

#include "translators/z3/translator.hpp"

namespace hcert::z3 {

uint64_t Translator::rule_not_or_elim(const Step& s) {
  const auto& p = s.p;
  const Term& phi = s.phi;
  if (!(p.size() == 1 && is_neg(p[0].phi))) return 0;
  Term disj = p[0].phi.rand();
  std::vector<Term> ds = spine(disj, "\\/");
  for (size_t k = 0; k < ds.size(); ++k) {
    if (phi == neg(ds[k])) {  // ~l: l gives the disjunction, against the premise
      uint64_t f = step("not_elim", {assume(p[0].phi), disj_intro(ds, k, assume(ds[k]))});
      return from_positive(step("not_intro", {term(ds[k]), f}), phi, p);
    }
    if (is_neg(ds[k]) && ds[k].rand() == phi) {  // a from ~(… \/ ~a \/ …): directly in N form
      uint64_t f = step("not_elim", {assume(p[0].phi), disj_intro(ds, k, assume(neg(phi)))});
      return use(p[0], f);
    }
  }
  return 0;
}

uint64_t Translator::rule_unit_resolution(const Step& s) {
  const auto& p = s.p;
  if (p.size() < 2) return 0;
  if (uint64_t th = unit_resolution(p, s.phi)) return th;
  // The clause's last literal may itself be a disjunction (the spine flattens it into
  // its pieces) that a unit refutes whole: the longest such tail is one literal.
  std::vector<Term> ls = spine(p[0].phi, "\\/");
  std::unordered_set<Term, TermHash> units;
  for (size_t k = 1; k < p.size(); ++k) units.insert(p[k].phi);
  size_t at = ls.size();
  Term t = ls.back();
  for (size_t j = ls.size() - 1; j-- > 1;) {
    t = Term::comb(Term::comb(or_const(), ls[j]), t);
    if (units.count(neg(t))) at = j;
  }
  return at < ls.size() ? unit_resolution(p, s.phi, at) : 0;
}

uint64_t Translator::rule_lemma(const Step& s) {
  return s.p.size() == 1 && s.p[0].phi == false_term() ? lemma(s.p[0], s.phi) : 0;
}

Term Translator::disjunction(const std::vector<Term>& ds) {
  Term t = ds.back();
  for (size_t j = ds.size() - 1; j-- > 0;) t = Term::comb(Term::comb(or_const(), ds[j]), t);
  return t;
}

uint64_t Translator::disj_intro(const std::vector<Term>& ds, size_t k, uint64_t th) {
  // Innermost first: the tail s_k (ds[k] itself if last, else ds[k] \/ s_{k+1}).
  std::vector<Term> tails(ds.size());
  tails.back() = ds.back();
  for (size_t j = ds.size() - 1; j-- > 0;)
    tails[j] = Term::comb(Term::comb(or_const(), ds[j]), tails[j + 1]);
  uint64_t cur = k + 1 == ds.size() ? th : step("disj1", {th, term(tails[k + 1])});
  for (size_t j = k; j-- > 0;) cur = step("disj2", {term(ds[j]), cur});
  return cur;
}

uint64_t Translator::unit_resolution(const std::vector<Node>& p, const Term& phi, size_t tail_at) {
  std::vector<Term> ls = spine(p[0].phi, "\\/"), pieces;
  if (tail_at < ls.size()) {
    pieces.assign(ls.begin() + tail_at, ls.end());
    ls.resize(tail_at);
    ls.push_back(disjunction(pieces));
  }
  auto refuted = [&](const Term& l) {
    for (size_t k = 1; k < p.size(); ++k)
      if (p[k].phi == neg(l) || (is_neg(l) && l.rand() == p[k].phi)) return true;
    return false;
  };
  // φ's literals: the clause's unrefuted ones when φ is their disjunction (a literal may
  // itself be a disjunction), else φ's own disjuncts.
  std::vector<Term> out;
  for (const Term& l : ls)
    if (!refuted(l) && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  if (phi == false_term()) out.clear();
  else if (out.empty() || disjunction(out) != phi) out = spine(phi, "\\/");
  if (phi != false_term() && disjunction(out) != phi) return 0;
  // The clause's positive theorem when it has one (its hypotheses then need no trade).
  uint64_t f = p[0].clause ? p[0].clause : step("clause_intro", {p[0].pos ? p[0].pos : assume(p[0].phi)});
  if (!pieces.empty()) {  // comp(piece) from ~tail, the unit's formula, as `lemma` trades them
    const Term& tail = ls.back();
    if (!refuted(tail) || is_neg(tail)) return 0;
    f = negated_disjuncts(f, tail);
  }
  std::vector<Term> done;
  for (size_t i = 0; i < ls.size(); ++i) {
    const Term& l = ls[i];
    if (!pieces.empty() && i + 1 == ls.size()) continue;  // the tail: its pieces are done
    if (std::find(done.begin(), done.end(), l) != done.end()) continue;
    if (refuted(l)) {
      // l = ~a refuted by the unit ~~a and by no unit a: the clause theorem's hypothesis
      // for l is a, which the unit's N cannot discharge; NOT_INTRO a, NOT_ELIM against ~~a
      // trades it for ~~a, the unit's formula (`use_all` below).
      bool by_atom = false, by_double = false;
      for (size_t k = 1; k < p.size(); ++k) {
        by_atom = by_atom || (is_neg(l) && p[k].phi == l.rand());
        by_double = by_double || p[k].phi == neg(l);
      }
      if (is_neg(l) && by_double && !by_atom)
        f = step("not_elim", {assume(neg(l)), step("not_intro", {term(l.rand()), f})});
      done.push_back(l);
      continue;
    }
    done.push_back(l);
    auto it = std::find(out.begin(), out.end(), l);
    if (it == out.end()) {
      // A clause literal that is itself a disjunction, flattened into φ's tail: from l,
      // φ by DISJ2 down to that tail; so {~φ} ⊢ ~l discharges ~l.
      size_t k = 1;
      for (; k < out.size(); ++k)
        if (disjunction(std::vector<Term>(out.begin() + k, out.end())) == l) break;
      if (k >= out.size() || is_neg(l)) return 0;
      uint64_t cur = assume(l);
      for (size_t j = k; j-- > 0;) cur = step("disj2", {term(out[j]), cur});
      uint64_t nl = step("not_intro", {term(l), step("not_elim", {assume(neg(phi)), cur})});
      f = step("prove_hyp", {nl, f});
      continue;
    }
    size_t k = it - out.begin();
    if (!is_neg(l)) {  // hypothesis ~l, from ~φ
      if (l == phi) continue;  // ~l is ~φ already
      uint64_t nl = step("not_intro", {term(l), step("not_elim", {assume(neg(phi)), disj_intro(out, k, assume(l))})});
      f = step("prove_hyp", {nl, f});
    } else {  // hypothesis a for l = ~a: NOT_INTRO a gives l
      uint64_t lth = step("not_intro", {term(l.rand()), f});
      f = step("not_elim", {assume(neg(phi)), disj_intro(out, k, lth)});
    }
  }
  if (!p[0].pos && !p[0].clause) return use_all(p, f);
  return use_all(std::vector<Node>(p.begin() + 1, p.end()), f);
}

uint64_t Translator::lemma(const Node& p, const Term& psi) {
  uint64_t f = refutation(p);  // Γ ⊢ F first
  return spine(psi, "\\/").size() > 1 ? kClause | f : negated_disjuncts(f, psi);
}

uint64_t Translator::negated_disjuncts(uint64_t cur, const Term& psi) {
  std::vector<Term> ds = spine(psi, "\\/");
  std::unordered_set<Term, TermHash> seen;
  for (size_t k = 0; k < ds.size(); ++k) {
    if (!seen.insert(ds[k]).second) continue;  // a disjunct twice: traded once
    if (is_neg(ds[k])) {  // hypothesis h = ds[k].rand(): ~h gives ψ
      Term h = ds[k].rand();
      uint64_t nh = step("not_intro", {term(h), cur});
      cur = step("not_elim", {assume(neg(psi)), disj_intro(ds, k, nh)});
    } else {  // hypothesis ~a, a = ds[k]: ~ψ gives ~a
      uint64_t na = step("not_intro", {term(ds[k]), step("not_elim", {assume(neg(psi)), disj_intro(ds, k, assume(ds[k]))})});
      cur = step("prove_hyp", {na, cur});
    }
  }
  return cur;
}

}  // namespace hcert::z3
