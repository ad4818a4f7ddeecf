// How a check ends (spec/cli.md's exit codes) and the exception that ends it early. Trusted
// only in that the end check and the elaboration report through it.
#pragma once
#include <stdexcept>
#include <string>

namespace hcert::check {

// Exit codes of spec/cli.md.
enum class Outcome { Verified = 0, Rejected = 1, Incomplete = 2, InputError = 3, Limit = 4 };

// A check that cannot go on: the outcome, and a message naming the place (line or byte),
// the record or step, the rule and the reason.
struct Failure : std::runtime_error {
  Outcome outcome;
  Failure(Outcome o, const std::string& msg) : std::runtime_error(msg), outcome(o) {}
};

}  // namespace hcert::check
