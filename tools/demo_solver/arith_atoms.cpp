#include "tools/demo_solver/arith_atoms.hpp"

namespace demo {

LinearAtom linear_atom(const Problem& p, uint32_t term, uint32_t var) {
  Linear d = p.difference(term);  // lhs - rhs
  Op op = p[term].op;
  if (op == Op::Ge || op == Op::Gt) {  // lhs >= rhs is rhs - lhs <= 0
    for (auto& [v, c] : d.coef) c = -c;
    d.constant = -d.constant;
  }
  LinearAtom a{var, std::move(d.coef), -d.constant, op == Op::Lt || op == Op::Gt};
  return a;
}

}  // namespace demo
