// The linear real arithmetic theory solver: the general simplex of Dutertre and de Moura
// (CAV 2006) in exact rationals (GMP), strict bounds as an infinitesimal delta. Each atom
// sum(c*x) <= b is a bound on a slack variable that stands for its linear form (scaled so
// that the first coefficient is 1, shared by all atoms of that form). An infeasible row
// gives the explanation: the bounds of its variables, with the row's coefficients as the
// Farkas multipliers (divided by each atom's scale, so they apply to the atoms as written).
#pragma once
#include <memory>
#include <vector>

#include "tools/demo_solver/arith_atoms.hpp"
#include "tools/demo_solver/theory.hpp"

namespace demo {

// `integer`: the variables are integers; fractional() then names one to branch on, and a
// strict bound on one variable is tightened (simplex.cpp).
std::unique_ptr<Theory> make_simplex(const std::vector<LinearAtom>& atoms, uint32_t num_vars, bool integer = false);

}  // namespace demo
