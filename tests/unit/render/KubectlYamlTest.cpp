#include "daemon/render/KubectlYaml.hpp"

#include <gtest/gtest.h>

#include "tests/unit/render/Golden.hpp"

namespace dsroll::render {
namespace {

using test::caseNames;
using test::firstDifference;
using test::readFile;
using test::testdata;

// Each testdata/yaml/NAME.json against what kubectl printed for it (regenerate.sh).
TEST(KubectlYamlTest, MatchesKubectlOnRecordedObjects) {
  const auto names = caseNames("yaml");
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    const auto object = nlohmann::json::parse(readFile(testdata() / "yaml" / (name + ".json")));
    EXPECT_EQ(firstDifference(toKubectlYaml(object),
                              readFile(testdata() / "yaml" / (name + ".expected.yaml"))),
              "")
        << name << " -o yaml";
    EXPECT_EQ(firstDifference(toKubectlJson(object),
                              readFile(testdata() / "yaml" / (name + ".expected.json"))),
              "")
        << name << " -o json";
  }
}

// 200 generated objects full of strings that need quoting, folding and escaping.
TEST(KubectlYamlTest, MatchesKubectlOnRandomObjects) {
  const auto rows = test::readJsonl(testdata() / "yaml" / "random.jsonl");
  ASSERT_EQ(rows.size(), 200U);
  int failures = 0;
  for (const auto& row : rows) {
    const std::string yamlDiff = firstDifference(toKubectlYaml(row["input"]), row["yaml"]);
    const std::string jsonDiff = firstDifference(toKubectlJson(row["input"]), row["json"]);
    if ((!yamlDiff.empty() || !jsonDiff.empty()) && ++failures <= 5) {
      ADD_FAILURE() << row["input"]["metadata"]["name"] << "\n" << yamlDiff << "\n" << jsonDiff;
    }
  }
  EXPECT_EQ(failures, 0);
}

// Objects kubectl cannot print as YAML, with the error it gave.
TEST(KubectlYamlTest, ReportsTheObjectsKubectlRefuses) {
  const auto rows = test::readJsonl(testdata() / "yaml" / "refused.jsonl");
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    EXPECT_EQ(kubectlYamlError(row["input"]), row["error"].get<std::string>()) << row["input"];
  }
  EXPECT_EQ(kubectlYamlError(nlohmann::json::parse(readFile(testdata() / "yaml" / "strings.json"))),
            std::nullopt);
  EXPECT_TRUE(kubectlYamlError({{"a\u0085b", 1}}).has_value());
}

TEST(KubectlYamlTest, FoldsNelLikeGoYamlReadingJson) {
  EXPECT_EQ(toKubectlYaml({{"s", "a \u0085 b"}}), "s: a b\n");
  EXPECT_EQ(toKubectlYaml({{"s", "a\u0085\u0085\u0085b"}}), "s: |-\n  a\n\n  b\n");
}

TEST(KubectlYamlTest, EmptyCollectionsAreFlowStyle) {
  EXPECT_EQ(toKubectlYaml(nlohmann::json::object()), "{}\n");
  EXPECT_EQ(toKubectlYaml({{"a", nlohmann::json::array()}, {"b", nlohmann::json::object()}}),
            "a: []\nb: {}\n");
}

TEST(KubectlYamlTest, SequencesInMappingsAreNotIndented) {
  const nlohmann::json object = {{"items", {{{"name", "a"}, {"x", 1}}, "b", {1, 2}}}};
  EXPECT_EQ(toKubectlYaml(object), "items:\n- name: a\n  x: 1\n- b\n- - 1\n  - 2\n");
}

TEST(KubectlYamlTest, KeysSortNaturallyInYamlAndByBytesInJson) {
  const nlohmann::json object = {{"a10", 1}, {"a9", 2}, {"a_", 3}, {"aB", 4}};
  EXPECT_EQ(toKubectlYaml(object), "a_: 3\na9: 2\na10: 1\naB: 4\n");
  EXPECT_EQ(toKubectlJson(object),
            "{\n    \"a10\": 1,\n    \"a9\": 2,\n    \"aB\": 4,\n    \"a_\": 3\n}\n");
}

TEST(KubectlYamlTest, QuotesStringsThatReadBackAsOtherTypes) {
  const nlohmann::json object = {{"a", "true"},       {"b", "1.5"},   {"c", ""},
                                 {"d", "2026-05-01"}, {"e", "12:30"}, {"f", "plain text"}};
  EXPECT_EQ(toKubectlYaml(object),
            "a: \"true\"\nb: \"1.5\"\nc: \"\"\nd: \"2026-05-01\"\ne: \"12:30\"\nf: plain text\n");
}

TEST(KubectlYamlTest, MultiLineStringsAreLiteralBlocks) {
  EXPECT_EQ(toKubectlYaml({{"s", "a\nb\n"}}), "s: |\n  a\n  b\n");
  EXPECT_EQ(toKubectlYaml({{"s", "a\nb"}}), "s: |-\n  a\n  b\n");
  EXPECT_EQ(toKubectlYaml({{"s", " a\nb"}}), "s: |2-\n   a\n  b\n");
  EXPECT_EQ(toKubectlYaml({{"s", "a \nb"}}), "s: \"a \\nb\"\n");
}

TEST(KubectlYamlTest, JsonEscapesLikeEncodingJson) {
  EXPECT_EQ(toKubectlJson({{"s", "<a>&\u2028\x01\t"}}),
            "{\n    \"s\": \"\\u003ca\\u003e\\u0026\\u2028\\u0001\\t\"\n}\n");
  EXPECT_EQ(toKubectlJson({{"f", 1e21}, {"g", 1e-7}, {"h", 2.0}}),
            "{\n    \"f\": 1e+21,\n    \"g\": 1e-7,\n    \"h\": 2\n}\n");
}

TEST(KubectlYamlTest, LeavesOutManagedFieldsLikeKubectl) {
  const nlohmann::json object = {{"metadata", {{"managedFields", {1}}, {"name", "x"}}}};
  EXPECT_EQ(toKubectlYaml(object), "metadata:\n  name: x\n");
  EXPECT_EQ(toKubectlYaml(object, true), "metadata:\n  managedFields:\n  - 1\n  name: x\n");
  EXPECT_EQ(toKubectlJson(object), "{\n    \"metadata\": {\n        \"name\": \"x\"\n    }\n}\n");
  const nlohmann::json list = {{"items", {object, 3, object}},
                               {"metadata", {{"managedFields", 1}}}};
  EXPECT_EQ(toKubectlYaml(list),
            "items:\n- metadata:\n    name: x\n- 3\n- metadata:\n    managedFields:\n    - 1\n"
            "    name: x\nmetadata:\n  managedFields: 1\n");
}

TEST(KubectlYamlTest, DocumentsAreSeparatedLikeKubectl) {
  EXPECT_EQ(toKubectlYamlDocuments({{{"a", 1}}, {{"b", 2}}}), "a: 1\n---\nb: 2\n");
}

}  // namespace
}  // namespace dsroll::render
