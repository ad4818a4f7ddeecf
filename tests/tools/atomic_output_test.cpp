// Outputs that appear only when complete (tools/atomic_output.hpp).
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include "tests/support.hpp"
#include "tools/atomic_output.hpp"

namespace hcert::tool {
namespace {

bool exists(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0;
}

TEST(AtomicOutput, CommittedFileAppears) {
  std::string target = testing::TempDir() + "/hcert_atomic_ok_" + std::to_string(getpid());
  std::remove(target.c_str());
  std::string temp;
  {
    AtomicOutput out(target);
    temp = out.path();
    EXPECT_NE(temp, target);
    std::ofstream(temp) << "done\n";
    EXPECT_FALSE(exists(target));
    out.commit();
  }
  EXPECT_TRUE(exists(target));
  EXPECT_FALSE(exists(temp));
}

// Reject: a write that fails part way must leave neither the target nor the temporary file,
// and must not touch an older file of that name.
TEST(AtomicOutput, FailureLeavesNothing) {
  std::string target = testing::TempDir() + "/hcert_atomic_fail_" + std::to_string(getpid());
  std::ofstream(target) << "older\n";
  std::string temp;
  try {
    AtomicOutput out(target);
    temp = out.path();
    std::ofstream(temp) << "half";
    throw std::runtime_error("the proof is bad");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(exists(temp));
  std::ifstream in(target);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "older");
}

TEST(AtomicOutput, StdoutIsWrittenDirectly) { EXPECT_EQ(AtomicOutput("-").path(), "-"); }

TEST(AtomicOutput, UnwritableDirectoryIsAnError) {
  EXPECT_THROW(AtomicOutput("/nonexistent-dir/out.hct"), std::runtime_error);
}

}  // namespace
}  // namespace hcert::tool
