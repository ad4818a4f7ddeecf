// libFuzzer: certificates, text or binary, plain or zstd (formats/cert_io.hpp), checked by
// the checker against certs/unit-pair.cnf (seeds: certs/, tests/corpus/check/*.hct|hcb).
#include "trusted/problem.hpp"
#include "formats/cert_io.hpp"
#include "trusted/source.hpp"
#include "tests/fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("certs/unit-pair.cnf");
  fuzz::survives([&] {
    Env env;  // each input a check of its own: no declaration carries over
    check::Checker checker(env, check::default_theory_dir(), [&](const std::string& kind) { return check::load_problem(env, kind, problem); });
    auto in = cert::open_records(string_source(fuzz::bytes(data, size)));
    for (cert::Record r; in->next(r);) checker.feed(r);
    checker.finish();
  });
  return 0;
}
