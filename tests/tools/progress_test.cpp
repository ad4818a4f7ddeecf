// The progress report (tools/progress.hpp): the line's text, the terminal's bar, and the
// bytes read of each input as the process's open files show them.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "tools/progress.hpp"

namespace hcert::tool {
namespace {

ProgressState state() {
  ProgressState s;
  s.seconds = 10.7;
  s.phase = "DRAT backward pass (finding the hints)";
  s.records = 1200, s.steps = 600, s.steps_per_second = 59.6;
  s.inputs = {{"problem", 3000000, 3000000, true}, {"proof", 1000000, 4000000, true}};
  return s;
}

TEST(Progress, LineNamesPhaseBytesOfTotalStepsAndRate) {
  EXPECT_EQ(progress_line(state()),
            "c progress: 10 s, DRAT backward pass (finding the hints), 1200 records checked, 600 steps (60 steps/s), "
            "problem 3.0 of 3.0 MB read (100%), proof 1.0 of 4.0 MB read (25%)");
}

// A phase without records says how far it has come: DRAT's backward pass.
TEST(Progress, LineShowsTheBackwardPassSteps) {
  ProgressState s = state();
  s.work_done = 4096, s.work_total = 50000;
  EXPECT_NE(progress_line(s).find("(finding the hints), 4096 of 50000 proof steps, 1200 records"), std::string::npos);
  s.work_total = 0;
  EXPECT_NE(progress_line(s).find("(finding the hints), 4096 proof steps read, 1200 records"), std::string::npos);
}

// An input not yet opened is not named (it would say 0 bytes of a file nobody reads yet).
TEST(Progress, LineLeavesOutAnInputNotYetSeen) {
  ProgressState s = state();
  s.inputs[1].seen = false;
  EXPECT_EQ(progress_line(s).find("proof"), std::string::npos);
}

TEST(Progress, BarShowsTheShareOfAllBytesAndFitsTheWidth) {
  std::string bar = progress_bar(state(), 200);
  EXPECT_EQ(bar.rfind("[###########.........] 57% progress: 10 s, DRAT", 0), 0u) << bar;  // 4 of 7 MB
  EXPECT_EQ(bar.find('\n'), std::string::npos);
  EXPECT_EQ(progress_bar(state(), 30).size(), 30u);
}

std::string temp_file(size_t bytes) {
  char path[] = "/tmp/hcert_progress_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  std::string data(bytes, 'x');
  EXPECT_EQ(write(fd, data.data(), data.size()), static_cast<ssize_t>(bytes));
  close(fd);
  return path;
}

TEST(InputWatch, FollowsTheOpenFilesPosition) {
  std::string a = temp_file(100000), b = temp_file(5000);
  InputWatch w({{"problem", a}, {"proof", b}, {"missing", "/nonexistent/x"}});
  ASSERT_EQ(w.sample().size(), 2u);  // a path that does not exist is left out
  EXPECT_FALSE(w.sample()[0].seen);  // not open yet
  int fd = open(a.c_str(), O_RDONLY);
  char buf[30000];
  ASSERT_EQ(read(fd, buf, sizeof buf), 30000);
  auto s = w.sample();
  EXPECT_TRUE(s[0].seen);
  EXPECT_EQ(s[0].read, 30000u);
  EXPECT_EQ(s[0].size, 100000u);
  EXPECT_FALSE(s[1].seen);
  close(fd);
  EXPECT_EQ(w.sample()[0].read, 30000u);  // closed: what was last seen
  std::remove(a.c_str());
  std::remove(b.c_str());
}

// Reject case: a pipe has no size and its position says nothing, so it is not followed
// (a line saying "0 of 0 MB" about stdin would be wrong).
TEST(InputWatch, LeavesOutAPipe) {
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  InputWatch w({{"problem", "/proc/self/fd/" + std::to_string(p[0])}});
  EXPECT_TRUE(w.sample().empty());
  close(p[0]);
  close(p[1]);
}

}  // namespace
}  // namespace hcert::tool
