// DIMACS CNF, read strictly: header `p cnf V C` first (after comments), every literal a
// non-zero integer in [-V, V] with V below 2^31, every clause ended by 0, exactly C
// clauses. Duplicate literals and tautologies are kept as written (spec/problems.md).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "trusted/outcome.hpp"

namespace hcert {

struct Cnf {
  uint32_t vars = 0;
  std::vector<std::vector<int32_t>> clauses;
  std::string sha256;  // of the file's bytes
};

// Throws cert::FormatError naming the line and byte offset.
Cnf read_dimacs(const std::string& path);

}  // namespace hcert
