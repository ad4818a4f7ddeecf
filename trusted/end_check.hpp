// The end check (spec/format.md, "Verdict"): what a VERIFIED means. Trusted: the kernel
// proves theorems, and this decides whether the theorem it proved is the one the problem
// needs, and whether it rests on holes.
#pragma once
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "kernel/kernel.hpp"

namespace hcert::check {

// Why the final theorem does not refute the problem, if it does not: it must be A ⊢ F
// with every hypothesis in A one of the problem's assertions (`is_assertion`: a term the
// trusted elaboration made for assertion i, or its halving_conjunction of such terms), or
// a conjunction (the core theory's /\) of them, nested to any depth. Sound: the assertions
// entail every conjunct, so they entail the conjunction, and A ⊢ F then refutes them
// (spec/kernel.md §10). A translation states a subset of a DIMACS problem's clauses this
// way (spec/sat.md). `offending`: the conclusion, or the hypothesis or conjunct at fault.
std::optional<std::string> end_check(const Env& env, const Thm& th, const std::function<bool(const Term&)>& is_assertion,
                                     Term& offending);

// The final theorem's axioms split into holes (axioms made by `hole` records, whose
// indices are `hole_axioms`) and the rest; the check is complete only with no hole.
struct AxiomsUsed {
  std::vector<std::string> axioms, holes;
};
AxiomsUsed axioms_used(const Env& env, const Thm& th, const std::set<uint32_t>& hole_axioms);

}  // namespace hcert::check
