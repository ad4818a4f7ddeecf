// libFuzzer: custom-solver traces (formats/trace_reader.hpp, text or binary) translated
// (translators/trace) and checked, against tests/corpus/problems/trace-rdl.smt2 (difference
// logic over the reals: Farkas and cycle lemmas, derived clauses with and without hints).
#include "tests/fuzz/smt_check.hpp"
#include "translators/trace/trace_to_cert.hpp"
#include "trusted/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("tests/corpus/problems/trace-rdl.smt2");
  const std::string input = fuzz::bytes(data, size);
  fuzz::survives([&] {
    fuzz::smt_check(problem, {"core", "ints", "reals", "mixed"}, [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
      // The translation reads the trace twice, each time from the same bytes.
      trace::trace_to_certificate(ctx, sha, [&] { return decompressed(string_source(input)); }, em);
    });
  });
  return 0;
}
