// libFuzzer: custom-solver traces (formats/trace_reader.hpp, text or binary) translated
// (translators/trace) and checked, against tests/corpus/problems/trace-rdl.smt2 (difference
// logic over the reals: Farkas and cycle lemmas, derived clauses with and without hints).
#include "checker/checker.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "tests/fuzz/harness.hpp"
#include "translators/trace/trace_to_cert.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"
#include "trusted/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("tests/corpus/problems/trace-rdl.smt2");
  const std::string input = fuzz::bytes(data, size);
  fuzz::survives([&] {
    Env env;  // each input a check of its own
    for (const char* t : {"core", "ints", "reals", "mixed"}) check::load_pinned_theory(env, check::default_theory_dir(), t);
    smt::Script sc = smt::read_script(problem);
    check::SmtContext ctx(env, sc);
    check::Checker checker(env, check::default_theory_dir(), [&](const std::string& kind) { return check::load_problem(env, kind, problem); });
    cert::CallbackWriter sink([&](const cert::Record& r) { checker.feed(r); });
    cert::Emitter em(sink);
    // The translation reads the trace twice, each time from the same bytes.
    trace::trace_to_certificate(ctx, sc.sha256, [&] { return decompressed(string_source(input)); }, em);
    checker.finish();
  });
  return 0;
}
