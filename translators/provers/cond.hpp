// The conditional for the provers and translators: SMT-LIB's ite is the core theory's COND,
// defined by the choice operator (certs/theories/core.hk). Its two equations
//     ⊢ COND T x y = x        ⊢ COND F x y = y
// are derived once per type from COND's definition and SELECT_AX (which every verdict that
// uses them lists), on a sink whose steps stay live, and instantiated by INST.
// Untrusted: it only emits steps.
//
// What it proves (CondLemmas::get): ⊢ COND T x y = x and ⊢ COND F x y = y, x and y the
// variables of cond.hpp at type ty. Premises: none; side condition: the core theory's COND
// definition and SELECT_AX are loaded (theory facts). Failure: throws when they are not.
#pragma once
#include <map>
#include <utility>

#include "translators/provers/pf.hpp"

namespace hcert::provers {

class CondLemmas {
 public:
  explicit CondLemmas(StepSink& lemma_sink) : L_(lemma_sink) {}
  // ⊢ COND T x y = x (which = true) or ⊢ COND F x y = y, x and y the variables below.
  const Pf& get(const Type& ty, bool which);
  static Term x(const Type& ty) { return Term::var("x", ty); }
  static Term y(const Type& ty) { return Term::var("y", ty); }
  // COND at type ty.
  static Term cond(const Type& ty);

 private:
  Prover L_;
  std::map<std::pair<std::string, bool>, Pf> done_;
};

}  // namespace hcert::provers
