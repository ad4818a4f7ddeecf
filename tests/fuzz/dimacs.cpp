// libFuzzer: the DIMACS reader (trusted/dimacs.hpp) and the problem's elaboration.
#include "trusted/problem.hpp"
#include "trusted/dimacs.hpp"
#include "tests/fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  hcert::fuzz::survives([&] { hcert::read_dimacs(hcert::fuzz::as_file(hcert::fuzz::bytes(data, size))); });
  return 0;
}
