// Kernel proof scripts: one primitive kernel call per line, for the demo and the tests.
// The v1 certificate format (spec/format.md) supersedes this; scripts stay as the plain
// way to drive the kernel by hand. Untrusted: every line is a kernel call.
//
//   # comment
//   new_type NAME ARITY            new_constant NAME TYPE
//   ID := new_axiom NAME TERM      ID := define TERM
//   ID1 ID2 := typedef TYNAME ABS REP ID
//   ID := RULE ARG ...             any rule a certificate's step may name, with its
//                                  arguments in the same order (checker/steps.hpp, one
//                                  table for both): refl TERM | trans ID ID | abs TERM ID
//                                  | inst ID VAR TERM ... | sym ID | mp ID ID | ...
//   ID := fact NAME                 a named theorem of a loaded theory (when converting)
//   qed ID                          the script's result; must be the last line
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "kernel/kernel.hpp"

namespace hcert {

struct ScriptError : std::runtime_error {
  size_t line;
  bool rejected;  // the kernel refused a step (as opposed to malformed text)
  ScriptError(size_t l, const std::string& why, bool kernel_refused = false)
      : std::runtime_error("line " + std::to_string(l) + ": " + why), line(l),
        rejected(kernel_refused) {}
};

// Runs the script; returns the theorem named by `qed`. Throws ScriptError naming the line
// for malformed text, unknown ids and kernel refusals alike.
Thm run_script(Env& env, const std::string& text);

namespace cert { class Emitter; }
// Named theorems of loaded theories, for the script line `ID := fact NAME`.
using FactLookup = std::function<std::optional<Thm>(const std::string&)>;
// Runs the script as above and writes each step as certificate records (a theory file
// when need_qed is false, since theories have no final theorem).
void script_to_records(Env& env, const std::string& text, cert::Emitter& out, bool need_qed,
                       const FactLookup& facts = nullptr);

}  // namespace hcert
