// The difference-logic theory solver: atoms x - y <= b (or < b) over Int or Real, kept as
// a weighted graph (edge y -> x of weight b), with incremental negative-cycle detection
// (Cotton and Maler, 2006): a potential function that satisfies every active edge is
// repaired Dijkstra-style when an edge is added, and an edge whose repair reaches its own
// source closes a negative cycle. The cycle's edges are the explanation; each has Farkas
// multiplier 1/a for an atom a*(x - y) <= a*b as written.
#pragma once
#include <memory>
#include <vector>

#include "tools/demo_solver/arith_atoms.hpp"
#include "tools/demo_solver/theory.hpp"

namespace demo {

// Builds the solver when every atom is a difference constraint (at most two variables,
// with opposite coefficients); nullptr otherwise. Integer atoms are tightened (x - y < b
// becomes x - y <= ceil(b) - 1); real strict bounds carry an infinitesimal.
std::unique_ptr<Theory> make_difference_logic(const std::vector<LinearAtom>& atoms, uint32_t num_vars, bool integer);

}  // namespace demo
