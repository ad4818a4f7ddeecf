// Theory atoms as the arithmetic solvers read them: each atom of the problem (a comparison
// between linear terms) turned into `sum(coef * var) op bound` with op <= or <, and the
// multiplier that relates this form back to the atom as written (for Farkas hints).
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <map>
#include <vector>

#include "tools/demo_solver/formula.hpp"

namespace demo {

// The atom's constraint: sum(coef[x] * x) <= bound (or < bound when strict), where x are
// ArithVar term ids. Read as `p op 0`, the atom as written ((<= a b): p = a - b;
// (>= a b): p = b - a) is exactly `sum - bound op 0`, so a Farkas multiplier found for
// this form is the multiplier for the atom.
struct LinearAtom {
  uint32_t var;                       // the solver variable of the atom
  std::map<uint32_t, mpq_class> coef;
  mpq_class bound;
  bool strict;
};

// Reads a comparison atom (Le, Lt, Ge, Gt) into its linear form. Throws Unsupported for
// non-linear terms.
LinearAtom linear_atom(const Problem& p, uint32_t term, uint32_t var);

}  // namespace demo
