#include "daemon/commands/CompletionQuery.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

struct Want {
  CompletionKind kind;
  std::string name = "";
  std::string partial = "";
  std::string valuePrefix = "";
  std::string container = "";
};

void expectQuery(const std::vector<std::string>& words, const Want& want) {
  const auto q = parseCompletion(words);
  std::string text;
  for (const auto& w : words)
    text += "[" + w + "]";
  EXPECT_EQ(q.kind, want.kind) << text;
  EXPECT_EQ(q.name, want.name) << text;
  EXPECT_EQ(q.partial, want.partial) << text;
  EXPECT_EQ(q.valuePrefix, want.valuePrefix) << text;
  EXPECT_EQ(q.container, want.container) << text;
}

TEST(CompletionQueryTest, Names) {
  expectQuery({"history", ""}, {CompletionKind::DaemonSetName});
  expectQuery({"history", "flu"}, {CompletionKind::DaemonSetName, "", "flu"});
  expectQuery({"-n", "kube-system", "undo", "f"}, {CompletionKind::DaemonSetName, "", "f"});
  expectQuery({"undo", "--dry-run", "f"}, {CompletionKind::DaemonSetName, "", "f"});
  expectQuery({"status", "-w", "f"}, {CompletionKind::DaemonSetName, "", "f"});
  expectQuery({"set", "image", "-nops", ""}, {CompletionKind::DaemonSetName});
  expectQuery({"cache", "export", "o"}, {CompletionKind::DaemonSetName, "", "o"});
  expectQuery({"history", "ds/fl"}, {CompletionKind::DaemonSetName, "", "ds/fl", "ds/"});
  expectQuery({"history", "daemonsets.apps/"},
              {CompletionKind::DaemonSetName, "", "daemonsets.apps/", "daemonsets.apps/"});
  expectQuery({"history", "daemonset", "f"}, {CompletionKind::DaemonSetName, "", "f"});
  expectQuery({"history", "deployment/x"}, {CompletionKind::None});
  EXPECT_TRUE(parseCompletion({"history", ""}).cachedNamesToo);
  EXPECT_TRUE(parseCompletion({"cache", "export", ""}).cachedNamesToo);
  EXPECT_FALSE(parseCompletion({"undo", ""}).cachedNamesToo);
}

TEST(CompletionQueryTest, NothingForOtherPositionsAndCommands) {
  expectQuery({"history", "fluentd", ""}, {CompletionKind::None, "fluentd", ""});
  expectQuery({"list", ""}, {CompletionKind::None, "", ""});
  expectQuery({"cache", "info", ""}, {CompletionKind::None, "", ""});
  expectQuery({"history", "--rev"}, {CompletionKind::None, "", "--rev"});
  expectQuery({"apply", "-f", ""}, {CompletionKind::None, "", ""});
}

TEST(CompletionQueryTest, Revisions) {
  expectQuery({"undo", "fluentd", "--to-revision", ""}, {CompletionKind::Revision, "fluentd"});
  expectQuery({"undo", "fluentd", "--to-revision=2"}, {CompletionKind::Revision, "fluentd", "2"});
  expectQuery({"history", "ds/fluentd", "--revision", "1"},
              {CompletionKind::Revision, "fluentd", "1"});
  expectQuery({"history", "daemonset", "fluentd", "--revision="},
              {CompletionKind::Revision, "fluentd", ""});
  expectQuery({"undo", "--to-revision", ""}, {CompletionKind::None});
  expectQuery({"diff", "fluentd", ""}, {CompletionKind::Revision, "fluentd"});
  expectQuery({"diff", "fluentd", "3", ""}, {CompletionKind::Revision, "fluentd"});
  expectQuery({"diff", "fluentd", "3", "4", ""}, {CompletionKind::None, "fluentd"});
  expectQuery({"diff", "ds", "fluentd", "2", "--offline", ""},
              {CompletionKind::Revision, "fluentd"});
}

TEST(CompletionQueryTest, ContainersAndImages) {
  expectQuery({"set", "image", "fluentd", ""}, {CompletionKind::Container, "fluentd"});
  expectQuery({"set", "image", "ds/fluentd", "fl"}, {CompletionKind::Container, "fluentd", "fl"});
  expectQuery({"set", "image", "fluentd", "a=b:1", "c"},
              {CompletionKind::Container, "fluentd", "c"});
  expectQuery({"set", "image", "fluentd", "agent=quay"},
              {CompletionKind::Image, "fluentd", "agent=quay", "", "agent"});
}

TEST(CompletionQueryTest, GlobalFlagValues) {
  expectQuery({"history", "-n", ""}, {CompletionKind::Namespace});
  expectQuery({"--namespace", "ku"}, {CompletionKind::Namespace, "", "ku"});
  expectQuery({"--namespace=ku"}, {CompletionKind::Namespace, "", "ku"});
  expectQuery({"--context", ""}, {CompletionKind::Context});
  expectQuery({"list", "--cluster="}, {CompletionKind::Cluster});
  expectQuery({"list", "--user", "a"}, {CompletionKind::User, "", "a"});
  expectQuery({"list", "-o", ""}, {CompletionKind::None});
}

TEST(CompletionQueryTest, TypeWords) {
  EXPECT_TRUE(isDaemonSetType("ds"));
  EXPECT_TRUE(isDaemonSetType("daemonsets.apps"));
  EXPECT_FALSE(isDaemonSetType("deployment"));
}

}  // namespace
}  // namespace dsroll::commands
