#include "daemon/commands/Manifests.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

const char* const kDaemonSet = R"(apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: kube-system
spec:
  selector:
    matchLabels: {name: fluentd}
  template:
    metadata:
      labels: {name: fluentd}
    spec:
      containers:
      - name: fluentd
        image: fluentd:v1
        ports:
        - containerPort: 24224
)";

tl::expected<std::vector<ManifestDaemonSet>, std::string> read(
    const std::string& content, const std::string& path = "ds.yaml") {
  return readDaemonSets({{path, content}});
}

TEST(ManifestsTest, ReadsOneDaemonSetAsJson) {
  auto result = read(kDaemonSet);
  ASSERT_TRUE(result) << result.error();
  ASSERT_EQ(result->size(), 1u);
  const auto& ds = result->front();
  EXPECT_EQ(ds.name, "fluentd");
  EXPECT_EQ(ds.namespace_, "kube-system");
  EXPECT_EQ(ds.source, "ds.yaml");
  EXPECT_EQ(ds.line, 1);
  EXPECT_EQ(ds.object["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"],
            24224);
  EXPECT_TRUE(ds.object["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"]
                  .is_number_integer());
}

TEST(ManifestsTest, SkipsEmptyDocumentsAndKeepsOrder) {
  const std::string second = R"(apiVersion: apps/v1
kind: DaemonSet
metadata: {name: second}
)";
  auto result =
      read(std::string("---\n# nothing here\n---\n") + kDaemonSet + "---\n---\n" + second);
  ASSERT_TRUE(result) << result.error();
  ASSERT_EQ(result->size(), 2u);
  EXPECT_EQ((*result)[0].name, "fluentd");
  EXPECT_EQ((*result)[1].name, "second");
  EXPECT_EQ((*result)[1].namespace_, "");
  EXPECT_EQ((*result)[1].line, 23);
}

TEST(ManifestsTest, ReadsJson) {
  auto result = read(
      R"({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "j"}, "spec": {"minReadySeconds": 5}})",
      "ds.json");
  ASSERT_TRUE(result) << result.error();
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ(result->front().object["spec"]["minReadySeconds"], 5);
}

TEST(ManifestsTest, ListItemsAreFlattened) {
  auto result = read(R"(apiVersion: v1
kind: List
items:
- {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: a}}
- {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: b}}
)");
  ASSERT_TRUE(result) << result.error();
  ASSERT_EQ(result->size(), 2u);
  EXPECT_EQ((*result)[1].name, "b");
}

TEST(ManifestsTest, BadYamlNamesFileAndLine) {
  auto result = read("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n   bad: : y\n");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "error parsing ds.yaml: line 5: illegal map value");
}

TEST(ManifestsTest, UnterminatedFlowNamesLine) {
  auto result = read("kind: DaemonSet\nmetadata: {name: x\n");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "error parsing ds.yaml: line 2: end of map flow not found");
}

TEST(ManifestsTest, StdinIsNamedLikeKubectl) {
  auto result = read("a: [", "-");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().rfind("error parsing STDIN: line ", 0), 0u) << result.error();
}

TEST(ManifestsTest, OtherKindsAreRefusedByName) {
  auto result = read(std::string(kDaemonSet) +
                     "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(),
            "ds.yaml: kubectl dsroll apply only handles DaemonSets (apps/v1), not Deployment "
            "\"web\"");
}

TEST(ManifestsTest, OldDaemonSetVersionsAreRefused) {
  auto result = read("apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: old}\n");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(),
            "ds.yaml: kubectl dsroll apply only handles DaemonSets (apps/v1), not "
            "extensions/v1beta1 DaemonSet \"old\"");
}

TEST(ManifestsTest, MissingKindVersionAndNameAreNamed) {
  auto noKind = read("apiVersion: apps/v1\nmetadata: {name: x}\n");
  ASSERT_FALSE(noKind);
  EXPECT_EQ(noKind.error(), "ds.yaml: line 1: Object 'Kind' is missing");
  auto noVersion = read("kind: DaemonSet\nmetadata: {name: x}\n");
  ASSERT_FALSE(noVersion);
  EXPECT_EQ(noVersion.error(), "ds.yaml: line 1: Object 'apiVersion' is missing");
  auto noName = read("---\napiVersion: apps/v1\nkind: DaemonSet\nspec: {}\n");
  ASSERT_FALSE(noName);
  EXPECT_EQ(noName.error(), "ds.yaml: line 2: DaemonSet has no metadata.name");
}

TEST(ManifestsTest, ScalarDocumentIsRefused) {
  auto result = read("just text\n");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(),
            "error parsing ds.yaml: line 1: the document is a scalar, not an object");
}

TEST(ManifestsTest, AliasBombStops) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'h'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i)
      bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  auto result = read(bomb);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("more than"), std::string::npos) << result.error();
}

TEST(ManifestsTest, FilesArgument) {
  auto files = manifestFilesArg(nlohmann::json::parse(R"([{"path": "a.yaml", "content": "x"}])"));
  ASSERT_TRUE(files);
  EXPECT_EQ(files->front().path, "a.yaml");
  EXPECT_FALSE(manifestFilesArg(nlohmann::json::parse(R"([{"path": "a.yaml"}])")));
  EXPECT_FALSE(manifestFilesArg(nlohmann::json()));
}

}  // namespace
}  // namespace dsroll::commands
