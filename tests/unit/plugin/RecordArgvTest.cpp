// The command line --record writes into kubernetes.io/change-cause, as kubectl builds it.
#include <gtest/gtest.h>

#include "tests/unit/plugin/CliTestSupport.hpp"

namespace dsroll::plugin::testing {
namespace {

std::string argvOf(const std::vector<std::string>& args) {
  const Parsed parsed = parseLine(args, "kind: DaemonSet\n");
  EXPECT_TRUE(parsed.ok) << parsed.error;
  return parsed.args.value("argv", "");
}

TEST(RecordArgvTest, ApplyUsesLongFlagNamesAndBoolValues) {
  EXPECT_EQ(argvOf({"apply", "-f", "-", "--record"}),
            "kubectl dsroll apply --filename=- --record=true");
}

TEST(RecordArgvTest, WordsFirstThenFlagsInTheOrderGiven) {
  EXPECT_EQ(
      argvOf({"set", "image", "-n", "kube-system", "ds/fluentd", "fluentd=fluentd:2", "--record"}),
      "kubectl dsroll set image ds/fluentd fluentd=fluentd:2 --namespace=kube-system "
      "--record=true");
}

TEST(RecordArgvTest, GlobalFlagsBeforeTheCommandAreRecordedToo) {
  EXPECT_EQ(argvOf({"--context=prod", "restart", "fluentd", "--record=true"}),
            "kubectl dsroll restart fluentd --context=prod --record=true");
}

TEST(RecordArgvTest, CommaSeparatedFilenamesAreRecordedAsTyped) {
  const Parsed parsed = parseLine({"apply", "-f", "-,-", "--dry-run"}, "x");
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.args["argv"], "kubectl dsroll apply --filename=-,- --dry-run=unchanged");
  EXPECT_EQ(parsed.args["files"].size(), 2u);
}

TEST(RecordArgvTest, TokenIsMasked) {
  EXPECT_EQ(argvOf({"restart", "fluentd", "--token", "s3cret", "--record"}),
            "kubectl dsroll restart fluentd --token=CLASSIFIED --record=true");
}

TEST(RecordArgvTest, RecordFlagIsDeprecatedButWorks) {
  const Parsed parsed = parseLine({"restart", "fluentd", "--record"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.args["record"], true);
  EXPECT_EQ(parsed.warnings,
            std::vector<std::string>{
                "Flag --record has been deprecated, --record will be removed in the future\n"});
}

TEST(RecordArgvTest, RecordFalse) {
  const Parsed parsed = parseLine({"restart", "fluentd", "--record=false"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.args["record"], false);
}

}  // namespace
}  // namespace dsroll::plugin::testing
