// Worker processes: `archive create` and `archive verify` run each conversion and check
// as a separate `hcert` process (this very binary, /proc/self/exe). The kernel is not
// thread-safe (its term store is process-wide), so checks cannot share a process;
// processes also give each check its own limits, and a crash in one is that entry's
// error, not the whole run's.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hcert::tool {

// Runs `hcert ARGS...` and waits for it. Its standard output and error go to `out_path`
// (created or truncated). Returns its exit code, or 128 + N when signal N ended it.
// Throws std::runtime_error when it cannot be started.
int run_hcert(const std::vector<std::string>& args, const std::string& out_path);

// The last line of a worker's output that is a JSON object (`check --json`'s record), or
// null when there is none or it does not parse.
nlohmann::json last_json_line(const std::string& out_path);

// A worker's message with the private paths it was given (`from`) named as the user
// knows them (`to`).
std::string replace_all(std::string text, const std::string& from, const std::string& to);

// Calls task(0) ... task(n-1), at most `jobs` at a time on as many threads (the tasks
// start worker processes; they use no kernel state). The first exception a task throws
// is rethrown after all have finished.
void for_each_parallel(size_t n, int jobs, const std::function<void(size_t)>& task);

// A private temporary folder (mkdtemp, 0700), removed with its contents on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace hcert::tool
