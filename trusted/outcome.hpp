// How a check ends (spec/cli.md's exit codes), the exception that ends it early, and the
// one readers throw for malformed input. Trusted
// only in that the end check and the elaboration report through it.
#pragma once
#include <cstdint>
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

namespace hcert::cert {

// Thrown by readers: the place (line for text, 0 for binary) and byte offset, and why.
struct FormatError : std::runtime_error {
  uint64_t line, offset;
  FormatError(uint64_t l, uint64_t off, const std::string& why)
      : std::runtime_error((l ? "line " + std::to_string(l) + " (byte " + std::to_string(off) + ")"
                              : "byte " + std::to_string(off)) + ": " + why),
        line(l), offset(off) {}
};

}  // namespace hcert::cert
