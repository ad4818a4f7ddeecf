// The time limit (--time-limit, spec/cli.md) inside long loops that no record drives.
//
// Why process-wide, and why here in formats/: the command line checks its clock between
// records, but some work runs before or inside a single record and its size is chosen by a
// hostile input: a zstd bomb of blank lines (gigabytes that are no record), the elaboration
// of a problem with a million nested lets, a numeral of ten million digits. That code
// (readers, the elaboration) cannot see the command line's clock, so the deadline is set
// once here, at the lowest layer, and polled there.
#pragma once
#include <stdexcept>
#include <string>

namespace hcert {

// Thrown by poll_deadline(): the time limit was reached (exit 4, spec/cli.md).
struct LimitReached : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The deadline, `seconds` from now; 0 or less: none (the default).
void set_deadline(double seconds);

// Throws LimitReached once the deadline has passed. Cheap enough for inner loops: it reads
// the clock on one call in 1024 (per thread).
void poll_deadline();

}  // namespace hcert
