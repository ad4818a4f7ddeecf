// The options table and what is made from it (tools/options.hpp): parsing, help, version,
// man page and completion agree with the table.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "tools/options.hpp"

namespace hcert::tool {
namespace {

// A table with one subcommand that records what it was given.
struct Recorder {
  Args got;
  int runs = 0;
  std::vector<Subcommand> subcommands() {
    return {{"check", "check", {"PROBLEM PROOF"}, {{"PROBLEM", "p"}, {"PROOF", "q"}},
             {{"--from", {"cert", "drat"}}, {"--time-limit"}, {"--mem-limit"}, {"--threads"}, {"--pure"}, {"--output"}},
             "", [this](const Args& a) { got = a, ++runs; return 7; }}};
  }
};

int run(Recorder& r, std::vector<std::string> args) {
  args.insert(args.begin(), "hcert");
  std::vector<char*> argv;
  for (std::string& s : args) argv.push_back(s.data());
  testing::internal::CaptureStderr();
  testing::internal::CaptureStdout();
  int rc = run_command_line(static_cast<int>(argv.size()), argv.data(), r.subcommands());
  testing::internal::GetCapturedStdout();
  testing::internal::GetCapturedStderr();
  return rc;
}

TEST(Options, BothValueForms) {
  Recorder r;
  EXPECT_EQ(run(r, {"check", "p.cnf", "--time-limit=5", "--from", "drat", "q", "-o", "out", "--pure"}), 7);
  EXPECT_EQ(r.got.pos, (std::vector<std::string>{"p.cnf", "q"}));
  EXPECT_EQ(r.got.get("--time-limit"), "5");
  EXPECT_EQ(r.got.get("--from"), "drat");
  EXPECT_EQ(r.got.get("--output"), "out");
  EXPECT_TRUE(r.got.has("--pure"));
  EXPECT_FALSE(r.got.has("--threads"));
}

// Reject cases: each is a usage error (exit 64) and the subcommand never runs.
TEST(Options, UsageErrors) {
  for (std::vector<std::string> bad : std::vector<std::vector<std::string>>{
           {"check", "p", "q", "--prue"},             // mistyped option
           {"check", "p", "q", "--time-limit", "soon"},  // not a number
           {"check", "p", "q", "--time-limit=-1"},    // negative
           {"check", "p", "q", "--mem-limit", "-5"},  // negative
           {"check", "p", "q", "--mem-limit", "0"},   // not above 0
           {"check", "p", "q", "--threads", "two"},   // not a choice
           {"check", "p", "q", "--from", "foo"},      // not a choice
           {"check", "p", "q", "--from", "z3"},       // a choice of the table this subcommand narrowed away
           {"check", "p"},                            // a file missing
           {"check", "p", "q", "r"},                  // a file too many
           {"frobnicate"},                            // no such subcommand
           {},                                        // no subcommand
       }) {
    Recorder r;
    EXPECT_EQ(run(r, bad), kUsage) << ::testing::PrintToString(bad);
    EXPECT_EQ(r.runs, 0);
  }
}

TEST(Options, HelpAndVersionExitZero) {
  Recorder r;
  EXPECT_EQ(run(r, {"--help"}), 0);
  EXPECT_EQ(run(r, {"check", "--help"}), 0);
  EXPECT_EQ(run(r, {"--version"}), 0);
  EXPECT_EQ(r.runs, 0);
}

TEST(Options, VersionNamesTrustedSourcesAndPins) {
  std::string v = version_text();
  EXPECT_NE(v.find("trusted sources: sha256 "), std::string::npos);
  EXPECT_NE(v.find("theory core sha256 "), std::string::npos);
}

// Every option of the table appears in the man page and in the completion of the
// subcommands that take it.
TEST(Options, ManPageAndCompletionFromTheTable) {
  Recorder r;
  std::vector<Subcommand> subs = r.subcommands();
  std::string man = man_page(subs), bash = bash_completion(subs);
  for (const OptionUse& use : subs[0].options) {
    std::string roff_name;
    for (char c : option(use.name).name) roff_name += c == '-' ? "\\-" : std::string(1, c);
    EXPECT_NE(man.find(roff_name), std::string::npos) << use.name;
    EXPECT_NE(bash.find(use.name), std::string::npos) << use.name;
  }
  EXPECT_NE(man.find(".SH EXIT STATUS"), std::string::npos);
}

TEST(Options, TableNamesAreUnique) {
  std::set<std::string> seen;
  for (const Option& o : options()) EXPECT_TRUE(seen.insert(o.name).second) << o.name;
  EXPECT_THROW(option("--no-such-option"), std::out_of_range);
}

}  // namespace
}  // namespace hcert::tool
