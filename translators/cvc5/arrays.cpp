// cvc5's array rules (spec/cvc5.md, "Arrays"): each step is an instance of one axiom of
// the pinned theory `arrays`, proved by the shared array prover (translators/provers/
// arrays.*) from the step's premises and the negation of its conclusion:
//   ARRAYS_READ_OVER_WRITE        ~(i = j) ⊢ select (store a i e) j = select a j
//   ARRAYS_READ_OVER_WRITE_CONTRA ~(select (store a i e) j = select a j) ⊢ i = j
//   ARRAYS_READ_OVER_WRITE_1      ⊢ select (store a i e) i = e
//   ARRAYS_EXT                    ~(a = b) ⊢ ~(select a k = select b k)
// cvc5's extensionality witness k is one of its skolems (SKOLEM_FUN_ARRAY_DEQ_DIFF_n);
// it is given the definition k = array.diff a b (skolems.cpp: a hypothesis till the end,
// where INST k := array.diff a b turns it into REFL), and the step is ARRAY_EXT's
// instance at the witness. Nothing is trusted: a step that is no axiom instance is a hole.
#include "translators/cvc5/translator.hpp"

namespace hcert::cvc5 {

uint64_t Translator::rule_array(const Step& s) {
  std::vector<Term> lits;
  for (const Node& n : s.p) lits.push_back(n.phi);
  if (s.phi != false_term())
    for (const Term& d : disjuncts(s.phi)) lits.push_back(comp(d));
  if (uint64_t f = tools_.arrays.refute(lits)) {
    f = use_all(s.p, f);
    return s.phi == false_term() ? f : discharge_disjuncts(f, s.phi);
  }
  if (s.rule == "ARRAYS_EXT")
    if (uint64_t th = extensionality(s)) return th;
  return rule_consequence(s);
}

// ~(a = b) ⊢ ~(select a k = select b k) with k a skolem: k := array.diff a b (its
// definition, made here if k has none), select a k = select b k read at the witness by
// congruence with the definition, then ARRAY_EXT's instance against ~(a = b).
uint64_t Translator::extensionality(const Step& s) {
  Term e, l, r, a, b, ab_l, ab_r;
  if (s.p.size() != 1 || !is_neg(s.phi) || !is_op(e = s.phi.rand(), "=", &l, &r)) return 0;
  if (!is_neg(s.p[0].phi) || !is_op(s.p[0].phi.rand(), "=", &ab_l, &ab_r)) return 0;
  Term k, k2;  // l = select a k, r = select b k
  if (!is_op(l, "array.select", &a, &k) || !is_op(r, "array.select", &b, &k2) || k != k2 || !skolems_.count(k)) return 0;
  if (!((a == ab_l && b == ab_r) || (a == ab_r && b == ab_l))) return 0;
  // The witness: the definition k already has, else array.diff a b.
  const Definition* def = nullptr;
  for (const Definition& d : definitions_)
    if (d.name == k) def = &d;
  if (!def) {
    if (defined_.count(k)) return 0;
    Term w = ArrayLemmas::diff(a, b);
    defined_.insert(k);
    definitions_.push_back({k, w, Term::eq(k, w)});
    def = &definitions_.back();
  }
  Term w = def->term, formula = def->formula;
  Prover P(sink_);
  // {k = w, select a k = select b k} ⊢ select a w = select b w
  Pf kw = P.assume(formula);
  Pf at_w = P.trans(P.trans(P.ap_term(l.rator(), P.sym(kw)), P.assume(e)), P.ap_term(r.rator(), kw));
  std::vector<Term> lits{s.p[0].phi, at_w.concl};
  uint64_t f = tools_.arrays.refute(lits);  // {~(a = b), select a w = select b w} ⊢ F
  if (!f) return 0;
  f = step("prove_hyp", {at_w.id, f});
  Node definition{n_of(assume(formula), formula), formula};
  return use_all({s.p[0], definition}, discharge_disjuncts(f, s.phi));
}

}  // namespace hcert::cvc5

namespace hcert::cvc5 {

uint64_t Translator::with_reads_taken(const std::string& rule, const std::vector<Node>& p, const Term& phi) {
  if (reads_taken_) return 0;
  bool arrays = ArrayLemmas::mentions_arrays(phi);
  for (const Node& n : p) arrays = arrays || ArrayLemmas::mentions_arrays(n.phi);
  if (!arrays) return 0;
  Prover P(sink_);
  bool changed = false;
  // The stores that change nothing, each equation a hypothesis till the end (facts).
  std::vector<Node> facts;
  // Each premise ψ as ψ' (N(ψ') from N(ψ) and ⊢ ψ = ψ').
  std::vector<Node> q;
  for (const Node& n : p) {
    Pf e = tools_.arrays.reads_through_stores(n.phi, &facts);
    if (!e.id) {
      q.push_back(n);
      continue;
    }
    changed = true;
    Term to = e.concl.rhs();
    uint64_t f = n_of(P.eq_mp(e, P.assume(n.phi)).id, to);  // {ψ, ~ψ'} ⊢ F
    q.push_back({use(sink_, n, f), to});
  }
  Pf e = tools_.arrays.reads_through_stores(phi, &facts);
  Term to = e.id ? e.concl.rhs() : phi;
  if (!e.id && !changed) return 0;
  reads_taken_ = true;
  uint64_t th = 0;
  try {
    th = consequence(rule, q, to);
  } catch (...) {
    reads_taken_ = false;
    throw;
  }
  reads_taken_ = false;
  if (!th) return 0;
  // N(φ) from N(φ'): {φ'} ⊢ φ by EQ_MP with φ' = φ.
  if (e.id) th = from_positive(P.eq_mp(P.sym(e), P.assume(to)).id, phi, {{th, to}});
  return use_all(facts, th);
}

}  // namespace hcert::cvc5
