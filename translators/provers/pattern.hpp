// Arithmetic literals with their atoms abstracted (variables in their place), so that a
// proof about one literal or lemma is derived once and instantiated for every other of
// the same shape (one INST) instead of derived again.
//
// Why: the theory lemmas of a scheduling solver repeat a few shapes over many variable
// pairs (`s_3 - s_1 >= 5`, an equation split `x = c \/ ~(x <= c) \/ ~(x >= c)`); the
// ring normaliser costs tens of steps per literal, an instance one step. The kernel checks
// the instance like every other step: a pattern's proof is a theorem about variables.
#pragma once
#include <utility>
#include <vector>

#include "kernel/term.hpp"

namespace hcert::provers {

// Atoms met so far, each with its pattern variable (`pattern|i`, a name no SMT-LIB symbol,
// quoted or not, can have), shared by the literals of one lemma.
struct Abstraction {
  std::vector<std::pair<Term, Term>> atoms;  // atom, its variable; in order of first occurrence
  // The instantiation back: each variable := its atom.
  std::vector<std::pair<Term, Term>> back() const;
};

// t with each atom (a variable or constant of type int or real whose name is no `int.` or
// `real.` constant) replaced by its pattern variable. Null when t has anything else (an
// application of another function, a node deeper than 16).
Term abstract_atoms(const Term& t, Abstraction& a);

}  // namespace hcert::provers
