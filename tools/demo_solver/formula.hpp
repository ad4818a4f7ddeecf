// The demo solver's view of a problem: the assertions of an SMT-LIB 2 script (QF_IDL,
// QF_RDL, QF_LRA subset) as a hash-consed DAG of Boolean and arithmetic terms, with `let`
// expanded and nothing else rewritten, so that a term printed back is the problem's own
// subterm (the trace names atoms by their SMT-LIB text; spec/trace.md).
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "tools/demo_solver/sexpr.hpp"

namespace demo {

enum class Sort : uint8_t { Bool, Int, Real };

// What a term node is. Boolean connectives keep their SMT-LIB arity and order (the
// definitions in a trace name them as written); comparisons are the theory atoms.
enum class Op : uint8_t {
  True, False, BoolVar, Not, And, Or, Implies, Xor, Iff, Ite,  // Bool
  Le, Lt, Ge, Gt, ArithEq,                                      // atoms: 2 arithmetic args
  ArithVar, Num, Add, Sub, Neg, Mul, Div                        // Int/Real terms
};

struct Term {
  Op op;
  Sort sort;
  std::vector<uint32_t> args;
  std::string name;  // BoolVar, ArithVar: the symbol
  mpq_class value;   // Num
  bool decimal = false;  // Num written as a decimal (printed back so)
  // An arithmetic term with no Int variable below: numerals, their arithmetic, ites of
  // them. Such a term of sort Int may stand beside a Real one (read as a Real).
  bool numeric = false;
};

// A linear form: sum of coefficient * variable (ArithVar term ids), plus a constant.
struct Linear {
  std::map<uint32_t, mpq_class> coef;
  mpq_class constant;
};

struct Problem {
  std::string logic;
  std::string status;                // :status from set-info, if any ("sat"/"unsat")
  std::vector<Term> terms;
  std::vector<uint32_t> assertions;  // Bool term ids, file order (one per assert)
  std::vector<uint32_t> assertion_lines;
  bool has_int = false, has_real = false;
  std::unordered_map<std::string, uint32_t> unique;  // hash-consing: key of a term -> id
  // Terms the trace has given a name (@N): printed as the name from then on.
  std::unordered_map<uint32_t, std::string> named;

  const Term& operator[](uint32_t t) const { return terms[t]; }
  // The id of a term, made once: terms are hash-consed (the clausifier adds the two
  // inequalities an arithmetic equality stands for).
  uint32_t intern(Term t);
  bool is_atom(uint32_t t) const;             // Le, Lt, Ge, Gt, ArithEq
  // The SMT-LIB text of a term, `let`s expanded (iterative; memoised per call).
  std::string print(uint32_t t) const;
  // lhs - rhs of an atom as a linear form, an arithmetic ite counting as a variable;
  // throws Unsupported for non-linear terms.
  Linear difference(uint32_t atom) const;
};

Problem read_problem(const std::string& text);  // throws InputError, Unsupported

// Visits terms children first, each once, with an explicit stack (terms nest deeper than
// the native stack allows): `children(t)` lists what to visit before t (empty for a leaf),
// `done(t)` says t was visited, `visit(t)` visits it (and makes done(t) true).
template <class Children, class Done, class Visit>
void post_order(const std::vector<uint32_t>& roots, Children children, Done done, Visit visit) {
  std::vector<std::pair<uint32_t, bool>> stack;
  for (auto r = roots.rbegin(); r != roots.rend(); ++r) stack.push_back({*r, false});
  while (!stack.empty()) {
    auto [t, expanded] = stack.back();
    stack.pop_back();
    if (done(t)) continue;
    if (expanded) {
      visit(t);
      continue;
    }
    stack.push_back({t, true});
    for (uint32_t c : children(t)) stack.push_back({c, false});
  }
}

}  // namespace demo
