#include "translators/vocabulary.hpp"

namespace hcert {

static thread_local const Env* current = nullptr;

VocabularyScope::VocabularyScope(const Env& env) : outer_(current) { current = &env; }
VocabularyScope::~VocabularyScope() { current = outer_; }

const Env& vocab() {
  if (!current) throw KernelError("translator: no vocabulary environment (open a VocabularyScope)");
  return *current;
}

}  // namespace hcert
