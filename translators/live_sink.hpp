// Where the shared provers' lemmas go in every SMT translator (Z3, cvc5, traces): lemmas are
// derived once and reused, so each step is written at once with a theorem id of its own and
// never deleted, and a theory fact by name likewise; terms go through the translator's own
// numbering (`term`), types through the emitter.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "formats/cert_emit.hpp"
#include "translators/provers/sink.hpp"

namespace hcert {

inline provers::StepSink live_sink(cert::Emitter& out, std::function<uint64_t(const Term&)> term) {
  provers::StepSink s;
  s.term = std::move(term);
  s.type = [&out](const Type& t) { return out.type(t); };
  s.step = [&out](const char* rule, std::vector<uint64_t> args) {
    uint64_t id = out.new_thm_id();
    args.insert(args.begin(), id);
    out.write(cert::Emitter::make(cert::Tag::Step, std::move(args), {rule}));
    return id;
  };
  s.fact = [&out](const std::string& name) {
    uint64_t id = out.new_thm_id();
    out.write(cert::Emitter::make(cert::Tag::Fact, {id}, {name}));
    return id;
  };
  return s;
}

}  // namespace hcert
