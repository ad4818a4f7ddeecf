// Proof handles for the translator's derived arithmetic (spec/arith.md): each function
// emits one certificate step and returns its theorem id with the conclusion the step will
// have if the kernel accepts it. Untrusted: the conclusion is the translator's prediction,
// used to build the next steps; the checker recomputes everything, so a wrong prediction
// makes a step fail, never a false theorem pass.
//
// Why predict conclusions instead of running the kernel here: the translator streams into
// the checker (often another process, or a file kept for years); it needs to know the
// shapes it is building, not the theorems, and computing a conclusion is a few term
// constructions where the kernel's rule is a full check.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "translators/provers/taut.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::provers {

struct Pf {
  uint64_t id = 0;
  Term concl;
};

class Prover {
 public:
  explicit Prover(StepSink& out) : out_(out) {}
  StepSink& sink() { return out_; }
  size_t made() const { return made_; }  // steps emitted so far

  // Kernel and derived equality rules (spec/rules.md).
  Pf refl(const Term& t) { return make("refl", {tm(t)}, Term::eq(t, t)); }
  Pf trans(const Pf& a, const Pf& b) { return make("trans", {a.id, b.id}, Term::eq(a.concl.lhs(), b.concl.rhs())); }
  Pf sym(const Pf& a) { return make("sym", {a.id}, Term::eq(a.concl.rhs(), a.concl.lhs())); }
  Pf mk_comb(const Pf& f, const Pf& x) {
    return make("mk_comb", {f.id, x.id},
                Term::eq(Term::comb(f.concl.lhs(), x.concl.lhs()), Term::comb(f.concl.rhs(), x.concl.rhs())));
  }
  Pf ap_term(const Term& f, const Pf& x) {
    return make("ap_term", {tm(f), x.id}, Term::eq(Term::comb(f, x.concl.lhs()), Term::comb(f, x.concl.rhs())));
  }
  Pf ap_thm(const Pf& f, const Term& x) {
    return make("ap_thm", {f.id, tm(x)}, Term::eq(Term::comb(f.concl.lhs(), x), Term::comb(f.concl.rhs(), x)));
  }
  Pf eq_mp(const Pf& eq, const Pf& p) { return make("eq_mp", {eq.id, p.id}, eq.concl.rhs()); }
  Pf assume(const Term& p) { return make("assume", {tm(p)}, p); }
  Pf deduct_antisym(const Pf& a, const Pf& b) { return make("deduct_antisym", {a.id, b.id}, Term::eq(a.concl, b.concl)); }
  Pf prove_hyp(const Pf& a, const Pf& b) { return make("prove_hyp", {a.id, b.id}, b.concl); }
  Pf beta_conv(const Term& t) { return make("beta_conv", {tm(t)}, Term::eq(t, t.rator().open(t.rand()))); }
  Pf inst(const Pf& th, const std::vector<std::pair<Term, Term>>& theta) {
    std::vector<uint64_t> a{th.id};
    for (const auto& [x, t] : theta) a.push_back(tm(x)), a.push_back(tm(t));
    return make("inst", std::move(a), th.concl.subst(theta));
  }
  // The same step when the caller already knows the instance's conclusion (a lemma of a
  // fixed shape whose instance it has built anyway): no substitution to predict it. A wrong
  // `concl` is only a wrong prediction: the kernel's INST makes the theorem.
  Pf inst_as(const Pf& th, const std::vector<std::pair<Term, Term>>& theta, Term concl) {
    std::vector<uint64_t> a{th.id};
    for (const auto& [x, t] : theta) a.push_back(tm(x)), a.push_back(tm(t));
    return make("inst", std::move(a), std::move(concl));
  }
  Pf inst_type(const Pf& th, const TypeSubst& theta) {
    std::vector<uint64_t> a{th.id};
    for (const auto& [x, t] : theta) a.push_back(out_.type(x)), a.push_back(out_.type(t));
    return make("inst_type", std::move(a), th.concl.subst_type(theta));
  }
  // A theory fact by name (an axiom, or a definition by its constant) with its statement.
  Pf fact(const std::string& name, const Term& concl) { return {out_.fact(name), concl}; }

  // Boolean rules (rules/bool.hpp).
  Pf spec(const Term& t, const Pf& th) { return make("spec", {tm(t), th.id}, th.concl.rand().open(t)); }
  Pf mp(const Pf& pq, const Pf& p) { return make("mp", {pq.id, p.id}, pq.concl.rand()); }
  Pf disch(const Term& p, const Pf& q) { return make("disch", {tm(p), q.id}, op2("==>", p, q.concl)); }
  Pf conj(const Pf& a, const Pf& b) { return make("conj", {a.id, b.id}, op2("/\\", a.concl, b.concl)); }
  Pf conjunct1(const Pf& a) { return make("conjunct1", {a.id}, a.concl.rator().rand()); }
  Pf conjunct2(const Pf& a) { return make("conjunct2", {a.id}, a.concl.rand()); }
  Pf truth() { return make("truth", {}, Term::constant(vocab(), "T", Type::boolean())); }
  Pf eqt_intro(const Pf& p) { return make("eqt_intro", {p.id}, Term::eq(p.concl, Term::constant(vocab(), "T", Type::boolean()))); }
  Pf not_elim(const Pf& np, const Pf& p) { return make("not_elim", {np.id, p.id}, falsity()); }
  // A ⊢ l1 \/ … \/ lk gives A ∪ {comp(l1), …, comp(lk)} ⊢ F (the kernel's fast path; one
  // step where NOT_ELIM's derivation takes four inferences): CLAUSE_INTRO (ASSUME ~x) is
  // {~x, x} ⊢ F.
  Pf clause_intro(const Pf& th) { return make("clause_intro", {th.id}, falsity()); }
  Pf not_intro(const Term& p, const Pf& f) { return make("not_intro", {tm(p), f.id}, negate(p)); }
  Pf contr(const Term& p, const Pf& f) { return make("contr", {tm(p), f.id}, p); }
  Pf disj1(const Pf& p, const Term& q) { return make("disj1", {p.id, tm(q)}, op2("\\/", p.concl, q)); }
  Pf disj2(const Term& p, const Pf& q) { return make("disj2", {tm(p), q.id}, op2("\\/", p, q.concl)); }
  Pf disj_cases(const Pf& pq, const Pf& r1, const Pf& r2) { return make("disj_cases", {pq.id, r1.id, r2.id}, r1.concl); }

  static Term op2(const char* c, const Term& a, const Term& b) {
    Type B = Type::boolean();
    return Term::comb(Term::comb(Term::constant(vocab(), c, Type::fun(B, Type::fun(B, B))), a), b);
  }
  static Term negate(const Term& p) { return Term::comb(Term::constant(vocab(), "~", Type::fun(Type::boolean(), Type::boolean())), p); }
  static Term falsity() { return Term::constant(vocab(), "F", Type::boolean()); }

 private:
  uint64_t tm(const Term& t) { return out_.term(t); }
  Pf make(const char* rule, std::vector<uint64_t> args, Term concl) { ++made_; return {out_.step(rule, std::move(args)), std::move(concl)}; }
  StepSink& out_;
  size_t made_ = 0;
};

}  // namespace hcert::provers
