// Linear arithmetic for any translator (spec/arith.md): refutes a set of arithmetic
// literals by a Farkas combination proved with certificate steps from the `ints` / `reals`
// axioms. Untrusted: it only emits steps; the checker's kernel checks every one.
//
// Why one object per certificate: the lemmas (numeral addition by bits, ring identities,
// order facts) are derived once, on first use, and then instantiated; their ids stay live
// for the whole certificate, so the sink given here must not be one whose steps the caller
// deletes after each proof node.
//
// What it proves:
//   refute(lits)       {l1, …, lk}' ⊢ F, the li' the arithmetic literals among lits that
//                      the combination uses (a subset; ~(s = t) split into s < t, t < s),
//                      by a Farkas combination over Q (exact simplex, farkas.hpp), over
//                      int with tightening (0 < E to 1 <= E), div/mod facts and a plan
//                      of cuts and branches (arith_cuts.cpp).
//   normal_form(t)     ⊢ t = p, p the canonical polynomial of an int or real term t.
//   key(atom)          no theorem: a name for the atom's constraint up to scaling.
// Premises: none. Side conditions: atoms `s <= t`, `s < t`, `s = t` over int or real,
// linear up to constant multipliers and divisors (other subterms are atoms). Budgets:
// 20,000 pivots per simplex, at most 4 disequality splits, the cut plan's search budget
// (arith_cuts.cpp); normalisation gives up (Unsupported) beyond 2,000 levels or
// coefficients of 4,096 bits. Failure (nullopt): not refuted; *satisfiable says when the
// literals certainly have a model (real, variables only): a false step, not a hole.
#pragma once
#include <gmpxx.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "translators/provers/pf.hpp"

namespace hcert::provers {

class Arith {
 public:
  explicit Arith(StepSink& lemma_sink);
  ~Arith();
  // `s <= t`, `s < t` or `s = t` with s, t of type int or real?
  static bool is_atom(const Term& t);
  // {l1, …, lk} ⊢ F emitted to `out`, the li arithmetic literals (an atom or its negation;
  // other literals are ignored), when a Farkas combination of them is contradictory;
  // nullopt otherwise. With `emit` false nothing is emitted and the id is 1 on success.
  // On failure `*satisfiable` (if given) is set when the literals certainly have a model:
  // all real, over variables only, every disequality split, and no Farkas combination.
  std::optional<uint64_t> refute(StepSink& out, const std::vector<Term>& lits, bool emit = true,
                                 bool* satisfiable = nullptr);

  // refute without search: the multipliers are given, coefs[i] for lits[i] (zero for a
  // literal that is not arithmetic), each multiplying its literal's fact 0 REL E
  // (spec/arith.md, "Facts": `s <= t` is 0 <= t - s, `~(s <= t)` is 0 < s - t, `s = t` is
  // 0 = t - s; over int 0 < E is first tightened to 0 <= E - 1). The literals of one type
  // (int or real), no disequality. nullopt when the multipliers are not a Farkas
  // combination of those facts (a wrong hint); nothing is emitted then.
  std::optional<uint64_t> refute_with(StepSink& out, const std::vector<Term>& lits, const std::vector<mpq_class>& coefs);

  // Over int, one Chvátal–Gomory cut from given multipliers (a trace's `cut` hint), no
  // cut search: coefs[i] multiplies lits[i]'s fact as in refute_with; the sum is
  // 0 <= g·t + K (or 0 = g·t + K when only equations have multipliers), t an integer
  // linear term with coprime coefficients, g > 0. The split on b = `t <= m - 1`,
  // m = ⌈−K/g⌉: the side b is refuted by those multipliers and g for b (no search), the
  // side ~b (tightened: m <= t) by a Farkas combination found by the simplex. nullopt when
  // the multipliers have a wrong sign, leave no variable, or the side ~b has no Farkas
  // combination: the caller then searches.
  std::optional<uint64_t> refute_cut(StepSink& out, const std::vector<Term>& lits, const std::vector<mpq_class>& coefs);

  // {l1, …, lk} ⊢ F when the literals (all arithmetic, of one type) are the edges of a
  // negative difference-logic cycle, in steps linear in k (arith_cycle.hpp): each literal's
  // fact is k + x - y, k + x or k - y (x, y atoms, k an integer), the edges form one cycle
  // from the first (in any order) and their constants sum below 0 (or to 0 with a strict
  // edge). nullopt otherwise: then refute or refute_with decides.
  // `all`: every literal an edge of the cycle; else a negative cycle among the literals
  // (Bellman-Ford when they are not one cycle) is enough, the others left unused.
  // With `trades` (one per literal: a theorem `{…} ⊢ lits[i]` whose id stays live), each
  // edge is first traded, once per literal and kept: the result then has the trades'
  // hypotheses instead of lits[i] (for *traded[i]; not for a real ~(s < t), whose proof
  // rests on t <= s).
  std::optional<uint64_t> refute_cycle(StepSink& out, const std::vector<Term>& lits,
                                       const std::vector<Pf>* trades = nullptr, std::vector<bool>* traded = nullptr,
                                       bool all = true);

  // A key naming an atom's linear constraint up to positive scaling (spec/arith.md,
  // "Equivalent atoms"), and whether the atom is the key's negation: `x < y` and
  // `~(y <= x)` have one key; empty for a non-arithmetic atom or one too large to read.
  std::optional<std::pair<std::string, bool>> key(const Term& atom);
  // ⊢ t = p emitted to `out`, p the canonical polynomial of an int or real term t (terms
  // with one linear form, `x + 0` and `0 + x`, have one p); empty for other terms.
  std::optional<Pf> normal_form(StepSink& out, const Term& t);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hcert::provers
