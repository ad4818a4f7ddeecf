#include "tools/watchdog.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "tools/progress.hpp"

namespace hcert::tool {

Watchdog::Watchdog(double limit_s, bool progress, std::function<void(const std::string&)> at_limit,
                   std::vector<std::pair<std::string, std::string>> inputs)
    : at_limit_(std::move(at_limit)) {
  if (limit_s > 0 || progress)
    thread_ = std::thread([this, limit_s, progress, in = std::move(inputs)]() mutable { run(limit_s, progress, std::move(in)); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  clear_bar();
}

void Watchdog::clear_bar() {
  std::lock_guard<std::mutex> lock(tty_);
  if (bar_shown_) std::fputs("\r\033[K", stderr), std::fflush(stderr);
  bar_shown_ = false;
}

void Watchdog::run(double limit_s, bool progress, std::vector<std::pair<std::string, std::string>> inputs) {
  using clock = std::chrono::steady_clock;
  auto start = clock::now();
  // A terminal gets the bar, redrawn every second; anything else a line every 5 s.
  const bool bar = progress && isatty(2);
  const double interval = bar ? 1 : 5;
  double next_progress = bar ? 1 : 5, last_t = 0;
  uint64_t last_steps = 0;
  InputWatch watch(progress ? inputs : decltype(inputs){});
  std::unique_lock<std::mutex> lock(m_);
  for (;;) {
    if (stop_cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; })) return;
    double t = std::chrono::duration<double>(clock::now() - start).count();
    // Progress first: on a loaded machine a wake-up can come late, past both moments.
    if (progress && t > next_progress) {
      ProgressState s{t, phase_.load(), watch.sample(), records(), steps(), 0,
                      work_done_.load(std::memory_order_relaxed), work_total_.load(std::memory_order_relaxed)};
      s.steps_per_second = t > last_t ? (s.steps - last_steps) / (t - last_t) : 0;
      last_t = t, last_steps = s.steps;
      if (bar) {
        winsize ws{};
        size_t width = ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 ? ws.ws_col - 1 : 79;
        std::lock_guard<std::mutex> tty(tty_);
        if (!claimed_.load()) {
          std::fprintf(stderr, "\r%s\033[K", progress_bar(s, width).c_str());
          std::fflush(stderr);
          bar_shown_ = true;
        }
      } else {
        std::cerr << progress_line(s) << "\n";
      }
      next_progress = t + interval;
    }
    if (limit_s > 0 && t > limit_s) {
      if (!claim()) return;  // the check's own verdict is being printed
      at_limit_(phase_.load());
      std::fflush(nullptr);
      std::_Exit(4);
    }
  }
}

}  // namespace hcert::tool
