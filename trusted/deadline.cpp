#include "trusted/deadline.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace hcert {

namespace {
using Clock = std::chrono::steady_clock;
// Nanoseconds since the clock's epoch, 0 for none; atomic as the checker may run on a
// second thread (tools/checker_pipe.hpp).
std::atomic<int64_t> deadline_ns{0};
std::atomic<double> limit_seconds{0};
int64_t now_ns() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }
}  // namespace

void set_deadline(double seconds) {
  limit_seconds = seconds;
  // Beyond 30 years (or NaN) is no deadline, and never an overflowing conversion.
  deadline_ns = seconds > 0 && seconds < 1e9 ? now_ns() + static_cast<int64_t>(seconds * 1e9) : 0;
}

void poll_deadline() {
  thread_local uint32_t calls = 0;
  if ((++calls & 1023) != 0) return;
  int64_t d = deadline_ns.load(std::memory_order_relaxed);
  if (d == 0 || now_ns() <= d) return;
  char secs[32];
  std::snprintf(secs, sizeof secs, "%g", limit_seconds.load());
  throw LimitReached(std::string("time limit of ") + secs + " s reached");
}

}  // namespace hcert
