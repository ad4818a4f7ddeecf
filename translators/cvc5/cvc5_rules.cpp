// The cvc5 translator's rule table and its rules (spec/cvc5.md, "Rules"): one function
// per kind of rule, each the N(φ) of its step from its premises' N's, or 0 (then the step
// is a hole named by its rule). Steps cvc5 itself trusts (MACRO_SR_*, REWRITE,
// THEORY_REWRITE, PREPROCESS, THEORY_LEMMA, ...) are proved like any other by
// `consequence`, from the conclusion cvc5 prints: nothing cvc5 claims is taken on trust.
#include <algorithm>

#include "translators/cvc5/translator.hpp"

namespace hcert::cvc5 {

// The rule table: cvc5 1.0.3's rule name -> the function that translates its steps. A
// rule not listed is a hole: its meaning is not known to the translator.
const std::unordered_map<std::string, Translator::RuleHandler>& Translator::rule_table() {
  static const std::unordered_map<std::string, RuleHandler> table{
      // assumptions and their discharge
      {"ASSUME", &Translator::rule_assume},
      {"SCOPE", &Translator::rule_scope},
      // equality
      {"REFL", &Translator::rule_refl},
      {"SYMM", &Translator::rule_symm},
      {"TRANS", &Translator::rule_trans},
      {"CONG", &Translator::rule_cong},
      {"HO_CONG", &Translator::rule_cong},
      {"EQ_RESOLVE", &Translator::rule_eq_resolve},
      {"MODUS_PONENS", &Translator::rule_clausal},
      {"TRUE_INTRO", &Translator::rule_consequence},
      {"TRUE_ELIM", &Translator::rule_consequence},
      {"FALSE_INTRO", &Translator::rule_consequence},
      {"FALSE_ELIM", &Translator::rule_consequence},
      // resolution and clause manipulation: unit propagation
      {"RESOLUTION", &Translator::rule_clausal},
      {"CHAIN_RESOLUTION", &Translator::rule_clausal},
      {"MACRO_RESOLUTION", &Translator::rule_clausal},
      {"MACRO_RESOLUTION_TRUST", &Translator::rule_clausal},
      {"REORDERING", &Translator::rule_clausal},
      {"FACTORING", &Translator::rule_clausal},
      {"CONTRA", &Translator::rule_clausal},
      {"SPLIT", &Translator::rule_consequence},
      {"AND_ELIM", &Translator::rule_clausal},
      {"AND_INTRO", &Translator::rule_consequence},
      {"NOT_OR_ELIM", &Translator::rule_clausal},
      {"IMPLIES_ELIM", &Translator::rule_consequence},
      {"NOT_IMPLIES_ELIM1", &Translator::rule_consequence},
      {"NOT_IMPLIES_ELIM2", &Translator::rule_consequence},
      {"EQUIV_ELIM1", &Translator::rule_consequence},
      {"EQUIV_ELIM2", &Translator::rule_consequence},
      {"NOT_EQUIV_ELIM1", &Translator::rule_consequence},
      {"NOT_EQUIV_ELIM2", &Translator::rule_consequence},
      {"XOR_ELIM1", &Translator::rule_consequence},
      {"XOR_ELIM2", &Translator::rule_consequence},
      {"NOT_XOR_ELIM1", &Translator::rule_consequence},
      {"NOT_XOR_ELIM2", &Translator::rule_consequence},
      {"ITE_ELIM1", &Translator::rule_consequence},
      {"ITE_ELIM2", &Translator::rule_consequence},
      {"NOT_ITE_ELIM1", &Translator::rule_consequence},
      {"NOT_ITE_ELIM2", &Translator::rule_consequence},
      {"NOT_AND", &Translator::rule_consequence},
      {"NOT_NOT_ELIM", &Translator::rule_consequence},
      // CNF introduction: tautologies
      {"CNF_AND_POS", &Translator::rule_consequence},
      {"CNF_AND_NEG", &Translator::rule_consequence},
      {"CNF_OR_POS", &Translator::rule_consequence},
      {"CNF_OR_NEG", &Translator::rule_consequence},
      {"CNF_IMPLIES_POS", &Translator::rule_consequence},
      {"CNF_IMPLIES_NEG1", &Translator::rule_consequence},
      {"CNF_IMPLIES_NEG2", &Translator::rule_consequence},
      {"CNF_EQUIV_POS1", &Translator::rule_consequence},
      {"CNF_EQUIV_POS2", &Translator::rule_consequence},
      {"CNF_EQUIV_NEG1", &Translator::rule_consequence},
      {"CNF_EQUIV_NEG2", &Translator::rule_consequence},
      {"CNF_XOR_POS1", &Translator::rule_consequence},
      {"CNF_XOR_POS2", &Translator::rule_consequence},
      {"CNF_XOR_NEG1", &Translator::rule_consequence},
      {"CNF_XOR_NEG2", &Translator::rule_consequence},
      {"CNF_ITE_POS1", &Translator::rule_consequence},
      {"CNF_ITE_POS2", &Translator::rule_consequence},
      {"CNF_ITE_POS3", &Translator::rule_consequence},
      {"CNF_ITE_NEG1", &Translator::rule_consequence},
      {"CNF_ITE_NEG2", &Translator::rule_consequence},
      {"CNF_ITE_NEG3", &Translator::rule_consequence},
      // steps cvc5 trusts: proved from their conclusion by the shared provers
      {"MACRO_SR_EQ_INTRO", &Translator::rule_consequence},
      {"MACRO_SR_PRED_INTRO", &Translator::rule_consequence},
      {"MACRO_SR_PRED_ELIM", &Translator::rule_consequence},
      {"MACRO_SR_PRED_TRANSFORM", &Translator::rule_consequence},
      {"REWRITE", &Translator::rule_consequence},
      {"EVALUATE", &Translator::rule_consequence},
      {"THEORY_REWRITE", &Translator::rule_consequence},
      {"PREPROCESS", &Translator::rule_consequence},
      {"PREPROCESS_LEMMA", &Translator::rule_consequence},
      {"THEORY_PREPROCESS", &Translator::rule_consequence},
      {"THEORY_PREPROCESS_LEMMA", &Translator::rule_consequence},
      {"THEORY_LEMMA", &Translator::rule_consequence},
      {"REMOVE_TERM_FORMULA_AXIOM", &Translator::rule_consequence},
      {"TRUST_SUBS", &Translator::rule_consequence},
      {"TRUST_SUBS_MAP", &Translator::rule_consequence},
      {"TRUST_SUBS_EQ", &Translator::rule_consequence},
      {"THEORY_INFERENCE", &Translator::rule_consequence},
      {"SUBS", &Translator::rule_consequence},
      {"ITE_EQ", &Translator::rule_consequence},
      {"SKOLEM_INTRO", &Translator::rule_consequence},  // `k = t`: a skolem's definition (skolems.cpp)
      // arithmetic
      {"MACRO_ARITH_SCALE_SUM_UB", &Translator::rule_consequence},
      {"ARITH_SUM_UB", &Translator::rule_consequence},
      {"ARITH_TRICHOTOMY", &Translator::rule_consequence},
      {"INT_TIGHT_UB", &Translator::rule_consequence},
      {"INT_TIGHT_LB", &Translator::rule_consequence},
      {"ARITH_MULT_POS", &Translator::rule_consequence},
      {"ARITH_MULT_NEG", &Translator::rule_consequence},
      {"ARITH_MULT_SIGN", &Translator::rule_consequence},
      {"ARITH_MULT_TANGENT", &Translator::rule_consequence},
      {"ARITH_OP_ELIM_AXIOM", &Translator::rule_consequence},
      // arrays (arrays.cpp)
      {"ARRAYS_READ_OVER_WRITE", &Translator::rule_array},
      {"ARRAYS_READ_OVER_WRITE_CONTRA", &Translator::rule_array},
      {"ARRAYS_READ_OVER_WRITE_1", &Translator::rule_array},
      {"ARRAYS_EXT", &Translator::rule_array},
  };
  return table;
}

uint64_t Translator::justify(const Step& s) {
  const auto& table = rule_table();
  auto it = table.find(s.rule);
  if (it == table.end()) return 0;
  return (this->*(it->second))(s);
}

// ---- assumptions

// ASSUME φ: {φ, ~φ} ⊢ F. A SCOPE above discharges φ, or it is one of the top SCOPE's
// assumptions (checked at the end against the problem's assertions).
uint64_t Translator::rule_assume(const Step& s) { return s.p.empty() ? n_of(assume(s.phi), s.phi) : 0; }

// SCOPE a1 … an over a proof of ψ: ~(a1 /\ … /\ an) when ψ is false, else
// (a1 /\ … /\ an) ==> ψ (a1 alone for n = 1). Each ai is taken from the conjunction
// assumed (CONJUNCT down its right spine), which then stands for them all.
uint64_t Translator::rule_scope(const Step& s) {
  if (s.p.size() != 1) return 0;
  const Term& psi = s.p[0].phi;
  std::vector<Term> as = arg_terms(s.script, s.args);
  if (as.empty()) return s.phi == psi ? s.p[0].thm : 0;
  Term c, body;
  bool refutes = psi == false_term();
  if (refutes ? !is_neg(s.phi) : !is_op(s.phi, "==>", &c, &body)) return 0;
  if (refutes) c = s.phi.rand();
  else if (body != psi) return 0;
  uint64_t cur = s.p[0].thm, conj = assume(c);
  Term rest = c;
  for (size_t k = 0; k < as.size(); ++k) {
    Term l, r;
    uint64_t ak = conj;
    if (k + 1 < as.size()) {
      if (!is_op(rest, "/\\", &l, &r) || l != as[k]) return 0;
      ak = step("conjunct1", {conj});
      conj = step("conjunct2", {conj});
      rest = r;
    } else if (rest != as[k]) {
      return 0;
    }
    cur = step("prove_hyp", {ak, cur});
  }
  if (refutes) {  // Γ ∪ {c, ~F} ⊢ F, then ⊢ ~F and NOT_INTRO c
    cur = step("prove_hyp", {step("not_intro", {term(false_term()), assume(false_term())}), cur});
    return n_of(step("not_intro", {term(c), cur}), s.phi);
  }
  // Γ ∪ {c, ~ψ} ⊢ F. {~(c ==> ψ)} ⊢ ~ψ (ψ gives c ==> ψ); then ~c, hence c ==> ψ by CONTR,
  // against ~(c ==> ψ).
  Term nphi = neg(s.phi);
  uint64_t npsi = step("not_intro", {term(psi), step("not_elim", {assume(nphi), step("disch", {term(c), assume(psi)})})});
  cur = step("prove_hyp", {npsi, cur});
  uint64_t nc = step("not_intro", {term(c), cur});
  uint64_t imp = step("disch", {term(c), step("contr", {term(psi), step("not_elim", {nc, assume(c)})})});
  return step("not_elim", {assume(nphi), imp});
}

// ---- equality

uint64_t Translator::rule_refl(const Step& s) {
  Term a, b;
  if (is_op(s.phi, "=", &a, &b) && a == b) return n_of(step("refl", {term(a)}), s.phi);
  return rule_consequence(s);
}
uint64_t Translator::rule_symm(const Step& s) {
  Term a, b;
  if (s.p.size() == 1 && is_op(s.phi, "=", &a, &b) && s.p[0].phi == Term::eq(b, a))
    return from_positive(step("sym", {assume(s.p[0].phi)}), s.phi, s.p);
  return rule_consequence(s);  // a disequation turned round
}
uint64_t Translator::rule_trans(const Step& s) {
  Term a, b;
  if (s.p.empty() || !is_op(s.phi, "=", &a, &b)) return 0;
  // A chain a = x1, x1 = x2, …, = b in order (each premise either way round).
  Term at = a;
  uint64_t cur = 0;
  for (const Node& n : s.p) {
    Term l, r;
    if (!is_op(n.phi, "=", &l, &r)) return 0;
    uint64_t e;
    if (l == at) e = assume(n.phi), at = r;
    else if (r == at) e = step("sym", {assume(n.phi)}), at = l;
    else return rule_consequence(s);
    cur = cur ? step("trans", {cur, e}) : e;
  }
  if (at != b) return rule_consequence(s);
  return from_positive(cur, s.phi, s.p);
}
uint64_t Translator::rule_cong(const Step& s) {
  Term a, b;
  if (!is_op(s.phi, "=", &a, &b)) return 0;
  if (uint64_t pos = congruence_->cong(a, b, s.p, 0)) return from_positive(pos, s.phi, s.p);
  return rule_consequence(s);
}
uint64_t Translator::rule_eq_resolve(const Step& s) {
  const auto& p = s.p;
  if (p.size() == 2 && p[1].phi == Term::eq(p[0].phi, s.phi))
    return from_positive(step("eq_mp", {assume(p[1].phi), assume(p[0].phi)}), s.phi, p);
  return rule_consequence(s);
}

// ---- clauses

uint64_t Translator::rule_clausal(const Step& s) {
  if (uint64_t th = propagate(s.p, s.phi)) return th;
  if (uint64_t th = split(s.p, s.phi)) return th;
  return rule_consequence(s);
}

uint64_t Translator::split(const std::vector<Node>& p, const Term& phi) {
  constexpr size_t kCandidates = 16;
  std::vector<Term> ds = phi == false_term() ? std::vector<Term>{} : disjuncts(phi);
  std::unordered_set<Term, TermHash> tried;
  for (const Node& n : p) {
    if (!is_op(n.phi, "\\/")) continue;
    for (const Term& l : disjuncts(n.phi)) {
      Term a = is_neg(l) ? l.rand() : l;
      if (tried.size() >= kCandidates) return 0;
      if (!tried.insert(a).second) continue;
      // φ \/ ~a and φ \/ a, each by propagation, then φ from the two (resolution on a).
      auto with = [&](const Term& lit) {
        std::vector<Term> e = ds;
        e.push_back(lit);
        Term t = e.back();
        for (size_t j = e.size() - 1; j-- > 0;) t = Prover::op2("\\/", e[j], t);
        return t;
      };
      Term neg_side = with(neg(a)), pos_side = with(a);
      uint64_t x = propagate(p, neg_side);
      if (!x) continue;
      uint64_t y = propagate(p, pos_side);
      if (!y) continue;
      if (uint64_t th = propagate({{x, neg_side}, {y, pos_side}}, phi)) return th;
    }
  }
  return 0;
}

// ---- everything else, cvc5's trusted steps included

uint64_t Translator::rule_consequence(const Step& s) { return consequence(s.rule, s.p, s.phi); }

uint64_t Translator::consequence(const std::string& rule, const std::vector<Node>& p, const Term& phi) {
  if (p.empty()) return tautology(rule, phi);
  if (uint64_t th = with_reads_taken(rule, p, phi)) return th;
  if (uint64_t th = propagate(p, phi)) return th;
  // A Farkas sum (MACRO_ARITH_SCALE_SUM_UB) adds up contradictory bounds: its premises are
  // refuted by themselves, which also covers sums printed with rational coefficients over Ints.
  if (uint64_t th = absurd_premises(p)) return th;
  Term a, b;
  if (is_op(phi, "=", &a, &b)) {
    if (uint64_t pos = congruence_->cong(a, b, p, 0)) return from_positive(pos, phi, p);
    std::vector<Node> eqs = substitution(p);
    if (eqs.size() > p.size())
      if (uint64_t pos = congruence_->cong(a, b, eqs, 0)) return from_positive(pos, phi, eqs);
    if (uint64_t th = substituted_rewrite(eqs, a, b)) return th;
  }
  if (uint64_t th = theory_lemma(rule, p, phi)) return th;
  if (uint64_t th = renamed_premise(rule, p, phi)) return th;
  std::string cm;
  Term implication;
  std::vector<Term> ps;
  if (uint64_t th = congruence_->implies(p, phi, &cm, &implication, &ps)) return th;
  if (!cm.empty()) refuted("a " + rule + " step does not follow from its premises (" + cm + ")");
  // Equality reasoning for the steps cvc5 justifies by its theories (not resolution,
  // whose failures are propositional: crowding literals).
  bool theory_step = rule.find("RESOLUTION") == std::string::npos && rule != "REORDERING" && rule != "FACTORING" &&
                     rule != "CONTRA" && rule != "AND_ELIM" && rule != "NOT_OR_ELIM" && rule != "MODUS_PONENS";
  return theory_step ? implied_by_closure(p, phi) : 0;
}

uint64_t Translator::renamed_premise(const std::string& rule, const std::vector<Node>& p, const Term& phi) {
  if (p.size() < 2 || skolems_.empty()) return 0;
  std::vector<std::pair<Term, Term>> theta;  // t := k for each premise t = k, k a name of cvc5's
  std::vector<Node> eqs;
  for (size_t k = 1; k < p.size(); ++k) {
    Term l, r;
    if (is_op(p[k].phi, "=", &l, &r) && r.kind() == TermKind::Var && skolems_.count(r) && !mentions(l, r))
      theta.push_back({l, r}), eqs.push_back(p[k]);
  }
  if (theta.empty()) return 0;
  uint64_t n = rewritten_rewrite(rule, theta, eqs, p[0].phi, phi);  // N(p0 = φ), resting on eqs
  if (!n) return 0;
  Term e = Term::eq(p[0].phi, phi);
  return from_positive(step("eq_mp", {assume(e), assume(p[0].phi)}), phi, {{n, e}, p[0]});
}

std::vector<Node> Translator::substitution(const std::vector<Node>& p) {
  constexpr size_t kMax = 256;
  std::vector<Node> eqs;
  for (const Node& n : p) {
    Term rest = n.phi, l, r;
    if (!is_op(rest, "/\\")) {
      eqs.push_back(n);
      continue;
    }
    uint64_t cur = assume(n.phi);
    while (is_op(rest, "/\\", &l, &r) && eqs.size() < kMax) {
      eqs.push_back({from_positive(step("conjunct1", {cur}), l, {n}), l});
      cur = step("conjunct2", {cur});
      rest = r;
    }
    eqs.push_back({from_positive(cur, rest, {n}), rest});
  }
  // The substitution to its fixpoint: for each equation x = r with x a variable, x = r*,
  // r* = r with every such x replaced by its r, again and again (at most 8 rounds);
  // r = r* by congruence from the equations, then TRANS.
  std::vector<std::pair<Term, Term>> theta;
  for (const Node& n : eqs) {
    Term l, r;
    if (is_op(n.phi, "=", &l, &r) && l.kind() == TermKind::Var && l.type() != Type::boolean() &&
        std::none_of(theta.begin(), theta.end(), [&](const auto& x) { return x.first == l; }))  // one binding per variable
      theta.push_back({l, r});
  }
  if (theta.empty()) return eqs;
  // r = r* by congruence from the equations so far, fixpoint ones included: a variable
  // whose r mentions another's (e6 = op e2 e4, e4 = op e2 e0) waits for that one's x = r*,
  // pass after pass (at most 8).
  size_t given = eqs.size();
  std::vector<bool> done(given, false);
  for (int pass = 0; pass < 8; ++pass) {
    bool progress = false;
    for (size_t i = 0; i < given && eqs.size() < kMax; ++i) {
      Term l, r;
      if (done[i] || !is_op(eqs[i].phi, "=", &l, &r) || l.kind() != TermKind::Var || l.type() == Type::boolean()) continue;
      Term full = r;
      for (int round = 0; round < 8; ++round) {
        Term next = full.subst(theta);
        if (next == full) break;
        full = next;
      }
      if (full == r || mentions(full, l)) {
        done[i] = true;
        continue;
      }
      std::vector<Node> used(eqs.begin(), eqs.end());
      uint64_t rr = congruence_->cong(r, full, used, 0);
      if (!rr) continue;
      Term e = Term::eq(l, full);
      eqs.push_back({from_positive(step("trans", {assume(eqs[i].phi), rr}), e, used), e});
      done[i] = progress = true;
    }
    if (!progress) break;
  }
  return eqs;
}

uint64_t Translator::substituted_rewrite(const std::vector<Node>& eqs, const Term& a, const Term& b) {
  std::vector<std::pair<Term, Term>> theta;
  for (const Node& n : eqs) {  // the last equation for each variable is its fixpoint one
    Term l, r;  // Boolean variables too: cvc5 substitutes x := true / false before rewriting
    if (!is_op(n.phi, "=", &l, &r) || l.kind() != TermKind::Var || mentions(r, l)) continue;
    auto it = std::find_if(theta.begin(), theta.end(), [&](const auto& x) { return x.first == l; });
    if (it == theta.end()) theta.push_back({l, r});
    else it->second = r;
  }
  if (theta.empty()) return 0;
  return rewritten_rewrite("substitution", theta, eqs, a, b);
}

uint64_t Translator::tautology(const std::string& rule, const Term& phi) {
  if (uint64_t th = with_reads_taken(rule, {}, phi)) return th;
  Term a, b;
  bool eq = is_op(phi, "=", &a, &b), iff = eq && a.type() == Type::boolean();
  uint64_t th = 0;
  // A whole conjunction (disjunction) rewritten: operand by operand (small ones go the
  // usual ways first).
  bool conjunctions = iff && (is_op(a, "/\\") || is_op(b, "/\\"));
  bool disjunctions = iff && (is_op(a, "\\/") || is_op(b, "\\/"));
  bool large = conjunctions && (nest_has_at_least(a, "/\\", 4) || nest_has_at_least(b, "/\\", 4));
  bool large_disj = disjunctions && (nest_has_at_least(a, "\\/", 4) || nest_has_at_least(b, "\\/", 4));
  if (large && (th = conjunctions_equal(a, b, conj_depth_))) return th;
  if (large_disj && (th = disjunctions_equal(a, b, conj_depth_))) return th;
  // A keyed pair of a large rewrite (conjunctions.cpp) too large for the other provers:
  // only nest alignment (their failing search over it took minutes: lpsat-goal-1).
  if (conj_depth_ > 0 && larger_than(phi, 2 * kMaxFreeLeafSize)) {
    if (conjunctions && !large && (th = conjunctions_equal(a, b, conj_depth_))) return th;
    if (disjunctions && !large_disj && (th = disjunctions_equal(a, b, conj_depth_))) return th;
    return 0;
  }
  if ((large || large_disj) && (th = rewritten_rewrite(rule, {}, {}, a, b))) return th;
  // Over arrays: l and r alike but for array and read terms, each pair by extensionality
  // and reads through stores (`store (store x i v) i w = store x i w`).
  if (eq && ArrayLemmas::mentions_arrays(phi) && (th = tools_.arrays.equal(a, b))) return th;
  if (eq && mentions_cond(phi) && (th = diagrams_->equal(a, b))) return th;
  if (iff && (th = normal_->equal(a, b))) return th;
  std::string cm;
  if ((th = refute_negation(sink_, phi, &cm, 4096, 400, &theory_))) return th;
  if (!cm.empty()) refuted("a " + rule + " step states a false formula (" + cm + ")");
  // Congruence descends a nest's right spine 64 levels at most, then pairs at most 400
  // operands at once: on a spine of more than 464 operands (cvc5's n-ary `and` of a whole
  // assertion) it cannot succeed, and its failing descent over thousands of conjuncts
  // took minutes (opensmt ex10100).
  auto spine = [](Term t, const char* op) {
    size_t n = 1;
    while (is_op(t, op) && n <= 464) t = t.rand(), ++n;
    return n;
  };
  bool huge = iff && (spine(a, "/\\") > 464 || spine(a, "\\/") > 464);
  if (iff && !huge && (th = congruence_->congruent(a, b, 0))) return th;
  if (eq && !iff) {
    int budget = 64;
    if ((th = congruence_->terms_equal(a, b, 0, budget))) return th;
  }
  if (iff) th = congruence_->rewrite_with_applications(a, b);
  if (!th && conjunctions && !large) th = conjunctions_equal(a, b, conj_depth_);
  if (!th && disjunctions && !large_disj) th = disjunctions_equal(a, b, conj_depth_);
  if (!th) th = tautology_by_closure(phi);  // transitivity and congruence at the leaves
  return th;
}

uint64_t Translator::absurd_premises(const std::vector<Node>& p) {
  std::vector<Term> lits;
  for (const Node& n : p) {
    if (!Arith::is_atom(is_neg(n.phi) ? n.phi.rand() : n.phi)) return 0;
    lits.push_back(n.phi);
  }
  if (!arith_refuter_(sink_, lits, false, nullptr)) return 0;
  uint64_t f = arith_refuter_(sink_, lits, true, nullptr);
  if (!f) return 0;
  f = use_all(p, f);
  absurd_.insert(f);
  return f;
}

uint64_t Translator::theory_lemma(const std::string& rule, const std::vector<Node>& p, const Term& phi) {
  std::vector<Term> lits;
  for (const Node& n : p) lits.push_back(n.phi);
  if (phi != false_term())
    for (const Term& d : disjuncts(phi)) lits.push_back(comp(d));
  for (const Term& l : lits)
    if (!Arith::is_atom(is_neg(l) ? l.rand() : l)) return 0;
  bool model = false;
  if (!arith_refuter_(sink_, lits, false, &model)) {
    if (model) refuted("a " + rule + " step is false: its premises and the negation of its conclusion have a model");
    return 0;
  }
  uint64_t f = arith_refuter_(sink_, lits, true, nullptr);
  if (!f) return 0;
  f = use_all(p, f);
  return phi == false_term() ? f : discharge_disjuncts(f, phi);
}

}  // namespace hcert::cvc5
