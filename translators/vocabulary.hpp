// The environment translators name constants in. Translators build the terms they emit
// (T, ~, /\, int.+, COND, ...) deep inside helpers that have no environment at hand, and
// read the statements of theory facts to predict conclusions; the caller prepares an Env
// with the pinned theories loaded and opens a VocabularyScope for the translation, and
// helpers call vocab(). Why a scope and not a parameter of every helper: the vocabulary is
// fixed by the pinned theories and the same for every helper of one translation; a scope
// is opened by the entry point that was handed the environment, so nothing is loaded
// behind the caller's back, and it is per thread, so two translations on two threads (or
// one after the other in one process) each see their own. Untrusted: nothing made from it
// is trusted; the checker elaborates every emitted term again in its own environment.
#pragma once
#include "kernel/kernel.hpp"

namespace hcert {

class VocabularyScope {
 public:
  explicit VocabularyScope(const Env& env);
  ~VocabularyScope();
  VocabularyScope(const VocabularyScope&) = delete;
  VocabularyScope& operator=(const VocabularyScope&) = delete;

 private:
  const Env* outer_;
};

// The innermost open scope's environment; throws KernelError when none is open.
const Env& vocab();

}  // namespace hcert
