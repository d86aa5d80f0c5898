#include "daemon/model/LabelSelector.hpp"

#include <gtest/gtest.h>

namespace dsroll::model {
namespace {

using nlohmann::json;

TEST(LabelSelectorTest, StringFormSortsRequirementsByKey) {
  const json selector = json::parse(R"({
    "matchLabels": {"name": "fluentd", "app": "logs"},
    "matchExpressions": [
      {"key": "tier", "operator": "In", "values": ["b", "a"]},
      {"key": "zone", "operator": "NotIn", "values": ["x"]},
      {"key": "gpu", "operator": "Exists"},
      {"key": "legacy", "operator": "DoesNotExist"}
    ]})");
  EXPECT_EQ(selectorString(selector), "app=logs,gpu,!legacy,name=fluentd,tier in (a,b),zone notin (x)");
}

TEST(LabelSelectorTest, EmptySelectorIsEmptyStringAndMatchesAll) {
  EXPECT_EQ(selectorString(json::object()), "");
  EXPECT_TRUE(selectorMatches(json::object(), {{"a", "b"}}));
}

TEST(LabelSelectorTest, Matching) {
  const json selector = json::parse(R"({
    "matchLabels": {"name": "fluentd"},
    "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]},
                         {"key": "legacy", "operator": "DoesNotExist"}]})");
  EXPECT_TRUE(selectorMatches(selector, {{"name", "fluentd"}, {"tier", "a"}}));
  EXPECT_FALSE(selectorMatches(selector, {{"name", "fluentd"}, {"tier", "c"}}));
  EXPECT_FALSE(selectorMatches(selector, {{"name", "other"}, {"tier", "a"}}));
  EXPECT_FALSE(selectorMatches(selector, {{"name", "fluentd"}, {"tier", "a"}, {"legacy", ""}}));
  EXPECT_FALSE(selectorMatches(selector, {{"tier", "a"}}));
}

}  // namespace
}  // namespace dsroll::model
