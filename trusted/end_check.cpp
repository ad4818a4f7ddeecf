#include "trusted/end_check.hpp"

namespace hcert::check {

std::optional<std::string> end_check(const Env& env, const Thm& th,
                                     const std::unordered_map<Term, size_t, TermHash>& assertions,
                                     Term& offending) {
  if (th.concl() != Term::constant(env, "F", Type::boolean())) {
    offending = th.concl();
    return "the final theorem does not conclude F";
  }
  for (const Term& h : th.hyps())
    if (!assertions.count(h)) {
      offending = h;
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
