// Steps that hold by the theory of equality and uninterpreted functions beyond one
// congruence (spec/cvc5.md, "Equalities"): cvc5's PREPROCESS learns `x0 = x1` from
// `(x0 = y0 /\ y0 = x1) \/ (x0 = z0 /\ z0 = x1)` (the eq_diamond family), its UF lemmas
// and rewrites under substitutions chain equations. The case split (taut.hpp) is run with
// congruence closure (eq_closure.hpp) beside the arithmetic at its leaves: a leaf false
// propositionally is closed when its literals are contradictory by transitivity and
// congruence. Every leaf's refutation is emitted as kernel steps; nothing is trusted.
#include "translators/cvc5/translator.hpp"
#include "translators/provers/eq_closure.hpp"

namespace hcert::cvc5 {

namespace {
// The case split's budget here: it runs after the other provers failed, mostly on steps
// that stay holes, so it is kept small (an eq_diamond lemma needs a few dozen leaves).
constexpr int kClosureLeaves = 512;
// A sink that numbers steps and emits nothing: the dry run of a leaf refutation.
StepSink dry_sink() {
  auto n = std::make_shared<uint64_t>(0);
  StepSink s;
  s.step = [n](const char*, std::vector<uint64_t>) { return ++*n; };
  s.term = [n](const Term&) { return ++*n; };
  s.fact = [n](const std::string&) { return ++*n; };
  s.type = [n](const Type&) { return ++*n; };
  return s;
}
}  // namespace

bool Translator::mentions_equalities(const Term& t) {
  std::vector<Term> todo{t};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty() && seen.size() < 100000) {
    Term u = todo.back();
    todo.pop_back();
    if (u.kind() != TermKind::Comb || !seen.insert(u).second) continue;
    Term a, b;
    if (is_op(u, "=", &a, &b) && a.type() != Type::boolean() && !Arith::is_atom(u)) return true;
    todo.push_back(u.rator());
    todo.push_back(u.rand());
  }
  return false;
}

const Theories& Translator::euf_theories() {
  if (!euf_refuter_) {
    euf_refuter_ = [this](StepSink& o, const std::vector<Term>& lits, bool emit, bool* sat) -> uint64_t {
      if (uint64_t r = arith_refuter_(o, lits, emit, sat)) return r;
      if (sat) *sat = false;  // arithmetic's model says nothing of the equations
      if (!emit) {
        StepSink dry = dry_sink();
        return refute_by_closure(dry, lits) ? 1 : 0;
      }
      return refute_by_closure(o, lits);
    };
    euf_theories_ = theory_;
    euf_theories_.arith = &euf_refuter_;
  }
  return euf_theories_;
}

uint64_t Translator::tautology_by_closure(const Term& phi) {
  if (!mentions_equalities(phi)) return 0;
  return refute_negation(sink_, phi, nullptr, kClosureLeaves, 400, &euf_theories());
}

uint64_t Translator::implied_by_closure(const std::vector<Node>& p, const Term& phi) {
  // I = p1 ==> … ==> pn ==> φ, each premise once.
  std::vector<Term> ps;
  for (const Node& n : p)
    if (std::find(ps.begin(), ps.end(), n.phi) == ps.end()) ps.push_back(n.phi);
  Term imp = phi;
  for (size_t k = ps.size(); k-- > 0;) imp = Prover::op2("==>", ps[k], imp);
  bool any = mentions_equalities(phi);
  for (const Term& q : ps) any = any || mentions_equalities(q);
  if (!any) return 0;
  uint64_t n = refute_negation(sink_, imp, nullptr, kClosureLeaves, 400, &euf_theories());  // {~I} ⊢ F
  if (!n) return 0;
  // {p1, …, pn, ~φ} ⊢ ~I: I and the pi give φ by MP, against ~φ.
  Prover P(sink_);
  Pf cur = P.assume(imp);
  for (const Term& q : ps) cur = P.mp(cur, P.assume(q));
  Pf f = P.not_elim(P.assume(neg(phi)), cur);
  Pf not_imp = P.not_intro(imp, f);
  return use_all(p, step("prove_hyp", {not_imp.id, n}));
}

}  // namespace hcert::cvc5
