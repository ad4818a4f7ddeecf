// The cvc5 translator's state and its parts (internal to translators/cvc5; the entry point
// is cvc5_to_cert.hpp): proof nodes and their bookkeeping (cvc5_to_cert.cpp), the rule
// table and one function per rule (cvc5_rules.cpp), clausal reasoning by unit propagation
// (clauses.cpp). The theory reasoning is the shared provers' (translators/provers/); this
// translator holds only cvc5's rules and how they map onto them.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "translators/cvc5/cvc5_to_cert.hpp"
#include "translators/provers/formula.hpp"
#include "translators/provers/nform.hpp"
#include "translators/provers/scratch.hpp"
#include "translators/provers/toolbox.hpp"
#include "translators/rule_costs.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::cvc5 {

using namespace hcert::provers;
using cert::Emitter;
using cert::Tag;
using check::Failure;
using check::Outcome;

inline const Term& false_term() {
  static thread_local const Env* env = nullptr;
  static thread_local Term f;
  if (env != &vocab()) env = &vocab(), f = Term::constant(vocab(), "F", Type::boolean());
  return f;
}
inline Term true_term() { return Term::constant(vocab(), "T", Type::boolean()); }
// The disjuncts of a right-nested disjunction (one element if it is not one).
inline std::vector<Term> disjuncts(Term t) {
  std::vector<Term> out;
  Term a, b;
  while (is_op(t, "\\/", &a, &b)) out.push_back(a), t = b;
  out.push_back(t);
  return out;
}
// The complement of a literal: a for ~a, else ~l.
inline Term comp(const Term& l) { return is_neg(l) ? l.rand() : neg(l); }

// A proof node: the certificate theorem N(φ) = Γ ∪ {~φ} ⊢ F (nform.hpp), φ the node's
// `:conclusion`, Γ the ASSUMEs it rests on that no SCOPE below it discharged.
using Node = NThm;

// One rule application as the rule table's handlers see it: the rule's name, its
// premises (already translated, in cvc5's order), its conclusion φ and its arguments
// (the `:args` s-expression, or none).
struct Step {
  const std::string& rule;
  const std::vector<Node>& p;
  const Term& phi;
  const smt::Script& script;
  int64_t args;  // node index of the `:args` value in `script`, -1 when absent
};

class Translator {
 public:
  Translator(check::SmtContext& ctx, cert::Emitter& out);
  Cvc5Stats run(const std::string& sha, ProofReader& in);

 private:
  [[noreturn]] void reject(const std::string& why) { throw Failure(Outcome::Rejected, "cvc5 proof " + where_ + ": " + why); }
  // A countermodel found for a step: rejected, unless the step mentions cvc5's own names.
  void refuted(const std::string& why) {
    if (!lenient_) reject(why);
  }
  uint64_t step(const char* rule, std::vector<uint64_t> args) { return scratch_.step(rule, std::move(args)); }
  // Deletes the scratch theorems made since `mark` except `keep` (ScratchTheorems::collect)
  // and drops the provers' memos of them.
  void collect(size_t mark, uint64_t keep);
  uint64_t term(const Term& t) { return out_.term(t); }
  uint64_t assume(const Term& t) { return step("assume", {term(t)}); }
  uint64_t n_of(uint64_t pos, const Term& phi) { return provers::n_of(sink_, pos, phi); }
  uint64_t use_all(const std::vector<Node>& premises, uint64_t f) { return provers::use_all(sink_, premises, f); }
  uint64_t from_positive(uint64_t pos, const Term& phi, const std::vector<Node>& premises) {
    return provers::from_positive(sink_, pos, phi, premises);
  }
  uint64_t hole(const Term& phi, const std::string& rule);

  // A term of the proof (a conclusion or an argument), in the let names bound so far.
  // Mixed Int/Real terms are coerced first (terms.cpp).
  Term elaborate(const smt::Script& s, uint32_t node);
  // Whether node is (= f (lambda ((x S) …) body)) with f a define-fun the problem's
  // elaboration unfolds, applied to x …, to exactly body.
  bool definitional_lambda(const smt::Script& s, uint32_t node);
  // Rewrites node n of c (a copy of the proof's script) bottom-up so that arithmetic and
  // equations have arguments of one sort; returns n.
  uint32_t coerce(smt::Script& c, uint32_t n, int depth);
  // An Int term of c as a Real one (numerals as decimals, to_real at the variables); the
  // index of the new node.
  uint32_t realify(smt::Script& c, uint32_t n, int depth);
  // The terms of an `:args` value: a list, or a name bound to one, or one term.
  std::vector<Term> arg_terms(const smt::Script& s, int64_t args);

  // A proof expression (sub-proofs first, innermost first; at most 10,000 levels).
  Node proof(const smt::Script& s, uint32_t i);
  // One step of the proof tree being translated (proof()'s explicit stack).
  struct ProofFrame {
    const smt::Script* s = nullptr;
    uint32_t i = 0;                      // the step: a rule application in *s
    std::shared_ptr<smt::Script> owned;  // a deferred named sub-proof's script, kept alive
    std::string name;                    // that sub-proof's name, recorded when it is done
    size_t mark = 0;  // scratch_ before the step
    std::string rule;
    Term phi;
    std::vector<Node> prem;
    size_t k = 3;  // its next argument to read
    int64_t args = -1;
  };
  void open_step(ProofFrame& f);
  Node close_step(ProofFrame& f);

  // The rule table (cvc5_rules.cpp): cvc5's rule name -> its handler; 0 when the handler
  // cannot justify this step (then it is a hole named by the rule).
  uint64_t justify(const Step& s);
  uint64_t rule_assume(const Step& s);
  uint64_t rule_scope(const Step& s);
  uint64_t rule_refl(const Step& s);
  uint64_t rule_symm(const Step& s);
  uint64_t rule_trans(const Step& s);
  uint64_t rule_cong(const Step& s);
  uint64_t rule_eq_resolve(const Step& s);
  uint64_t rule_clausal(const Step& s);
  uint64_t rule_consequence(const Step& s);
  // The case split with congruence closure beside the arithmetic at its leaves
  // (equalities.cpp): N(φ) for φ valid in the theory of equality (PREPROCESS's learned
  // equalities), and N(φ) from premises p when p1 ==> … ==> φ is; 0 when φ (or a premise)
  // has no equation between terms, or the split does not close.
  uint64_t tautology_by_closure(const Term& phi);
  uint64_t implied_by_closure(const std::vector<Node>& p, const Term& phi);
  static bool mentions_equalities(const Term& t);
  const Theories& euf_theories();
  TheoryRefuter euf_refuter_;
  Theories euf_theories_;
  // cvc5's array rules (arrays.cpp): an axiom instance of the theory `arrays`.
  uint64_t rule_array(const Step& s);
  uint64_t extensionality(const Step& s);
  // A step over arrays with the reads through stores taken (cvc5's rewriter does it to
  // every term): premises and φ rewritten by ArrayLemmas::reads_through_stores, the
  // rewritten step proved by `consequence`, then carried back by EQ_MP; 0 when nothing
  // is rewritten or the rewritten step is not proved.
  uint64_t with_reads_taken(const std::string& rule, const std::vector<Node>& p, const Term& phi);
  bool reads_taken_ = false;  // inside with_reads_taken: not again
  using RuleHandler = uint64_t (Translator::*)(const Step&);
  static const std::unordered_map<std::string, RuleHandler>& rule_table();

  // φ from the premises by the shared provers, whatever the rule claims about how cvc5
  // found it (spec/cvc5.md, "Trusted steps"): unit propagation, congruence, the case
  // split with arithmetic and conditionals at its leaves, normal forms, decision diagrams,
  // Farkas combinations. Rejects the step when the case split finds a countermodel over
  // propositional variables alone.
  uint64_t consequence(const std::string& rule, const std::vector<Node>& p, const Term& phi);
  // The premises as a substitution (MACRO_SR_EQ_INTRO's): conjunctions split into their
  // conjuncts, and each x = r (x a variable) also as x = r* with the substitution applied
  // to r to its fixpoint (a = b, b = f(c), c = d give a = f(d)), at most 256 in all; each
  // an N-theorem resting on the premises.
  std::vector<Node> substitution(const std::vector<Node>& p);
  // a = b when a with the substitution applied (to its fixpoint) is s, a = s by
  // congruence from the equations, and s = b holds by itself (a rewrite after the
  // substitution: cvc5's MACRO_SR_EQ_INTRO with premises).
  uint64_t substituted_rewrite(const std::vector<Node>& eqs, const Term& a, const Term& b);
  // What u becomes when its Boolean constants are folded the way cvc5's rewriter folds
  // them after a substitution (`F \/ p` to p, `T = p` to p, `COND F a b` to b, `p = p` to
  // T, …; folding.cpp), with N(u = u') proved by a case split over u's operands as atoms
  // and added to `proved`; a null term when no rule applies or its proof fails.
  Term folded(const Term& u, std::vector<Node>& proved);
  // N(a = b) from a* = b, a* being a with the bindings `theta` (the N's of their equations
  // in `eqs`) substituted to their fixpoint and its Boolean constants folded, over a's DAG
  // (RewriteCongruence), and a* = b by `tautology`; 0 when a* is a or a* = b is not proved.
  // With bindings, a countermodel of a* = b rejects nothing (the substitution is a guess
  // at cvc5's reading).
  // `rule` names the step in a rejection's message.
  uint64_t rewritten_rewrite(const std::string& rule, const std::vector<std::pair<Term, Term>>& theta,
                             const std::vector<Node>& eqs, const Term& a, const Term& b);
  bool rewriting_ = false;  // inside rewritten_rewrite: not again
  // N(φ) when φ is the first premise with terms renamed by the others' equations `t = k`,
  // k one of cvc5's names (MACRO_SR_PRED_TRANSFORM of REMOVE_TERM_FORMULA_AXIOM's
  // `ite c (t = a) (t = b)` by the purification `t = termITE_7`): p0 = φ by
  // rewritten_rewrite with t := k, then EQ_MP; 0 when no premise renames or p0* ≠ φ.
  uint64_t renamed_premise(const std::string& rule, const std::vector<Node>& p, const Term& phi);
  // No premises: φ a tautology of the theories, or an equation between terms.
  uint64_t tautology(const std::string& rule, const Term& phi);
  // `tautology` for a part of a larger rewrite (conjunctions.cpp), `depth` levels down.
  uint64_t tautology_at(const Term& phi, int depth) {
    int was = conj_depth_;
    conj_depth_ = depth;
    uint64_t th = tautology("rewrite", phi);
    conj_depth_ = was;
    return th;
  }
  // N(a = b) for two formulas one of which is a nest of /\ (a rewrite of a whole
  // conjunction): their leaves aligned in order, each pair, run or dropped conjunct proved
  // on its own, the two directions rebuilt and joined; 0 when the alignment fails.
  uint64_t conjunctions_equal(const Term& a, const Term& b, int depth);
  // The same for nests of \/ (a disjunct false by itself is dropped).
  uint64_t disjunctions_equal(const Term& a, const Term& b, int depth);
  uint64_t nests_equal(const Term& a, const Term& b, const char* op, int depth);
  // What each leaf a_i of the first nest became: the b's `js` (an equation a_i = their
  // nest, `eq` its N; eq 0 when a_i is literally the one b), or none (a_i is true, false
  // in a disjunction: `eq` is the N of that). `learned`: the b's no a became, each true
  // (false) by itself; `source[j]`: the a whose image first holds b_j.
  struct NestImage {
    std::vector<size_t> js;
    uint64_t eq;
    Term formula;  // the equation, or a_i (its negation in a disjunction)
  };
  struct NestAlignment {
    std::vector<NestImage> img;
    std::vector<Node> learned;
    std::vector<size_t> source;
  };
  // The search of nests_equal (untrusted, bounded): false when some leaf finds no image.
  bool align_nests(const std::vector<Term>& as, const std::vector<Term>& bs, const char* op, int depth,
                   NestAlignment& al);
  // A nest from its leaves' theorems, bottom-up without recursion: CONJ for /\; for \/
  // (`cases`) each leaf's theorem has the leaf as hypothesis and DISJ_CASES joins them.
  uint64_t nest_from_leaves(const Term& t, const std::vector<uint64_t>& leaf_thms, bool cases);
  // The two directions of an aligned pair of nests, joined by DEDUCT_ANTISYM; `used` are
  // the N's the images rest on, discharged at the end.
  uint64_t disjunction_nests_equal(const Term& a, const Term& b, const std::vector<Term>& as,
                                   const std::vector<Term>& bs, const NestAlignment& al, const std::vector<Node>& used);
  uint64_t conjunction_nests_equal(const Term& a, const Term& b, const std::vector<Term>& as,
                                   const std::vector<Term>& bs, const NestAlignment& al, const std::vector<Node>& used);
  int conj_depth_ = 0;
  // Nest alignment bounds (conjunctions.cpp): any pairing is searched down to
  // kMaxFreeNestDepth levels and for leaves of at most kMaxFreeLeafSize subterms; deeper or
  // larger, only pairs of one key (Congruence::signature), whose proof is again a keyed
  // alignment with one try per leaf, so its cost grows with the nests' size alone.
  static constexpr int kMaxFreeNestDepth = 2, kMaxKeyedNestDepth = 64;
  static constexpr size_t kMaxFreeLeafSize = 1000;
  // Premises and φ all arithmetic literals (φ a clause of them): a Farkas refutation of
  // the premises with φ's negated disjuncts. Rejects the step when they certainly have a
  // model (linear real arithmetic over variables).
  uint64_t theory_lemma(const std::string& rule, const std::vector<Node>& p, const Term& phi);

  // Premises that are contradictory by themselves (arithmetic literals a Farkas
  // combination refutes): Γ ⊢ F, which stands for N(φ) whatever φ is (it has no ~φ to
  // discharge), recorded in absurd_ so that a step using it inherits it. This is how a
  // Farkas sum over Int facts with rational coefficients (`(* (/ 654 47) x)`, which the
  // arithmetic reads over the reals with to_real) is checked: its premises are refuted.
  uint64_t absurd_premises(const std::vector<Node>& p);
  std::unordered_set<uint64_t> absurd_;  // live theorem ids of the form Γ ⊢ F (above)

  // Resolution and its relatives by unit propagation (clauses.cpp): the negations of φ's
  // disjuncts and the premises assumed, propagated through the premises' disjunctions,
  // conjunctions and negated disjunctions to a conflict; only the derivations the conflict
  // needs are emitted. N(φ), or 0 when propagation ends without a conflict.
  uint64_t propagate(const std::vector<Node>& p, const Term& phi);
  // When propagation alone finds no conflict (a resolution chain whose literals were
  // removed and brought back: cvc5's crowding literals): one case split on an atom a of a
  // premise clause, φ \/ ~a and φ \/ a each by propagation, then φ from the two; at
  // most 16 atoms tried. Only a successful branch emits steps.
  uint64_t split(const std::vector<Node>& p, const Term& phi);
  // Γ ⊢ F whose hypotheses include the negations of ψ's disjuncts (h for a disjunct ~h)
  // gives N(ψ): each traded for ~ψ.
  uint64_t discharge_disjuncts(uint64_t cur, const Term& psi);
  // ⊢ ds[0] \/ (ds[1] \/ …) from a theorem of ds[k].
  uint64_t disj_intro(const std::vector<Term>& ds, size_t k, uint64_t th);

  // The end: Γ ⊢ F with Γ the top SCOPE's assumptions; those that are not literally the
  // problem's assertions are proved from one, else the proof is rejected (it is the proof
  // of another problem).
  uint64_t close_assumptions(uint64_t fin, const std::vector<Term>& assumed);

  // cvc5's own names (skolems.cpp): declared as fresh variables where they first occur
  // (true when one was), their definitions recorded, offered to the steps that mention
  // them, and discharged at the end.
  bool declare_skolems(const smt::Script& s);
  // Let bindings of terms that could not be elaborated when bound (`(= termITE_1
  // termITE_2)`: neither name's sort known yet), by name, with their binding order; retried
  // where a later term mentions them (after that term declared its names). True when one
  // became a term.
  struct Pending {
    smt::Script script;
    size_t order;
  };
  std::unordered_map<std::string, Pending> pending_;
  bool retrying_pending_ = false;
  bool elaborate_pending(const smt::Script& s);
  bool define_skolem(const Term& phi);
  static bool mentions(const Term& t, const Term& v);
  // Whether t mentions one of cvc5's names (undefined_only: one with no definition yet).
  bool mentions_skolem(const Term& t, bool undefined_only = false) const;
  bool lenient_ = false;  // the current step mentions a skolem: no countermodel rejects it
  std::vector<Node> definitions_for(const std::vector<Node>& p, const Term& phi);
  uint64_t discharge_definitions(uint64_t fin);
  // elaborate without the coercion's error wrapping (for a sort guess).
  Term elaborate_quietly(const smt::Script& s, uint32_t node) { return ctx_.term(s, node, names_); }
  struct Definition {
    Term name, term, formula;
  };
  std::vector<Definition> definitions_;
  std::unordered_set<Term, TermHash> skolems_, defined_;
  // A step without premises over a name not yet defined (cvc5 states the bounds of
  // `intDiv_1` before the equation that defines it as `(div x 2)`): its formula is a
  // hypothesis till the end, then proved with the definitions known by then, or a hole.
  struct DeferredStep {
    Term formula;
    std::string rule;
  };
  std::vector<DeferredStep> deferred_steps_;
  bool mentions_undefined_skolem(const Term& t) const;
  uint64_t settle_deferred(uint64_t fin);
  std::unordered_set<std::string> skolem_sorts_tried_;

  check::SmtContext& ctx_;
  cert::Emitter& out_;
  std::unordered_map<std::string, Term> names_;           // let names bound to terms
  std::unordered_map<std::string, smt::Script> lists_;    // let names bound to argument lists
  std::unordered_map<std::string, Node> proofs_;          // let names bound to sub-proofs
  // Named sub-proofs whose conclusion names a cvc5 constant of no known sort yet
  // (`(REFL :conclusion (= termITE_33 termITE_33))` before any term gives termITE_33's
  // sort): translated where they are first cited, after the terms bound in between.
  std::unordered_map<std::string, smt::Script> deferred_;
  bool conclusion_elaborates(const smt::Script& s);
  std::unordered_set<Term, TermHash> assertions_;
  std::vector<Term> assertion_list_;
  provers::ScratchTheorems scratch_;  // theorems made since the current top-level binding
  Cvc5Stats stats_;
  std::string where_;
  // The shared provers; their scratch steps are this translator's (step, scratch_).
  provers::Toolbox tools_;
  // The toolbox's parts by the names the rule files use.
  StepSink& sink_ = tools_.scratch;
  TheoryRefuter& arith_refuter_ = tools_.arith_refuter;
  Theories& theory_ = tools_.theories;
  Normaliser* const normal_ = &tools_.normal;
  Diagrams* const diagrams_ = &tools_.diagrams;
  Congruence* const congruence_ = &tools_.congruence;
  bool holes_ = getenv("HCERT_CVC5_HOLES") != nullptr;
  // HCERT_CVC5_COST: each step that took more than 0.1 s (printed when it ends, so a run
  // stopped by its time limit still shows them), and the time by rule at the end.
  bool cost_ = getenv("HCERT_CVC5_COST") != nullptr;
  RuleCosts costs_;
};

}  // namespace hcert::cvc5
