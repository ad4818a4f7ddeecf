// The shared provers wired together, once, as the SMT translators (Z3, cvc5) use them.
// A translator's steps come in two lifetimes: scratch steps, which the translator deletes
// after each proof node (its `scratch_step`), and lemmas (arithmetic, COND, atom normal
// forms), which are derived once per certificate and stay live (translators/live_sink.hpp).
// Each prover is given the sinks it needs and, through `theories`, the others it calls:
// the case split's leaves go to the memoised arithmetic refuter and the COND lemmas, the
// normaliser and the decision diagrams use both, the congruence prover the normaliser.
// The parts refer to one another by address: a toolbox is neither copied nor moved.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "formats/cert_emit.hpp"
#include "translators/provers/arith.hpp"
#include "translators/provers/arrays.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/congruence.hpp"
#include "translators/provers/dd.hpp"
#include "translators/provers/normal.hpp"
#include "translators/provers/taut.hpp"

namespace hcert::provers {

class Toolbox {
 public:
  using ScratchStep = std::function<uint64_t(const char* rule, std::vector<uint64_t> args)>;
  // Terms and types are numbered by `out`; scratch steps go through `scratch_step` (the
  // translator records their ids to delete them), lemmas and facts straight to `out`.
  Toolbox(cert::Emitter& out, ScratchStep scratch_step);
  Toolbox(const Toolbox&) = delete;
  Toolbox& operator=(const Toolbox&) = delete;

  // Between proof nodes, after the translator deleted its scratch theorems: the memos
  // that name scratch theorems (or decisions made for them) are dropped.
  void forget();

  StepSink scratch, lemmas;
  Arith arith;
  // The arithmetic refuter for the case split's leaves, with its decisions remembered until
  // forget(): the dry run and the real one (and each strategy) meet the same leaves, so only
  // refutations that will be emitted are searched twice.
  TheoryRefuter arith_refuter;
  CondLemmas cond;
  Theories theories;  // what the case split knows: arithmetic, COND
  Normaliser normal;
  Diagrams diagrams;
  Congruence congruence;
  // Index equations between numerals (`1 = 0`) are refuted by the arithmetic.
  ArrayLemmas arrays;

 private:
  // Leaf literal sets (their serials, sorted) -> refuted, satisfiable.
  std::unordered_map<std::string, std::pair<bool, bool>> arith_memo_;
};

}  // namespace hcert::provers
