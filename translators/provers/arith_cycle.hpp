// Difference logic's negative cycles, proved in steps linear in the cycle's length
// (internal to the linear arithmetic prover; other provers and translators use
// Arith::refute_cycle in arith.hpp).
//
// Why a prover of its own: a difference-logic solver's conflict is a cycle of edges
// x1 - x2 <= c1, x2 - x3 <= c2, …, xk - x1 <= ck with c1 + … + ck < 0. The general Farkas
// path (arith.cpp) scales every fact, brings it to canonical form and merges canonical
// polynomials: about 35 steps per edge (3.5 million steps for diamonds.10.10's 1,024
// lemmas of ~100 edges). Adding the edges in cycle order telescopes instead: each edge is
// read once (per literal, kept for the whole certificate) as
//     {literal} ⊢ 0 REL k + (x + neg y),
// and one lemma instance per edge adds it to the running sum
//     {0 R1 a + (x + neg y), 0 R2 b + (y + neg z), a + b = c} ⊢ 0 R c + (x + neg z)
// (R strict if R1 or R2 is; a + b = c a kept numeral fact), so an edge costs an INST
// and three PROVE_HYPs. The sum around the cycle is 0 REL K + (x + neg x), i.e. 0 REL K,
// which contradicts K < 0 (or K = 0 with a strict edge); with K < 0 the last two paths are
// summed and contradicted by one instance of a close lemma instead. The lemmas are derived once from
// the ring axioms by the additive group's lemmas (ring.hpp; the normaliser only for an
// edge's own fact); every step is checked by the kernel.
//
// What a certificate with many cycles shares (a solver's conflicts repeat edges and
// sub-paths): each edge's fact is an instance (one INST) of its pattern's, the literal
// with its atoms as variables (pattern.hpp), proved once per pattern and scale; each sum
// of two adjacent paths is kept and reused by every later cycle that sums the same two
// (sum() below); real cycles share one scale while it stays small.
//
// An edge is a literal whose fact (spec/arith.md, "Facts"; over int a strict one
// tightened; an equation 0 = E read as 0 <= E, its multiplier +1) has the linear form
// k + x - y, k + x or k - y with x, y atoms and k a number: a bound x <= c is an edge from
// or to the zero node (the term 0, which the normaliser reads as the constant). Over real,
// fractions are cleared by summing every edge scaled by the common multiple of their
// denominators. Anything else (a disequality, other coefficients, edges that do not form
// one cycle from the first, two edges leaving one node, a sum that is not contradictory)
// gives nullopt, and the caller uses the general Farkas path.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "translators/provers/arith_facts.hpp"

namespace hcert::provers::detail {

struct PairIdHash {
  size_t operator()(const std::pair<uint64_t, uint64_t>& p) const { return p.first * 0x9E3779B97F4A7C15ull ^ p.second; }
};

class Cycles {
 public:
  // {the literals used} ⊢ F on P when the literals (of R's type, each an atom or its
  // negation) are the edges of a negative cycle; nullopt otherwise (nothing emitted then,
  // except kept edge facts).
  // With `trades` (Arith::refute_cycle): each edge traded first, *traded says which.
  // `all`: every literal must be an edge of the cycle (a `dl` hint: multipliers 1 on
  // all); otherwise a negative cycle among the edges is enough (the rest unused).
  std::optional<Pf> refute(Ring& R, Prover& P, const std::vector<Term>& lits, const std::vector<Pf>* trades = nullptr,
                           std::vector<bool>* traded = nullptr, bool all = true);

 private:
  // One literal read as an edge: its fact 0 REL E with E = k + from - to (`from`/`to`
  // atom ids, kZero for the zero node; k rational: over real, E's divisors are cleared by
  // `scale`, need(E)). A cycle whose edges have fractions is summed scaled by the common
  // multiple L of their scales, each edge as L·E = L·k + (L·from + neg (L·to)): `pf[L]`,
  // made on first use and kept.
  static constexpr uint32_t kZero = UINT32_MAX;
  struct Edge {
    bool ok = false;
    bool strict = false;
    uint32_t from = kZero, to = kZero;
    mpq_class k;
    mpz_class scale;
    Fact fact;
    std::map<mpz_class, Pf> pf;  // by L: {literal or discharge} ⊢ 0 REL L·k + (L·from + neg (L·to))
    std::map<std::pair<mpz_class, uint64_t>, Pf> traded;  // by L and trade: pf[L] with the literal traded
  };
  const Edge& edge(Ring& R, const Term& lit);
  // The edges (indexes into es) of a negative cycle in chain order, each edge's head the
  // next one's tail: the edges in one cycle from the first when they are, else one that
  // Bellman-Ford finds; nullopt when there is none.
  static std::optional<std::vector<size_t>> cycle_of(const std::vector<Edge*>& es);
  static constexpr size_t kMaxSearched = 1000;  // Bellman-Ford's bound (edges)
  Term node(Ring& R, uint32_t id, const mpz_class& L) const;
  const Pf& edge_pf(Ring& R, Edge& e, const mpz_class& L);
  Pf edge_direct(Ring& R, const Edge& e, const mpz_class& L);
  std::optional<Pf> edge_by_pattern(Ring& R, const Edge& e, const mpz_class& L);
  // By pattern (a literal with its atoms as variables) and scale: the pattern's edge fact,
  // or nullopt when the pattern is no edge.
  std::unordered_map<Term, std::map<unsigned long, std::optional<Pf>>, TermHash> patterns_;
  // The pattern's edge fact (for patterns_ at scale 1) as an instance of the pattern with
  // the constant also a variable (`s_3 - s_1 >= 5` and `s_7 - s_2 >= 8` share one), for
  // facts whose constant is the literal's one positive numeral v or −v, or over int v − 1
  // or −v − 1 (a strict literal tightened: the instance's v + neg 1 then summed, a kept
  // numeral fact); nullopt otherwise (then edge_direct).
  //
  // Why: a job-shop problem has a pattern per duration and bound, each derived by the ring
  // normaliser (about 60 steps, a quarter of a millisecond); on the small problems those
  // derivations were a sixth of the check. Kept at the atoms' level, so each further
  // literal of the pattern is still one INST.
  std::optional<Pf> pattern_by_constant(Ring& R, const Edge& e, const Term& pattern,
                                        const std::vector<std::pair<Term, Term>>& theta);
  // By the pattern with its constant a variable, and the constant's variant (v, −v,
  // v − 1, −v − 1).
  std::unordered_map<Term, std::optional<Pf>, TermHash> constant_patterns_[4];
  static Pf chain_sum(Ring& R);
  Pf chain_lemma(Ring& R, bool strict_a, bool strict_b);
  Pf end_lemma(Ring& R, bool strict);
  Pf close_lemma(Ring& R, bool strict_a, bool strict_b);

  // A path's sum: {its edges' hypotheses} ⊢ 0 REL k + (from + neg to).
  struct Path {
    Pf pf;
    Term k, from, to;
    bool strict;
  };
  // Two adjacent paths summed (p's head is q's tail), kept for the whole certificate and
  // reused by every later cycle that sums the same two (by their theorems' ids).
  //
  // Why: a CDCL(T) solver's conflicts repeat sub-paths (a job's precedence chain, a
  // diamond's branches); pairing each cycle from a canonical start (its leaf of least
  // theorem id) and preferring pairs already summed turns most of a cycle's pairs into
  // look-ups (diamonds.10.10: 112,640 lemma instances -> about 1,500; the generated
  // job-shop traces about a third).
  Path sum(Ring& R, const Path& p, const Path& q);
  static constexpr size_t kMaxSums = 1000000;
  Pf close_single(Ring& R, Prover& P, const Path& sum, const mpq_class& K, const mpz_class& L);
  // f with each literal's discharge hypothesis (a negated strict atom's) traded for it.
  static Pf discharge(Ring& R, Prover& P, Pf f, const std::vector<Term>& lits, const std::vector<Edge*>& es,
                      const std::vector<size_t>& order);

  std::unordered_map<Term, Edge, TermHash> edges_;
  // The scale every cycle is summed at while the common multiple of all cycles' scales
  // stays at most kMaxCommonScale (beyond it, a cycle at its own scale).
  static constexpr unsigned long kMaxCommonScale = 1000;
  mpz_class common_scale_ = 1;
  std::unordered_map<std::pair<uint64_t, uint64_t>, Path, PairIdHash> sums_;
};

}  // namespace hcert::provers::detail
