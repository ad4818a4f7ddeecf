// The array lemmas solvers state (Z3's `th-lemma array`, cvc5's array rules), proved from
// the pinned theory `arrays` (spec/theories.md): each lemma is an instance of one axiom,
// its equations in either orientation. Emits certificate steps only; the kernel checks
// them, so a wrong lemma is never proved (refute returns 0 and the step stays a hole).
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "translators/provers/formula.hpp"
#include "translators/provers/nform.hpp"
#include "translators/provers/pf.hpp"

namespace hcert::provers {

class ArrayLemmas {
 public:
  // `distinct(e)` for an index equation e: a theorem Γ ⊢ F with Γ ⊆ {e}, or 0 — how the
  // caller's other theories refute `1 = 0` (arithmetic); none by default.
  using Refuter = std::function<uint64_t(const Term& e)>;
  explicit ArrayLemmas(StepSink& out, Refuter distinct = nullptr) : P_(out), distinct_(std::move(distinct)) {}

  // {some of lits} ⊢ F when the literals contradict one array axiom instance, or 0:
  //  read-over-write, same index  ~(select (store a i v) i = v)
  //  read-over-write, other index ~(i = j), ~(select (store a i v) j = select a j)
  //                               (~(i = j) may instead be refuted by `distinct`)
  //  extensionality               ~(a = b), select a w = select b w, w = diff a b or diff b a
  // Equations in either orientation. For a lemma clause d1 \/ … \/ dn the literals are the
  // negated disjuncts (a disjunct ~e gives e), plus the premises if it has any.
  uint64_t refute(const std::vector<Term>& lits);

  // N(l = r), {~(l = r)} ⊢ F, for terms equal by the theory's rewrites (Z3's `rewrite`
  // over arrays: `store a i (select a i) = a`, `store (store a i v) i w = store a i w`,
  // reads through stores): l and r alike but for pairs of array or read terms, each pair
  // proved by extensionality (at the witness diff) and reads through stores, splitting
  // on each store index against the read index that the context does not decide (at most
  // 256 steps of the search per pair). 0 when that does not prove it.
  uint64_t equal(const Term& l, const Term& r);

  // ⊢ t = t', t' being t with every read through a store whose index is decided by
  // itself (the same term: the value written; numerals told apart by `distinct`: the
  // read below the store) taken through it, bottom-up (array_reads.cpp; linear in t's
  // DAG). A null Pf when nothing changes. cvc5's rewriter does this to every term
  // (REWRITE, MACRO_SR_* steps over arrays). With `facts`, also the stores that change
  // nothing, `store x i (select x i)` to x and `store (store x i v) i w` to
  // `store x i w`: each such equation e is assumed (a hypothesis of the result) and its
  // N(e), proved by `equal`, appended to *facts for the caller to discharge (nform.hpp).
  Pf reads_through_stores(const Term& t, std::vector<NThm>* facts = nullptr);

  // The witness of extensionality, `array.diff a b` (Z3's `(_ array-ext 0) a b`).
  static Term diff(const Term& a, const Term& b);
  // Whether t mentions select, store or diff (linear in t's DAG).
  static bool mentions_arrays(const Term& t);
  // Whether t is `name a1 … an` (name a constant: array.select, array.store); then its
  // arguments in args (whose capacity is reused: no allocation on a hot walk).
  static bool is_fn(const Term& t, const char* name, size_t n, std::vector<Term>& args);

 private:
  // The axiom instance: its statement with the type variables I, E := the array's index
  // and element types, then each quantifier specialised to args in order.
  Pf instance(const char* axiom, const Type& array, const std::vector<Term>& args);
  // th of l = r, or of r = l turned round; want is the equation wanted. Null id if neither.
  Pf oriented(const Pf& th, const Term& want);
  // {lits[k]} ⊢ F from ⊢ e (or its sym) when lits[k] is ~e or ~(sym e); 0 otherwise.
  uint64_t against(const std::vector<Term>& lits, const Pf& th);

  // Γ ⊢ F, Γ ⊆ ctx ∪ {~(l = r)}: the search behind equal() (ctx: index literals decided).
  uint64_t refute_ne(const Term& l, const Term& r, std::vector<Term>& ctx, int& budget);
  // ctx ⊢ t = u, u the read of t through the stores whose index ctx decides against the
  // read index; false with `split` the first undecided index equation.
  bool read(const Term& t, const std::vector<Term>& ctx, Pf& th, Term& split);
  // ⊢ i = k or ⊢ ~(i = k) from ctx (or i being k); a null Pf when ctx does not say.
  Pf index_eq(const Term& i, const Term& k, const std::vector<Term>& ctx);
  Pf index_ne(const Term& i, const Term& k, const std::vector<Term>& ctx);
  // {pairs} ⊢ l = r by congruence, each maximal differing array or read pair assumed.
  Pf cong(const Term& l, const Term& r, std::vector<Term>& pairs, int depth);

  Prover P_;
  Refuter distinct_;
};

}  // namespace hcert::provers
