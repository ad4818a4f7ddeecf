// Farkas coefficients for linear arithmetic facts over the rationals, found by an exact
// simplex. Untrusted search: the multipliers feed certificate steps that the kernel checks,
// and every answer is re-checked here with is_farkas before it is returned.
//
// Why this suffices: by Motzkin's transposition theorem a finite system of facts
// 0 >= / > / = P_i is unsatisfiable over Q (equivalently over any ordered field) exactly when
// such multipliers exist, so nullopt (within the pivot budget) means "satisfiable over Q".
//
// What it finds (no steps, no theorems): find_farkas returns multipliers y with the
// property of is_farkas, so Σ y_i·P_i is a constant that contradicts the facts; find_model
// a rational point of the facts read non-strictly. Budgets: max_pivots pivots. Failure
// (nullopt): satisfiable over Q, or the budget ran out (the two are not told apart).
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace hcert::provers {

// A linear fact  0 REL Σ a_j·x_j + k  with integer coefficients (sparse; a variable index may
// appear at most once per fact; zero coefficients allowed and ignored).
struct LinFact {
  enum Rel { Ge, Gt, Eq } rel;  // 0 <= P, 0 < P, 0 = P
  std::vector<std::pair<uint32_t, mpz_class>> terms;
  mpz_class constant;
};

// Integer multipliers y_i, one per fact (y_i >= 0 for Ge/Gt, any sign for Eq; zero allowed)
// such that Σ y_i·P_i has every variable coefficient 0 and constant K where K < 0, or K = 0
// and y_i > 0 for at least one Gt fact. Then the facts are contradictory over any ordered field.
// nullopt when the facts are satisfiable over Q, or when the search exceeds max_pivots pivots.
// The pivots made are added to *used (if given), here and in find_model.
// The vector is primitive (gcd of its entries is 1).
std::optional<std::vector<mpz_class>> find_farkas(const std::vector<LinFact>& facts, size_t max_pivots = 20000,
                                                   size_t* used = nullptr);

// A rational point satisfying every fact, strict facts read as non-strict (0 <= P): a vertex
// found by phase 1 of the primal simplex, variables that occur mapped to their values.
// nullopt when there is none (over Q) or after max_pivots pivots. Used to choose where to
// split an integer problem (spec/arith.md, "Integer cuts"); never as a verdict.
std::optional<std::map<uint32_t, mpq_class>> find_model(const std::vector<LinFact>& facts, size_t max_pivots = 20000,
                                                         size_t* used = nullptr);

// Checks a multiplier vector against the definition above (used by tests and as a guard).
bool is_farkas(const std::vector<LinFact>& facts, const std::vector<mpz_class>& y);

}  // namespace hcert::provers
