// Command lines the plugin refuses, with the exact text kubectl users know.
#include <gtest/gtest.h>

#include "tests/unit/plugin/CliTestSupport.hpp"

namespace dsroll::plugin::testing {
namespace {

struct ErrorCase {
  std::vector<std::string> argv;
  std::string stderrText;
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  for (const auto& a : c.argv)
    *os << "[" << a << "] ";
}

class UsageErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(UsageErrorTest, PrintsKubectlsText) {
  const Parsed parsed = parseLine(GetParam().argv);
  ASSERT_FALSE(parsed.ok) << "parsed as " << parsed.command << " " << parsed.args.dump();
  EXPECT_EQ(parsed.error, GetParam().stderrText);
}

const std::string kHistoryHint = "See 'kubectl dsroll history --help' for usage.\n";

INSTANTIATE_TEST_SUITE_P(
    Flags,
    UsageErrorTest,
    ::testing::Values(
        ErrorCase{{"history", "fluentd", "--foo"}, "error: unknown flag: --foo\n" + kHistoryHint},
        ErrorCase{{"history", "fluentd", "--foo=bar"},
                  "error: unknown flag: --foo\n" + kHistoryHint},
        ErrorCase{{"history", "-x", "fluentd"},
                  "error: unknown shorthand flag: 'x' in -x\n" + kHistoryHint},
        ErrorCase{{"history", "-ox", "fluentd", "-Az"},
                  "error: unknown shorthand flag: 'A' in -Az\n" + kHistoryHint},
        ErrorCase{{"history", "fluentd", "--revision"},
                  "error: flag needs an argument: --revision\n" + kHistoryHint},
        ErrorCase{{"history", "fluentd", "-n"},
                  "error: flag needs an argument: 'n' in -n\n" + kHistoryHint},
        ErrorCase{{"history", "fluentd", "---x"}, "error: bad flag syntax: ---x\n" + kHistoryHint},
        ErrorCase{{"history", "fluentd", "--revision=abc"},
                  "error: invalid argument \"abc\" for \"--revision\" flag: strconv.ParseInt: "
                  "parsing \"abc\": invalid syntax\n" +
                      kHistoryHint},
        ErrorCase{{"history", "fluentd", "--revision", "99999999999999999999"},
                  "error: invalid argument \"99999999999999999999\" for \"--revision\" flag: "
                  "strconv.ParseInt: parsing \"99999999999999999999\": value out of range\n" +
                      kHistoryHint},
        ErrorCase{{"status", "fluentd", "--watch=maybe"},
                  "error: invalid argument \"maybe\" for \"-w, --watch\" flag: "
                  "strconv.ParseBool: parsing \"maybe\": invalid syntax\n"
                  "See 'kubectl dsroll status --help' for usage.\n"},
        ErrorCase{{"status", "fluentd", "--timeout=5"},
                  "error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in "
                  "duration \"5\"\nSee 'kubectl dsroll status --help' for usage.\n"},
        ErrorCase{{"status", "fluentd", "--timeout", "1d"},
                  "error: invalid argument \"1d\" for \"--timeout\" flag: time: unknown unit "
                  "\"d\" in duration \"1d\"\nSee 'kubectl dsroll status --help' for usage.\n"},
        ErrorCase{{"list", "--revision=1"},
                  "error: unknown flag: --revision\nSee 'kubectl dsroll list --help' for usage.\n"},
        ErrorCase{{"--foo", "history"},
                  "error: unknown flag: --foo\nSee 'kubectl dsroll --help' for usage.\n"}));

INSTANTIATE_TEST_SUITE_P(
    Commands,
    UsageErrorTest,
    ::testing::Values(ErrorCase{{"histroy", "fluentd"},
                                "error: unknown command \"histroy\" for \"kubectl dsroll\"\n\n"
                                "Did you mean this?\n\thistory\n"
                                "See 'kubectl dsroll --help' for usage.\n"},
                      ErrorCase{{"cache", "pruen"},
                                "error: unknown command \"pruen\" for \"kubectl dsroll cache\"\n\n"
                                "Did you mean this?\n\tprune\n"
                                "See 'kubectl dsroll cache --help' for usage.\n"},
                      ErrorCase{{"frobnicate"},
                                "error: unknown command \"frobnicate\" for \"kubectl dsroll\"\n"
                                "See 'kubectl dsroll --help' for usage.\n"}));

INSTANTIATE_TEST_SUITE_P(
    Resources,
    UsageErrorTest,
    ::testing::Values(
        ErrorCase{{"history"}, "error: required resource not specified\n"},
        ErrorCase{{"history", "deployment/web"},
                  "error: dsroll only works with DaemonSets, not \"deployment\"\n"},
        ErrorCase{{"undo", "sts", "web"},
                  "error: dsroll only works with DaemonSets, not \"sts\"\n"},
        ErrorCase{{"diff", "deploy", "web", "2"},
                  "error: dsroll only works with DaemonSets, not \"deploy\"\n"},
        ErrorCase{{"history", "ds/"},
                  "error: arguments in resource/name form must have a single resource and name\n"},
        ErrorCase{{"history", "daemonset"},
                  "error: a DaemonSet name is required after \"daemonset\"\n" + kHistoryHint},
        ErrorCase{{"history", "a", "b", "c"},
                  "error: dsroll only works with DaemonSets, not \"a\"\n"},
        ErrorCase{{"history", "ds", "a", "b"},
                  "error: expected one DaemonSet, got extra arguments: b\n" + kHistoryHint},
        ErrorCase{{"diff", "fluentd", "x"}, "error: revision must be a positive integer: x\n"},
        ErrorCase{{"diff", "fluentd", "1", "2", "3"},
                  "error: diff takes at most two revisions, got 3\n"
                  "See 'kubectl dsroll diff --help' for usage.\n"},
        ErrorCase{{"history", "fluentd", "--revision=-1"},
                  "error: revision must be a positive integer: -1\n"},
        ErrorCase{{"status"}, "error: required resource not specified\n"},
        ErrorCase{{"status", "fluentd", "-A"},
                  "error: a DaemonSet name cannot be given with --all or --all-namespaces\n"
                  "See 'kubectl dsroll status --help' for usage.\n"}));

INSTANTIATE_TEST_SUITE_P(
    Values,
    UsageErrorTest,
    ::testing::Values(
        ErrorCase{{"undo", "fluentd", "--dry-run=maybe"},
                  "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or "
                  "\"client\".\n"},
        ErrorCase{{"history", "fluentd", "-o", "table"},
                  "error: unable to match a printer suitable for the output format \"table\", "
                  "allowed formats are: json,yaml,name,wide\n"},
        ErrorCase{{"diagnose", "fluentd", "-o", "wide"},
                  "error: unable to match a printer suitable for the output format \"wide\", "
                  "allowed formats are: json,yaml\n"},
        ErrorCase{{"set", "image", "fluentd"},
                  "error: at least one image update is required\n"
                  "See 'kubectl dsroll set image --help' for usage.\n"},
        ErrorCase{{"set", "image", "fluentd", "a=b", "extra"},
                  "error: all resources must be specified before image changes: extra\n"},
        ErrorCase{{"set", "image", "fluentd", "a="}, "error: invalid image format: a=\n"},
        ErrorCase{{"ondelete-roll", "cni", "--batch=0"},
                  "error: --batch must be at least 1, got 0\n"},
        ErrorCase{{"cache", "prune", "--max-bytes=12X"},
                  "error: invalid --max-bytes \"12X\": want a number of bytes, optionally "
                  "followed by K, M, G, Ki, Mi or Gi\n"},
        ErrorCase{{"apply"},
                  "error: must specify -f (a file, a directory or - for stdin)\n"
                  "See 'kubectl dsroll apply --help' for usage.\n"},
        ErrorCase{{"apply", "-f", "/nonexistent/x.yaml"},
                  "error: the path \"/nonexistent/x.yaml\" does not exist\n"},
        ErrorCase{{"list", "extra"},
                  "error: list takes no arguments, got \"extra\"\n"
                  "See 'kubectl dsroll list --help' for usage.\n"},
        ErrorCase{{"daemon", "stop", "now"},
                  "error: daemon stop takes no arguments, got \"now\"\n"
                  "See 'kubectl dsroll daemon stop --help' for usage.\n"}));

}  // namespace
}  // namespace dsroll::plugin::testing
