#include "tools/watchdog.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace hcert::tool {

Watchdog::Watchdog(double limit_s, bool progress, std::function<void(const std::string&)> at_limit)
    : at_limit_(std::move(at_limit)) {
  if (limit_s > 0 || progress) thread_ = std::thread([this, limit_s, progress] { run(limit_s, progress); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watchdog::run(double limit_s, bool progress) {
  using clock = std::chrono::steady_clock;
  auto start = clock::now();
  double next_progress = 5;
  std::unique_lock<std::mutex> lock(m_);
  for (;;) {
    if (stop_cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stop_; })) return;
    double t = std::chrono::duration<double>(clock::now() - start).count();
    // Progress first: on a loaded machine a wake-up can come late, past both moments.
    if (progress && t > next_progress) {
      std::cerr << "c progress: " << static_cast<int>(t) << " s, " << phase_.load() << ", "
                << records_.load(std::memory_order_relaxed) << " records checked\n";
      next_progress = t + 5;
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
