// Where every prover's proof steps go: the calling translator's emitter (spec/format.md).
// The provers never make theorems: they emit certificate steps through this interface and
// get back the ids the steps' theorems will have; the checker's kernel checks each step.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kernel/kernel.hpp"

namespace hcert::provers {

// step(rule, args) emits a step (spec/rules.md) and returns its theorem's id; term and type
// return the id of a term or type record; fact(name) the id of a theory fact by name (an
// axiom, or a definition by its constant; only the arithmetic and COND use it).
struct StepSink {
  std::function<uint64_t(const char* rule, std::vector<uint64_t> args)> step;
  std::function<uint64_t(const Term&)> term;
  std::function<uint64_t(const std::string&)> fact;
  std::function<uint64_t(const Type&)> type;
};

}  // namespace hcert::provers
