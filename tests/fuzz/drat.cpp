// libFuzzer: DRAT, text or binary, plain or zstd (formats/drat.hpp), through the backward
// check (translators/drat/drat_to_lrat.hpp) and the whole SAT check against four.cnf.
#include "formats/drat.hpp"
#include "trusted/source.hpp"
#include "tests/fuzz/sat_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  fuzz::survives([&] {
    DratReader in(decompressed(string_source(fuzz::bytes(data, size))));
    fuzz::backward_sat_check(in);
  });
  return 0;
}
