#include "daemon/render/PodTemplateDescriber.hpp"

#include <gtest/gtest.h>

#include "tests/unit/render/Golden.hpp"

namespace dsroll::render {
namespace {

using test::caseNames;
using test::firstDifference;
using test::readFile;
using test::testdata;

// testdata/describe/NAME.json as a DaemonSet template, against what
// `kubectl rollout history ds/NAME --revision=1` printed for it (regenerate.sh).
TEST(PodTemplateDescriberTest, MatchesKubectlRolloutHistoryRevision) {
  const auto names = caseNames("describe");
  ASSERT_GE(names.size(), 6U);
  for (const std::string& name : names) {
    const auto tmpl = nlohmann::json::parse(readFile(testdata() / "describe" / (name + ".json")));
    EXPECT_EQ(firstDifference(describePodTemplate(tmpl),
                              readFile(testdata() / "describe" / (name + ".expected.txt"))),
              "")
        << name;
  }
}

// 300 random templates described by kubectl v0.36.3's DescribePodTemplate (regenerate.sh's oracle).
TEST(PodTemplateDescriberTest, MatchesKubectlOnRandomTemplates) {
  const auto rows = test::readJsonl(testdata() / "describe" / "random.jsonl");
  ASSERT_EQ(rows.size(), 300U);
  int failures = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string diff =
        firstDifference(describePodTemplate(rows[i]["template"]), rows[i]["text"]);
    if (!diff.empty() && ++failures <= 5) {
      ADD_FAILURE() << "template " << i << ": " << rows[i]["template"].dump() << "\n" << diff;
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(PodTemplateDescriberTest, MinimalTemplateMatchesKubectlsOwnTestFixture) {
  const nlohmann::json tmpl = {
      {"metadata", {{"labels", {{"foo", "bar"}}}}},
      {"spec", {{"containers", {{{"name", "test"}, {"image", "nginx"}}}}}}};
  EXPECT_EQ(describePodTemplate(tmpl),
            "Pod Template:\n  Labels:\tfoo=bar\n  Containers:\n   test:\n    Image:\tnginx\n"
            "    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n"
            "    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n"
            "  Tolerations:\t<none>\n");
}

TEST(PodTemplateDescriberTest, NullTemplateIsUnset) {
  EXPECT_EQ(describePodTemplate(nullptr), "Pod Template:\n  <unset>");
}

TEST(PodTemplateDescriberTest, RevisionDataTemplateIgnoresPatchDirective) {
  const nlohmann::json tmpl = {{"$patch", "replace"},
                               {"metadata", {{"labels", {{"a", "b"}}}}},
                               {"spec", {{"containers", nlohmann::json::array()}}}};
  EXPECT_EQ(describePodTemplate(tmpl),
            "Pod Template:\n  Labels:\ta=b\n  Containers: <none>\n  Volumes:\t<none>\n"
            "  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n");
}

TEST(PodTemplateDescriberTest, TolerationsLikeKubectl) {
  const nlohmann::json tmpl = {
      {"spec",
       {{"tolerations",
         {{{"key", "node-role.kubernetes.io/control-plane"},
           {"operator", "Exists"},
           {"effect", "NoSchedule"}},
          {{"operator", "Exists"}},
          {{"key", "k"}, {"value", "v"}, {"effect", "NoExecute"}, {"tolerationSeconds", 300}}}}}}};
  const std::string text = describePodTemplate(tmpl);
  EXPECT_NE(text.find("  Tolerations:\top=Exists\n"
                      "\tk=v:NoExecute for 300s\n"
                      "\tnode-role.kubernetes.io/control-plane:NoSchedule op=Exists\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace dsroll::render
