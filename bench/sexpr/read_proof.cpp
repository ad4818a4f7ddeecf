// Reads a Z3 or cvc5 proof with its reader alone (formats/z3proof.hpp,
// formats/cvc5proof.hpp), no translation: the cost of the text (decompression, tokens,
// s-expressions, lets) that `hcert check` pays before any kernel work. bench/sexpr/run
// times it for two builds side by side.
//   bench_read_proof z3|cvc5 PROOF   -> "bindings N nodes N" on stdout
#include <cstdio>
#include <cstring>
#include <exception>

#include "formats/cvc5proof.hpp"
#include "formats/z3proof.hpp"

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "z3") != 0 && std::strcmp(argv[1], "cvc5") != 0)) {
    std::fprintf(stderr, "usage: bench_read_proof z3|cvc5 PROOF\n");
    return 64;
  }
  unsigned long long bindings = 0, nodes = 0;
  try {
    if (std::strcmp(argv[1], "z3") == 0) {
      hcert::z3::ProofReader in(hcert::open_source(argv[2]));
      for (hcert::z3::Binding b; in.next(b); ++bindings) nodes += b.expr.nodes.size();
    } else {
      hcert::cvc5::ProofReader in(hcert::open_source(argv[2]));
      for (hcert::cvc5::Binding b; in.next(b); ++bindings) nodes += b.expr.nodes.size();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[2], e.what());
    return 3;
  }
  std::printf("bindings %llu nodes %llu\n", bindings, nodes);
  return 0;
}
