// The demo solver's s-expression reader: an SMT-LIB 2 script read into a flat array of
// nodes, iteratively (scripts nest deeply). Part of the example solver, outside hcert's
// trusted base; kept apart from hcert's own reader so that the example shows a solver
// that depends on nothing but the trace emitter.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace demo {

// An error in the input, with the line it was found on (exit code 3 in main.cpp).
struct InputError : std::runtime_error {
  InputError(uint32_t line, const std::string& what)
      : std::runtime_error("line " + std::to_string(line) + ": " + what), line(line) {}
  uint32_t line;
};

// Input that is well formed but outside the fragment the solver decides (exit code 4 in
// main.cpp, printed as "unknown").
struct Unsupported : std::runtime_error {
  Unsupported(uint32_t line, const std::string& what)
      : std::runtime_error((line ? "line " + std::to_string(line) + ": " : std::string()) + "unsupported: " + what) {}
};

// Why a flat array: children of a list are indices into the same vector, so building and
// walking it needs no recursion whatever the nesting depth.
struct SNode {
  enum Kind : uint8_t { List, Symbol, Keyword, Numeral, Decimal, String } kind;
  std::string text;            // atoms: the symbol (unquoted), the digits, ...
  uint32_t line = 0;
  std::vector<uint32_t> kids;  // List: child node indices
};

struct SScript {
  std::vector<SNode> nodes;
  std::vector<uint32_t> commands;  // the top-level lists, in order
};

SScript parse_sexprs(const std::string& text);  // throws InputError
bool symbol_char(char c);  // a character of an SMT-LIB simple symbol

}  // namespace demo
