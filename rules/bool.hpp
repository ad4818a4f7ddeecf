// Derived boolean rules in the style of HOL Light's bool.ml: introduction and elimination
// rules for T, /\, ==>, !, ~, F and \/, derived from the core theory's definitions
// (certs/theories/core.hk). Untrusted: each function only calls the kernel, so a bug here
// can make a valid step fail, never make an invalid one succeed.
//
// Every rule checks the shape of its inputs first and throws KernelError("NAME: reason")
// when they do not fit. Hypothesis sets are exactly the documented ones (a set is compared
// up to alpha-equivalence, which in this kernel is node identity).
//
// Why a cache of lemmas: each rule could re-derive what it needs from the definitions
// (HOL Light's bool.ml style), but DISJ1/DISJ2 then cost ~235 primitive inferences,
// NOT_INTRO ~90, NOT_ELIM ~53, CONTR ~22, and Z3 proofs use them by the hundred thousand.
// So DISJ1, DISJ2, NOT_ELIM, NOT_INTRO, CONTR, MP, DISCH and DISJ_CASES instantiate small
// lemmas derived once by that slow route ({p} ⊢ p \/ q, {q} ⊢ p \/ q, {F} ⊢ p,
// {~p} ⊢ p = F, {F = p} ⊢ ~p, {p ==> q, p} ⊢ q, {p, q} ⊢ p /\ q, {p /\ q} ⊢ p, the ==>
// definition at p, q and {p \/ q, p ==> r, q ==> r} ⊢ r) and cost 2-6 inferences, DISJ_CASES
// about 20 (MP and DISJ_CASES fall back to the definition when a premise's hypotheses hold
// an implication that PROVE_HYP would drop). The others still derive from the definitions
// per call:
//   truth 7, eqt_intro 8, eqt_elim 8, conj 30, conjunct1/2 31, spec 22, gen 21;
//   eqt_intro, conj and gen add 3 when T is among the hypotheses. DISJ_CASES by the
//   definition cost 279, and unfolded \/ with its disjuncts each time: BETA_CONV and INST
//   over the whole disjunction, what made half of some Z3 checks' time.
#pragma once
#include "kernel/kernel.hpp"

namespace hcert::rules {

// The core theory's definitional theorems, e.g. ⊢ (/\) = λp q. (λf. f p q) = (λf. f T T).
struct Lemmas;
struct BoolDefs {
  Thm t_def, and_def, imp_def, forall_def, or_def, f_def, not_def;
  // The derived lemmas of these definitions (rules/bool.cpp), made on first use and shared
  // by the copies of one BoolDefs: lemmas of one environment never serve another.
  std::shared_ptr<Lemmas> lemmas;
  // Looks them up among env's facts; throws KernelError if core is not loaded there.
  static BoolDefs from_core(const Env& env);
  const Env& env() const { return t_def.env(); }
};

//  ─────  TRUTH
//   ⊢ T
Thm truth(const BoolDefs&);

//    A ⊢ p
//  ─────────  EQT_INTRO
//  A ⊢ p = T
Thm eqt_intro(const BoolDefs&, const Thm& th);

//  A ⊢ p = T
//  ─────────  EQT_ELIM
//    A ⊢ p
Thm eqt_elim(const BoolDefs&, const Thm& th);

//  A ⊢ p    B ⊢ q
//  ──────────────  CONJ
//  A ∪ B ⊢ p /\ q
Thm conj(const BoolDefs&, const Thm& a, const Thm& b);

//  A ⊢ p /\ q
//  ──────────  CONJUNCT1
//    A ⊢ p
Thm conjunct1(const BoolDefs&, const Thm& th);

//  A ⊢ p /\ q
//  ──────────  CONJUNCT2
//    A ⊢ q
Thm conjunct2(const BoolDefs&, const Thm& th);

//  A ⊢ p ==> q    B ⊢ p
//  ────────────────────  MP
//       A ∪ B ⊢ q
Thm mp(const BoolDefs&, const Thm& pq, const Thm& p);

//        A ⊢ q
//  ────────────────  DISCH p               (p : bool; A need not contain p)
//  A − {p} ⊢ p ==> q
Thm disch(const BoolDefs&, const Term& p, const Thm& th);

//  A ⊢ !x. P[x]
//  ────────────  SPEC t                    (t of the type of x)
//   A ⊢ P[t]
Thm spec(const BoolDefs&, const Term& t, const Thm& th);

//    A ⊢ p
//  ──────────  GEN x                       (x a variable not free in A)
//  A ⊢ !x. p
Thm gen(const BoolDefs&, const Term& x, const Thm& th);

//  A ⊢ ~p    B ⊢ p
//  ───────────────  NOT_ELIM
//    A ∪ B ⊢ F
Thm not_elim(const BoolDefs&, const Thm& np, const Thm& p);

//     A ⊢ F
//  ───────────  NOT_INTRO p                (p : bool; A need not contain p)
//  A − {p} ⊢ ~p
Thm not_intro(const BoolDefs&, const Term& p, const Thm& th);

//  A ⊢ F
//  ─────  CONTR p                          (p : bool)
//  A ⊢ p
Thm contr(const BoolDefs&, const Term& p, const Thm& th);

//     A ⊢ p
//  ───────────  DISJ1 q                    (q : bool)
//  A ⊢ p \/ q
Thm disj1(const BoolDefs&, const Thm& th, const Term& q);

//     A ⊢ q
//  ───────────  DISJ2 p                    (p : bool)
//  A ⊢ p \/ q
Thm disj2(const BoolDefs&, const Term& p, const Thm& th);

//  A ⊢ p \/ q    B ⊢ r    C ⊢ r
//  ─────────────────────────────  DISJ_CASES
//  A ∪ (B − {p}) ∪ (C − {q}) ⊢ r
Thm disj_cases(const BoolDefs&, const Thm& pq, const Thm& r1, const Thm& r2);

}  // namespace hcert::rules
