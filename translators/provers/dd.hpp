// Rewrites over nested conditionals by reduced ordered decision diagrams (spec/z3.md,
// "Decision diagrams"). Untrusted: it only emits certificate steps.
//
// Why diagrams: Z3 rewrites formulas and integer terms made of nested `ite`s (a program
// counter's next value over forty cases, each case testing the previous value) into
// smaller ones. The case split evaluates the whole formula at each of its leaves, and such
// a term's tree, unlike its DAG, can have 10^10 nodes. A diagram over the atoms is
// canonical: two terms equal under every assignment of their atoms have one diagram, so
// l = r is proved by bringing both sides to it. Each node is built once (memoised over the
// DAG), every step an instance of a small lemma proved once; the cost is the number of
// diagram operations, not of cases.
//
// What it proves (Diagrams::equal): N(l = r) = {~(l = r)} ⊢ F, l and r formulas or terms
// built from nested COND over atoms, with COND lifted out of applications (any function of
// up to 8 arguments of any types: select, store, uninterpreted functions; a store's value
// keeps its diagram inside), reads through stores by the arrays' axioms (dd_arrays.hpp).
// Premises: none (the lemma instances and facts it assumes
// are discharged before it returns; many of them as one conjunction, conjoined.hpp). Side conditions: l and r have one reduced ordered
// diagram over their atoms (leaves equal up to their linear normal form). Budgets: 1,000
// levels, a bounded number of diagram operations per call (dd.cpp). Failure (0): different
// diagrams or over budget; a dry run decides first, so a failure leaves only kept facts.
#pragma once
#include <functional>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "translators/provers/conjoined.hpp"
#include "translators/provers/formula.hpp"
#include "translators/provers/pf.hpp"

namespace hcert::provers {

class Diagrams {
 public:
  // The lemmas, the atoms' facts and the leaves' normal forms are proved on `kept` (whose
  // theorems stay live), once per certificate; everything else goes to `out`. `normal`
  // proves an int or real term equal to its canonical polynomial (Arith::normal_form):
  // leaves with one linear form become one leaf.
  using NormalForm = std::function<std::optional<Pf>(StepSink&, const Term&)>;
  Diagrams(StepSink& out, StepSink& kept, const Theories& th, NormalForm normal)
      : out_(out), kept_(kept), th_(th), normal_(std::move(normal)) {}
  // N(l = r) when l and r have one diagram, else 0. A dry run without steps decides first;
  // only the leaves' normal forms (on `kept`, kept for later runs) and a fact the
  // arithmetic then fails to prove (on `out`) leave steps behind.
  uint64_t equal(const Term& l, const Term& r);

 private:
  // ⊢ l = r under the assumed lemma instances and facts; id 0 when r is l (no step).
  struct Eq {
    Term l, r;
    uint64_t id = 0;
  };
  // A lemma over variables (its name and types), with N(statement) once proved (0 before).
  struct Lemma {
    const char* name;
    Type a, b;
    Term stmt;
    uint64_t n = 0;
  };
  // An assumed equation, and N(e): a fact's id, or the lemma it instantiates.
  struct Hyp {
    Term e;
    uint64_t n;
    const Lemma* lemma;
    std::vector<std::pair<Term, Term>> theta;
  };

  bool run(const Term& l, const Term& r, bool emit, uint64_t* out);
  Eq diagram(const Term& t, int depth);
  Eq diagram_uncached(const Term& t, int depth);
  Eq ite(const Term& f, const Term& g, const Term& h, int depth);
  Eq apply(const Term& op, const std::vector<Term>& args, int depth);
  Eq reduced(const Term& x, int v, const Term& n1, const Term& n0, int depth);
  Eq expand(const Term& a, int v, Term* a1, Term* a0);
  Eq atom(const Term& u, int depth);
  Eq leaf(const Term& t);
  int top(const Term& n) const;
  Term var_node(const Term& a);

  // Proof plumbing: each only steps when emitting.
  uint64_t step(const char* rule, std::vector<uint64_t> args);
  uint64_t term(const Term& t);
  uint64_t thm(const Eq& e);
  Eq trans(const Eq& a, const Eq& b);
  Eq sym(const Eq& a);
  Eq cong(const Term& f, const std::vector<Eq>& args);
  Eq assumed(const Term& e);
  Eq use(const char* name, const Type& a, const Type& b, const std::vector<std::pair<Term, Term>>& theta);
  Eq fact(const Term& e);
  uint64_t proved_fact(const Term& e);
  uint64_t refutation(const Hyp& h);
  Lemma& lemma(const char* name, const Type& a, const Type& b);

  StepSink& out_;
  StepSink& kept_;
  const Theories& th_;
  NormalForm normal_;
  bool emit_ = false;
  long budget_ = 0, budget_start_ = 0;
  // Per run: each term's diagram (the key is the equation's left side: a subterm, or an
  // operation `COND f g h`, `op a b` on diagrams), the atoms' order, the assumptions.
  std::unordered_map<Term, Eq, TermHash> memo_;
  std::unordered_map<Term, int, TermHash> var_;
  std::vector<Term> vars_;
  CondFinder has_cond_{1000};  // per run; as deep as a diagram goes (dd.cpp kMaxDepth)
  std::unordered_map<Term, uint64_t, TermHash> assumed_;
  std::vector<Hyp> hyps_;
  // The dry run's assumptions, and when there are many (dd.cpp kConjoinFrom), the emitting
  // run's: one hypothesis, their conjunction (conjoined.hpp), instead of one each.
  std::vector<Hyp> planned_;
  std::optional<Conjoined> conj_;
  // Per certificate: the lemmas, the facts (N(e) on kept), the first atom met for each
  // arithmetic constraint (and whether it is the key's negation), the leaves' normal forms
  // (⊢ t = p on kept; id 0 when there is none).
  std::deque<Lemma> lemmas_;
  std::unordered_map<Term, uint64_t, TermHash> facts_;
  std::unordered_map<std::string, std::pair<Term, bool>> atom_reps_;
  std::unordered_map<Term, Pf, TermHash> leaves_;
};

}  // namespace hcert::provers
