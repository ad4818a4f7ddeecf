// libFuzzer: FRAT, text or binary, plain or zstd (formats/frat.hpp), through the backward
// check that finds the hints a step lacks (translators/drat/drat_to_lrat.hpp) and the
// whole SAT check against four.cnf (seeds: tests/fuzz/seeds/four.frat, a proof of it, and
// the corpus's FRAT cases, whose ph5 clauses exercise the reader and the refusals).
#include "formats/frat.hpp"
#include "trusted/source.hpp"
#include "tests/fuzz/sat_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  fuzz::survives([&] {
    FratReader in(decompressed(string_source(fuzz::bytes(data, size))));
    fuzz::backward_sat_check(in);
  });
  return 0;
}
