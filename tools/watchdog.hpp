// The time limit and the progress lines in every phase of a check. The checker sees the
// time only between records, but a check spends long stretches with no record: reading and
// elaborating the problem, DRAT's backward pass (seconds to minutes on a large proof), a Z3
// step's translation. A thread of its own watches the clock through all of them: it prints
// a progress line on stderr every 5 s (tools/progress.hpp: the phase, the inputs' bytes
// read of their sizes, the records and steps checked, the rate), or redraws it every
// second as a one-line bar when stderr is a terminal, and, at the time limit, ends the
// process with the limit's verdict (exit 4).
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace hcert::tool {

class Watchdog {
 public:
  // limit_s 0: no limit. at_limit prints the verdict of a check stopped by the limit; it
  // runs on the watchdog's thread, only if claim() is won there, and the process then ends.
  // inputs: label and path of each file the progress report follows (tools/progress.hpp).
  Watchdog(double limit_s, bool progress, std::function<void(const std::string& phase)> at_limit,
           std::vector<std::pair<std::string, std::string>> inputs = {});
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void phase(const char* name) {  // a string literal: it is kept
    phase_.store(name);
    work_done_.store(0, std::memory_order_relaxed);
  }
  const char* phase() const { return phase_.load(); }  // for a message naming where a check stopped
  // How far a phase without records has come (DRAT's backward pass: proof steps passed of
  // all; total 0 while they are read), for the progress line.
  void work(uint64_t done, uint64_t total) {
    work_total_.store(total, std::memory_order_relaxed);
    work_done_.store(done, std::memory_order_relaxed);
  }
  void record(bool step) {
    records_.fetch_add(1, std::memory_order_relaxed);
    if (step) steps_.fetch_add(1, std::memory_order_relaxed);
  }
  uint64_t records() const { return records_.load(std::memory_order_relaxed); }
  uint64_t steps() const { return steps_.load(std::memory_order_relaxed); }
  // Whoever prints the verdict claims it first: the check that finished, or the watchdog
  // at the limit. Only the first claim succeeds, so one verdict is printed; it clears the
  // terminal's bar first, so that the verdict starts a line of its own.
  bool claim() {
    if (claimed_.exchange(true)) return false;
    clear_bar();
    return true;
  }

 private:
  void run(double limit_s, bool progress, std::vector<std::pair<std::string, std::string>> inputs);
  void clear_bar();
  std::mutex tty_;          // the bar: drawn and cleared under it
  bool bar_shown_ = false;
  std::function<void(const std::string&)> at_limit_;
  std::atomic<const char*> phase_{"starting"};
  std::atomic<uint64_t> records_{0}, steps_{0}, work_done_{0}, work_total_{0};
  std::atomic<bool> claimed_{false};
  std::mutex m_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace hcert::tool
