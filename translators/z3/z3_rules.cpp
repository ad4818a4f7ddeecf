// The Z3 translator's rule table and its rules (spec/z3.md, "Rules"): one function per
// rule, each the N(φ) of its step from its premises' N's, or 0 (then the caller tries the
// fallbacks, and a step none proves is a hole). Resolution and lemma: z3_resolution.cpp.
#include <algorithm>

#include "translators/z3/translator.hpp"

namespace hcert::z3 {

// The rule table: Z3's rule name -> the function that translates its steps. A `th-lemma`
// with any annotation (`th-lemma arith farkas 1 1`) is the th-lemma entry's.
const std::unordered_map<std::string, Translator::RuleHandler>& Translator::rule_table() {
  static const std::unordered_map<std::string, RuleHandler> table{
      {"asserted", &Translator::rule_asserted},
      {"hypothesis", &Translator::rule_hypothesis},
      {"true-axiom", &Translator::rule_true_axiom},
      {"intro-def", &Translator::rule_intro_def},
      {"refl", &Translator::rule_refl},
      {"symm", &Translator::rule_symm},
      {"trans", &Translator::rule_trans},
      {"trans*", &Translator::rule_trans},
      {"mp", &Translator::rule_mp},
      {"commutativity", &Translator::rule_commutativity},
      {"monotonicity", &Translator::rule_monotonicity},
      {"and-elim", &Translator::rule_and_elim},
      {"not-or-elim", &Translator::rule_not_or_elim},
      {"iff-true", &Translator::rule_iff_true},
      {"iff-false", &Translator::rule_iff_false},
      {"unit-resolution", &Translator::rule_unit_resolution},
      {"lemma", &Translator::rule_lemma},
      {"def-axiom", &Translator::rule_tautology},
      {"rewrite", &Translator::rule_tautology},
      {"rewrite*", &Translator::rule_tautology},
      {"th-lemma", &Translator::rule_th_lemma},
      {"th-lemma array", &Translator::rule_th_lemma_array},
  };
  return table;
}

uint64_t Translator::justify(const std::string& rule, const std::vector<Node>& p, const Term& phi) {
  const auto& table = rule_table();
  auto it = table.find(rule);
  if (it == table.end() && rule.rfind("th-lemma", 0) == 0) it = table.find("th-lemma");
  if (it == table.end()) return 0;
  return (this->*(it->second))(Step{rule, p, phi});
}

// ---- assumptions

// An asserted formula that is not literally one of the problem's assertions (Z3's
// rendering of named assertions, say) is not assumed: it becomes a hole unless
// asserted_consequence proves it.
uint64_t Translator::rule_asserted(const Step& s) {
  if (assertions_.count(s.phi)) return positive(assume(s.phi));
  if (!invented_names(s.phi).empty()) proxies_.push_back(s.phi);  // for guess_names
  return asserted_consequence(s.phi);
}
uint64_t Translator::rule_hypothesis(const Step& s) { return positive(assume(s.phi)); }
uint64_t Translator::rule_true_axiom(const Step& s) {
  return s.p.empty() && s.phi == true_term() ? positive(step("truth", {})) : 0;
}
uint64_t Translator::rule_intro_def(const Step& s) { return s.p.empty() ? intro_def(s.phi) : 0; }

// ---- equality

uint64_t Translator::rule_refl(const Step& s) {
  Term a, b;
  return is_op(s.phi, "=", &a, &b) && a == b ? positive(step("refl", {term(a)})) : 0;
}
uint64_t Translator::rule_symm(const Step& s) {
  Term a, b;
  if (s.p.size() == 1 && is_op(s.phi, "=", &a, &b) && s.p[0].phi == Term::eq(b, a))
    return from_positive(step("sym", {assume(s.p[0].phi)}), s.phi, s.p);
  return 0;
}
uint64_t Translator::rule_trans(const Step& s) { return s.p.empty() ? 0 : trans(s.p, s.phi); }
uint64_t Translator::rule_mp(const Step& s) {
  const auto& p = s.p;
  if (p.size() == 2 && p[1].phi == Term::eq(p[0].phi, s.phi))
    return from_positive(step("eq_mp", {assume(p[1].phi), assume(p[0].phi)}), s.phi, p);
  return 0;
}
uint64_t Translator::rule_commutativity(const Step& s) {
  Term a, b, c, d;
  if (!(is_op(s.phi, "=", &a, &b) && is_op(a, "=", &c, &d) && b == Term::eq(d, c))) return 0;
  // ⊢ (c = d) = (d = c) by DEDUCT_ANTISYM of the two symmetric theorems.
  uint64_t x = step("sym", {assume(a)}), y = step("sym", {assume(b)});
  return positive(step("sym", {step("deduct_antisym", {x, y})}));
}
uint64_t Translator::rule_monotonicity(const Step& s) {
  Term a, b;
  if (!is_op(s.phi, "=", &a, &b)) return 0;
  uint64_t pos = tools_.congruence.cong(a, b, s.p, 0);
  return pos ? from_positive(pos, s.phi, s.p) : 0;
}

// ---- connectives

uint64_t Translator::rule_and_elim(const Step& s) {
  const auto& p = s.p;
  const Term& phi = s.phi;
  if (p.size() != 1) return 0;
  if (uint64_t kept = kept_conjunct(p[0].phi, phi)) return from_positive(kept, phi, p);
  // Down the right spine: φ is a conjunct or a whole tail (a nested conjunction).
  Term rest = p[0].phi, l, r;
  uint64_t cur = assume(rest);
  while (rest != phi && is_op(rest, "/\\", &l, &r)) {
    if (l == phi) return from_positive(step("conjunct1", {cur}), phi, p);
    cur = step("conjunct2", {cur});
    rest = r;
  }
  return rest == phi ? from_positive(cur, phi, p) : 0;
}
uint64_t Translator::kept_conjunct(const Term& c, const Term& phi) {
  ConjunctionSpine& sp = spines_[c];
  if (sp.parts.empty()) {
    if (++sp.uses < 2) return 0;
    size_t n = 1;
    Term rest = c, l, r;
    while (is_op(rest, "/\\", &l, &r)) ++n, rest = r;
    if (n < 4) return 0;
    StepSink& L = tools_.lemmas;
    uint64_t cur = L.step("assume", {L.term(c)});
    rest = c;
    while (is_op(rest, "/\\", &l, &r)) {
      sp.parts.emplace(l, L.step("conjunct1", {cur}));  // a part twice: its first place
      cur = L.step("conjunct2", {cur});
      rest = r;
      sp.parts.emplace(rest, cur);
    }
  }
  auto it = sp.parts.find(phi);
  return it == sp.parts.end() ? 0 : it->second;
}

uint64_t Translator::rule_iff_true(const Step& s) {
  if (s.p.size() == 1 && s.phi == Term::eq(s.p[0].phi, true_term()))
    return from_positive(step("eqt_intro", {assume(s.p[0].phi)}), s.phi, s.p);
  return 0;
}
uint64_t Translator::rule_iff_false(const Step& s) {
  const auto& p = s.p;
  if (!(p.size() == 1 && is_neg(p[0].phi) && s.phi == Term::eq(p[0].phi.rand(), false_term()))) return 0;
  // ~ψ ⊢ ψ = F: F gives ψ, and ψ with ~ψ gives F.
  const Term& psi = p[0].phi.rand();
  uint64_t to = step("contr", {term(psi), assume(false_term())});
  uint64_t from = step("not_elim", {assume(p[0].phi), assume(psi)});
  return from_positive(step("deduct_antisym", {to, from}), s.phi, p);
}

// ---- tautologies and theory lemmas

// Z3's clausal definitions and its propositional rewrites (def-axiom, rewrite, rewrite*,
// th-lemma without premises) are tautologies of their atoms; a rewrite that needs theory
// reasoning fails the check and stays a hole.
uint64_t Translator::rule_tautology(const Step& s) {
  const std::string& rule = s.rule;
  const Term& phi = s.phi;
  Term a, b;
  if (!s.p.empty()) return 0;
  bool th_lemma = rule.rfind("th-lemma", 0) == 0;
  // A rewrite between formulas: normal forms first (linear in the formula where a case
  // split over a flattened conjunction of 30 formulas is not), then the case split.
  bool iff = rule != "def-axiom" && !th_lemma && is_op(phi, "=", &a, &b) && a.type() == boolean();
  // Nested conditionals: decision diagrams, linear in the DAG where the split is not
  // (and cheaper than the normal forms, which expand each bool conditional).
  uint64_t th = 0;
  // Over arrays (`select (store a i v) i = v`): an axiom instance. The case split below
  // knows nothing of arrays: its countermodel of an array fact proves nothing.
  if (iff && ((th = unit_simplified(a, b)) || (th = regrouped_disjunction(a, b)) || (th = regrouped_in_context(a, b))))
    return th;
  bool arrays = ArrayLemmas::mentions_arrays(phi);
  if (arrays && (th = array_lemma({}, phi))) return th;
  if (arrays && !th_lemma && is_op(phi, "=", &a, &b) && (th = tools_.arrays.equal(a, b))) return th;
  // A rewrite that leaves its conditionals as they are (flattening around `x = COND c 2 y`):
  // the normal forms first, the diagrams only if they fail (a failing dry run of the
  // diagrams over a 90-conjunct formula costs 0.1 s, and Z3 makes dozens of such steps).
  bool normal_first = iff && conditionals_untouched(a, b);
  if (normal_first && (th = tools_.normal.equal(a, b))) return th;
  if (!th_lemma && rule != "def-axiom" && is_op(phi, "=", &a, &b) && mentions_cond(phi) &&
      (th = tools_.diagrams.equal(a, b)))
    return th;
  if (iff && !normal_first && (th = tools_.normal.equal(a, b))) return th;
  std::string cm;
  th = refute_negation(tools_.scratch, phi, &cm, 4096, 400, &tools_.theories);
  // A step over a name Z3 invented holds only with the name's definition (with_definitions
  // tries that): a countermodel of the step alone proves nothing.
  if (!th && !cm.empty() && invented_names(phi).empty() && !guessed_ && !arrays)
    reject("a " + rule + " step states a false formula (" + cm + ")");
  if (!th && iff) th = tools_.congruence.congruent(a, b, 0);
  // A rewrite between terms (`1 + f(x - 2) = 1 + f(-2 + x)`): congruence down to
  // arithmetic.
  if (!th && !th_lemma && rule != "def-axiom" && is_op(phi, "=", &a, &b) && a.type() != boolean()) {
    int budget = 64;
    th = tools_.congruence.terms_equal(a, b, 0, budget);
  }
  if (!th && iff) th = tools_.congruence.rewrite_with_applications(a, b);
  return th;
}
uint64_t Translator::rule_th_lemma(const Step& s) { return s.p.empty() ? rule_tautology(s) : theory_lemma(s.p, s.phi); }
uint64_t Translator::rule_th_lemma_array(const Step& s) { return array_lemma(s.p, s.phi); }

uint64_t Translator::array_lemma(const std::vector<Node>& p, const Term& phi) {
  std::vector<Term> lits;
  for (const Node& n : p) lits.push_back(n.phi);
  if (phi != false_term())
    for (const Term& d : spine(phi, "\\/")) lits.push_back(is_neg(d) ? d.rand() : neg(d));
  uint64_t f = tools_.arrays.refute(lits);
  if (!f) return 0;
  f = use_all(p, f);
  return phi == false_term() ? f : negated_disjuncts(f, phi);
}

uint64_t Translator::asserted_consequence(const Term& phi) {
  // `A ==> A`: a check-sat-assuming's `proxy!n => A` once proxy!n is instantiated by A
  // (discharge_definitions). DISCH of A assumed, one step whatever A is, where the case
  // split over A's atoms took a third of xs-09-16's check (A of 39 conjuncts).
  Term a, b;
  if (is_op(phi, "==>", &a, &b) && a == b) return positive(step("disch", {term(a), assume(a)}));
  bool cond = mentions_cond(phi);
  std::vector<Term> atoms = atoms_of(phi, 64);
  // A formula of 64 atoms or more is most likely an assertion restated (its case split
  // would meet thousands of arithmetic leaves first): the restatement is tried first.
  bool large = atoms.size() >= 64;
  if (!large && !cond)
    if (uint64_t th = refute_negation(tools_.scratch, phi, nullptr, 4096, 400, &tools_.theories)) return th;
  std::unordered_set<Term, TermHash> mine(atoms.begin(), atoms.end()), my_syms = symbols_of(atoms);
  if (assertion_atoms_.empty())
    for (const Term& a : assertion_list_) assertion_atoms_.push_back({a, atoms_of(a, 64)});
  // Candidates sharing an atom first, then (Z3 writes 0 as 0.0, 1 as 1.0) those sharing a
  // symbol, the closest first (fewest symbols in one and not the other: among 400
  // assertions over x_10 and x_13 the one over both alone), and those without symbols
  // (`3 <= -3`, `~(C = C)`: false by themselves, whatever φ is).
  std::vector<const Term*> cands;
  std::vector<std::pair<size_t, const Term*>> by_symbols;
  for (const auto& [a, its] : assertion_atoms_) {
    if (std::any_of(its.begin(), its.end(), [&](const Term& x) { return mine.count(x) > 0; })) {
      cands.push_back(&a);
      continue;
    }
    auto syms = symbols_of(its);
    size_t shared = std::count_if(syms.begin(), syms.end(), [&](const Term& x) { return my_syms.count(x) > 0; });
    if (shared > 0 || syms.empty()) by_symbols.push_back({syms.size() + my_syms.size() - 2 * shared, &a});
  }
  std::stable_sort(by_symbols.begin(), by_symbols.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [d, a] : by_symbols) cands.push_back(a);
  // The best candidate, restated: a = φ by congruence (flattened, say), or by diagrams
  // (with conditionals, which Z3 simplified).
  auto restated = [&](const Term& a, bool by_diagrams = false) -> uint64_t {
    Term e = Term::eq(a, phi);
    uint64_t ne = by_diagrams ? tools_.diagrams.equal(a, phi) : tools_.congruence.congruent(a, phi, 0);
    return ne ? from_positive(step("eq_mp", {assume(e), assume(a)}), phi, {{ne, e}}) : 0;
  };
  if (cond && !cands.empty())
    if (uint64_t th = restated(*cands[0], true)) return th;
  if (large && !cands.empty())
    if (uint64_t th = restated(*cands[0])) return th;
  if (large || cond)
    if (uint64_t th = refute_negation(tools_.scratch, phi, nullptr, 4096, 400, &tools_.theories)) return th;
  int tries = 0;
  for (const Term* ap : cands) {
    const Term& a = *ap;
    if (++tries > 16) break;
    Term imp = provers::imp(a, phi);
    uint64_t n = refute_negation(tools_.scratch, imp, nullptr, 256, 400, &tools_.theories);
    if (!n && tries == 1 && !large)
      if (uint64_t th = restated(a)) return th;
    if (!n) continue;
    // {a, ~φ} ⊢ ~(a ==> φ), which discharges ~(a ==> φ) from N(a ==> φ).
    uint64_t f = step("not_elim", {assume(neg(phi)), step("mp", {assume(imp), assume(a)})});
    return step("prove_hyp", {step("not_intro", {term(imp), f}), n});
  }
  return 0;
}

std::unordered_set<Term, TermHash> Translator::symbols_of(const std::vector<Term>& atoms) {
  std::unordered_set<Term, TermHash> out, seen;
  std::vector<Term> todo(atoms.begin(), atoms.end());
  while (!todo.empty() && seen.size() < 5000) {
    Term t = todo.back();
    todo.pop_back();
    if (!seen.insert(t).second) continue;
    if (t.kind() == TermKind::Comb) todo.push_back(t.rator()), todo.push_back(t.rand());
    else if ((t.kind() == TermKind::Const || t.kind() == TermKind::Var) && t.name().find('.') == std::string::npos &&
             t.name() != "=" && t.name() != "~" && t.name() != "T" && t.name() != "F")
      out.insert(t);
  }
  return out;
}

uint64_t Translator::theory_lemma(const std::vector<Node>& p, const Term& phi) {
  std::vector<Term> lits;
  for (const Node& n : p) lits.push_back(n.phi);
  if (phi != false_term())
    for (const Term& d : spine(phi, "\\/")) lits.push_back(is_neg(d) ? d.rand() : neg(d));
  for (const Term& l : lits)
    if (!Arith::is_atom(is_neg(l) ? l.rand() : l)) return 0;
  // A negative cycle (difference logic) first: its steps are linear in the literals, and
  // no search is made; then Z3's multipliers; then the simplex (a dry run, then the steps).
  uint64_t f = 0;
  if (auto c = tools_.arith.refute_cycle(tools_.scratch, lits, nullptr, nullptr, false)) f = *c;
  if (!f) f = farkas_hint(lits, p.size());
  if (!f && !tools_.arith_refuter(tools_.scratch, lits, false, nullptr)) return 0;
  if (!f) f = tools_.arith_refuter(tools_.scratch, lits, true, nullptr);
  if (!f) return 0;
  f = use_all(p, f);
  return phi == false_term() ? f : negated_disjuncts(f, phi);
}

uint64_t Translator::farkas_hint(const std::vector<Term>& lits, size_t premises) {
  const auto& c = coefficients_;
  if (c.empty()) return 0;
  ++hints_.first;
  if (c.size() != lits.size()) return 0;
  size_t n = lits.size();
  // The readings: in order, and (assign-bounds) the conclusion's multiplier first.
  std::vector<std::vector<mpq_class>> readings(2, std::vector<mpq_class>(n));
  for (size_t k = 0; k < n; ++k) readings[0][k] = c[k];
  for (size_t k = 0; k < n; ++k) readings[1][k] = k < premises ? c[(k + 1) % n] : k == premises ? c[0] : c[k];
  if (n == premises) readings.pop_back();
  for (auto& y : readings) {
    // An inequality's multiplier is non-negative whatever sign Z3 prints; an equation's
    // keeps its sign, then the other (Z3 may write either side first).
    std::vector<size_t> eqs;
    for (size_t k = 0; k < n; ++k) {
      if (is_op(lits[k], "=")) eqs.push_back(k);
      else y[k] = abs(y[k]);
    }
    if (auto f = tools_.arith.refute_with(tools_.scratch, lits, y)) return ++hints_.second, *f;
    if (eqs.empty()) continue;
    for (size_t k : eqs) y[k] = -y[k];
    if (auto f = tools_.arith.refute_with(tools_.scratch, lits, y)) return ++hints_.second, *f;
  }
  return 0;
}

uint64_t Translator::propositional_consequence(const std::string& rule, const std::vector<Node>& p, const Term& phi) {
  std::string cm;
  Term implication;
  std::vector<Term> ps;
  uint64_t n = tools_.congruence.implies(p, phi, &cm, &implication, &ps);
  if (!n && !cm.empty() && undefined_names(implication, ps).empty() && !ArrayLemmas::mentions_arrays(implication))
    reject("a " + rule + " step does not follow from its premises (" + cm + ")");
  return n;
}

uint64_t Translator::trans(const std::vector<Node>& p, const Term& phi) {
  Term a, b;
  if (!is_op(phi, "=", &a, &b)) return 0;
  std::vector<bool> used(p.size(), false);
  Term at = a;
  uint64_t cur = 0;
  for (size_t step_no = 0; step_no < p.size() && at != b; ++step_no) {
    bool found = false;
    for (size_t k = 0; k < p.size() && !found; ++k) {
      Term l, r;
      if (used[k] || !is_op(p[k].phi, "=", &l, &r)) continue;
      uint64_t e = 0;
      Term next;
      if (l == at) e = assume(p[k].phi), next = r;
      else if (r == at) e = step("sym", {assume(p[k].phi)}), next = l;
      else continue;
      cur = cur ? step("trans", {cur, e}) : e;
      at = next;
      used[k] = found = true;
    }
    if (!found) return 0;
  }
  if (at != b || !cur) return 0;
  return from_positive(cur, phi, p);
}

}  // namespace hcert::z3
