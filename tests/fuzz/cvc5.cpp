// libFuzzer: cvc5 proofs (formats/cvc5proof.hpp) translated (translators/cvc5) and
// checked, against tests/corpus/problems/cvc5-uf-cong.smt2 (uninterpreted functions).
#include "checker/checker.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "formats/cvc5proof.hpp"
#include "tests/fuzz/harness.hpp"
#include "translators/cvc5/cvc5_to_cert.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"
#include "trusted/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("tests/corpus/problems/cvc5-uf-cong.smt2");
  fuzz::survives([&] {
    Env env;  // each input a check of its own
    for (const char* t : {"core", "ints", "reals", "mixed"}) check::load_pinned_theory(env, check::default_theory_dir(), t);
    smt::Script sc = smt::read_script(problem);
    check::SmtContext ctx(env, sc);
    check::Checker checker(env, check::default_theory_dir(), [&](const std::string& kind) { return check::load_problem(env, kind, problem); });
    cvc5::ProofReader in(decompressed(string_source(fuzz::bytes(data, size))));
    cert::CallbackWriter sink([&](const cert::Record& r) { checker.feed(r); });
    cert::Emitter em(sink);
    cvc5::cvc5_to_certificate(ctx, sc.sha256, in, em);
    checker.finish();
  });
  return 0;
}
