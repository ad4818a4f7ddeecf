// The assertions of a small SMT-LIB problem, elaborated as the checker elaborates them:
// what the prover tests hand to the provers. One place, so that every prover test reads
// its problems with the same pinned theories loaded.
#pragma once
#include <string>
#include <vector>

#include "tests/env.hpp"
#include "tests/support.hpp"
#include "trusted/problem.hpp"
#include "trusted/smtlib.hpp"

namespace hcert::test {

// `text`: the problem's commands up to, not including, (check-sat); `name` names its file.
inline std::vector<Term> smt_assertions(const std::string& name, const std::string& text) {
  for (const char* t : {"core", "ints", "reals", "mixed", "arrays"})
    check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), t);
  check::SmtContext ctx(hcert::tenv(), smt::read_script(temp_file(name + ".smt2", text + "(check-sat)")));
  return ctx.problem().assertions;
}

}  // namespace hcert::test
