// --dry-run as kubectl reads it: values, the bare flag, booleans and their warnings.
#include <gtest/gtest.h>

#include "plugin/cli/CommonArgs.hpp"
#include "tests/unit/plugin/CliTestSupport.hpp"

namespace dsroll::plugin::testing {
namespace {

TEST(DryRunTest, ExplicitValuesPassThrough) {
  for (const std::string value : {"none", "client", "server"}) {
    const Parsed parsed = parseLine({"undo", "fluentd", "--dry-run=" + value});
    ASSERT_TRUE(parsed.ok) << parsed.error;
    EXPECT_EQ(parsed.args["dryRun"], value);
    EXPECT_TRUE(parsed.klogWarnings.empty());
  }
}

TEST(DryRunTest, BareFlagIsClientWithDeprecationAndDoesNotTakeTheNextWord) {
  const Parsed parsed = parseLine({"undo", "--dry-run", "fluentd"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.args["name"], "fluentd");
  EXPECT_EQ(parsed.args["dryRun"], "client");
  EXPECT_EQ(parsed.klogWarnings,
            std::vector<std::string>{
                "--dry-run is deprecated and can be replaced with --dry-run=client."});
}

TEST(DryRunTest, BooleansAreDeprecated) {
  const Parsed yes = parseLine({"delete", "fluentd", "--dry-run=true"});
  ASSERT_TRUE(yes.ok) << yes.error;
  EXPECT_EQ(yes.args["dryRun"], "client");
  EXPECT_EQ(yes.klogWarnings,
            std::vector<std::string>{"--dry-run=true is deprecated (boolean value) and can be "
                                     "replaced with --dry-run=client."});
  const Parsed no = parseLine({"delete", "fluentd", "--dry-run=false"});
  ASSERT_TRUE(no.ok) << no.error;
  EXPECT_EQ(no.args["dryRun"], "none");
  EXPECT_EQ(no.klogWarnings,
            std::vector<std::string>{"--dry-run=false is deprecated (boolean value) and can be "
                                     "replaced with --dry-run=none."});
}

TEST(DryRunTest, ValueAfterSpaceIsAnArgumentAsInKubectl) {
  const Parsed parsed = parseLine({"undo", "fluentd", "--dry-run", "server"});
  ASSERT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.error, "error: dsroll only works with DaemonSets, not \"fluentd\"\n");
}

TEST(DryRunTest, KlogLineHasKlogsHeader) {
  // 2024-03-05 06:07:08.000009 local time.
  std::tm local{};
  local.tm_year = 124;
  local.tm_mon = 2;
  local.tm_mday = 5;
  local.tm_hour = 6;
  local.tm_min = 7;
  local.tm_sec = 8;
  local.tm_isdst = -1;
  const auto time =
      std::chrono::system_clock::from_time_t(std::mktime(&local)) + std::chrono::microseconds(9);
  EXPECT_EQ(cli::klogWarningLine("hello", time, 4321),
            "W0305 06:07:08.000009    4321 helpers.go:714] hello\n");
}

}  // namespace
}  // namespace dsroll::plugin::testing
