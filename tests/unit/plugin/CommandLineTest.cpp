#include "plugin/cli/CommandLine.hpp"

#include <gtest/gtest.h>

#include "tests/unit/plugin/CliTestSupport.hpp"

namespace dsroll::plugin::testing {
namespace {

using nlohmann::json;

struct CallCase {
  std::vector<std::string> argv;
  std::string command;
  json args;
};

void PrintTo(const CallCase& c, std::ostream* os) {
  for (const auto& a : c.argv)
    *os << "[" << a << "] ";
}

class CallTest : public ::testing::TestWithParam<CallCase> {};

TEST_P(CallTest, BuildsRequestArgs) {
  const CallCase& c = GetParam();
  const Parsed parsed = parseLine(c.argv);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.command, c.command);
  json args = parsed.args;
  args.erase("argv");  // checked by RecordArgvTest
  EXPECT_EQ(args, c.args) << args.dump();
}

INSTANTIATE_TEST_SUITE_P(
    EveryCommand,
    CallTest,
    ::testing::Values(
        CallCase{{"history", "fluentd"},
                 "history",
                 {{"name", "fluentd"}, {"revision", 0}, {"offline", false}}},
        CallCase{{"history", "ds/fluentd", "--revision=3", "-o", "yaml", "--offline"},
                 "history",
                 {{"name", "fluentd"}, {"revision", 3}, {"output", "yaml"}, {"offline", true}}},
        CallCase{{"history", "daemonset", "fluentd", "--revision", "2"},
                 "history",
                 {{"name", "fluentd"}, {"revision", 2}, {"offline", false}}},
        CallCase{{"status", "daemonsets.apps/agent"},
                 "status",
                 {{"name", "agent"},
                  {"all", false},
                  {"allNamespaces", false},
                  {"watch", true},
                  {"revision", 0}}},
        CallCase{{"status", "agent", "--watch=false", "--timeout=5m", "--revision=4"},
                 "status",
                 {{"name", "agent"},
                  {"all", false},
                  {"allNamespaces", false},
                  {"watch", false},
                  {"timeout", "5m"},
                  {"revision", 4}}},
        CallCase{{"status", "-A", "-w=false"},
                 "status",
                 {{"all", true}, {"allNamespaces", true}, {"watch", false}, {"revision", 0}}},
        CallCase{{"status", "--all"},
                 "status",
                 {{"all", true}, {"allNamespaces", false}, {"watch", true}, {"revision", 0}}},
        CallCase{{"diff", "fluentd"},
                 "diff",
                 {{"name", "fluentd"}, {"offline", false}, {"color", false}}},
        CallCase{
            {"diff", "ds/fluentd", "3", "5", "--offline"},
            "diff",
            {{"name", "fluentd"}, {"from", 3}, {"to", 5}, {"offline", true}, {"color", false}}},
        CallCase{{"diff", "daemonset", "fluentd", "4"},
                 "diff",
                 {{"name", "fluentd"}, {"from", 4}, {"offline", false}, {"color", false}}},
        CallCase{{"undo", "fluentd"},
                 "undo",
                 {{"name", "fluentd"}, {"toRevision", 0}, {"dryRun", "none"}, {"wait", false}}},
        CallCase{{"undo", "fluentd", "--to-revision=2", "--dry-run=server", "--wait", "--timeout",
                  "1m", "-oname"},
                 "undo",
                 {{"name", "fluentd"},
                  {"toRevision", 2},
                  {"dryRun", "server"},
                  {"wait", true},
                  {"timeout", "1m"},
                  {"output", "name"}}},
        CallCase{{"revisions", "daemonset.apps/fluentd", "-o", "wide"},
                 "revisions",
                 {{"name", "fluentd"}, {"output", "wide"}, {"offline", false}}},
        CallCase{{"diagnose", "fluentd", "--offline"},
                 "diagnose",
                 {{"name", "fluentd"}, {"offline", true}}},
        CallCase{{"ondelete-roll", "cni", "--batch=5", "--timeout=1h"},
                 "ondelete-roll",
                 {{"name", "cni"}, {"batch", 5}, {"timeout", "1h"}}},
        CallCase{{"list"}, "list", {{"allNamespaces", false}}},
        CallCase{
            {"list", "-A", "-o", "json"}, "list", {{"allNamespaces", true}, {"output", "json"}}},
        CallCase{
            {"delete", "ds/old"}, "delete", {{"name", "old"}, {"dryRun", "none"}, {"wait", true}}},
        CallCase{{"delete", "old", "--wait=false", "--dry-run=client"},
                 "delete",
                 {{"name", "old"}, {"dryRun", "client"}, {"wait", false}}},
        CallCase{{"restart", "fluentd"},
                 "restart",
                 {{"name", "fluentd"}, {"record", false}, {"dryRun", "none"}}},
        CallCase{{"restart", "fluentd", "--cause", "cert rotation", "-o", "name"},
                 "restart",
                 {{"name", "fluentd"},
                  {"record", false},
                  {"cause", "cert rotation"},
                  {"dryRun", "none"},
                  {"output", "name"}}},
        CallCase{{"set", "image", "ds/fluentd", "fluentd=fluentd:2", "sidecar=busybox:1"},
                 "set-image",
                 {{"name", "fluentd"},
                  {"images",
                   {{{"container", "fluentd"}, {"image", "fluentd:2"}},
                    {{"container", "sidecar"}, {"image", "busybox:1"}}}},
                  {"record", false},
                  {"dryRun", "none"}}},
        CallCase{{"set", "image", "daemonset", "agent", "*=agent:2", "--record"},
                 "set-image",
                 {{"name", "agent"},
                  {"images", {{{"container", "*"}, {"image", "agent:2"}}}},
                  {"record", true},
                  {"dryRun", "none"}}},
        CallCase{{"strategy", "fluentd"}, "strategy", {{"name", "fluentd"}, {"dryRun", "none"}}},
        CallCase{{"strategy", "fluentd", "--type=RollingUpdate", "--max-unavailable", "25%",
                  "--max-surge=0", "--min-ready-seconds=10", "--revision-history-limit", "5"},
                 "strategy",
                 {{"name", "fluentd"},
                  {"type", "RollingUpdate"},
                  {"maxUnavailable", "25%"},
                  {"maxSurge", "0"},
                  {"minReadySeconds", 10},
                  {"revisionHistoryLimit", 5},
                  {"dryRun", "none"}}},
        CallCase{{"cache", "info"}, "cache.info", json::object()},
        CallCase{{"cache", "prune", "--older-than=720h", "--max-bytes=200Mi"},
                 "cache.prune",
                 {{"olderThan", "720h"}, {"maxBytes", 200 * 1024 * 1024}}},
        CallCase{{"cache", "prune", "ds/old"}, "cache.prune", {{"name", "old"}}},
        CallCase{{"cache", "export", "fluentd"},
                 "cache.export",
                 {{"name", "fluentd"}, {"output", "yaml"}}},
        CallCase{{"cache", "export", "fluentd", "-o", "json"},
                 "cache.export",
                 {{"name", "fluentd"}, {"output", "json"}}},
        CallCase{{"daemon", "status"}, "daemon.status", json::object()},
        CallCase{{"daemon", "stop"}, "daemon.stop", json::object()},
        // A DaemonSet named like a command is still a name after the command.
        CallCase{{"history", "status"},
                 "history",
                 {{"name", "status"}, {"revision", 0}, {"offline", false}}},
        CallCase{{"history", "--", "list"},
                 "history",
                 {{"name", "list"}, {"revision", 0}, {"offline", false}}}));

struct KubeCase {
  std::vector<std::string> argv;
  json kube;
};

void PrintTo(const KubeCase& c, std::ostream* os) {
  for (const auto& a : c.argv)
    *os << "[" << a << "] ";
}

class GlobalFlagsTest : public ::testing::TestWithParam<KubeCase> {};

TEST_P(GlobalFlagsTest, GoIntoRequestKube) {
  const Parsed parsed = parseLine(GetParam().argv);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.command, "history");
  EXPECT_EQ(parsed.args["name"], "fluentd");
  EXPECT_EQ(parsed.kube, GetParam().kube) << parsed.kube.dump();
}

INSTANTIATE_TEST_SUITE_P(
    AnywhereAnyForm,
    GlobalFlagsTest,
    ::testing::Values(
        KubeCase{{"history", "fluentd", "-n", "kube-system"}, {{"namespace", "kube-system"}}},
        KubeCase{{"-n", "kube-system", "history", "fluentd"}, {{"namespace", "kube-system"}}},
        KubeCase{{"history", "-nkube-system", "fluentd"}, {{"namespace", "kube-system"}}},
        KubeCase{{"history", "-n=kube-system", "fluentd"}, {{"namespace", "kube-system"}}},
        KubeCase{{"history", "--namespace=kube-system", "fluentd"}, {{"namespace", "kube-system"}}},
        KubeCase{{"history", "fluentd", "--namespace", "a", "--namespace", "b"},
                 {{"namespace", "b"}}},
        KubeCase{
            {"--context=prod", "history", "--kubeconfig", "/k/config", "fluentd", "--cluster", "c1",
             "--user=u1"},
            {{"context", "prod"}, {"kubeconfig", "/k/config"}, {"cluster", "c1"}, {"user", "u1"}}},
        KubeCase{{"history", "fluentd", "-s", "https://127.0.0.1:6443", "--token=abc",
                  "--certificate-authority", "ca.crt", "--client-certificate=c.crt", "--client-key",
                  "c.key", "--insecure-skip-tls-verify", "--tls-server-name=api.local",
                  "--request-timeout", "30s"},
                 {{"server", "https://127.0.0.1:6443"},
                  {"token", "abc"},
                  {"certificateAuthority", "ca.crt"},
                  {"clientCertificate", "c.crt"},
                  {"clientKey", "c.key"},
                  {"insecureSkipTlsVerify", true},
                  {"tlsServerName", "api.local"},
                  {"requestTimeout", "30s"}}},
        KubeCase{{"history", "fluentd", "--insecure-skip-tls-verify=false"},
                 {{"insecureSkipTlsVerify", false}}},
        KubeCase{{"history", "--as", "jane", "fluentd", "--as-group=dev", "--as-group", "ops",
                  "--as-uid=42"},
                 {{"as", "jane"}, {"asGroups", {"dev", "ops"}}, {"asUid", "42"}}},
        KubeCase{{"history", "fluentd", "--cache-dir=/tmp/c", "--disable-compression", "-v", "6",
                  "--v=8"},
                 json::object()},
        KubeCase{{"history", "fluentd", "--namespace="}, {{"namespace", ""}}}));

}  // namespace
}  // namespace dsroll::plugin::testing

namespace dsroll::plugin::testing {
namespace {

TEST(LocalActionTest, DaemonLogsIsHandledByThePlugin) {
  const Parsed parsed = parseLine({"daemon", "logs", "-f", "--tail=20"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  const auto& logs = std::get<cli::ShowLogs>(parsed.action);
  EXPECT_TRUE(logs.follow);
  EXPECT_EQ(logs.tail, 20);
  const Parsed plain = parseLine({"daemon", "logs"});
  ASSERT_TRUE(plain.ok) << plain.error;
  const auto& all = std::get<cli::ShowLogs>(plain.action);
  EXPECT_FALSE(all.follow);
  EXPECT_EQ(all.tail, -1);
}

TEST(LocalActionTest, CompletionInstall) {
  const Parsed parsed = parseLine({"completion", "install", "--dir", "/opt/bin"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(std::get<cli::InstallCompletion>(parsed.action).dir, "/opt/bin");
}

TEST(LocalActionTest, HiddenCompleteTakesEveryWordAsIs) {
  const Parsed parsed = parseLine({"__complete", "history", "-n", "kube-system", "--re"});
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(std::get<cli::RunCompletion>(parsed.action).words,
            (std::vector<std::string>{"history", "-n", "kube-system", "--re"}));
  const Parsed empty = parseLine({"__complete", ""});
  ASSERT_TRUE(empty.ok) << empty.error;
  EXPECT_EQ(std::get<cli::RunCompletion>(empty.action).words, std::vector<std::string>{""});
}

}  // namespace
}  // namespace dsroll::plugin::testing
