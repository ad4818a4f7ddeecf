// libFuzzer: Z3 proofs (formats/z3proof.hpp) translated (translators/z3) and checked,
// against tests/corpus/problems/z3-uf-arith.smt2 (uninterpreted functions and arithmetic).
#include "formats/z3proof.hpp"
#include "tests/fuzz/smt_check.hpp"
#include "translators/z3/z3_to_cert.hpp"
#include "trusted/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("tests/corpus/problems/z3-uf-arith.smt2");
  fuzz::survives([&] {
    fuzz::smt_check(problem, {"core", "ints", "reals", "mixed", "arrays"}, [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
      z3::ProofReader in(decompressed(string_source(fuzz::bytes(data, size))));
      z3::z3_to_certificate(ctx, sha, in, em);
    });
  });
  return 0;
}
