// SMT-LIB 2.6 concrete syntax: a whole script read into a flat array of s-expressions.
// Iterative (scripts nest deeply); explicit byte classes only. Untrusted syntax; the
// elaboration into HOL (checker/smtlib_problem.cpp) is what gives it meaning.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "trusted/outcome.hpp"

namespace hcert::smt {

// Why a flat array: nodes are created in one pass with an explicit stack, children of a
// list are contiguous indices, and nothing is recursive, whatever the nesting depth.
struct Node {
  enum Kind : uint8_t { List, Symbol, Keyword, Numeral, Decimal, Hex, Binary, String } kind;
  std::string text;       // atoms: the symbol without quotes, the literal's digits, ...
  uint64_t offset = 0;    // byte offset in the file
  uint32_t line = 0;
  std::vector<uint32_t> kids;  // List: child node indices
};

struct Script {
  std::vector<Node> nodes;
  std::vector<uint32_t> commands;  // top-level lists, in order
  std::string sha256;              // of the file's bytes
};

// Throws cert::FormatError (line, byte offset, reason).
Script read_script(const std::string& path);
Script parse_script(const std::string& text);  // sha256 left empty

}  // namespace hcert::smt
