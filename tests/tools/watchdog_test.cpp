// The watchdog (tools/watchdog.hpp): at the time limit it prints the limit's verdict and
// ends the process with exit 4, whatever the check is doing; once the check has claimed the
// verdict, it does nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "tools/watchdog.hpp"

namespace hcert::tool {
namespace {

using namespace std::chrono_literals;

// Reject case for a limit checked only between records: a phase with no record (here a
// sleep standing for DRAT's backward pass) must still end at the limit.
TEST(WatchdogDeathTest, LimitEndsAPhaseWithoutRecords) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        Watchdog w(0.2, false, [](const std::string& phase) { std::cerr << "limit during " << phase; });
        w.phase("backward pass");
        std::this_thread::sleep_for(10s);
      },
      testing::ExitedWithCode(4), "limit during backward pass");
}

TEST(Watchdog, ClaimedVerdictIsNotInterrupted) {
  bool fired = false;
  {
    Watchdog w(0.1, false, [&](const std::string&) { fired = true; });
    EXPECT_TRUE(w.claim());
    EXPECT_FALSE(w.claim());  // only one verdict
    std::this_thread::sleep_for(300ms);
  }
  EXPECT_FALSE(fired);
}

TEST(Watchdog, CountsRecordsAndSteps) {
  Watchdog w(0, false, [](const std::string&) {});
  w.record(true);
  w.record(false);
  EXPECT_EQ(w.records(), 2u);
  EXPECT_EQ(w.steps(), 1u);
}

}  // namespace
}  // namespace hcert::tool
