// Read-over-write as a step of the decision diagrams (dd.hpp): the pinned arrays theory's
// two read axioms (spec/theories.md) as one conditional lemma, proved once per array type
//     row:   select (store a i v) j = COND (i = j) v (select a j)
//     rows:  select (store a i v) i = v
//     wow:   store (store a i v) i w = store a i w      (by extensionality)
//     self:  store a i (select a i) = a                 (by extensionality)
// and, for a sort without arithmetic, `eqsym`: (a1 = a0) = (a0 = a1), so that Z3's `i = j`
// and `j = i` are one atom, and `eqrefl`: (a0 = a0) = T (reads normalised alike compared).
// so that a read through a store becomes a conditional over the index equation inside the
// diagrams, the way Z3's rewriter turns it into `ite (= i j) v (select a j)` (the lifting of
// the conditional is then the diagrams' own, out of the select above it). Untrusted: it
// only emits steps; the kernel checks the lemma's proof from ARRAY_READ_SAME and
// ARRAY_READ_OTHER.
//
// What it proves (prove_array_lemma): N(statement) = {~statement} ⊢ F, the statement's
// variables a : A, i j : I, v : E for A = (I, E) array. Premises: none. Side conditions:
// the arrays theory and COND's equations (cond) are loaded. Failure: 0 when the theory is
// not loaded or the name is not one of the two lemmas.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "translators/provers/cond.hpp"
#include "translators/provers/pf.hpp"

namespace hcert::provers {

// The lemma's statement at type A (an array type but for eqsym and eqrefl), or a null term
// when `name` is not one of them or A is not an array type.
Term array_statement(const char* name, const Type& A);
// Whether `name` is one of these lemmas (their proofs are not tautologies of COND).
bool is_array_lemma(const char* name);
// N(statement) on `out` (steps only), or 0 (A any type for eqsym).
uint64_t prove_array_lemma(StepSink& out, CondLemmas& cond, const char* name, const Type& A);
// For `op args` = `select (store a i v) j`, `store (store a i v) i w` or `store a i
// (select a i)` (COND-free arguments, the diagrams' leaves): the lemma's name ("row",
// "rows" when j is i, "wow", "self") and its instantiation; false for any other application.
bool array_step(const Term& op, const std::vector<Term>& args, const char** name,
                std::vector<std::pair<Term, Term>>* theta);

}  // namespace hcert::provers
