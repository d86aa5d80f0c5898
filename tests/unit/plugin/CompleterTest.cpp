#include "plugin/completion/Completer.hpp"

#include <gtest/gtest.h>

namespace dsroll::plugin::testing {
namespace {

using completion::directive::kDefault;
using completion::directive::kFilterDirs;
using completion::directive::kFilterFileExt;
using completion::directive::kNoFileComp;

struct Expected {
  std::vector<std::string> values;
  int directive;
  bool askDaemon;
};

Expected complete(const std::vector<std::string>& words) {
  cli::CommandLine line;
  const auto local = completion::completeLocally(line, words);
  Expected out{{}, local.completion.directive, local.askDaemon};
  for (const auto& c : local.completion.candidates)
    out.values.push_back(c.value);
  return out;
}

void expectCompletion(const std::vector<std::string>& words, const Expected& expected) {
  const Expected got = complete(words);
  std::string text;
  for (const auto& w : words)
    text += "[" + w + "]";
  EXPECT_EQ(got.values, expected.values) << text;
  EXPECT_EQ(got.directive, expected.directive) << text;
  EXPECT_EQ(got.askDaemon, expected.askDaemon) << text;
}

TEST(CompleterTest, CommandsByPrefix) {
  expectCompletion({""}, {{"apply", "set", "restart", "strategy", "undo", "ondelete-roll", "delete",
                           "status", "history", "diff", "revisions", "diagnose", "list", "cache",
                           "daemon", "completion", "options"},
                          kNoFileComp,
                          false});
  expectCompletion({"d"}, {{"delete", "diff", "diagnose", "daemon"}, kNoFileComp, false});
  expectCompletion({"di"}, {{"diff", "diagnose"}, kNoFileComp, false});
  expectCompletion({"cache", ""}, {{"info", "prune", "export"}, kNoFileComp, false});
  expectCompletion({"-n", "x", "daemon", "l"}, {{"logs"}, kNoFileComp, false});
  expectCompletion({"zzz"}, {{}, kNoFileComp, false});
}

TEST(CompleterTest, FlagsOfTheCommandThenInheritedOnes) {
  expectCompletion({"history", "--re"}, {{"--revision", "--request-timeout"}, kNoFileComp, false});
  expectCompletion({"history", "fluentd", "--o"}, {{"--offline", "--output"}, kNoFileComp, false});
  expectCompletion({"status", "-"}, {{"--all",
                                      "--all-namespaces",
                                      "-A",
                                      "--help",
                                      "-h",
                                      "--revision",
                                      "--timeout",
                                      "--watch",
                                      "-w",
                                      "--as",
                                      "--as-group",
                                      "--as-uid",
                                      "--cache-dir",
                                      "--certificate-authority",
                                      "--client-certificate",
                                      "--client-key",
                                      "--cluster",
                                      "--context",
                                      "--disable-compression",
                                      "--help",
                                      "-h",
                                      "--insecure-skip-tls-verify",
                                      "--kubeconfig",
                                      "--namespace",
                                      "-n",
                                      "--request-timeout",
                                      "--server",
                                      "-s",
                                      "--tls-server-name",
                                      "--token",
                                      "--user",
                                      "--v",
                                      "-v",
                                      "--version"},
                                     kNoFileComp,
                                     false});
  // --record is hidden and deprecated: never offered.
  expectCompletion({"restart", "x", "--rec"}, {{}, kNoFileComp, false});
  expectCompletion({"undo", "--d"}, {{"--dry-run", "--disable-compression"}, kNoFileComp, false});
}

TEST(CompleterTest, FlagValuesFromTheDefinition) {
  expectCompletion({"history", "x", "-o", ""},
                   {{"json", "yaml", "name", "wide"}, kNoFileComp, false});
  expectCompletion({"history", "x", "--output", "y"}, {{"yaml"}, kNoFileComp, false});
  expectCompletion({"diagnose", "x", "--output=j"}, {{"--output=json"}, kNoFileComp, false});
  expectCompletion(
      {"undo", "x", "--dry-run="},
      {{"--dry-run=none", "--dry-run=server", "--dry-run=client"}, kNoFileComp, false});
  expectCompletion({"strategy", "x", "--type", ""},
                   {{"RollingUpdate", "OnDelete"}, kNoFileComp, false});
  expectCompletion({"status", "x", "--watch=f"}, {{"--watch=false"}, kNoFileComp, false});
  expectCompletion({"cache", "export", "x", "-o", ""}, {{"yaml", "json"}, kNoFileComp, false});
  expectCompletion({"status", "x", "--timeout", ""}, {{}, kNoFileComp, false});
}

TEST(CompleterTest, FilesAndDirectories) {
  expectCompletion({"apply", "-f", ""}, {{"yaml", "yml", "json"}, kFilterFileExt, false});
  expectCompletion({"history", "--kubeconfig", ""}, {{}, kDefault, false});
  expectCompletion({"completion", "install", "--dir", ""}, {{}, kFilterDirs, false});
}

TEST(CompleterTest, NamesRevisionsAndContainersComeFromTheDaemon) {
  expectCompletion({"history", ""}, {{}, kNoFileComp, true});
  expectCompletion({"history", "-n", "kube-system", "flu"}, {{}, kNoFileComp, true});
  expectCompletion({"undo", "fluentd", "--to-revision", ""}, {{}, kNoFileComp, true});
  expectCompletion({"history", "fluentd", "--revision="}, {{}, kNoFileComp, true});
  expectCompletion({"diff", "fluentd", ""}, {{}, kNoFileComp, true});
  expectCompletion({"set", "image", "fluentd", ""}, {{}, kNoFileComp, true});
  expectCompletion({"history", "-n", ""}, {{}, kNoFileComp, true});
  expectCompletion({"--context", ""}, {{}, kNoFileComp, true});
  expectCompletion({"list", ""}, {{}, kNoFileComp, false});
  expectCompletion({"daemon", "status", ""}, {{}, kNoFileComp, false});
}

TEST(CompleterTest, DaemonRowsAreFilteredAndUseItsDirective) {
  cli::CommandLine line;
  const auto local = completion::completeLocally(line, {"undo", "fluentd", "--to-revision=2"});
  ASSERT_TRUE(local.askDaemon);
  const auto merged =
      completion::mergeDaemonAnswer(local,
                                    {{{"value", "2"}, {"description", "kubectl set image ..."}},
                                     {{"value", "3"}},
                                     {{"value", "21"}, {"description", "two\nlines"}},
                                     {{"novalue", true}}},
                                    {{"directive", 36}});
  EXPECT_EQ(completion::formatCompletion(merged),
            "--to-revision=2\tkubectl set image ...\n--to-revision=21\ttwo\n:36\n");
}

TEST(CompleterTest, WithoutTheDaemonOnlyTheDirective) {
  cli::CommandLine line;
  const auto local = completion::completeLocally(line, {"history", ""});
  EXPECT_EQ(completion::formatCompletion(local.completion), ":4\n");
}

TEST(CompleterTest, FormatsDescriptions) {
  cli::CommandLine line;
  const auto local = completion::completeLocally(line, {"cache", "i"});
  EXPECT_EQ(completion::formatCompletion(local.completion),
            "info\tShow where the cache is and what it holds\n:4\n");
}

TEST(CompleterTest, KubeFlagsOfThePartialLine) {
  cli::CommandLine line;
  const ipc::KubeFlags kube =
      line.kubeFlagsOf({"history", "-n", "kube-system", "--context=prod", "--revision", "2"});
  EXPECT_EQ(kube.namespace_, "kube-system");
  EXPECT_EQ(kube.context, "prod");
}

}  // namespace
}  // namespace dsroll::plugin::testing
