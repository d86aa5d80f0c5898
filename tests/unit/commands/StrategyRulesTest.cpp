#include "daemon/commands/StrategyRules.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

const std::string kPercentRule =
    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
    "'93%', regex used for validation is '[0-9]+%')";
const std::string kUnavailable = "spec.updateStrategy.rollingUpdate.maxUnavailable";
const std::string kSurge = "spec.updateStrategy.rollingUpdate.maxSurge";

nlohmann::json rollingDaemonSet() {
  return nlohmann::json::parse(R"({"spec": {
    "updateStrategy": {"type": "RollingUpdate",
                       "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}},
    "revisionHistoryLimit": 10},
    "status": {"desiredNumberScheduled": 3}})");
}

nlohmann::json onDeleteDaemonSet() {
  return nlohmann::json::parse(
      R"({"spec": {"updateStrategy": {"type": "OnDelete"}, "minReadySeconds": 5}})");
}

struct Case {
  const char* what;
  StrategyChange change;
  std::vector<std::string> errors;  // exactly as the v1.36 API server words them
};

// Each expected text was taken from the API server's answer to the same change
// (kubectl patch ds ... -p ...), so these are its rules and its words.
std::vector<Case> cases() {
  return {
      {"not a percent",
       {.maxUnavailable = "abc"},
       {kUnavailable + ": Invalid value: \"abc\": " + kPercentRule,
        kUnavailable + ": Required value: cannot be 0 when maxSurge is 0"}},
      {"negative",
       {.maxUnavailable = "-1"},
       {kUnavailable + ": Invalid value: -1: must be greater than or equal to 0"}},
      {"over 100%",
       {.maxUnavailable = "101%"},
       {kUnavailable + ": Invalid value: \"101%\": must not be greater than 100%"}},
      {"both non-zero",
       {.maxSurge = "1"},
       {kSurge + ": Invalid value: 1: may not be set when maxUnavailable is non-zero"}},
      {"both zero",
       {.maxUnavailable = "0"},
       {kUnavailable + ": Required value: cannot be 0 when maxSurge is 0"}},
      {"zero percent",
       {.maxUnavailable = "0%"},
       {kUnavailable + ": Required value: cannot be 0 when maxSurge is 0"}},
      {"negative percent",
       {.maxUnavailable = "-5%"},
       {kUnavailable + ": Invalid value: \"-5%\": " + kPercentRule,
        kUnavailable + ": Required value: cannot be 0 when maxSurge is 0"}},
      {"both over 100%",
       {.maxUnavailable = "200%", .maxSurge = "300%"},
       {kUnavailable + ": Invalid value: \"200%\": must not be greater than 100%",
        kSurge + ": Invalid value: \"300%\": must not be greater than 100%",
        kSurge + ": Invalid value: \"300%\": may not be set when maxUnavailable is non-zero"}},
      {"unknown type",
       {.type = "Foo"},
       {"spec.updateStrategy: Unsupported value: "
        "{\"Type\":\"Foo\",\"RollingUpdate\":{\"MaxUnavailable\":1,\"MaxSurge\":0}}: supported "
        "values: \"RollingUpdate\", \"OnDelete\""}},
      {"negative minReadySeconds",
       {.minReadySeconds = -1},
       {"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"}},
      {"negative revisionHistoryLimit",
       {.revisionHistoryLimit = -1},
       {"spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"}},
      {"surge instead of unavailable", {.maxUnavailable = "0", .maxSurge = "25%"}, {}},
      {"percent unavailable", {.maxUnavailable = "100%"}, {}},
      {"OnDelete", {.type = "OnDelete"}, {}},
  };
}

TEST(StrategyRulesTest, ValidatesAsTheApiServer) {
  const auto current = strategyOf(rollingDaemonSet());
  for (const auto& c : cases()) {
    auto next = changedStrategy(current, c.change);
    ASSERT_TRUE(next) << c.what << ": " << next.error();
    EXPECT_EQ(validateStrategy(*next), c.errors) << c.what;
  }
}

TEST(StrategyRulesTest, UnknownTypeFromOnDeleteHasNoRollingUpdate) {
  auto next = changedStrategy(strategyOf(onDeleteDaemonSet()), {.type = "Foo"});
  ASSERT_TRUE(next);
  EXPECT_EQ(validateStrategy(*next),
            std::vector<std::string>{"spec.updateStrategy: Unsupported value: "
                                     "{\"Type\":\"Foo\",\"RollingUpdate\":null}: supported "
                                     "values: \"RollingUpdate\", \"OnDelete\""});
}

TEST(StrategyRulesTest, InvalidMessageAsKubectlPrintsIt) {
  EXPECT_EQ(invalidDaemonSet("d1", {"a: b"}), "The DaemonSet \"d1\" is invalid: a: b");
  EXPECT_EQ(invalidDaemonSet("d1", {"a: b", "c: d"}),
            "The DaemonSet \"d1\" is invalid: \n* a: b\n* c: d");
}

TEST(StrategyRulesTest, ReadsTheStrategy) {
  const auto s = strategyOf(rollingDaemonSet());
  EXPECT_EQ(s.type, "RollingUpdate");
  EXPECT_TRUE(s.hasRollingUpdate);
  EXPECT_EQ(s.maxUnavailable, 1);
  EXPECT_EQ(s.maxSurge, 0);
  EXPECT_EQ(s.minReadySeconds, 0);
  EXPECT_EQ(s.revisionHistoryLimit, 10);
  const auto d = strategyOf(onDeleteDaemonSet());
  EXPECT_EQ(d.type, "OnDelete");
  EXPECT_FALSE(d.hasRollingUpdate);
  EXPECT_EQ(d.minReadySeconds, 5);
  EXPECT_FALSE(d.revisionHistoryLimit);
}

TEST(StrategyRulesTest, IntOrStringAsIntstrParse) {
  EXPECT_EQ(intOrString("1"), 1);
  EXPECT_EQ(intOrString("-1"), -1);
  EXPECT_EQ(intOrString("25%"), "25%");
  EXPECT_EQ(intOrString("abc"), "abc");
  EXPECT_EQ(intOrString("1.5"), "1.5");
  EXPECT_EQ(intOrString("99999999999"), "99999999999");
}

TEST(StrategyRulesTest, SwitchingToOnDeleteDropsRollingUpdate) {
  const auto current = strategyOf(rollingDaemonSet());
  auto next = changedStrategy(current, {.type = "OnDelete"});
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->hasRollingUpdate);
  EXPECT_EQ(strategyPatch(current, *next).dump(),
            R"({"spec":{"updateStrategy":{"rollingUpdate":null,"type":"OnDelete"}}})");
  EXPECT_FALSE(changedStrategy(current, {.type = "OnDelete", .maxSurge = "1"}));
}

TEST(StrategyRulesTest, SwitchingToRollingUpdateAddsDefaults) {
  const auto current = strategyOf(onDeleteDaemonSet());
  auto next = changedStrategy(current, {.type = "RollingUpdate"});
  ASSERT_TRUE(next);
  EXPECT_TRUE(validateStrategy(*next).empty());
  EXPECT_EQ(
      strategyPatch(current, *next).dump(),
      R"({"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":1},"type":"RollingUpdate"}}})");
  auto surge =
      changedStrategy(current, {.type = "RollingUpdate", .maxUnavailable = "0", .maxSurge = "1"});
  ASSERT_TRUE(surge);
  EXPECT_TRUE(validateStrategy(*surge).empty());
  EXPECT_EQ(surge->maxSurge, 1);
}

TEST(StrategyRulesTest, PatchHoldsOnlyWhatChanges) {
  const auto current = strategyOf(rollingDaemonSet());
  auto same = changedStrategy(current, {.maxUnavailable = "1", .revisionHistoryLimit = 10});
  ASSERT_TRUE(same);
  EXPECT_TRUE(strategyPatch(current, *same).empty());
  auto more = changedStrategy(current, {.maxUnavailable = "25%", .minReadySeconds = 10});
  ASSERT_TRUE(more);
  EXPECT_EQ(
      strategyPatch(current, *more).dump(),
      R"({"spec":{"minReadySeconds":10,"updateStrategy":{"rollingUpdate":{"maxUnavailable":"25%"}}}})");
}

TEST(StrategyRulesTest, ScaledValuesRoundUp) {
  EXPECT_EQ(scaledValue("25%", 3), 1);
  EXPECT_EQ(scaledValue("34%", 3), 2);
  EXPECT_EQ(scaledValue("100%", 3), 3);
  EXPECT_EQ(scaledValue("1%", 1000), 10);
  EXPECT_EQ(scaledValue("0%", 3), 0);
  EXPECT_EQ(scaledValue(2, 3), 2);
  EXPECT_EQ(scaledValue(nullptr, 3), 0);
}

TEST(StrategyRulesTest, EffectiveNumbersAsTheController) {
  auto s = strategyOf(rollingDaemonSet());
  s.maxUnavailable = "25%";
  EXPECT_EQ(effectiveStrategy(s, 3).maxUnavailable, 1);
  EXPECT_EQ(effectiveStrategy(s, 10).maxUnavailable, 3);
  s.maxUnavailable = "0%";
  s.maxSurge = "0%";
  EXPECT_EQ(effectiveStrategy(s, 3).maxUnavailable, 1);  // the controller's safety net
  EXPECT_EQ(effectiveStrategy(s, 0).maxUnavailable, 0);
  EXPECT_EQ(effectiveStrategy(strategyOf(onDeleteDaemonSet()), 3).maxUnavailable, 0);
}

}  // namespace
}  // namespace dsroll::commands
