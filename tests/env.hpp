// The kernel environment the unit tests share, and the translators' vocabulary scope on
// the test thread. One per test process: tests that need a fresh one (two checks must not
// see each other's declarations) make their own Env.
#pragma once
#include "kernel/kernel.hpp"
#include "translators/vocabulary.hpp"

namespace hcert {

inline Env& tenv() {
  static Env* env = new Env();  // never destroyed: theorems in static storage outlive main
  static VocabularyScope* scope = new VocabularyScope(*env);
  (void)scope;
  return *env;
}

}  // namespace hcert
