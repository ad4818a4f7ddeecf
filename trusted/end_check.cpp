#include "trusted/end_check.hpp"

namespace hcert::check {

std::optional<std::string> end_check(const Env& env, const Thm& th, const std::function<bool(const Term&)>& is_assertion,
                                     Term& offending) {
  const Type b = Type::boolean();
  if (th.concl() != Term::constant(env, "F", b)) {
    offending = th.concl();
    return "the final theorem does not conclude F";
  }
  const Term conj = Term::constant(env, "/\\", Type::fun(b, Type::fun(b, b)));
  std::unordered_set<Term, TermHash> seen;  // each conjunction once: they may share
  std::vector<Term> todo(th.hyps().begin(), th.hyps().end());
  while (!todo.empty()) {
    Term t = std::move(todo.back());
    todo.pop_back();
    if (is_assertion(t) || !seen.insert(t).second) continue;
    if (t.kind() == TermKind::Comb && t.rator().kind() == TermKind::Comb && t.rator().rator() == conj) {
      todo.push_back(t.rator().rand());
      todo.push_back(t.rand());
      continue;
    }
    offending = t;
    return "the final theorem has a hypothesis that is not an assertion of the problem";
  }
  return std::nullopt;
}

AxiomsUsed axioms_used(const Env& env, const Thm& th, const std::set<uint32_t>& hole_axioms) {
  AxiomsUsed out;
  for (uint32_t a : th.axioms()) (hole_axioms.count(a) ? out.holes : out.axioms).push_back(env.axiom(a).name);
  return out;
}

}  // namespace hcert::check
