// libFuzzer: SMT-LIB problems (trusted/smtlib.hpp) and their trusted elaboration
// (checker/smtlib_problem.cpp).
#include "trusted/problem.hpp"
#include "checker/checker.hpp"
#include "trusted/smtlib.hpp"
#include "tests/fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  // One environment with the theories for all inputs: the elaboration declares nothing in it.
  static Env* env = [] {
    auto* e = new Env();
    for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) check::load_pinned_theory(*e, check::default_theory_dir(), t);
    return e;
  }();
  fuzz::survives([&] { check::elaborate(*env, smt::parse_script(fuzz::bytes(data, size))); });
  return 0;
}
