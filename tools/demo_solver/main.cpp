// hcert-demo-solver: the example custom solver of spec/trace.md (README.md here).
//   hcert-demo-solver FILE.smt2 [--trace OUT] [--binary] [--stats]
// Prints `sat` or `unsat` (exit 10 or 20, as SAT solvers do); `unknown` with exit 4 for
// input outside the fragment it decides; an input error exits 3, a trace that could not be
// written 5, a usage error 64 (messages on stderr, naming the file and line).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tools/demo_solver/arith_atoms.hpp"
#include "tools/demo_solver/cdcl.hpp"
#include "tools/demo_solver/clausify.hpp"
#include "tools/demo_solver/difference_logic.hpp"
#include "tools/demo_solver/formula.hpp"
#include "tools/demo_solver/simplex.hpp"
#include "tools/demo_solver/trace_writer.hpp"

namespace {

enum Exit { ExitSat = 10, ExitUnsat = 20, ExitInput = 3, ExitUnknown = 4, ExitTrace = 5, ExitUsage = 64 };

int usage(const char* why) {
  std::fprintf(stderr, "hcert-demo-solver: %s\nusage: hcert-demo-solver FILE.smt2 [--trace OUT] [--binary] [--stats]\n", why);
  return ExitUsage;
}

// The theory solver the atoms call for: difference logic when every atom is a difference
// constraint, the simplex for other linear constraints (over the integers with branch and
// bound, solve() below).
std::unique_ptr<demo::Theory> choose_theory(const demo::Problem& p, const demo::Clausifier& c, uint32_t num_vars,
                                            const char** name) {
  if (c.theory_atoms().empty()) {
    *name = "none";
    return nullptr;
  }
  if (p.has_int && p.has_real) throw demo::Unsupported(0, "problems with both Int and Real variables");
  std::vector<demo::LinearAtom> atoms;
  for (auto [var, term] : c.theory_atoms()) atoms.push_back(demo::linear_atom(p, term, var));
  bool integer = !p.has_real;
  if (auto dl = demo::make_difference_logic(atoms, num_vars, integer)) {
    *name = integer ? "integer difference logic" : "real difference logic";
    return dl;
  }
  *name = integer ? "simplex with branch and bound" : "simplex";
  return demo::make_simplex(atoms, num_vars, integer);
}

// Branch and bound as splitting on demand: while the simplex's model gives an integer
// variable x a fractional value v, the atoms x <= k and x >= k + 1 (k the floor of v) are
// added with the lemma x <= k \/ x >= k + 1 (the trace's `br` hint), the simplex is
// rebuilt over the atoms, and the search goes on from level 0 with everything it learned.
// A problem that needs more than kMaxBranches branches is `unknown` (branch and bound
// alone need not terminate on unbounded problems).
constexpr uint64_t kMaxBranches = 100000;

demo::Answer solve(demo::Problem& p, demo::Clausifier& c, demo::Solver& s, std::unique_ptr<demo::Theory>& theory,
                   const char** name, uint64_t& branches) {
  for (;;) {
    demo::Answer a = s.solve();
    demo::Branch b;
    if (a == demo::Answer::Unsat || !theory || !theory->fractional(b)) return a;
    if (++branches > kMaxBranches) throw demo::Unsupported(0, "branch and bound needs more than 100000 branches");
    s.to_level0();
    auto num = [&](const mpz_class& v) {
      uint32_t n = p.intern(demo::Term{demo::Op::Num, demo::Sort::Int, {}, {}, mpq_class(abs(v)), false, true});
      return v < 0 ? p.intern(demo::Term{demo::Op::Neg, demo::Sort::Int, {n}, {}, 0, false, true}) : n;
    };
    demo::Lit le = c.atom_literal(p.intern(demo::Term{demo::Op::Le, demo::Sort::Bool, {b.term, num(b.k)}, {}, 0}));
    demo::Lit ge = c.atom_literal(p.intern(demo::Term{demo::Op::Ge, demo::Sort::Bool, {b.term, num(b.k + 1)}, {}, 0}));
    s.add_branch({le, ge});
    theory = choose_theory(p, c, s.num_vars(), name);
    s.set_theory(theory.get());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, trace;
  bool binary = false, stats = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--trace") {
      if (++i == argc) return usage("--trace needs a file name");
      trace = argv[i];
    } else if (a == "--binary") {
      binary = true;
    } else if (a == "--stats") {
      stats = true;
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: hcert-demo-solver FILE.smt2 [--trace OUT] [--binary] [--stats]\n"
                  "Decides QF_IDL, QF_RDL and QF_LRA problems; prints sat (exit 10) or unsat (exit 20).\n"
                  "--trace OUT writes an hcert trace (spec/trace.md) that `hcert check FILE.smt2 OUT` checks.\n");
      return 0;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage(("unknown option " + a).c_str());
    } else if (file.empty()) {
      file = a;
    } else {
      return usage("more than one input file");
    }
  }
  if (file.empty()) return usage("no input file");
  auto start = std::chrono::steady_clock::now();
  std::string text;
  {
    std::ifstream in;
    std::istream* is = &std::cin;
    if (file != "-") {
      in.open(file, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "hcert-demo-solver: %s: cannot open\n", file.c_str());
        return ExitInput;
      }
      is = &in;
    }
    std::ostringstream ss;
    ss << is->rdbuf();
    text = ss.str();
  }
  std::unique_ptr<demo::ProofLog> log;
  try {
    demo::Problem problem = demo::read_problem(text);
    if (!trace.empty()) log = demo::open_trace(trace, binary);
    demo::Solver solver(log.get());
    demo::Clausifier clausifier(problem, solver, log.get());
    clausifier.assert_all();
    const char* theory_name = "none";
    std::unique_ptr<demo::Theory> theory = choose_theory(problem, clausifier, solver.num_vars(), &theory_name);
    solver.set_theory(theory.get());
    uint64_t branches = 0;
    demo::Answer answer = solve(problem, clausifier, solver, theory, &theory_name, branches);
    if (log) log->finish();
    std::printf("%s\n", answer == demo::Answer::Sat ? "sat" : "unsat");
    if (stats) {
      const demo::Stats& s = solver.stats();
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr,
                   "c theory %s, %u variables, %llu decisions, %llu conflicts (%llu theory), %llu propagations (%llu theory), "
                   "%llu restarts, %llu learned, %llu deleted, %llu branches, %.3f s\n",
                   theory_name, solver.num_vars(), (unsigned long long)s.decisions, (unsigned long long)s.conflicts,
                   (unsigned long long)s.theory_conflicts, (unsigned long long)s.propagations,
                   (unsigned long long)s.theory_propagations,
                   (unsigned long long)s.restarts, (unsigned long long)s.learned, (unsigned long long)s.deleted,
                   (unsigned long long)branches, secs);
    }
    return answer == demo::Answer::Sat ? ExitSat : ExitUnsat;
  } catch (const demo::Unsupported& e) {
    std::fprintf(stderr, "hcert-demo-solver: %s: %s\n", file.c_str(), e.what());
    std::printf("unknown\n");
    return ExitUnknown;
  } catch (const demo::InputError& e) {
    std::fprintf(stderr, "hcert-demo-solver: %s: %s\n", file.c_str(), e.what());
    return ExitInput;
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "hcert-demo-solver: %s: %s\n", trace.c_str(), e.what());
    return ExitTrace;
  }
}
