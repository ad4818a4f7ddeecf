// Internal to the linear arithmetic prover (arith.cpp, arith_cuts.cpp): literals read as
// facts 0 REL E, and one case's refutation by a Farkas combination (spec/arith.md).
// Other provers and translators use arith.hpp.
#pragma once
#include <gmpxx.h>

#include <functional>
#include <optional>
#include <vector>

#include "translators/provers/farkas.hpp"
#include "translators/provers/ring.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::provers::detail {

// One literal as a fact 0 REL E (spec/arith.md, "Facts").
struct Fact {
  LinFact::Rel rel;
  Term e;           // E, unnormalised
  Pf pf;            // hyps ⊢ 0 REL E   (emitted only when used)
  Term lit;         // the literal it comes from
  Term discharge;   // for ~(s < t): the hypothesis t <= s to trade for the literal, else null
  mpz_class scale;  // need(E): clears E's divisors
  std::function<Pf()> axiom;  // ⊢ 0 REL E for a fact of the theory (no literal), else empty
};


inline Type int_type() { return Type::op(vocab(), "int", {}); }
inline Type real_type() { return Type::op(vocab(), "real", {}); }
// Is t an arithmetic atom `s REL u` (REL =, <= or <; s, u of type int or real)? Then its parts.
inline bool atom_parts(const Term& t, Term& rel, Term& s, Term& u) {
  if (t.kind() != TermKind::Comb || t.rator().kind() != TermKind::Comb) return false;
  rel = t.rator().rator();
  if (rel.kind() != TermKind::Const) return false;
  s = t.rator().rand(), u = t.rand();
  // By name, not by int_type() == ty: a problem without arithmetic has no `int` or `real`
  // loaded (checker/theory_needs.hpp), and making those types would throw.
  Type ty = s.type();
  if (ty.is_var() || !ty.args().empty() || (ty.name() != "int" && ty.name() != "real")) return false;
  const std::string& n = rel.name();
  return n == "=" || n == "int.<=" || n == "int.<" || n == "real.<=" || n == "real.<";
}


// The facts of the literals of R's type, unnormalised and as numeric linear forms (and, over
// int, INT_DIV_MOD's facts for the div and mod atoms); `complete` is cleared when a literal
// (a disequality, which the caller splits) is left out.
void make_facts(Ring& R, const std::vector<Term>& lits, std::vector<Fact>& facts, std::vector<LinFact>& lin,
                bool& complete);

// f as {its literal, or its discharge hypothesis} ⊢ 0 REL E (a theory fact: ⊢ 0 REL E),
// over int a strict fact tightened to 0 <= neg 1 + E; emitted on P.
Pf fact_proof(Ring& R, Prover& P, const Fact& f);

// {l1, …, lk} ⊢ F for the literals of R's type, by a Farkas combination of their facts
// found within `max_pivots` simplex pivots (counted into *used); emitted on P when `emit`,
// else Pf{1} on success and nothing emitted. nullopt when there is none; then *sat (if
// given) is set when the literals certainly have a model (all real, over variables only,
// none left out, at most 30 facts).
// With `given` (one rational per literal of lits, read as the multiplier of its fact
// 0 REL E; zero for the literals of other types) no search: those multipliers, scaled to
// integers, or nullopt when they are not a Farkas combination (or a disequality is left out).
std::optional<Pf> refute_case(Ring& R, Prover& P, const std::vector<Term>& lits, bool emit, bool* sat,
                              size_t max_pivots = 20000, size_t* used = nullptr,
                              const std::vector<mpq_class>* given = nullptr);

// The multipliers given per literal (refute_case's `given`) as integer multipliers of the
// facts (made by make_facts from the same lits), scaled by their common denominator `den`;
// nullopt when a fact's literal is not met in order. No check that they refute anything.
std::optional<std::vector<mpz_class>> fact_multipliers(const std::vector<Term>& lits, const std::vector<Fact>& facts,
                                                       const std::vector<mpq_class>& given, mpz_class& den);

// {lits} ⊢ F over int by one cut from given multipliers (Arith::refute_cut); nullopt when
// they give none or its second side has no Farkas combination.
std::optional<Pf> refute_by_cut(Ring& R, Prover& P, const std::vector<Term>& lits, const std::vector<mpq_class>& coefs);

// refute_case, then over int a plan of cuts and branches (arith_cuts.cpp, spec/arith.md
// "Integer cuts") within a fixed search budget. On failure *sat (if given) is also set
// when the search met an integer point of a case and every atom is a variable.
std::optional<Pf> refute_int_case(Ring& R, Prover& P, const std::vector<Term>& lits, bool emit, bool* sat);

}  // namespace hcert::provers::detail
