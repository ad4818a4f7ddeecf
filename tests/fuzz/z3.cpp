// libFuzzer: Z3 proofs (formats/z3proof.hpp) translated (translators/z3) and checked,
// against tests/corpus/problems/z3-uf-arith.smt2 (uninterpreted functions and arithmetic).
#include "trusted/problem.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "checker/checker.hpp"
#include "trusted/smtlib.hpp"
#include "trusted/source.hpp"
#include "formats/z3proof.hpp"
#include "translators/z3/z3_to_cert.hpp"
#include "tests/fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("tests/corpus/problems/z3-uf-arith.smt2");
  fuzz::survives([&] {
    Env env;  // each input a check of its own: no declaration carries over
    for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) check::load_pinned_theory(env, check::default_theory_dir(), t);
    smt::Script sc = smt::read_script(problem);
    check::SmtContext ctx(env, sc);
    check::Checker checker(env, check::default_theory_dir(), [&](const std::string& kind) { return check::load_problem(env, kind, problem); });
    z3::ProofReader in(decompressed(string_source(fuzz::bytes(data, size))));
    cert::CallbackWriter sink([&](const cert::Record& r) { checker.feed(r); });
    cert::Emitter em(sink);
    z3::z3_to_certificate(ctx, sc.sha256, in, em);
    checker.finish();
  });
  return 0;
}
