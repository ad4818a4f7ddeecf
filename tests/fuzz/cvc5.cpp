// libFuzzer: cvc5 proofs (formats/cvc5proof.hpp) translated (translators/cvc5) and
// checked, against tests/corpus/problems/cvc5-uf-cong.smt2 (uninterpreted functions).
#include "formats/cvc5proof.hpp"
#include "tests/fuzz/smt_check.hpp"
#include "translators/cvc5/cvc5_to_cert.hpp"
#include "trusted/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("tests/corpus/problems/cvc5-uf-cong.smt2");
  fuzz::survives([&] {
    fuzz::smt_check(problem, {"core", "ints", "reals", "mixed"}, [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
      cvc5::ProofReader in(decompressed(string_source(fuzz::bytes(data, size))));
      cvc5::cvc5_to_certificate(ctx, sha, in, em);
    });
  });
  return 0;
}
