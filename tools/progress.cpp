#include "tools/progress.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace hcert::tool {

InputWatch::InputWatch(const std::vector<std::pair<std::string, std::string>>& inputs) {
  for (const auto& [label, path] : inputs) {
    struct stat st;
    if ((path == "-" ? fstat(0, &st) : stat(path.c_str(), &st)) != 0) continue;
    if (!S_ISREG(st.st_mode)) continue;  // a pipe or terminal has no size and no position
    watched_.push_back({static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)});
    state_.push_back({label, 0, static_cast<uint64_t>(st.st_size), false});
  }
}

namespace {
// The file position of an open descriptor (the "pos:" line of /proc/self/fdinfo/FD).
bool position(int fd, uint64_t& pos) {
  std::ifstream in("/proc/self/fdinfo/" + std::to_string(fd));
  std::string key;
  while (in >> key) {
    if (key == "pos:") return static_cast<bool>(in >> pos);
    in.ignore(1 << 20, '\n');
  }
  return false;
}
}  // namespace

const std::vector<InputProgress>& InputWatch::sample() {
  if (watched_.empty()) return state_;
  DIR* d = opendir("/proc/self/fd");
  if (!d) return state_;
  std::vector<bool> open(watched_.size(), false);
  while (dirent* e = readdir(d)) {
    char* end = nullptr;
    long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || fd == dirfd(d)) continue;
    struct stat st;
    if (fstat(static_cast<int>(fd), &st) != 0) continue;
    for (size_t i = 0; i < watched_.size(); ++i) {
      if (static_cast<uint64_t>(st.st_dev) != watched_[i].dev || static_cast<uint64_t>(st.st_ino) != watched_[i].ino) continue;
      open[i] = true;
      state_[i].seen = true;
      uint64_t pos = 0;
      // A file opened again (the digest's second look) starts at 0: the most read counts.
      if (position(static_cast<int>(fd), pos) && pos > state_[i].read)
        state_[i].read = std::min(pos, state_[i].size);
    }
  }
  closedir(d);
  return state_;
}

namespace {
std::string megabytes(uint64_t bytes) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", bytes / 1e6);
  return b;
}
}  // namespace

std::string progress_line(const ProgressState& s) {
  char rate[48];
  std::snprintf(rate, sizeof rate, "%.0f", s.steps_per_second);
  std::string work;
  if (s.work_done > 0)
    work = ", " + std::to_string(s.work_done) + (s.work_total ? " of " + std::to_string(s.work_total) : std::string()) +
           (s.work_total ? " proof steps" : " proof steps read");
  std::string out = "c progress: " + std::to_string(static_cast<long long>(s.seconds)) + " s, " + s.phase + work + ", " +
                    std::to_string(s.records) + " records checked, " + std::to_string(s.steps) + " steps (" + rate +
                    " steps/s)";
  for (const InputProgress& in : s.inputs) {
    if (!in.seen) continue;
    out += ", " + in.label + " " + megabytes(in.read) + " of " + megabytes(in.size) + " MB read (" +
           std::to_string(in.size ? in.read * 100 / in.size : 100) + "%)";
  }
  return out;
}

std::string progress_bar(const ProgressState& s, size_t width) {
  uint64_t read = 0, size = 0;
  for (const InputProgress& in : s.inputs)
    read += in.seen ? in.read : 0, size += in.size;
  std::string bar;
  if (size > 0) {
    const int cells = 20;
    int full = static_cast<int>(read * cells / size);
    bar = "[" + std::string(full, '#') + std::string(cells - full, '.') + "] " + std::to_string(read * 100 / size) + "% ";
  }
  std::string text = bar + progress_line(s).substr(2);  // without "c "
  if (text.size() > width) text.resize(width);
  return text;
}

}  // namespace hcert::tool
