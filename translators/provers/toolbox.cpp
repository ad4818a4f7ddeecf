#include "translators/provers/toolbox.hpp"

#include <algorithm>

#include "translators/live_sink.hpp"

namespace hcert::provers {

namespace {
StepSink scratch_sink(cert::Emitter& out, Toolbox::ScratchStep step) {
  StepSink s;
  s.step = std::move(step);
  s.term = [&out](const Term& t) { return out.term(t); };
  s.type = [&out](const Type& t) { return out.type(t); };
  return s;
}
}  // namespace

Toolbox::Toolbox(cert::Emitter& out, ScratchStep scratch_step)
    : scratch(scratch_sink(out, std::move(scratch_step))),
      lemmas(live_sink(out, scratch.term)),
      arith(lemmas),
      arith_refuter([this](StepSink& o, const std::vector<Term>& lits, bool emit, bool* sat) -> uint64_t {
        std::vector<uint64_t> ids;
        for (const Term& l : lits) ids.push_back(l.serial());
        std::sort(ids.begin(), ids.end());
        std::string key;
        for (uint64_t i : ids) key += std::to_string(i) + ",";
        auto it = arith_memo_.find(key);
        if (it != arith_memo_.end() && (!it->second.first || !emit)) {
          if (sat) *sat = it->second.second;
          return it->second.first ? 1 : 0;
        }
        bool s = false;
        auto r = arith.refute(o, lits, emit, sat ? sat : &s);
        arith_memo_[key] = {r.has_value(), sat ? *sat : s};
        return r ? *r : 0;
      }),
      cond(lemmas),
      theories{&arith_refuter, &cond, [this](const Term& t) { return arith.key(t); }},
      normal(scratch, lemmas, &theories),
      diagrams(scratch, lemmas, theories, [this](StepSink& o, const Term& t) { return arith.normal_form(o, t); }),
      congruence(scratch, theories, normal),
      arrays(scratch, [this](const Term& e) -> uint64_t {
        return Arith::is_atom(e) ? arith_refuter(scratch, {e}, true, nullptr) : 0;
      }) {
  scratch.fact = lemmas.fact;
}

void Toolbox::forget() {
  normal.forget();
  arith_memo_.clear();
  congruence.forget();
}

}  // namespace hcert::provers
