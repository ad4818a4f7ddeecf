// Which pinned theories an SMT-LIB text can name, read off its symbols before it is
// elaborated: a small problem's check then loads and re-checks only those (core, and
// ints, reals, mixed, arrays as its symbols ask), not all five (spec/trace.md, "Costs").
// Untrusted and conservative: it may name a theory the text does not need, never omit
// one its elaboration needs. If it did, the elaboration would meet an undeclared
// constant or type (a kernel error, exit 3), never a different term: loading fewer
// theories gives the kernel fewer axioms, never more.
#pragma once
#include <string>
#include <vector>

#include "kernel/kernel.hpp"
#include "trusted/smtlib.hpp"

namespace hcert::check {

// The theories in load order (core first; mixed after ints and reals, which it includes).
// Arithmetic (a numeral or decimal that may be a term, Int, Real or an arithmetic
// operator) needs ints and reals both: the elaboration types every arithmetic operator's
// arguments against both sorts. mixed: to_real, to_int, is_int, or Int and Real both
// present. arrays: Array, select, store.
std::vector<std::string> theories_named(const smt::Script& text);

// Loads into env those of theories_named(text) that env does not have yet (from dir, ""
// for the copies built into hcert, as load_pinned_theory). Throws Failure.
void load_theories_named(Env& env, const std::string& dir, const smt::Script& text);

}  // namespace hcert::check
