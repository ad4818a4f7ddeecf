// Z3 proof terms as HOL terms: the proof's s-expressions are elaborated by the problem's
// own elaboration (trusted/problem.hpp, SmtContext), with the proof's let names bound, so
// that a formula Z3 says it asserted is the very term of the problem's assertion
// (spec/z3.md). Untrusted: it only builds terms.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"
#include "formats/z3proof.hpp"

namespace hcert::z3 {

// The proof expression as an SMT-LIB script fragment (atoms classified as symbols,
// numerals, decimals, ... the way the SMT-LIB reader does).
smt::Script to_script(const Sexp& e);

class TermReader {
 public:
  explicit TermReader(check::SmtContext& ctx) : ctx_(ctx) {}
  // Elaborates a term binding (?x or $x) and remembers it under its name.
  Term bind(const Binding& b);
  // Makes `e` the expression that term() reads. It is converted once here: a proof
  // expression of k inline steps reads k conclusions out of it, and converting it for each
  // would cost O(|e|) per step (quadratic on 8,000 inline premises: 41 s).
  void open(const Sexp& e);
  // Elaborates node `n` of the open expression in the names bound so far.
  Term term(uint32_t n);
  bool has(const std::string& name) const { return names_.count(name); }
  // Binds a name to a term (Z3's declared names, spec/z3.md).
  void declare(const std::string& name, const Term& t) { names_[name] = t; }

 private:
  // Z3's extensionality witness `((_ array-ext k) a b)`, which SMT-LIB cannot name: each
  // such node (innermost first) is elaborated as the theory's `array.diff a b`, bound to a
  // fresh name that replaces the node.
  // Visits only the subtree under root (a stamp per node: no per-call array of |e|), and
  // is idempotent: a replaced node is a bound symbol the next call passes by.
  void witnesses(uint32_t root);

  check::SmtContext& ctx_;
  smt::Script open_;                 // the open expression, converted
  std::vector<uint32_t> visited_;    // visited_[k] == visit_: node k seen in this call
  uint32_t visit_ = 0;
  std::unordered_map<std::string, Term> names_;
  uint64_t witnesses_ = 0;
};

// Whether a rewrite l = r leaves its conditionals alone: neither side has a boolean COND
// and the outermost COND subterms of l are those of r (`x = COND c 2 y` kept as it is while
// Z3 flattens, reorders or negates the formula around it). Then the decision diagrams,
// which expand every conditional, have nothing to do that the normal forms, which keep such
// an atom whole, do not do faster. Linear in the DAG of l and r (each subterm visited once,
// no recursion).
bool conditionals_untouched(const Term& l, const Term& r);

}  // namespace hcert::z3
