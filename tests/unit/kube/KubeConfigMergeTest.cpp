// Which kubeconfig files are read and how they merge: the precedence rules of
// plugin-conventions 2.4 and the cases of client-go's clientcmd loader tests
// (Example_noMergingOnExplicitPaths, Example_mergingSomeWithConflict,
// Example_mergingEverythingNoConflicts, TestConflictingCurrentContext, TestToleratingMissingFiles).

#include <gtest/gtest.h>

#include "daemon/kube/KubeConfig.hpp"
#include "tests/unit/kube/FakeFiles.hpp"

namespace dsroll::kube {
namespace {

constexpr const char* kAlfa = R"(apiVersion: v1
kind: Config
clusters:
- name: cow-cluster
  cluster: {server: "http://cow.org:8080"}
users:
- name: red-user
  user: {token: red-token}
contexts:
- name: federal-context
  context: {cluster: cow-cluster, user: red-user, namespace: hammer-ns}
)";

constexpr const char* kConflictAlfa = R"(clusters:
- name: cow-cluster
  cluster: {server: "http://a-different-cow.org:8080", insecure-skip-tls-verify: true, disable-compression: true}
- name: donkey-cluster
  cluster: {server: "http://donkey.org:8080", insecure-skip-tls-verify: true, disable-compression: true}
users:
- name: red-user
  user: {token: a-different-red-token}
- name: yellow-user
  user: {token: yellow-token}
current-context: federal-context
)";

constexpr const char* kBravo = R"(clusters:
- {name: pig-cluster, cluster: {server: "http://pig.org:8080"}}
users:
- {name: black-user, user: {token: black-token}}
contexts:
- {name: queen-anne-context, context: {cluster: pig-cluster, user: black-user, namespace: saw-ns}}
)";

constexpr const char* kCharlie = R"(clusters:
- {name: horse-cluster, cluster: {server: "http://horse.org:8080"}}
users:
- {name: green-user, user: {token: green-token}}
contexts:
- {name: shaker-context, context: {cluster: horse-cluster, user: green-user, namespace: chisel-ns}}
)";

constexpr const char* kDelta = R"(clusters:
- {name: chicken-cluster, cluster: {server: "http://chicken.org:8080"}}
users:
- {name: blue-user, user: {token: blue-token}}
contexts:
- {name: gothic-context, context: {cluster: chicken-cluster, user: blue-user, namespace: plane-ns}}
current-context: shaker-context
)";

constexpr const char* kOtherCurrent = R"(current-context: queen-anne-context
)";

struct MergeCase {
  const char* name;
  std::string kubeconfigFlag;  // "" = not given
  std::string kubeconfigEnv;   // $KUBECONFIG ("" = unset)
  std::string context;         // --context ("" = not given)
  std::string cluster;         // --cluster
  std::string user;            // --user
  // expected
  std::string server;
  std::string token;
  std::string namespace_;
  std::string contextName;
  bool insecure = false;
  std::vector<std::string> files;
};

void PrintTo(const MergeCase& c, std::ostream* os) {
  *os << c.name;
}

class KubeConfigMergeTest : public ::testing::TestWithParam<MergeCase> {
 protected:
  test::FakeFiles fs_{{{"/k/alfa", kAlfa},
                       {"/k/conflict", kConflictAlfa},
                       {"/k/bravo", kBravo},
                       {"/k/charlie", kCharlie},
                       {"/k/delta", kDelta},
                       {"/k/other-current", kOtherCurrent},
                       {"/home/u/.kube/config", kBravo},
                       {"/work/rel/alfa", kAlfa}}};
};

TEST_P(KubeConfigMergeTest, ResolvesAsKubectl) {
  const MergeCase& c = GetParam();
  ipc::KubeFlags flags;
  if (!c.kubeconfigFlag.empty()) flags.kubeconfig = c.kubeconfigFlag;
  if (!c.context.empty()) flags.context = c.context;
  if (!c.cluster.empty()) flags.cluster = c.cluster;
  if (!c.user.empty()) flags.user = c.user;
  std::map<std::string, std::string> env{{"HOME", "/home/u"}};
  if (!c.kubeconfigEnv.empty()) env["KUBECONFIG"] = c.kubeconfigEnv;

  auto resolved = resolveConfig(flags, env, "/work", fs_.reader());
  ASSERT_TRUE(resolved) << resolved.error().display;
  EXPECT_EQ(resolved->rest.server, c.server);
  EXPECT_EQ(resolved->rest.auth.token, c.token);
  EXPECT_EQ(resolved->namespace_, c.namespace_);
  EXPECT_EQ(resolved->contextName, c.contextName);
  EXPECT_EQ(resolved->rest.tls.insecureSkipVerify, c.insecure);
  EXPECT_EQ(resolved->files, c.files);
}

INSTANTIATE_TEST_SUITE_P(
    Cases,
    KubeConfigMergeTest,
    ::testing::Values(
        // --kubeconfig alone: $KUBECONFIG is not merged in.
        MergeCase{"explicitFileIsNotMerged",
                  "/k/alfa",
                  "/k/conflict",
                  "federal-context",
                  "",
                  "",
                  "http://cow.org:8080",
                  "red-token",
                  "hammer-ns",
                  "federal-context",
                  false,
                  {"/k/alfa"}},
        // First file wins each name whole: cow-cluster keeps no insecure flag from the second.
        MergeCase{"firstFileWinsPerName",
                  "",
                  "/k/alfa:/k/conflict",
                  "",
                  "",
                  "",
                  "http://cow.org:8080",
                  "red-token",
                  "hammer-ns",
                  "federal-context",
                  false,
                  {"/k/alfa", "/k/conflict"}},
        MergeCase{"namesOnlyInLaterFilesAreMerged",
                  "",
                  "/k/alfa:/k/conflict",
                  "",
                  "donkey-cluster",
                  "yellow-user",
                  "http://donkey.org:8080",
                  "yellow-token",
                  "hammer-ns",
                  "federal-context",
                  true,
                  {"/k/alfa", "/k/conflict"}},
        MergeCase{"reversedOrderReversesWinner",
                  "",
                  "/k/conflict:/k/alfa",
                  "",
                  "",
                  "",
                  "http://a-different-cow.org:8080",
                  "a-different-red-token",
                  "hammer-ns",
                  "federal-context",
                  true,
                  {"/k/conflict", "/k/alfa"}},
        MergeCase{"everythingWithoutConflicts",
                  "",
                  "/k/alfa:/k/bravo:/k/charlie:/k/delta",
                  "gothic-context",
                  "",
                  "",
                  "http://chicken.org:8080",
                  "blue-token",
                  "plane-ns",
                  "gothic-context",
                  false,
                  {"/k/alfa", "/k/bravo", "/k/charlie", "/k/delta"}},
        // current-context from the first file that sets one.
        MergeCase{"currentContextFromFirstSetter",
                  "",
                  "/k/alfa:/k/delta:/k/charlie",
                  "",
                  "",
                  "",
                  "http://horse.org:8080",
                  "green-token",
                  "chisel-ns",
                  "shaker-context",
                  false,
                  {"/k/alfa", "/k/delta", "/k/charlie"}},
        MergeCase{"currentContextLaterFileIgnored",
                  "",
                  "/k/other-current:/k/delta:/k/bravo",
                  "",
                  "",
                  "",
                  "http://pig.org:8080",
                  "black-token",
                  "saw-ns",
                  "queen-anne-context",
                  false,
                  {"/k/other-current", "/k/delta", "/k/bravo"}},
        MergeCase{"missingFilesAreSkipped",
                  "",
                  "/k/missing:/k/alfa:/nope/config",
                  "federal-context",
                  "",
                  "",
                  "http://cow.org:8080",
                  "red-token",
                  "hammer-ns",
                  "federal-context",
                  false,
                  {"/k/alfa"}},
        MergeCase{"emptyAndRepeatedEntriesDropped",
                  "",
                  "::/k/alfa::/k/alfa:",
                  "federal-context",
                  "",
                  "",
                  "http://cow.org:8080",
                  "red-token",
                  "hammer-ns",
                  "federal-context",
                  false,
                  {"/k/alfa"}},
        MergeCase{"homeConfigWhenNoKubeconfig",
                  "",
                  "",
                  "queen-anne-context",
                  "",
                  "",
                  "http://pig.org:8080",
                  "black-token",
                  "saw-ns",
                  "queen-anne-context",
                  false,
                  {"/home/u/.kube/config"}},
        MergeCase{"relativeKubeconfigFlagAgainstCwd",
                  "rel/alfa",
                  "",
                  "federal-context",
                  "",
                  "",
                  "http://cow.org:8080",
                  "red-token",
                  "hammer-ns",
                  "federal-context",
                  false,
                  {"/work/rel/alfa"}},
        MergeCase{"relativeKubeconfigEnvAgainstCwd",
                  "",
                  "./rel/../rel/alfa",
                  "federal-context",
                  "",
                  "",
                  "http://cow.org:8080",
                  "red-token",
                  "hammer-ns",
                  "federal-context",
                  false,
                  {"/work/rel/alfa"}},
        // --cluster/--user pick entries regardless of the context; the namespace stays its.
        MergeCase{"clusterAndUserFlagsOverrideContext",
                  "",
                  "/k/alfa:/k/bravo",
                  "federal-context",
                  "pig-cluster",
                  "black-user",
                  "http://pig.org:8080",
                  "black-token",
                  "hammer-ns",
                  "federal-context",
                  false,
                  {"/k/alfa", "/k/bravo"}}),
    [](const auto& param) { return std::string(param.param.name); });

TEST(KubeConfigMerge, ExplicitFileMustExist) {
  test::FakeFiles fs;
  ipc::KubeFlags flags;
  flags.kubeconfig = "/tmp/kc/missing";
  auto resolved = resolveConfig(flags, {}, "/", fs.reader());
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().display, "error: stat /tmp/kc/missing: no such file or directory");
}

TEST(KubeConfigMerge, MissingHomeConfigIsFineWithServerFlag) {
  test::FakeFiles fs;
  ipc::KubeFlags flags;
  flags.server = "https://10.0.0.1:6443";
  auto resolved = resolveConfig(flags, {{"HOME", "/home/u"}}, "/", fs.reader());
  ASSERT_TRUE(resolved) << resolved.error().display;
  EXPECT_EQ(resolved->rest.server, "https://10.0.0.1:6443");
  EXPECT_EQ(resolved->contextName, "");
  EXPECT_EQ(resolved->namespace_, "default");
  EXPECT_TRUE(resolved->files.empty());
  EXPECT_EQ(fs.reads, std::vector<std::string>{"/home/u/.kube/config"});
}

TEST(KubeConfigMerge, KubernetesMasterIsTheDefaultServer) {
  test::FakeFiles fs;
  auto resolved =
      resolveConfig({}, {{"KUBERNETES_MASTER", "https://master:6443"}}, "/", fs.reader());
  ASSERT_TRUE(resolved) << resolved.error().display;
  EXPECT_EQ(resolved->rest.server, "https://master:6443");
}

TEST(KubeConfigMerge, EmptyFileIsAnEmptyConfig) {
  test::FakeFiles fs{{{"/k/empty", ""}, {"/k/alfa", kAlfa}}};
  auto resolved = resolveConfig({}, {{"KUBECONFIG", "/k/empty:/k/alfa"}}, "/", fs.reader());
  ASSERT_FALSE(resolved);  // alfa has no current-context
  EXPECT_EQ(resolved.error().display,
            "error: no configuration has been provided, try setting KUBERNETES_MASTER "
            "environment variable");
  ipc::KubeFlags flags;
  flags.context = "federal-context";
  resolved = resolveConfig(flags, {{"KUBECONFIG", "/k/empty:/k/alfa"}}, "/", fs.reader());
  ASSERT_TRUE(resolved) << resolved.error().display;
  EXPECT_EQ(resolved->files, (std::vector<std::string>{"/k/empty", "/k/alfa"}));
}

TEST(KubeConfigMerge, PreferencesAndUnknownKeysAreIgnored) {
  test::FakeFiles fs{{{"/k/c", R"(apiVersion: v1
kind: Config
preferences: {colors: true}
extensions: [{name: x, extension: {a: 1}}]
future-field: {anything: [1, 2]}
clusters: [{name: c, cluster: {server: "https://s", future: 1}}]
contexts: [{name: x, context: {cluster: c, user: "", extensions: []}}]
current-context: x
)"}}};
  auto resolved = resolveConfig({}, {{"KUBECONFIG", "/k/c"}}, "/", fs.reader());
  ASSERT_TRUE(resolved) << resolved.error().display;
  EXPECT_EQ(resolved->rest.server, "https://s");
  EXPECT_EQ(resolved->userName, "");
}

}  // namespace
}  // namespace dsroll::kube
