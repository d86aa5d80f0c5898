#include "daemon/commands/RolloutState.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

nlohmann::json daemonSet(std::int64_t desired,
                         std::int64_t updated,
                         std::int64_t available,
                         const std::string& strategy = "RollingUpdate",
                         std::int64_t generation = 2,
                         std::int64_t observed = 2) {
  nlohmann::json status = {{"desiredNumberScheduled", desired},
                           {"numberReady", available},
                           {"observedGeneration", observed}};
  // Like the API server: omitempty drops zero counts.
  if (updated > 0) status["updatedNumberScheduled"] = updated;
  if (available > 0) status["numberAvailable"] = available;
  nlohmann::json ds;
  ds["metadata"] = {{"name", "agent"},
                    {"namespace", "ops"},
                    {"generation", generation},
                    {"creationTimestamp", "2026-01-01T00:00:00Z"}};
  ds["spec"]["selector"] = {{"matchLabels", {{"app", "agent"}}}};
  ds["spec"]["updateStrategy"] = {{"type", strategy}};
  ds["spec"]["template"]["spec"]["containers"] = nlohmann::json::array(
      {{{"name", "agent"}, {"image", "agent:2"}}, {{"name", "sidecar"}, {"image", "side:1"}}});
  ds["status"] = status;
  return ds;
}

TEST(RolloutStateTest, Complete) {
  const auto s = rolloutState(daemonSet(3, 3, 3), std::nullopt);
  EXPECT_EQ(s.phase, RolloutPhase::Complete);
  EXPECT_EQ(s.text(), "complete");
  EXPECT_TRUE(s.settled());
  // A DaemonSet that runs nowhere is done, as kubectl says.
  EXPECT_EQ(rolloutState(daemonSet(0, 0, 0), std::nullopt).text(), "complete");
}

TEST(RolloutStateTest, RollingOutCountsUpdatedThenAvailable) {
  EXPECT_EQ(rolloutState(daemonSet(3, 1, 2), std::nullopt).text(), "rolling out 1/3");
  EXPECT_EQ(rolloutState(daemonSet(3, 3, 2), std::nullopt).text(), "rolling out 2/3");
  EXPECT_FALSE(rolloutState(daemonSet(3, 3, 2), std::nullopt).settled());
}

TEST(RolloutStateTest, StuckAfterNoChangeForTheDeadline) {
  EXPECT_EQ(rolloutState(daemonSet(3, 1, 2), kStuckAfterSeconds - 1).text(), "rolling out 1/3");
  const auto stuck = rolloutState(daemonSet(3, 1, 2), kStuckAfterSeconds);
  EXPECT_EQ(stuck.phase, RolloutPhase::Stuck);
  EXPECT_EQ(stuck.text(), "stuck? 1/3");
  EXPECT_FALSE(stuck.settled());
  // A complete rollout is never stuck, however long ago it changed.
  EXPECT_EQ(rolloutState(daemonSet(3, 3, 3), 100000).text(), "complete");
}

TEST(RolloutStateTest, OnDeleteWaitsForTheUser) {
  const auto s = rolloutState(daemonSet(3, 1, 3, "OnDelete"), 100000);
  EXPECT_EQ(s.phase, RolloutPhase::OnDeletePending);
  EXPECT_EQ(s.text(), "OnDelete pending 2");
  EXPECT_TRUE(s.settled());
  EXPECT_EQ(rolloutState(daemonSet(3, 3, 2, "OnDelete"), 100000).text(), "rolling out 2/3");
  EXPECT_EQ(rolloutState(daemonSet(3, 3, 3, "OnDelete"), std::nullopt).text(), "complete");
}

TEST(RolloutStateTest, NotObservedFirst) {
  const auto s = rolloutState(daemonSet(3, 3, 3, "RollingUpdate", 3, 2), std::nullopt);
  EXPECT_EQ(s.text(), "not observed");
  EXPECT_FALSE(s.settled());
}

TEST(RolloutStateTest, Table) {
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600 + 90));
  auto a = summarize(daemonSet(3, 1, 2), 4, std::nullopt, now);
  auto b = summarize(daemonSet(2, 2, 2, "OnDelete"), std::nullopt, std::nullopt, now);
  b.name = "b";
  b.namespace_ = "kube-system";
  EXPECT_EQ(a.age, "90s");
  EXPECT_EQ(
      daemonSetTable({a, b}, false, false),
      "NAME    DESIRED   UPDATED   AVAILABLE   REVISION    STRATEGY        STATE             AGE\n"
      "agent   3         1         2           4           RollingUpdate   rolling out 1/3   90s\n"
      "b       2         2         2           <unknown>   OnDelete        complete          "
      "90s\n");
  EXPECT_EQ(
      daemonSetTable({a}, true, true),
      "NAMESPACE   NAME    DESIRED   UPDATED   AVAILABLE   REVISION   STRATEGY        STATE    "
      "         AGE   CONTAINERS      IMAGES           SELECTOR\n"
      "ops         agent   3         1         2           4          RollingUpdate   rolling "
      "out 1/3   90s   agent,sidecar   agent:2,side:1   app=agent\n");
}

}  // namespace
}  // namespace dsroll::commands
