// Arithmetic literals with their atoms abstracted (pattern.hpp says why).
#include "translators/provers/pattern.hpp"

#include <string>

#include "translators/vocabulary.hpp"

namespace hcert::provers {

std::vector<std::pair<Term, Term>> Abstraction::back() const {
  std::vector<std::pair<Term, Term>> theta;
  for (const auto& [atom, v] : atoms) theta.emplace_back(v, atom);
  return theta;
}

namespace {
bool numeric(const Type& t) {
  static const Type i = Type::op(vocab(), "int", {}), r = Type::op(vocab(), "real", {});
  return t == i || t == r;
}

// Literals are small (an atom's sides); the depth bound keeps the walk's recursion bounded
// on hostile input: deeper terms are no pattern.
Term walk(const Term& t, Abstraction& a, int depth) {
  if (depth > 16) return Term();
  if (t.kind() == TermKind::Comb) {
    Term f = walk(t.rator(), a, depth + 1);
    if (f.is_null()) return f;
    Term x = walk(t.rand(), a, depth + 1);
    return x.is_null() ? x : Term::comb(f, x);
  }
  if (t.kind() != TermKind::Var && t.kind() != TermKind::Const) return Term();
  const std::string& n = t.name();
  if (t.kind() == TermKind::Const && (n.rfind("int.", 0) == 0 || n.rfind("real.", 0) == 0 || n == "=" || n == "~"))
    return t;
  if (!numeric(t.type())) return Term();
  for (const auto& [atom, v] : a.atoms)
    if (atom == t) return v;
  Term v = Term::var("pattern|" + std::to_string(a.atoms.size()), t.type());
  a.atoms.emplace_back(t, v);
  return v;
}
}  // namespace

Term abstract_atoms(const Term& t, Abstraction& a) { return walk(t, a, 0); }

}  // namespace hcert::provers
