// Small views of formulas shared by the Z3 translation's parts: the operands of a nest of
// one connective, and a compact prefix rendering for messages and diagnostics.
#pragma once
#include <string>
#include <vector>

#include "kernel/kernel.hpp"

namespace hcert::z3 {

// The operands of a nest of the binary connective `op` (/\ or \/), left to right, however
// nested (explicit stack: nests can be thousands deep).
inline std::vector<Term> flatten(const Term& t, const char* op) {
  std::vector<Term> out, todo{t};
  while (!todo.empty()) {
    Term u = todo.back();
    todo.pop_back();
    bool nest = u.kind() == TermKind::Comb && u.rator().kind() == TermKind::Comb &&
                u.rator().rator().kind() == TermKind::Const && u.rator().rator().name() == op;
    if (nest) todo.push_back(u.rand()), todo.push_back(u.rator().rand());
    else out.push_back(u);
  }
  return out;
}

// SMT-LIB-like prefix form, constants by name, at most 40 levels deep.
inline std::string render(const Term& t, int depth = 0) {
  if (depth > 40) return "...";
  if (t.kind() == TermKind::Const || t.kind() == TermKind::Var) return t.name();
  if (t.kind() != TermKind::Comb) return "(lambda)";
  std::vector<Term> args;
  Term f = t;
  while (f.kind() == TermKind::Comb) args.push_back(f.rand()), f = f.rator();
  std::string out = "(" + render(f, depth + 1);
  for (size_t k = args.size(); k-- > 0;) out += " " + render(args[k], depth + 1);
  return out + ")";
}

}  // namespace hcert::z3
