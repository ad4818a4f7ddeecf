// The Z3 translator's state and its parts (internal to translators/z3; the entry point is
// z3_to_cert.hpp): proof nodes and their bookkeeping (z3_to_cert.cpp), the rule table and
// one function per rule (z3_rules.cpp, z3_resolution.cpp), Z3's invented names
// (z3_names.cpp). The theory reasoning is the shared provers' (translators/provers/); this
// translator holds only Z3's syntax and how its rules map onto them.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "translators/provers/formula.hpp"
#include "translators/provers/nform.hpp"
#include "translators/provers/scratch.hpp"
#include "translators/provers/toolbox.hpp"
#include "translators/z3/terms.hpp"
#include "translators/z3/z3_to_cert.hpp"
#include "translators/rule_costs.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::z3 {

using namespace hcert::provers;
using cert::Emitter;
using cert::Tag;
using check::Failure;
using check::Outcome;

inline Type boolean() { return Type::boolean(); }
inline const Term& false_term() {
  static const Term f = Term::constant(vocab(), "F", boolean());
  return f;
}
inline const Term& true_term() {
  static const Term t = Term::constant(vocab(), "T", boolean());
  return t;
}
inline const Term& or_const() {
  static const Term t = Term::constant(vocab(), "\\/", Type::fun(boolean(), Type::fun(boolean(), boolean())));
  return t;
}
// The disjuncts of a right-nested disjunction (one element if it is not one).
inline std::vector<Term> spine(Term t, const char* op) {
  std::vector<Term> out;
  Term a, b;
  while (is_op(t, op, &a, &b)) out.push_back(a), t = b;
  out.push_back(t);
  return out;
}

struct PairTermHash {
  size_t operator()(const std::pair<Term, Term>& p) const { return TermHash()(p.first) * 31 + TermHash()(p.second); }
};

// A proof node: the certificate theorem N(φ) = Γ ∪ {~φ} ⊢ F (spec/z3.md) and φ itself.
using Node = NThm;

// One rule application as the rule table's handlers see it: the rule's name, its
// premises (already translated, in Z3's order) and its conclusion φ.
struct Step {
  const std::string& rule;
  const std::vector<Node>& p;
  const Term& phi;
};

class Translator {
 public:
  Translator(check::SmtContext& ctx, cert::Emitter& out);

  Z3Stats run(const std::string& sha, ProofReader& in);

 private:
  [[noreturn]] void reject(const std::string& why) { throw Failure(Outcome::Rejected, "Z3 proof " + where_ + ": " + why); }
  uint64_t step(const char* rule, std::vector<uint64_t> args) { return scratch_.step(rule, std::move(args)); }
  // Deletes the scratch theorems made since `mark` except `keep` (ScratchTheorems::collect)
  // and drops the provers' memos of them; `also` (if not 0) is kept as well.
  void collect(size_t mark, uint64_t keep, uint64_t also = 0);
  uint64_t term(const Term& t) { return out_.term(t); }
  uint64_t assume(const Term& t) { return step("assume", {term(t)}); }

  // The N-form helpers (translators/provers/nform.hpp) on this translator's scratch steps.
  uint64_t n_of(uint64_t pos, const Term& phi) { return provers::n_of(tools_.scratch, pos, phi); }
  // A rule's result may be a positive theorem Γ ⊢ φ instead of N(φ): `positive(pos)`, the
  // id tagged by kPositive (never a theorem id: a tagged id given to a step is refused by
  // the checker). The node then keeps pos alone (NThm::pos, thm 0): its users trade it by
  // one PROVE_HYP (provers::use), and N(φ), two steps, is never made. from_positive first
  // discharges the premises that have a positive theorem in `pos` itself, so that the
  // result stays positive when all of them have one; else it is N(φ).
  static constexpr uint64_t kPositive = uint64_t(1) << 63;
  static uint64_t positive(uint64_t pos) { return kPositive | pos; }
  // lemma's result may be its clause theorem Γ ∪ {comp(d1), …} ⊢ F (NThm::clause): the
  // unit-resolution that takes it as its clause starts from it (CLAUSE_INTRO's result
  // without the N round trip, a NOT_INTRO and more per disjunct); any other user gets its
  // N first (with_n). Tagged kClause.
  static constexpr uint64_t kClause = uint64_t(1) << 62;
  // A rule's result (N(φ), positive(pos) or a clause theorem) as a node of φ.
  static Node node_of(uint64_t th, const Term& phi) {
    if (th & kPositive) return Node{0, phi, th & ~kPositive};
    if (th & kClause) return Node{0, phi, 0, th & ~kClause};
    return Node{th, phi};
  }
  // The node with its N made, if it is a clause theorem.
  Node with_n(const Node& n) { return n.clause ? Node{negated_disjuncts(n.clause, n.phi), n.phi} : n; }
  uint64_t use(const Node& premise, uint64_t f_thm) { return provers::use(tools_.scratch, premise, f_thm); }
  uint64_t from_positive(uint64_t pos, const Term& phi, const std::vector<Node>& premises);
  // Γ ⊢ F for a node of F: its positive theorem, or its N with ~F discharged.
  uint64_t refutation(const Node& n);
  uint64_t use_all(const std::vector<Node>& premises, uint64_t f) { return provers::use_all(tools_.scratch, premises, f); }

  uint64_t hole(const Term& phi, const std::string& rule);

  // A proof expression (nested sub-proofs are translated first, innermost first).
  Node proof(const Sexp& e, uint32_t i, int depth = 0);

  // The rules (spec/z3.md) by the rule table (z3_rules.cpp); 0 when this rule or this
  // shape is not handled.
  uint64_t justify(const std::string& rule, const std::vector<Node>& p, const Term& phi);
  // One function per rule (the table's entries), each N(φ) for its step or 0.
  uint64_t rule_asserted(const Step& s);
  uint64_t rule_hypothesis(const Step& s);
  uint64_t rule_true_axiom(const Step& s);
  uint64_t rule_intro_def(const Step& s);
  uint64_t rule_refl(const Step& s);
  uint64_t rule_symm(const Step& s);
  uint64_t rule_trans(const Step& s);
  uint64_t rule_mp(const Step& s);
  uint64_t rule_commutativity(const Step& s);
  uint64_t rule_monotonicity(const Step& s);
  uint64_t rule_and_elim(const Step& s);
  uint64_t rule_not_or_elim(const Step& s);
  uint64_t rule_iff_true(const Step& s);
  // and-elim walks the conjunction's spine to φ: a conjunct of a large assertion, taken
  // 1,000 times (bool_random: 520 k CONJUNCT steps), costs the spine each time. From a
  // conjunction's second and-elim on (and when it has 4 conjuncts or more), {C} ⊢ part for
  // every conjunct and tail of C is kept for the certificate, made once (2 steps a
  // conjunct); this is that theorem for φ, or 0.
  uint64_t kept_conjunct(const Term& c, const Term& phi);
  uint64_t rule_iff_false(const Step& s);
  uint64_t rule_unit_resolution(const Step& s);
  uint64_t rule_lemma(const Step& s);
  uint64_t rule_tautology(const Step& s);
  // ⊢ l = r when l and r are disjunctions of the same leaves (subterms that are no
  // disjunction), grouped and ordered differently (z3_regroup.cpp); 0 otherwise (or
  // when a side has over 128 nodes).
  uint64_t regrouped_disjunction(const Term& l, const Term& r);
  // ⊢ l = r for Z3's unit simplifications of one connective, either orientation:
  // `X /\ T = X`, `X \/ F = X`, `X /\ F = F`, `X \/ T = T` and the unit on the left
  // (z3_units.cpp); 0 otherwise.
  uint64_t unit_simplified(const Term& l, const Term& r);
  // ⊢ l = r when the two sides agree but for nests of \/ or /\ grouped differently whose
  // leaves pair up in order, each pair equal in the same way (z3_regroup.cpp): congruence
  // where the shapes agree, a nest regrouped where they do not. 0 otherwise; a failing
  // attempt emits nothing (the plan is made first).
  uint64_t regrouped_in_context(const Term& l, const Term& r);
  struct Regrouper {
    // Oracle: a small pair that differs inside (an arithmetic atom rewritten), proved by
    // the normal forms as N(u = v) and taken as the hypothesis u = v until the end.
    // DeMorgan: a conjunction against a negated disjunction (z3_demorgan.cpp).
    enum class How { Fails, Congruent, Disjunction, Conjunction, Oracle, DeMorgan };
    // For a regrouped nest pair: each leaf of x with its partner in y, and each of y's with
    // its partner in x.
    struct Pairing {
      std::vector<std::pair<Term, Term>> x_to_y, y_to_x;
    };
    // Pairs planned (a pair met twice is planned once); the recursion's depth and the pairs
    // visited are bounded (a deeper or larger rewrite goes to the other provers).
    static constexpr int kDepth = 400;
    static constexpr size_t kVisits = 400000;
    // De Morgan pairing by shared symbols: at most this many symbol lookups in a rewrite.
    static constexpr size_t kPairingLookups = 4000000;
    // Oracle pairs: at most kOracles in a rewrite, each side at most kOracleNodes subterms.
    static constexpr size_t kOracles = 64, kOracleNodes = 256;
    size_t oracles = 0, max_oracles = kOracles;
    // De Morgan groups left to the normal forms (each an equation against its bounds or an
    // atom rewritten, small): a rewrite of 60 conjuncts has about as many.
    static constexpr size_t kGroupOracles = 1024;
    size_t group_oracles = 0;
    std::vector<std::pair<Term, uint64_t>> hyps;  // u = v and N(u = v) of the oracle pairs emitted
    bool failed = false;                          // an oracle pair the normal forms did not prove
    std::unordered_map<std::pair<Term, Term>, How, PairTermHash> how;
    std::unordered_map<std::pair<Term, Term>, Pairing, PairTermHash> pairings;
    std::unordered_map<std::pair<Term, Term>, uint64_t, PairTermHash> done;
    std::unordered_map<Term, uint64_t, TermHash> keys;
    // A De Morgan pair `/\ c_i` against `~(\/ d_j)`: each conjunct with the disjuncts it
    // stands for (an equation for its two bounds); `flipped` when x is the negated side.
    struct Group {
      Term c;
      std::vector<Term> ds;
      bool planned = false;  // one disjunct, c equal to its complement by the plan
    };
    struct DeMorgan {
      std::vector<Group> groups;
      bool flipped = false;
    };
    std::unordered_map<std::pair<Term, Term>, DeMorgan, PairTermHash> demorgans;
    size_t visits = 0;
    int in_demorgan = 0;
    const provers::Theories* theories = nullptr;  // arithmetic atoms' keys
    static uint64_t combined(const char* op, std::vector<uint64_t> ks);
    uint64_t arith_key(const Term& t);
    uint64_t constraint_key(const Term& atom, bool flip);
    bool bounds_keys(const Term& eq, bool negated, std::vector<uint64_t>& ks);  // planning a De Morgan group: no leaves paired in order
    bool plan_demorgan(const Term& x, const Term& y, int depth);
    bool plan(const Term& x, const Term& y, int depth);
    bool plan_nest(const Term& x, const Term& y, const char* op, int depth);
    bool oracle(const Term& x, const Term& y);
    uint64_t key(const Term& t, int depth);
    bool pair_leaves(const std::vector<Term>& from, const std::vector<Term>& to, int depth,
                     std::vector<std::pair<Term, Term>>& out);
  };
  uint64_t regroup_emit(Regrouper& g, const Term& x, const Term& y);
  // {hyps} ⊢ x = y for a planned De Morgan pair, its hypotheses added to g.hyps.
  uint64_t demorgan_emit(Regrouper& g, const Term& x, const Term& y);
  uint64_t double_negation(const Term& c);
  uint64_t regroup_into(const char* op, const Term& from, const Term& to, const std::vector<std::pair<Term, Term>>& pairs,
                        const std::vector<uint64_t>& eqs, bool flip);
  uint64_t rule_th_lemma(const Step& s);
  uint64_t rule_th_lemma_array(const Step& s);
  // An array lemma (ArrayLemmas): the premises and φ's negated disjuncts refuted, then each
  // traded for its N; 0 when no axiom instance refutes them.
  uint64_t array_lemma(const std::vector<Node>& p, const Term& phi);
  using RuleHandler = uint64_t (Translator::*)(const Step&);
  static const std::unordered_map<std::string, RuleHandler>& rule_table();

  // An asserted formula that is not literally an assertion: Z3's own form of one (unsat-core
  // tracking literals, `(and (distinct x y) true)`, ...). Accepted when it is a tautology
  // or follows propositionally from one assertion that shares an atom with it (16 tried),
  // or equals the first such assertion by congruence (a large assertion, flattened).
  uint64_t asserted_consequence(const Term& phi);

  // The problem's symbols (constants and variables without a theory prefix) in the atoms.
  static std::unordered_set<Term, TermHash> symbols_of(const std::vector<Term>& atoms);

  // th-lemma with premises (Z3's farkas steps over a conflict's hypotheses, 111 of them in
  // diamonds.10.10): the arithmetic refuter on the premises and the negated disjuncts of φ
  // at once, {p1, …, pn, ~d1, …} ⊢ F, then each premise traded for its N and each negated
  // disjunct for ~φ (as `lemma` does). The generic fallback (p1 ==> … ==> φ by the case
  // split) costs steps quadratic in n, each leaf re-proving the chain of implications.
  uint64_t theory_lemma(const std::vector<Node>& p, const Term& phi);
  // Z3's own multipliers (`farkas c1 … cn`, `assign-bounds c1 … cn`) for theory_lemma's
  // literals, tried before the simplex's search (Arith::refute_with: nothing is emitted
  // unless they are a Farkas combination, so a wrong hint only costs the check): one per
  // premise then one per disjunct of φ, or φ's first; their signs as the facts need them.
  // 0 when none of these readings is one.
  uint64_t farkas_hint(const std::vector<Term>& lits, size_t premises);
  // The numbers of an indexed rule's head, `(_ th-lemma arith farkas 1 -2 1/2)` (an integer
  // or a fraction each; none if one is malformed).
  static std::vector<mpq_class> rule_numbers(const Sexp& e, uint32_t i);
  std::vector<mpq_class> coefficients_;  // the current step's (rule_numbers), for farkas_hint
  std::pair<size_t, size_t> hints_{0, 0};  // HCERT_Z3_COST: steps with multipliers, those they refuted

  // The fallback for a step whose shape the rules above do not know (Z3's curried
  // implications under unsat-core names, say): φ when p1 ==> … ==> pn ==> φ is a tautology
  // (Congruence::implies); rejected when false under an assignment of propositional
  // variables alone and no invented name is left undefined. Not for lemma, whose premise's
  // hypotheses are its own business.
  uint64_t propositional_consequence(const std::string& rule, const std::vector<Node>& p, const Term& phi);

  // trans/trans*: a chain a = b, b = c, … in order, or any order for trans* (a path).
  uint64_t trans(const std::vector<Node>& p, const Term& phi);

  // ds[0] \/ (ds[1] \/ …), right-nested as Z3's n-ary or is elaborated.
  static Term disjunction(const std::vector<Term>& ds);

  // ⊢ ds[0] \/ (ds[1] \/ …) from a theorem of ds[k].
  uint64_t disj_intro(const std::vector<Term>& ds, size_t k, uint64_t th);

  // unit-resolution: CLAUSE_INTRO of the assumed clause gives {C, comp(l1), …} ⊢ F
  // (spec/sat.md's clause theorem, no case split). A literal refuted by a unit leaves the
  // unit itself as hypothesis; a literal kept in φ has its complement discharged from ~φ
  // (for l positive, {~φ} ⊢ ~l; for l = ~a, NOT_INTRO a gives l, hence φ, against ~φ).
  // Then C and the units are traded for their N's.
  // With tail_at < the clause's length, its literals from there on are the pieces of one
  // literal (a disjunction) that a unit refutes: each piece's complement is discharged
  // through that unit, as a kept literal's is through ~φ.
  uint64_t unit_resolution(const std::vector<Node>& p, const Term& phi, size_t tail_at = SIZE_MAX);

  // intro-def: Z3 names a term or formula with one of its declared names n (a fresh
  // variable here). The definition D(n) is kept as a hypothesis, N(D) = {D, ~D} ⊢ F, and
  // recorded with n's term: COND c a b for `(~c \/ n = a) /\ (c \/ n = b)`, e for
  // `(n \/ ~e) /\ (~n \/ e)`, `~n \/ e` or `n \/ ~e`. At the end n is instantiated by its
  // term and D, then a tautology, is discharged (discharge_definitions).
  uint64_t intro_def(const Term& phi);
  // A step no rule justified that mentions defined names: again, with their definitions as
  // extra premises (each a hypothesis, discharged at the end).
  uint64_t with_definitions(const std::string& rule, std::vector<Node> prem, const Term& phi);
  // The names Z3 invented (`z3name!n|z3`, defined or not yet) that occur in t.
  static bool invented(const Term& v);
  static std::vector<Term> invented_names(const Term& t);
  // Whether `l = r` mentions an invented name with no intro-def so far on one side only.
  bool one_sided_name(const Term& phi) const;
  // `n => A` or `~n \/ A` for a name n Z3 invented without a definition and not in A: Z3's
  // proxy of a check-sat-assuming assumption A.
  bool proxy_assumption(const Term& phi) const;
  // Those whose definitions are not among `given`: a countermodel that leaves them free
  // does not refute a step that uses them (Z3 may define them only later).
  std::vector<Term> undefined_names(const Term& t, const std::vector<Term>& given) const;
  // Γ ∪ {D1, …} ⊢ F to Γ ⊢ F: INST each name by its term (the last defined first, so the
  // terms' own names go later), then each instantiated definition is a tautology of COND
  // (the case split), which NOT_INTRO/PROVE_HYP discharges; one it cannot prove is a hole.
  // The deferred rewrites likewise: after the INSTs each is a formula without those names,
  // proved by the rewrite's own means (normal forms, case split, congruence) or a hole.
  uint64_t discharge_definitions(uint64_t fin);
  // For each invented name without a definition that occurs in a deferred rewrite l = r on
  // one side only: the term that stands in its place on the other side, found by matching
  // the side's atoms that mention it against the other side's atoms (the name a pattern
  // variable). Appended to `names`; nothing is assumed about it (INST is a rule: a wrong
  // guess only leaves the rewrite unproved).
  void guess_names(std::vector<std::pair<Term, Term>>& names);
  // The atoms of a formula for guess_names: below the connectives and bool COND (at most
  // 2,000 distinct subformulas visited).
  static std::vector<Term> guess_atoms(const Term& t);
  // Does pattern p match t, each of the variables `vars` standing for one term (`bound`)?
  // (`budget` bounds the work and the recursion: one unit per node visited.)
  // Pairs that matched are remembered (`done`), so shared subterms are walked once.
  static bool match(const Term& p, const Term& t, const std::vector<Term>& vars,
                    std::unordered_map<Term, Term, TermHash>& bound, int& budget);
  static bool match(const Term& p, const Term& t, const std::vector<Term>& vars, std::unordered_map<Term, Term, TermHash>& bound,
                    int& budget, std::set<std::pair<uint64_t, uint64_t>>& done, int depth);

  // lemma: N(false) with local hypotheses h gives N(ψ), ψ the disjunction of their
  // negations (or of a for a hypothesis ~a), by trading each hypothesis for ~ψ.
  uint64_t lemma(const Node& p, const Term& psi);
  // Γ ⊢ F, Γ holding (some of) the negations of ψ's disjuncts (h for a disjunct ~h), gives
  // N(ψ) with those hypotheses traded for ~ψ.
  uint64_t negated_disjuncts(uint64_t cur, const Term& psi);

  TermReader terms_;
  cert::Emitter& out_;
  std::unordered_map<std::string, Node> proofs_;
  provers::ScratchTheorems scratch_;  // theorems made since the current top-level binding
  std::unordered_set<std::string> unreadable_;
  std::unordered_set<Term, TermHash> assertions_;
  Z3Stats stats_;
  std::string where_;
  // The shared provers; their scratch steps are this translator's (step, scratch_).
  provers::Toolbox tools_;
  bool holes_ = getenv("HCERT_Z3_HOLES") != nullptr, cost_ = getenv("HCERT_Z3_COST") != nullptr;
  RuleCosts costs_;  // HCERT_Z3_COST: what each rule's nodes took
  struct ConjunctionSpine {
    int uses = 0;
    std::unordered_map<Term, uint64_t, TermHash> parts;  // conjunct or tail -> {C} ⊢ it
  };
  std::unordered_map<Term, ConjunctionSpine, TermHash> spines_;  // by and-elim's premise C
  std::vector<Term> assertion_list_;
  std::vector<std::pair<Term, std::vector<Term>>> assertion_atoms_;  // filled on first need
  // Z3's invented names (z3_names.cpp): intro-def definitions, with each name's term.
  bool guessed_ = false;  // names were guessed (guess_names): no step is rejected by a countermodel
  std::vector<std::pair<Term, std::string>> deferred_;  // rewrites over invented names, and their rule
  std::vector<Term> proxies_;  // asserted formulas over invented names (`proxy!n => A`)
  struct Definition {
    Term name, term, formula;
  };
  std::vector<Definition> defs_;
};

}  // namespace hcert::z3
