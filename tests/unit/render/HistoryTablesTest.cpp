#include "daemon/render/HistoryTables.hpp"

#include <gtest/gtest.h>

#include "tests/unit/render/Golden.hpp"

namespace dsroll::render {
namespace {

using test::caseNames;
using test::firstDifference;
using test::readFile;
using test::testdata;

// testdata/history/NAME.json (revision -> change-cause) against `kubectl rollout history`.
TEST(HistoryTablesTest, RolloutHistoryTableMatchesKubectl) {
  const auto names = caseNames("history");
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    const auto input = nlohmann::json::parse(readFile(testdata() / "history" / (name + ".json")));
    std::map<std::int64_t, std::string> causes;
    for (const auto& [revision, cause] : input["changeCauses"].items()) {
      causes[std::stoll(revision)] = cause.get<std::string>();
    }
    EXPECT_EQ(firstDifference(rolloutHistoryTable(causes),
                              readFile(testdata() / "history" / (name + ".expected.txt"))),
              "")
        << name;
  }
}

TEST(HistoryTablesTest, EmptyHistory) {
  EXPECT_EQ(rolloutHistoryTable({}), "No rollout history found.");
}

TEST(HistoryTablesTest, RolloutHistoryOutputWrapsLikeTheNamePrinter) {
  EXPECT_EQ(rolloutHistoryOutput("foo", 0, "REVISION  CHANGE-CAUSE\n1         <none>\n"),
            "daemonset.apps/foo \nREVISION  CHANGE-CAUSE\n1         <none>\n\n");
  EXPECT_EQ(rolloutHistoryOutput("foo", 2, "Pod Template:\n"),
            "daemonset.apps/foo with revision #2\nPod Template:\n\n");
}

// testdata/get/NAME.json rows against `kubectl get controllerrevisions [-A]` (server-side table).
TEST(HistoryTablesTest, ControllerRevisionTableMatchesKubectlGet) {
  const auto names = caseNames("get");
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    const auto input = nlohmann::json::parse(readFile(testdata() / "get" / (name + ".json")));
    std::vector<ControllerRevisionRow> rows;
    for (const auto& r : input["rows"]) {
      rows.push_back({r["namespace"], r["name"], r["controller"], r["revision"], r["age"]});
    }
    EXPECT_EQ(firstDifference(controllerRevisionTable(rows),
                              readFile(testdata() / "get" / (name + ".expected.txt"))),
              "")
        << name;
    EXPECT_EQ(firstDifference(controllerRevisionTable(rows, true),
                              readFile(testdata() / "get" / (name + ".expected-all.txt"))),
              "")
        << name << " -A";
  }
}

TEST(HistoryTablesTest, ControllerColumnNamesTheControllingOwner) {
  const auto cr = nlohmann::json::parse(readFile(testdata() / "yaml" / "controllerrevision.json"));
  EXPECT_EQ(controllerRevisionController(cr), "daemonset.apps/fluentd-elasticsearch");
  EXPECT_EQ(controllerRevisionController({{"metadata", {{"name", "x"}}}}), "<none>");
  const nlohmann::json notController = {
      {"metadata",
       {{"ownerReferences",
         {{{"apiVersion", "v1"}, {"kind", "Pod"}, {"name", "p"}, {"controller", false}}}}}}};
  EXPECT_EQ(controllerRevisionController(notController), "<none>");
  const nlohmann::json core = {
      {"metadata",
       {{"ownerReferences",
         {{{"apiVersion", "v1"}, {"kind", "Pod"}, {"name", "p"}, {"controller", true}}}}}}};
  EXPECT_EQ(controllerRevisionController(core), "pod/p");
}

}  // namespace
}  // namespace dsroll::render
