// Clausal steps by unit propagation (spec/cvc5.md, "Resolution"): CHAIN_RESOLUTION,
// MACRO_RESOLUTION(_TRUST), REORDERING, FACTORING, CONTRA, AND_ELIM, ... and the first try
// for every step with premises. cvc5's pivots and polarities are not needed: its
// conclusion is printed, and a resolvent is always reached by unit propagation from its
// premises and the negations of its literals. Nothing is trusted: the search is untrusted,
// and only the derivations the conflict uses are emitted as kernel steps.
#include <algorithm>

#include "translators/cvc5/translator.hpp"

namespace hcert::cvc5 {

namespace {

// How one known formula was found: assumed (a premise or the complement of one of φ's
// disjuncts), a disjunct's negation from a negated disjunction, a conjunct, or the one
// literal left of a clause whose other literals are false; a conflict is two complements.
// When those alone find no conflict, the connectives inside literals are propagated too
// (a `Gate` per conjunction or disjunction met in a premise or in φ): a conjunction from
// its conjuncts (GateConj) or false by one false conjunct (GateNotConj), a disjunction
// from one disjunct (GateDisj) or false by all of them false (GateNotDisj); and x from ~~x
// (NotNot).
struct Fact {
  enum Kind { Assumed, NotDisjunct, Conjunct, Unit, GateConj, GateNotConj, GateDisj, GateNotDisj, NotNot } kind;
  Term phi;
  size_t from = 0;         // the parent fact (NotDisjunct, Conjunct, Unit: the clause;
                           // GateNotConj, GateDisj: the operand's fact; NotNot: ~~x)
  size_t index = 0;        // which disjunct or conjunct, or the unit's literal
  std::vector<size_t> by;  // Unit: the facts that falsify the clause's other literals;
                           // GateConj: the operands'; GateNotDisj: their complements'
  uint64_t thm = 0;        // once emitted
  bool needed = false;
};

// A conjunction or disjunction met inside a premise or φ, with its operands (the right
// spine of its connective): what propagation may learn about it from them and back.
struct Gate {
  Term g;
  bool conj;
  std::vector<Term> ops;
};

// The operands of a right-nested conjunction.
std::vector<Term> conjuncts(Term t) {
  std::vector<Term> out;
  Term a, b;
  while (is_op(t, "/\\", &a, &b)) out.push_back(a), t = b;
  out.push_back(t);
  return out;
}

// The conjunctions and disjunctions inside the formulas `roots`, each once (a DAG walk
// with an explicit stack through ~, /\ and \/), at most `limit`.
std::vector<Gate> gates_of(const std::vector<Term>& roots, size_t limit) {
  std::vector<Gate> out;
  std::unordered_set<Term, TermHash> seen;
  std::vector<Term> todo(roots.rbegin(), roots.rend());
  while (!todo.empty() && out.size() < limit) {
    Term t = todo.back();
    todo.pop_back();
    if (!seen.insert(t).second) continue;
    if (is_neg(t)) {
      todo.push_back(t.rand());
      continue;
    }
    bool conj = is_op(t, "/\\");
    if (!conj && !is_op(t, "\\/")) continue;
    out.push_back({t, conj, conj ? conjuncts(t) : disjuncts(t)});
    for (size_t k = out.back().ops.size(); k-- > 0;) todo.push_back(out.back().ops[k]);
  }
  return out;
}

// The search of `propagate`: the premises and the complements of φ's disjuncts assumed,
// expanded (conjunctions, negated disjunctions) and propagated through the clauses among
// them, in rounds, to two complementary facts or a clause with every literal false. Fills
// `facts`; the conflict's two facts (the second SIZE_MAX for a false clause), or SIZE_MAX
// when the search ends without one. Bounded in facts, clauses and work.
std::pair<size_t, size_t> propagation_search(const std::vector<Node>& p, const Term& phi, std::vector<Fact>& facts) {
  constexpr size_t kMaxFacts = 20000, kMaxClauses = 5000, kMaxWork = 2000000;
  constexpr size_t kMaxGates = 20000;
  std::unordered_map<Term, size_t, TermHash> known;
  std::vector<size_t> clauses;  // facts that are disjunctions
  std::vector<std::vector<Term>> lits;  // their literals
  size_t conflict_a = SIZE_MAX, conflict_b = SIZE_MAX;
  auto add = [&](Fact f) {
    if (known.count(f.phi) || facts.size() >= kMaxFacts) return;
    known.emplace(f.phi, facts.size());
    facts.push_back(std::move(f));
  };
  for (const Node& n : p) add({Fact::Assumed, n.phi, 0, 0, {}});
  if (phi != false_term())
    for (const Term& d : disjuncts(phi)) add({Fact::Assumed, comp(d), 0, 0, {}});
  add({Fact::Assumed, neg(false_term()), 0, 0, {}});
  // Known formulas are expanded in order; after each round the clauses are scanned.
  size_t expanded = 0, work = 0;
  std::vector<Gate> gates;
  bool gates_made = false;
  auto false_lit = [&](const Term& l) -> size_t {
    auto it = known.find(comp(l));
    return it == known.end() ? SIZE_MAX : it->second;
  };
  while (conflict_a == SIZE_MAX && work < kMaxWork) {
    for (; expanded < facts.size() && conflict_a == SIZE_MAX; ++expanded) {
      Term f = facts[expanded].phi, a, b;
      ++work;
      if (size_t c = false_lit(f); c != SIZE_MAX) {
        conflict_a = expanded, conflict_b = c;
        break;
      }
      if (is_neg(f) && is_op(f.rand(), "\\/")) {
        std::vector<Term> ds = disjuncts(f.rand());
        for (size_t k = 0; k < ds.size(); ++k) add({Fact::NotDisjunct, neg(ds[k]), expanded, k, {}});
      } else if (is_neg(f) && is_neg(f.rand())) {
        add({Fact::NotNot, f.rand().rand(), expanded, 0, {}});
      } else if (is_op(f, "/\\")) {
        std::vector<Term> cs = conjuncts(f);
        for (size_t k = 0; k < cs.size(); ++k) add({Fact::Conjunct, cs[k], expanded, k, {}});
      } else if (is_op(f, "\\/") && clauses.size() < kMaxClauses) {
        clauses.push_back(expanded);
        lits.push_back(disjuncts(f));
      }
    }
    if (conflict_a != SIZE_MAX) break;
    bool changed = false;
    for (size_t c = 0; c < clauses.size() && conflict_a == SIZE_MAX; ++c) {
      const auto& ls = lits[c];
      size_t open = SIZE_MAX, n_open = 0;
      std::vector<size_t> by;
      bool satisfied = false;
      for (size_t k = 0; k < ls.size() && n_open < 2 && !satisfied; ++k) {
        ++work;
        if (known.count(ls[k])) satisfied = true;
        else if (size_t w = false_lit(ls[k]); w != SIZE_MAX) by.push_back(w);
        else open = k, ++n_open;
      }
      if (satisfied || n_open >= 2) continue;
      if (n_open == 0) {  // every literal false: the clause itself is the conflict
        facts.push_back({Fact::Unit, false_term(), clauses[c], SIZE_MAX, by});
        conflict_a = facts.size() - 1;
        break;
      }
      size_t before = facts.size();
      add({Fact::Unit, ls[open], clauses[c], open, by});
      changed |= facts.size() > before;
    }
    if (changed || expanded < facts.size()) continue;
    // Stuck: the connectives inside the literals (the gates), each read from its operands'
    // facts and back; another round when one taught something.
    if (!gates_made) {
      std::vector<Term> roots;
      for (const Fact& f : facts) roots.push_back(f.phi);
      gates = gates_of(roots, kMaxGates);
      gates_made = true;
    }
    size_t before = facts.size();
    for (const Gate& g : gates) {
      if (conflict_a != SIZE_MAX || work >= kMaxWork) break;
      size_t holds = SIZE_MAX, fails = SIZE_MAX;  // one operand true, one false (their facts)
      size_t n_open = 0;
      std::vector<size_t> trues, falses;
      for (size_t k = 0; k < g.ops.size(); ++k) {
        ++work;
        if (auto it = known.find(g.ops[k]); it != known.end()) {
          trues.push_back(it->second);
          if (holds == SIZE_MAX) holds = k;
        } else if (size_t w = false_lit(g.ops[k]); w != SIZE_MAX) {
          falses.push_back(w);
          if (fails == SIZE_MAX) fails = k;
        } else {
          ++n_open;
        }
      }
      bool g_true = known.count(g.g), g_false = false_lit(g.g) != SIZE_MAX;
      if (g.conj) {
        if (fails != SIZE_MAX && !g_false) add({Fact::GateNotConj, neg(g.g), falses[0], fails, {}});
        else if (n_open == 0 && fails == SIZE_MAX && !g_true) add({Fact::GateConj, g.g, trues[0], 0, trues});
      } else {
        if (holds != SIZE_MAX && !g_true) add({Fact::GateDisj, g.g, trues[0], holds, {}});
        else if (n_open == 0 && holds == SIZE_MAX && !g_false) add({Fact::GateNotDisj, neg(g.g), falses[0], 0, falses});
      }
    }
    if (facts.size() == before) break;
  }
  return {conflict_a, conflict_b};
}

}  // namespace

uint64_t Translator::disj_intro(const std::vector<Term>& ds, size_t k, uint64_t th) {
  std::vector<Term> tails(ds.size());
  tails.back() = ds.back();
  for (size_t j = ds.size() - 1; j-- > 0;) tails[j] = Prover::op2("\\/", ds[j], tails[j + 1]);
  uint64_t cur = k + 1 == ds.size() ? th : step("disj1", {th, term(tails[k + 1])});
  for (size_t j = k; j-- > 0;) cur = step("disj2", {term(ds[j]), cur});
  return cur;
}

uint64_t Translator::discharge_disjuncts(uint64_t cur, const Term& psi) {
  std::vector<Term> ds = disjuncts(psi);
  std::unordered_set<Term, TermHash> seen;
  for (size_t k = 0; k < ds.size(); ++k) {
    if (!seen.insert(ds[k]).second) continue;
    if (is_neg(ds[k])) {  // hypothesis h for the disjunct ~h: ~h gives ψ
      uint64_t nh = step("not_intro", {term(ds[k].rand()), cur});
      cur = step("not_elim", {assume(neg(psi)), disj_intro(ds, k, nh)});
    } else {  // hypothesis ~a: ~ψ gives ~a
      uint64_t na = step("not_intro", {term(ds[k]), step("not_elim", {assume(neg(psi)), disj_intro(ds, k, assume(ds[k]))})});
      cur = step("prove_hyp", {na, cur});
    }
  }
  return cur;
}

uint64_t Translator::propagate(const std::vector<Node>& p, const Term& phi) {
  std::vector<Fact> facts;
  auto [conflict_a, conflict_b] = propagation_search(p, phi, facts);
  if (conflict_a == SIZE_MAX) return 0;

  // Mark what the conflict needs, newest first (a fact only uses older ones).
  facts[conflict_a].needed = true;
  if (conflict_b != SIZE_MAX) facts[conflict_b].needed = true;
  for (size_t i = facts.size(); i-- > 0;) {
    if (!facts[i].needed || facts[i].kind == Fact::Assumed) continue;
    facts[facts[i].from].needed = true;
    for (size_t j : facts[i].by) facts[j].needed = true;
  }
  // Emit, oldest first: each needed fact as a theorem of its formula.
  // A literal l of a clause refuted: {l} ∪ … ⊢ F from the fact that falsifies it.
  // F from a theorem of the literal l and one of its complement.
  auto clash = [&](const Term& l, uint64_t l_thm, uint64_t comp_thm) {
    return is_neg(l) ? step("not_elim", {l_thm, comp_thm}) : step("not_elim", {comp_thm, l_thm});
  };
  auto refute = [&](const Term& l, const Fact& w) { return clash(l, assume(l), w.thm); };
  // NotNot facts x, whose proof is Γ ∪ {~x} ⊢ F (no excluded middle in the kernel): x is
  // assumed where it is used, and the conflict's {x} is traded for that proof at the end.
  std::vector<std::pair<Term, uint64_t>> classical;
  for (size_t i = 0; i < facts.size(); ++i) {
    Fact& f = facts[i];
    if (!f.needed) continue;
    const Term& fp = f.phi;
    switch (f.kind) {
      case Fact::Assumed:
        f.thm = fp == neg(false_term()) ? step("not_intro", {term(false_term()), assume(false_term())}) : assume(fp);
        break;
      case Fact::NotDisjunct: {  // ~d_k from ~(d_1 \/ …): d_k gives the disjunction
        std::vector<Term> ds = disjuncts(facts[f.from].phi.rand());
        uint64_t d = disj_intro(ds, f.index, assume(ds[f.index]));
        f.thm = step("not_intro", {term(ds[f.index]), step("not_elim", {facts[f.from].thm, d})});
        break;
      }
      case Fact::Conjunct: {
        std::vector<Term> cs = conjuncts(facts[f.from].phi);
        uint64_t cur = facts[f.from].thm;
        for (size_t k = 0; k < f.index; ++k) cur = step("conjunct2", {cur});
        f.thm = f.index + 1 < cs.size() ? step("conjunct1", {cur}) : cur;
        break;
      }
      case Fact::Unit: {  // the clause's one open literal (or F), by cases down its spine
        const Fact& c = facts[f.from];
        std::vector<Term> ds = disjuncts(c.phi);
        if (fp == false_term() || is_neg(fp)) {
          // F, or a negative literal ~x: CLAUSE_INTRO (a kernel fast path) gives
          // Γ ∪ {comp(d_1), …, comp(d_n)} ⊢ F, each refuted literal's comp(d_k) is the
          // fact that refutes it (PROVE_HYP), and NOT_INTRO x trades the open one for ~x.
          uint64_t r = step("clause_intro", {c.thm});
          size_t w = 0;
          for (size_t k = 0; k < ds.size(); ++k)
            if (k != f.index) r = step("prove_hyp", {facts[f.by[w++]].thm, r});
          f.thm = fp == false_term() ? r : step("not_intro", {term(fp.rand()), r});
          break;
        }
        size_t w = 0;
        std::vector<uint64_t> refuted(ds.size(), 0);
        for (size_t k = 0; k < ds.size(); ++k)
          if (k != f.index) refuted[k] = refute(ds[k], facts[f.by[w++]]);
        auto leaf = [&](size_t k) { return k == f.index ? assume(ds[k]) : step("contr", {term(fp), refuted[k]}); };
        uint64_t r = leaf(ds.size() - 1);
        Term tail = ds.back();
        for (size_t k = ds.size() - 1; k-- > 0;) {
          tail = Prover::op2("\\/", ds[k], tail);
          r = step("disj_cases", {assume(tail), leaf(k), r});
        }
        f.thm = step("prove_hyp", {c.thm, r});
        break;
      }
      case Fact::GateConj: {  // CONJ of the operands' facts, from the right
        f.thm = facts[f.by.back()].thm;
        for (size_t k = f.by.size() - 1; k-- > 0;) f.thm = step("conj", {facts[f.by[k]].thm, f.thm});
        break;
      }
      case Fact::GateNotConj: {  // ~g: g gives its operand c_k, which the fact refutes
        Term g = fp.rand();
        std::vector<Term> cs = conjuncts(g);
        uint64_t cur = assume(g);
        for (size_t k = 0; k < f.index; ++k) cur = step("conjunct2", {cur});
        if (f.index + 1 < cs.size()) cur = step("conjunct1", {cur});
        f.thm = step("not_intro", {term(g), clash(cs[f.index], cur, facts[f.from].thm)});
        break;
      }
      case Fact::GateDisj:
        f.thm = disj_intro(disjuncts(fp), f.index, facts[f.from].thm);
        break;
      case Fact::GateNotDisj: {  // ~g: CLAUSE_INTRO of g assumed, each operand refuted
        Term g = fp.rand();
        uint64_t r = step("clause_intro", {assume(g)});
        for (size_t j : f.by) r = step("prove_hyp", {facts[j].thm, r});
        f.thm = step("not_intro", {term(g), r});
        break;
      }
      case Fact::NotNot:  // x is classical: {~x} ⊢ F by the fact ~~x
        f.thm = assume(fp);
        classical.push_back({fp, step("not_elim", {facts[f.from].thm, assume(neg(fp))})});
        break;
    }
  }
  uint64_t f = facts[conflict_a].thm;
  if (conflict_b != SIZE_MAX) {
    const Fact &x = facts[conflict_a], &y = facts[conflict_b];  // y is comp(x)
    f = is_neg(x.phi) && y.phi == x.phi.rand() ? step("not_elim", {x.thm, y.thm}) : step("not_elim", {y.thm, x.thm});
  }
  for (size_t k = classical.size(); k-- > 0;)  // newest first: older ones may rest on it
    f = step("prove_hyp", {step("not_intro", {term(classical[k].first), f}), classical[k].second});
  // {premises, complements of φ's disjuncts} ⊢ F: each traded for ~φ or the premise's N.
  if (phi != false_term()) f = discharge_disjuncts(f, phi);
  return use_all(p, f);
}

}  // namespace hcert::cvc5
