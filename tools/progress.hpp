// What a progress report says (spec/cli.md, `check`): the phase, how much of each input
// has been read of its size, the records and steps checked, and the rate. The watchdog
// (tools/watchdog.hpp) prints it as a line every 5 s, or redraws it as a one-line bar when
// stderr is a terminal.
//
// Why the bytes come from the kernel's file positions (/proc/self/fdinfo) and not from
// counters in the readers: the inputs are read by trusted code (trusted/source.cpp) and by
// several readers, on two threads; the position of the open file is what the process has
// read of the file as stored, compressed bytes for a compressed input, without a line
// added to the trusted code or a lock in a reader's loop. An input not open at a sample
// (not yet opened, or closed after it was read) is reported as what was last seen of it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hcert::tool {

// One input of a check as the progress report shows it.
struct InputProgress {
  std::string label;     // "problem", "proof"
  uint64_t read = 0;     // bytes of the file as stored read so far
  uint64_t size = 0;     // its size (only regular files are followed: a pipe has none)
  bool seen = false;     // it has been open at some sample
};

// The inputs a check reads, found among the process's open files by device and inode.
class InputWatch {
 public:
  // label and path of each input; "-" is stdin. What is no regular file (a pipe, a
  // terminal) or cannot be stat'ed (a missing file, which the check reports) is left out.
  explicit InputWatch(const std::vector<std::pair<std::string, std::string>>& inputs);
  // Looks at the open files now; returns every input with what is known of it.
  const std::vector<InputProgress>& sample();

 private:
  struct Watched {
    uint64_t dev = 0, ino = 0;
  };
  std::vector<Watched> watched_;
  std::vector<InputProgress> state_;
};

// The state a report is made from.
struct ProgressState {
  double seconds = 0;
  const char* phase = "";
  std::vector<InputProgress> inputs;
  uint64_t records = 0, steps = 0;
  double steps_per_second = 0;  // since the previous report
  uint64_t work_done = 0, work_total = 0;  // a phase without records: proof steps passed of all (total 0: read)
};

// "c progress: 10 s, PHASE[, D of T proof steps], N records checked, S steps (R steps/s),
// problem 1.2 of 3.4 MB read (35%), proof ..." — an input is named only once seen.
std::string progress_line(const ProgressState& s);
// The same as a bar for a terminal: "[#####.....] 50% " before the line's text, the share
// being that of the bytes of all inputs followed, cut to `width` columns.
std::string progress_bar(const ProgressState& s, size_t width);

}  // namespace hcert::tool
