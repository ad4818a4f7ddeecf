// libFuzzer: LRAT, text or binary, plain or zstd (formats/lrat.hpp), through the whole
// SAT check (translators/drat/lrat_to_cert.hpp, the checker) against four.cnf.
#include "trusted/source.hpp"
#include "tests/fuzz/sat_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  fuzz::survives([&] {
    LratReader in(decompressed(string_source(fuzz::bytes(data, size))));
    fuzz::sat_check([&](LratStep& s) { return in.next(s); });
  });
  return 0;
}
