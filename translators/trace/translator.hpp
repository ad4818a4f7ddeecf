// The trace translator's state and its parts (internal to translators/trace; the entry
// point is trace_to_cert.hpp): records and clause theorems (translator.cpp), theory lemmas
// by a table over their hint kinds (lemmas.cpp), hint-free derived clauses (rup_search).
// The theory reasoning is the shared provers' (translators/provers/).
//
// The theorems it builds (spec/trace.md, "What hcert proves"): each atom or Bool
// definition N gets a variable p_N (named `@N|trace`, which no SMT-LIB symbol can be), and
// a clause C of the trace is the clause theorem
//     {Φ, Δ} ∪ {comp(l) : l ∈ C} ⊢ F,      comp(+N) = ~p_N, comp(-N) = p_N,
// Φ the balanced conjunction of the problem's assertions (for clauses resting on inputs),
// Δ the balanced conjunction of the definitional equations p_N = t_N (t_N the atom's term),
// either absent when not needed. Why variables and not the atoms' terms: the kernel's RUP
// and RESOLVE read a clause's literals as hypotheses `x` or `~x` with x a variable;
// everything else (Φ, Δ) is background they carry along. Why one Δ and not an equation per
// atom: background hypotheses are carried by every clause derived from the clause that has
// them, so equations per atom grow each clause theorem towards all the atoms (thousands,
// sorted and merged at every step: measured, half the check time of a 5 MB trace); so the
// trace is read twice, its atoms first. At the end the empty clause's theorem
// {Φ, Δ} ⊢ F is instantiated at p_N := t_N, which turns Δ into a conjunction of
// t_N = t_N, proved by REFL and CONJ, and Φ is discharged by the assertions:
// {A_0, …, A_{m−1}} ⊢ F.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "translators/provers/arith.hpp"
#include "translators/provers/arrays.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/eq_closure.hpp"
#include "translators/provers/formula.hpp"
#include "translators/provers/nform.hpp"
#include "translators/provers/taut.hpp"
#include "translators/trace/def_clauses.hpp"
#include "translators/trace/rup_search.hpp"
#include "translators/trace/trace_to_cert.hpp"

namespace hcert::trace {

using namespace hcert::provers;
using cert::Emitter;
using cert::Tag;
using check::Failure;
using check::Outcome;

class Translator {
 public:
  // more_theories: called with each atom's or definition's parsed term before it is
  // elaborated (trace_to_cert.hpp); may be empty.
  Translator(check::SmtContext& ctx, Emitter& out, MoreTheories more_theories = {});
  // Pass one: the atoms and definitions (up to the first empty clause); then Δ.
  void declarations(TraceReader& in);
  // Pass two: the header, the clauses, the end.
  TraceStats run(const std::string& sha, TraceReader& in);

 private:
  // An atom or definition: its term t (expanded: over the problem's symbols only), and for
  // a formula its variable p with the two theorems, made on first use and kept, that trade
  // a hypothesis about t for one about p: {Δ, ~p} ⊢ ~t and {Δ, p} ⊢ t.
  struct Atom {
    Term t, p;
    uint64_t neg_thm = 0, pos_thm = 0;
  };
  // What a lemma handler found: {some of the hypotheses} ⊢ F, or 0; `wrong` when it showed
  // the lemma false (a countermodel) or its hint wrong.
  struct Found {
    uint64_t thm = 0;
    bool wrong = false;
    std::string why;
    std::vector<bool> traded;  // literals already traded onto their variables (empty: none)
  };
  using LemmaHandler = Found (Translator::*)(const TraceStep&, const std::vector<Term>&);

  [[noreturn]] void reject(const std::string& why) const { throw Failure(Outcome::Rejected, where_ + ": " + why); }
  [[noreturn]] void malformed(const std::string& why) const { throw cert::FormatError(line_, offset_, why); }

  // Steps: scratch ones (deleted after the record that made them, except its result) and
  // kept ones (the atoms' trading theorems, Φ's conjuncts, the arithmetic's lemmas).
  uint64_t step(const char* rule, std::vector<uint64_t> args);
  uint64_t keep(const char* rule, std::vector<uint64_t> args);
  uint64_t term(const Term& t) { return out_.term(t); }
  void collect(uint64_t result);
  void del(const std::vector<uint64_t>& ids);

  // The records.
  void atom(const TraceStep& s);
  void input(const TraceStep& s);
  uint64_t derived(const TraceStep& s);  // the clause theorem
  void lemma(const TraceStep& s);
  void remove(const TraceStep& s);
  void finish(uint64_t empty);

  const Atom& atom_of(int64_t lit) const;
  Term positive(int64_t lit) const;    // t, or ~t for a negative literal
  Term complement(int64_t lit) const;  // ~t, or t for a negative literal
  // th with each hypothesis complement(l) traded for comp(l) and Δ (one PROVE_HYP per
  // distinct literal): a clause theorem of `lits`.
  // `skip`: literals already traded (skip[i] for lits[i]).
  uint64_t over_variables(uint64_t th, const std::vector<int64_t>& lits, const std::vector<bool>* skip = nullptr);
  // The kept theorem that trades complement(l) for comp(l) and Δ:
  // {Δ, ~p} ⊢ ~t for l = +N, {Δ, p} ⊢ t for l = −N.
  uint64_t trade(int64_t l);
  // {h_1, …, h_n} ⊢ F from the case split's {~~(h_1 /\ … /\ h_n)} ⊢ F.
  uint64_t from_negated_conjunction(uint64_t f, const std::vector<Term>& hyps);
  // {~~(h_1 /\ … /\ h_n)} ⊢ F by the case split (0 if none; *countermodel as refute_negation's),
  // first with the other atoms' and definitions' terms opaque, so that a Tseitin
  // definition's clause is split over its operands only, not over what they stand for;
  // then, if that fails, looking into everything. `own`: the terms not to be opaque.
  uint64_t case_split(const std::vector<Term>& hyps, const std::vector<Term>& own, std::string* countermodel);
  // The clause theorem of `lits` resting on a hole ⊢ l_1 \/ … \/ l_n over the variables.
  uint64_t hole_clause(const std::vector<int64_t>& lits, const std::string& reason);
  void add_clause(uint64_t id, uint64_t thm, const std::vector<int64_t>& lits);

  // Φ and {Φ} ⊢ A_k (kept, per tree node); Δ and {Δ} ⊢ p_N = t_N likewise.
  Term phi_term(size_t lo, size_t hi) const;
  Term delta_term(size_t lo, size_t hi) const;
  uint64_t definition(size_t i);  // i: the position of N in bool_ids_
  // {X} ⊢ leaf i of the balanced conjunction X of n leaves, from `root` ({X} ⊢ X) down,
  // each node's theorem made once and kept in `nodes` (by lo * (n + 1) + hi).
  uint64_t leaf(uint64_t root, size_t i, size_t n, std::unordered_map<uint64_t, uint64_t>& nodes);
  uint64_t conjunct(size_t k);
  // {Φ} ⊢ c for c a conjunct (at any depth) of assertion k, or 0: the assertion's
  // conjunctions are indexed once (each node's parent), and each node's theorem is made
  // once and kept, so clausifying a large conjunction costs its size, not its size squared.
  uint64_t conjunct_of(size_t k, const Term& c);
  // {Φ} ∪ {comp(l) : l ∈ C} ⊢ F for C's disjunction c when a conjunct X of assertion k (at
  // any depth, or A_k itself) is c under an even number of negations, ~~c or ~~~~c …:
  // {X, ~c} ⊢ F by NOT_ELIM and NOT_INTRO, one pair a double negation (intuitionistic: no
  // case split). 0 when there is no such X.
  //
  // Why: a solver's clausifier reads `(not (not e))` as e's literal negated twice, so a
  // conjunct ~~e of an assertion becomes the input clause {e}, which the conjunct look-up
  // misses; the case split over the whole assertion then cost about 20 ms a clause
  // (yices2__b1b3b307: two such clauses, half its check).
  uint64_t conjunct_under_negations(size_t k, const Term& c);
  uint64_t assertions_give_phi(size_t lo, size_t hi);

  // The lemma handlers (lemmas.cpp), by hint kind (TraceStep::Hint).
  static const std::vector<LemmaHandler>& lemma_table();
  Found lemma_search(const TraceStep& s, const std::vector<Term>& hyps);
  Found lemma_farkas(const TraceStep& s, const std::vector<Term>& hyps);
  Found lemma_cycle(const TraceStep& s, const std::vector<Term>& hyps);
  Found lemma_equality(const TraceStep& s, const std::vector<Term>& hyps);
  Found lemma_cut(const TraceStep& s, const std::vector<Term>& hyps);
  Found lemma_branch(const TraceStep& s, const std::vector<Term>& hyps);
  Found lemma_row(const TraceStep& s, const std::vector<Term>& hyps);
  std::vector<mpq_class> coefficients(const TraceStep& s) const;  // the hint's, read (malformed: exit 3)
  Found farkas(const std::vector<Term>& hyps, const std::vector<mpq_class>& coefs);
  // {hyps} ⊢ F (a scratch INST) as an instance of the lemma's pattern: the hyps with their
  // atoms abstracted (translators/provers/pattern.hpp), proved once by `prove` on the kept
  // sink (and kept) per pattern and `how` (the hint: kind and coefficients). 0 when the hyps
  // have no pattern or `prove` failed on it: then the caller proves the lemma itself, which
  // decides its verdict (a wrong hint or a countermodel rejects as before).
  using PatternProof = std::function<std::optional<uint64_t>(StepSink&, const std::vector<Term>&)>;
  uint64_t by_pattern(const std::vector<Term>& hyps, const std::string& how, const PatternProof& prove);
  // The lemma as a negative cycle (Arith::refute_cycle), its literals traded at the edges;
  // `all`: through every literal (a hint's reading), else any negative cycle among them.
  Found cycle(const TraceStep& s, const std::vector<Term>& hyps, bool all = true);

  check::SmtContext& ctx_;
  Emitter& out_;
  MoreTheories more_theories_;
  StepSink sink_, lemma_sink_;
  std::unique_ptr<Arith> arith_;
  std::unique_ptr<CondLemmas> cond_;
  std::unique_ptr<DefClauses> defs_;
  std::unique_ptr<ArrayLemmas> arrays_;  // read-over-write and extensionality instances  // Tseitin definitions' clauses, by their connectives
  TheoryRefuter arith_refuter_;
  Theories theory_;
  std::vector<Term> assertions_;
  Term phi_;
  uint64_t phi_assumed_ = 0;
  std::unordered_map<uint64_t, uint64_t> conjuncts_;  // tree node lo * m + hi -> {Φ} ⊢ node
  std::unordered_map<uint64_t, Atom> atoms_;          // by id: atoms and definitions
  std::unordered_set<Term, TermHash> declared_;       // their terms (opaque to case_split)
  // Per assertion (indexed on first use): each conjunction node's parent and side, and
  // the kept theorems {Φ} ⊢ node.
  struct Node {
    Term parent;
    bool right;
  };
  std::unordered_map<size_t, std::unordered_map<Term, Node, TermHash>> conj_index_;
  std::unordered_map<Term, uint64_t, TermHash> conj_thm_;
  // Per assertion (on first use): its conjunction nodes (A_k included) of the form ~~u, by
  // u with every leading pair of negations removed.
  std::unordered_map<size_t, std::unordered_map<Term, Term, TermHash>> conj_negated_;
  std::vector<uint64_t> bool_ids_;                    // the ids with a variable, in order
  std::unordered_map<uint64_t, size_t> bool_pos_;     // id -> its position in bool_ids_
  Term delta_;
  uint64_t delta_assumed_ = 0;
  std::unordered_map<uint64_t, uint64_t> delta_nodes_;  // tree node lo * (n + 1) + hi -> {Δ} ⊢ node
  std::unordered_map<std::string, Term> names_;       // "@N" -> t_N, for later terms
  std::unordered_map<uint64_t, uint64_t> clauses_;    // live clause id -> theorem id
  RupSearch search_;
  // Arithmetic lemmas' patterns (by_pattern): the conjunction of the abstracted negated
  // literals -> by hint -> the kept theorem (0: not proved). At most kMaxPatterns, as
  // every pattern's proof stays live.
  std::unordered_map<Term, std::unordered_map<std::string, uint64_t>, TermHash> patterns_;
  size_t pattern_count_ = 0;
  static constexpr size_t kMaxPatterns = 20000;
  std::vector<uint64_t> scratch_;
  TraceStats stats_;
  std::string where_;
  std::string first_hole_;  // where the first step left a hole, and why (the INCOMPLETE verdict's message)
  uint64_t line_ = 0, offset_ = 0;
};

}  // namespace hcert::trace
