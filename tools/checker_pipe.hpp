// Checking a translation's records on a second thread (hcert check of LRAT and DRAT
// proofs, spec/cli.md).
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "formats/cert_io.hpp"
#include "translators/drat/lrat_to_cert.hpp"

namespace hcert::tool {

// Why: translating a SAT proof (replaying hints, choosing the resolutions) and checking it
// (the kernel's resolutions) each take about half of the time, and they only talk through
// the record stream, so the records can be checked while the next ones are made. The
// stream is the same (same records, same order, one checker), so the verdict and every
// line printed are those of the single-threaded check.
// Both threads build terms: the term store and the environment are safe to share
// (spec/kernel.md §11), so nothing here orders their uses of the kernel; the translator
// only waits for room in the queue, the checker only for records.
// Errors keep their order: when the translator stops with an error, the records it wrote
// before are still checked, and a checker error among them is the one reported.
// Batches go back to the translator once checked, records and all: it overwrites them, so
// a record's memory is freed by the thread that allocated it (no cross-thread frees, which
// cost the allocator a lock) and batches are not regrown.
class CheckerPipe : public cert::RecordWriter {
 public:
  // Thrown at the translator when the checker has failed, to stop it.
  struct Stopped {};

  explicit CheckerPipe(std::function<void(const cert::Record&)> check)
      : check_(std::move(check)), worker_([this] { work(); }) {}
  ~CheckerPipe() override { finish(); }

  void write(const cert::Record& r) override { take(cert::Record(r)); }
  void take(cert::Record&& r) override {
    if (failed()) throw Stopped{};
    if (fill_ < batch_.size()) batch_[fill_] = std::move(r);
    else batch_.push_back(std::move(r));
    if (++fill_ >= kBatch) hand_over();
  }
  // The next place in the batch, a record checked earlier whose vectors keep their
  // capacity: filling it in place allocates nothing (RecordWriter::slot).
  cert::Record& slot() override {
    if (failed()) throw Stopped{};
    if (fill_ == batch_.size()) batch_.emplace_back();
    return batch_[fill_];
  }
  void commit() override {
    if (++fill_ >= kBatch) hand_over();
  }
  void flush() override {
    if (fill_) hand_over();
  }
  // Checks everything written, ends the thread, and rethrows the checker's error if any.
  void close() override {
    finish();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  static constexpr size_t kBatch = 256, kMaxBatches = 8;

  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  void hand_over() {
    std::unique_lock<std::mutex> lk(m_);
    room_.wait(lk, [&] { return queue_.size() < kMaxBatches || error_; });
    if (error_) throw Stopped{};
    queue_.push_back({std::move(batch_), fill_});
    batch_.clear();
    fill_ = 0;
    if (!spare_.empty()) batch_ = std::move(spare_.back()), spare_.pop_back();
    ready_.notify_one();
  }
  void finish() {
    if (!worker_.joinable()) return;
    {
      std::lock_guard<std::mutex> lk(m_);
      try {
        if (fill_ && !error_) queue_.push_back({std::move(batch_), fill_});
      } catch (...) {  // no memory for the last batch: that is the error (never thrown here)
        error_ = std::current_exception();
        failed_ = true;
        queue_.clear();
      }
      batch_.clear();
      fill_ = 0;
      closing_ = true;
      ready_.notify_one();
    }
    worker_.join();
  }
  void work() {
    for (;;) {
      Batch b;
      {
        std::unique_lock<std::mutex> lk(m_);
        ready_.wait(lk, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;
        b = std::move(queue_.front());
        queue_.pop_front();
        room_.notify_one();
      }
      try {
        for (size_t i = 0; i < b.n; ++i) check_(b.records[i]);
        std::lock_guard<std::mutex> lk(m_);
        if (spare_.size() < kMaxBatches) spare_.push_back(std::move(b.records));
      } catch (...) {
        std::lock_guard<std::mutex> lk(m_);
        error_ = std::current_exception();
        failed_ = true;
        queue_.clear();
        room_.notify_one();
        return;
      }
    }
  }

  std::function<void(const cert::Record&)> check_;
  std::mutex m_;                       // guards queue_, closing_, error_
  std::condition_variable ready_, room_;
  struct Batch {
    std::vector<cert::Record> records;
    size_t n = 0;  // the first n are the batch
  };
  std::deque<Batch> queue_;
  std::vector<std::vector<cert::Record>> spare_;  // checked batches, back to the translator
  bool closing_ = false;
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};    // error_ is set: the translator may stop early
  std::vector<cert::Record> batch_;    // translator thread only
  size_t fill_ = 0;                    // records of batch_ in use
  std::thread worker_;                 // last: starts once the rest is built
};

}  // namespace hcert::tool
