// The end check (spec/format.md, "Verdict"): what a VERIFIED means. Trusted: the kernel
// proves theorems, and this decides whether the theorem it proved is the one the problem
// needs, and whether it rests on holes.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernel/kernel.hpp"

namespace hcert::check {

// Why the final theorem does not refute the problem, if it does not: it must be A ⊢ F
// with every hypothesis in A one of the problem's assertions (a key of `assertions`).
// `offending` is set to the conclusion or the hypothesis at fault.
std::optional<std::string> end_check(const Env& env, const Thm& th,
                                     const std::unordered_map<Term, size_t, TermHash>& assertions,
                                     Term& offending);

// The final theorem's axioms split into holes (axioms made by `hole` records, whose
// indices are `hole_axioms`) and the rest; the check is complete only with no hole.
struct AxiomsUsed {
  std::vector<std::string> axioms, holes;
};
AxiomsUsed axioms_used(const Env& env, const Thm& th, const std::set<uint32_t>& hole_axioms);

}  // namespace hcert::check
