// The time limit and the progress lines in every phase of a check. The checker sees the
// time only between records, but a check spends long stretches with no record: reading and
// elaborating the problem, DRAT's backward pass (seconds to minutes on a large proof), a Z3
// step's translation. A thread of its own watches the clock through all of them: it prints
// a progress line on stderr every 5 s (the phase and the records checked so far) and, at
// the time limit, ends the process with the limit's verdict (exit 4).
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace hcert::tool {

class Watchdog {
 public:
  // limit_s 0: no limit. at_limit prints the verdict of a check stopped by the limit; it
  // runs on the watchdog's thread, only if claim() is won there, and the process then ends.
  Watchdog(double limit_s, bool progress, std::function<void(const std::string& phase)> at_limit);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void phase(const char* name) { phase_.store(name); }  // a string literal: it is kept
  const char* phase() const { return phase_.load(); }  // for a message naming where a check stopped
  void record(bool step) {
    records_.fetch_add(1, std::memory_order_relaxed);
    if (step) steps_.fetch_add(1, std::memory_order_relaxed);
  }
  uint64_t records() const { return records_.load(std::memory_order_relaxed); }
  uint64_t steps() const { return steps_.load(std::memory_order_relaxed); }
  // Whoever prints the verdict claims it first: the check that finished, or the watchdog
  // at the limit. Only the first claim succeeds, so one verdict is printed.
  bool claim() { return !claimed_.exchange(true); }

 private:
  void run(double limit_s, bool progress);
  std::function<void(const std::string&)> at_limit_;
  std::atomic<const char*> phase_{"starting"};
  std::atomic<uint64_t> records_{0}, steps_{0};
  std::atomic<bool> claimed_{false};
  std::mutex m_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace hcert::tool
