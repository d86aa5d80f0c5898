// --help reads like kubectl's, and --version prints the build's version.
#include "plugin/cli/HelpText.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "plugin/Version.hpp"
#include "tests/unit/plugin/CliTestSupport.hpp"

namespace dsroll::plugin::testing {
namespace {

TEST(HelpTextTest, HistoryHelpIsKubectlShaped) {
  const Parsed parsed = parseLine({"history", "--help"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(printed(parsed),
            "View previous rollout revisions and configurations of a DaemonSet.\n"
            "\n"
            "Without --revision it prints kubectl's REVISION / CHANGE-CAUSE table; -o wide adds "
            "when each revision was created, its images, and the outcome and duration of its "
            "rollout. When the cluster cannot be reached the answer comes from the local cache, "
            "and says so.\n"
            "\n"
            "Examples:\n"
            "  # View the rollout history of a daemonset\n"
            "  kubectl dsroll history ds/fluentd\n"
            "  \n"
            "  # View the details of daemonset revision 3\n"
            "  kubectl dsroll history daemonset/fluentd --revision=3\n"
            "  \n"
            "  # Add created time, images and rollout outcome to each revision\n"
            "  kubectl dsroll history fluentd -n kube-system -o wide\n"
            "\n"
            "Options:\n"
            "    --offline=false:\n"
            "\tIf true, answer from the local cache without contacting the API server.\n"
            "\n"
            "    -o, --output='':\n"
            "\tOutput format. One of: (json, yaml, name, wide).\n"
            "\n"
            "    --revision=0:\n"
            "\tSee the details, including podTemplate of the revision specified\n"
            "\n"
            "Usage:\n"
            "  kubectl dsroll history (TYPE NAME | TYPE/NAME) [flags] [options]\n"
            "\n"
            "Use \"kubectl dsroll options\" for a list of global command-line options (applies "
            "to all commands).\n");
}

TEST(HelpTextTest, HelpFlagWorksAnywhereAndShortToo) {
  const Parsed a = parseLine({"-n", "x", "undo", "fluentd", "-h"});
  ASSERT_TRUE(a.ok) << a.error;
  EXPECT_NE(printed(a).find("kubectl dsroll undo (TYPE NAME | TYPE/NAME) [flags] [options]"),
            std::string::npos)
      << printed(a);
}

TEST(HelpTextTest, HiddenFlagsAreNotListed) {
  const Parsed parsed = parseLine({"restart", "--help"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(printed(parsed).find("--record"), std::string::npos);
  EXPECT_NE(printed(parsed).find("    --dry-run='none':\n"), std::string::npos);
}

TEST(HelpTextTest, RootListsCommandsInGroups) {
  const Parsed parsed = parseLine({"--help"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  const std::string text = printed(parsed);
  EXPECT_NE(text.find("Change Commands:\n  apply           Create or update DaemonSets"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Inspect Commands:\n  status          Show the status of the rollout\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  set             Set specific features on a DaemonSet\n"),
            std::string::npos);
  EXPECT_EQ(text.find("__complete"), std::string::npos);
  EXPECT_NE(text.find("Usage:\n  kubectl dsroll [flags] [options]\n\n"
                      "Use \"kubectl dsroll <command> --help\" for more information about a "
                      "given command.\n"),
            std::string::npos)
      << text;
}

TEST(HelpTextTest, NoArgumentsPrintsRootHelp) {
  const Parsed parsed = parseLine({});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_NE(printed(parsed).find("Inspect Commands:"), std::string::npos);
}

TEST(HelpTextTest, GroupCommandAloneListsItsCommands) {
  const Parsed parsed = parseLine({"cache"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  const std::string text = printed(parsed);
  EXPECT_NE(text.find("Available Commands:\n"
                      "  export        Print what the cache holds for a DaemonSet\n"
                      "  info          Show where the cache is and what it holds\n"
                      "  prune         Remove old entries from the cache\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Usage:\n  kubectl dsroll cache SUBCOMMAND [options]\n"), std::string::npos)
      << text;
}

TEST(HelpTextTest, OptionsListsGlobalFlags) {
  const Parsed parsed = parseLine({"options"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  const std::string text = printed(parsed);
  EXPECT_EQ(text.rfind("The following options can be passed to any command:\n\n", 0), 0u);
  EXPECT_NE(text.find("    --as-group=[]:\n\tGroup to impersonate"), std::string::npos) << text;
  EXPECT_NE(text.find("    -n, --namespace='':\n"), std::string::npos);
  EXPECT_NE(text.find("    --insecure-skip-tls-verify=false:\n"), std::string::npos);
  EXPECT_NE(text.find("    --request-timeout='0':\n"), std::string::npos);
  EXPECT_NE(text.find("    -v, --v=0:\n"), std::string::npos);
}

TEST(HelpTextTest, WrapsFlagUsagesOnATerminal) {
  cli::CommandLine line(50);
  auto result = line.parse({"status", "--help"}, {});
  ASSERT_TRUE(result);
  const std::string text = std::get<cli::PrintText>(result->action).text;
  EXPECT_NE(
      text.find("    --timeout=0s:\n\tThe length of time to wait before ending\n\twatch, zero "),
      std::string::npos)
      << text;
}

TEST(HelpTextTest, EveryCommandHasCommentedExamples) {
  const std::vector<std::string> commands = {"",
                                             "apply",
                                             "set",
                                             "set image",
                                             "restart",
                                             "strategy",
                                             "undo",
                                             "ondelete-roll",
                                             "delete",
                                             "status",
                                             "history",
                                             "diff",
                                             "revisions",
                                             "diagnose",
                                             "list",
                                             "cache",
                                             "cache info",
                                             "cache prune",
                                             "cache export",
                                             "daemon",
                                             "daemon status",
                                             "daemon stop",
                                             "daemon logs",
                                             "completion",
                                             "completion install",
                                             "options"};
  for (const std::string& command : commands) {
    std::vector<std::string> line;
    std::istringstream words(command);
    for (std::string word; words >> word;)
      line.push_back(word);
    line.push_back("--help");
    const Parsed parsed = parseLine(line);
    ASSERT_TRUE(parsed.ok) << parsed.error;
    // kubectl's style: each example is a "# what it does" line, then the command.
    EXPECT_NE(printed(parsed).find("\n\nExamples:\n  # "), std::string::npos)
        << "kubectl dsroll " << command << " --help:\n"
        << printed(parsed);
  }
}

TEST(HelpTextTest, VersionPrintsProjectVersion) {
  const Parsed parsed = parseLine({"--version"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(printed(parsed), "kubectl-dsroll " + std::string(pluginVersion()) + "\n");
  EXPECT_FALSE(pluginVersion().empty());
}

}  // namespace
}  // namespace dsroll::plugin::testing
