// libFuzzer: SMT-LIB problems (formats/smtlib.hpp) and their trusted elaboration
// (checker/smtlib_problem.cpp).
#include "checker/problem.hpp"
#include "formats/smtlib.hpp"
#include "tests/fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static bool loaded = [] {
    for (const char* t : {"core", "ints", "reals", "mixed"}) check::load_pinned_theory(check::default_theory_dir(), t);
    return true;
  }();
  (void)loaded;
  fuzz::survives([&] { check::elaborate(smt::parse_script(fuzz::bytes(data, size))); });
  return 0;
}
