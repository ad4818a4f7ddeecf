// The rules a `step` record may name: the kernel's primitives and the derived rules of
// rules/ (spec/rules.md). Each takes its arguments from the record in a fixed order.
#pragma once
#include <functional>
#include <stdexcept>
#include <string>

#include "formats/cert.hpp"
#include "kernel/kernel.hpp"

namespace hcert::check {

// Malformed arguments (missing, extra, wrong kind) or a rule the checker does not know
// (unsupported = true: the check is then incomplete, not failed).
struct StepError : std::runtime_error {
  bool unsupported;
  StepError(const std::string& why, bool unknown = false) : std::runtime_error(why), unsupported(unknown) {}
};

// The arguments of a step: record nums[1..] resolved through the checker's id tables.
struct StepArgs {
  const cert::Record& rec;
  std::function<const Type&(uint64_t)> type;
  std::function<const Term&(uint64_t)> term;
  std::function<const Thm&(uint64_t)> thm;
};

// A rule of the table, found once by name (the checker keeps the last one: steps come in
// long runs of one rule); null when the checker does not know the name.
struct StepRule;
const StepRule* find_step_rule(const std::string& name);
Thm run_step(const StepRule& rule, const StepArgs& args);
const std::vector<std::string>& step_rules();  // names, for documentation and tests
// --pure: derive every step from the primitive rules, using no kernel fast path.
void set_pure(bool pure);

}  // namespace hcert::check
