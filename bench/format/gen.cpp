// Generates a certificate for the empty-clause problem with N blocks of kernel work. Each
// block builds fresh terms, derives theorems from them with several rules, and deletes
// everything it made, so the live set is the same whatever N is: time should double with
// N and peak memory stay flat (spec/format.md, streaming).
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen N PROBLEM_SHA256\n");
    return 64;
  }
  long n = std::atol(argv[1]);
  std::printf("hcert 1\nproblem dimacs %s\nclaim unsat\n", argv[2]);
  // bool = 1, bool->bool = 2, bool->bool->bool = 3; f = 1, = at bool = 2.
  std::printf("tyop 1 bool\ntyop 2 fun 1 1\ntyop 3 fun 1 2\nvar 1 f 2\nconst 2 = 3\n");
  for (long k = 0; k < n; ++k) {
    // x_k (10), f x_k (11), f (f x_k) (12), y_k (13), f y_k (14), (x = y) (16)
    // Names cycle through 1000 values: names are interned for the life of the process
    // (spec/format.md), so fresh names per block would grow memory by design.
    std::printf("var 10 x%ld 1\napp 11 1 10\napp 12 1 11\nvar 13 y%ld 1\napp 14 1 13\napp 15 2 10\napp 16 15 13\n", k % 1000, k % 1000);
    std::printf("step 1 assume 16\n");        // {x = y} |- x = y
    std::printf("step 2 ap_term 1 1\n");      // |- f x = f y
    std::printf("step 3 sym 2\n");            // |- f y = f x
    std::printf("step 4 trans 2 3\n");        // |- f x = f x
    std::printf("step 5 refl 12\n");          // |- f (f x) = f (f x)
    std::printf("step 6 ap_term 1 4\n");      // |- f (f x) = f (f x)
    std::printf("step 7 trans 5 6\n");
    std::printf("var 17 z 1\nstep 8 inst 7 10 17\n");  // rename x to z
    std::printf("del thm 1 2 3 4 5 6 7 8\ndel tm 10 11 12 13 14 15 16 17\n");
  }
  std::printf("assert 1 0\nend 1\n");
  return 0;
}
