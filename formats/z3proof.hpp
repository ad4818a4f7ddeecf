// Z3 4.8.12 proofs (`(get-proof)` output), read in a stream: the proof is one term whose
// sharing is spelled with nested `let`s (`?x` terms, `$x` formulas, `@x` sub-proofs).
// The reader hands out each let binding as soon as it is read, then the final body, so a
// consumer can translate the DAG node by node without holding the text. Untrusted syntax.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "formats/cert.hpp"
#include "formats/sexpr_lexer.hpp"
#include "trusted/source.hpp"

namespace hcert::z3 {

// An s-expression of one binding: atoms (symbols, numerals, ...) and lists, children by
// index into `nodes`; names bound by earlier lets appear as symbols.
struct Sexp {
  struct Node {
    bool list = false;
    std::string atom;
    std::vector<uint32_t> kids;
  };
  std::vector<Node> nodes;  // nodes[root] is the expression
  uint32_t root = 0;
};

struct Binding {
  std::string name;   // "?x62", "$x63", "@x301"; empty for the final body
  Sexp expr;
  uint64_t offset = 0;  // byte offset where the expression starts
};

class ProofReader {
 public:
  explicit ProofReader(std::unique_ptr<Source> src);
  // First reads what Z3 prints before the proof (its answer "unsat", the wrapper
  // "((set-logic L)" with Z3's declarations) and refuses anything else. False at the end
  // (after the body); throws cert::FormatError.
  bool next(Binding& b);
  // The names Z3 declared before the proof (`(declare-fun z3name!0 () Int)`), as
  // (name, sort); known once next() has returned the first binding.
  const std::vector<std::pair<std::string, std::string>>& declarations() const { return declarations_; }

 private:
  void read_preamble();
  void read_sexp(Sexp& s);
  sexpr::Lexer lex_;
  bool started_ = false, done_ = false;
  uint32_t open_lets_ = 0;
  uint32_t wrapper_depth_ = 0;  // lists open around "(proof" ("((set-logic L)"): 0 or 1
  std::vector<std::pair<std::string, std::string>> declarations_;
};

// The rule of a proof expression: "mp", "unit-resolution", "th-lemma arith farkas", ...
// (for an indexed rule `(_ th-lemma arith farkas 1 1)`, the symbols after `_` without the
// numbers). Empty if the expression is not a rule application.
std::string rule_of(const Sexp& s, uint32_t node);
bool is_rule(const std::string& head);

}  // namespace hcert::z3
