// The time limit (--time-limit, spec/cli.md) inside long loops that no record drives.
//
// Why process-wide: the command line checks its clock between records, but some work runs
// before or inside a single record, the elaboration of a problem above all, whose size a
// hostile input chooses (a million nested lets, a numeral of ten million digits). That code
// cannot see the command line's clock, so the deadline is set once here and polled there.
#pragma once

namespace hcert::check {

// The deadline, `seconds` from now; 0 or less: none (the default).
void set_deadline(double seconds);

// Throws Failure(Outcome::Limit) once the deadline has passed. Cheap enough for inner
// loops: it reads the clock on one call in 1024 (per thread).
void poll_deadline();

}  // namespace hcert::check
