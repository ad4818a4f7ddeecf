// libFuzzer: certificates, text or binary, plain or zstd (formats/cert_io.hpp), checked by
// the checker against certs/unit-pair.cnf (seeds: certs/, tests/corpus/check/*.hct|hcb).
#include "checker/problem.hpp"
#include "formats/cert_io.hpp"
#include "formats/source.hpp"
#include "tests/fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const std::string problem = fuzz::repo_file("certs/unit-pair.cnf");
  fuzz::survives([&] {
    check::Checker checker(check::default_theory_dir(), [&](const std::string& kind) { return check::load_problem(kind, problem); });
    auto in = cert::open_records(string_source(fuzz::bytes(data, size)));
    for (cert::Record r; in->next(r);) checker.feed(r);
    checker.finish();
  });
  return 0;
}
