// cvc5 1.0.3 proofs as `--dump-proofs --proof-format-mode=none --proof-print-conclusion`
// prints them (spec/cvc5.md), read in a stream. The proof is one term in cvc5's own rule
// syntax, `(RULE :conclusion φ child… :args (a…))`, whose sharing is spelt with nested
// `let`s (`_let_N` names terms, argument lists and sub-proofs alike):
//
//     unsat
//     (
//     (let ((_let_1 (= x 7))) … (SCOPE :conclusion (not (and …)) … :args (…)))…)
//     )
//
// The reader hands out each let binding as soon as it is read, then the body, so the
// translator works through the DAG node by node without holding the text. It knows only
// the syntax (s-expressions, lets, the wrapper), none of the rules: a second reader for the
// CPC/Eunoia syntax of newer cvc5 can feed the same translator. Untrusted.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/sexpr_lexer.hpp"
#include "trusted/smtlib.hpp"
#include "trusted/source.hpp"

namespace hcert::cvc5 {

// One binding: `expr` is an s-expression in the SMT-LIB reader's node form (atoms
// classified as symbols, numerals, decimals, keywords, ...; each with line and byte
// offset), its root at nodes[0]; names bound by earlier lets appear as symbols.
struct Binding {
  std::string name;  // "_let_12"; empty for the body
  smt::Script expr;
  uint64_t offset = 0;  // byte offset and line where the expression starts
  uint32_t line = 0;
};

// Limits on hostile input: a symbol's length, an expression's nodes, the open lets (the
// lexer's other limits, numerals and nesting, are its defaults).
struct ReaderLimits {
  size_t max_atom = 1u << 20;
  size_t max_nodes = 1u << 26;
  uint32_t max_lets = 1u << 24;
};

class ProofReader {
 public:
  explicit ProofReader(std::unique_ptr<Source> src, ReaderLimits lim = {});
  // The next binding, then the body (name empty); false after the body (what follows
  // it, cvc5's answers to later commands, must be whole expressions). Skips the status
  // line (`unsat`) if present, and cvc5's `unsupported` / `success` answers before it. Throws cert::FormatError with line and byte offset.
  bool next(Binding& b);

 private:
  void read_sexp(smt::Script& s);
  sexpr::Lexer lex_;
  ReaderLimits lim_;
  bool started_ = false, done_ = false;
  uint32_t open_lets_ = 0;
};

// Whether the list at `node` is a proof step `(RULE :conclusion φ …)` or `(RULE :args …)`
// / `(RULE child …)` printed without conclusions; then its rule name (else "").
std::string rule_of(const smt::Script& s, uint32_t node);

}  // namespace hcert::cvc5
