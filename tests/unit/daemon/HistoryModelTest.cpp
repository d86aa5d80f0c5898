#include "daemon/commands/HistoryModel.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

using nlohmann::json;

state::RevisionRecord live(const std::string& uid, std::int64_t revision, const std::string& cause) {
  state::RevisionRecord r;
  r.uid = uid;
  r.name = "fluentd-" + uid;
  r.revision = revision;
  r.object = {{"metadata", {{"creationTimestamp", "2026-11-26T14:00:00Z"}}},
              {"data", {{"spec", {{"template", {{"$patch", "replace"},
                                                {"spec", {{"containers", {{{"image", "img:" + uid}}}}}}}}}}}}};
  if (!cause.empty()) r.object["metadata"]["annotations"]["kubernetes.io/change-cause"] = cause;
  return r;
}

cache::RevisionRow cached(const std::string& uid, std::int64_t revision,
                          std::vector<std::int64_t> numbers, bool pruned) {
  cache::RevisionRow row;
  row.info.uid = uid;
  row.info.revision = revision;
  row.info.changeCause = "cached " + uid;
  row.info.data = R"({"spec":{"template":{"spec":{}}}})";
  for (auto n : numbers) row.numbers.push_back({n, 0});
  if (pruned) row.prunedAt = 5;
  return row;
}

TEST(HistoryModelTest, MergesLiveAndCacheOnlyRevisions) {
  const auto entries = mergeHistory({live("b", 2, "set image"), live("a", 3, "")},
                                    {cached("x", 1, {1}, true), cached("a", 1, {1, 3}, false)}, {},
                                    std::string("b"));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].uid, "x");
  EXPECT_FALSE(entries[0].live);
  EXPECT_EQ(entries[1].uid, "b");
  EXPECT_TRUE(entries[1].lastKnownGood);
  EXPECT_EQ(entries[1].images, std::vector<std::string>{"img:b"});
  EXPECT_EQ(entries[2].uid, "a");
  EXPECT_EQ(entries[2].revision, 3) << "the live number wins";
  EXPECT_EQ(entries[2].formerNumbers, std::vector<std::int64_t>{1});
  EXPECT_EQ(entries[2].changeCause, "") << "live annotations win";
}

TEST(HistoryModelTest, KubectlTableListsOnlyWhatTheClusterHas) {
  const auto entries = mergeHistory({live("b", 2, "set image"), live("a", 3, "")},
                                    {cached("x", 1, {1}, true)}, {}, std::nullopt);
  EXPECT_EQ(renderKubectlTable("fluentd", entries),
            "daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n2         set image\n3         <none>\n\n");
  EXPECT_EQ(renderKubectlTable("fluentd", {}), "daemonset.apps/fluentd \nNo rollout history found.\n");
}

TEST(HistoryModelTest, WideTableMarksCacheOnlyAndRenumbered) {
  const auto entries = mergeHistory({live("a", 3, "")}, {cached("x", 1, {1}, true), cached("a", 1, {1, 3}, false)},
                                    {}, std::nullopt);
  const auto text = renderWideTable("fluentd", entries, 1795701700);
  EXPECT_NE(text.find("cache only"), std::string::npos) << text;
  EXPECT_NE(text.find("was 1"), std::string::npos) << text;
}

TEST(HistoryModelTest, TemplateOfDropsPatchDirective) {
  const auto t = templateOf(json::parse(R"({"spec":{"template":{"$patch":"replace","spec":{}}}})"));
  EXPECT_EQ(t, json::parse(R"({"spec":{}})"));
  EXPECT_EQ(templateOf(json::object()), json::object());
}

}  // namespace
}  // namespace dsroll::commands
