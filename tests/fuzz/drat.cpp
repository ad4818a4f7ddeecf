// libFuzzer: DRAT, text or binary, plain or zstd (formats/drat.hpp), through the backward
// check (translators/drat/drat_to_lrat.hpp) and the whole SAT check against four.cnf.
#include <optional>

#include "formats/drat.hpp"
#include "trusted/source.hpp"
#include "translators/drat/drat_to_lrat.hpp"
#include "tests/fuzz/sat_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  fuzz::survives([&] {
    static const Cnf cnf = read_dimacs(fuzz::repo_file("tests/corpus/problems/four.cnf"));
    DratReader in(decompressed(string_source(fuzz::bytes(data, size))));
    std::optional<sat::DratHints> hints;
    fuzz::sat_check([&](LratStep& s) {
      if (!hints) hints.emplace(cnf, in);
      return hints->next(s);
    });
  });
  return 0;
}
