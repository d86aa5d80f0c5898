#include "daemon/diagnose/RoomPlan.hpp"

#include <gtest/gtest.h>

#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::loadJson;
using testing::otherPod;

state::NodeRecord node(const std::string& cpu,
                       const std::string& memory,
                       const std::string& pods = "110") {
  return *state::NodeRecord::fromJson(
      {{"metadata", {{"name", "n"}}},
       {"status", {{"allocatable", {{"cpu", cpu}, {"memory", memory}, {"pods", pods}}}}}});
}

std::vector<OtherPod> podsOf(const nlohmann::json& list) {
  std::vector<OtherPod> out;
  for (const auto& item : list["items"])
    out.push_back(*OtherPod::fromJson(item));
  return out;
}

std::vector<DisruptionBudget> budgetsOf(const nlohmann::json& list) {
  std::vector<DisruptionBudget> out;
  for (const auto& item : list["items"])
    out.push_back(*DisruptionBudget::fromJson(item));
  return out;
}

TEST(RoomPlanTest, RecordedNodeShortOfMemory) {
  const auto pods = podsOf(loadJson("node-1-pods.json"));
  const auto budgets = budgetsOf(loadJson("pdbs.json"));
  const auto n = *state::NodeRecord::fromJson(loadJson("node-1.json"));
  const auto plan = planRoom(Requests{100, 2LL << 30, 1}, n, pods, budgets);

  EXPECT_EQ(plan.allocatable.memoryBytes, 4LL << 30);
  EXPECT_EQ(plan.requested.memoryBytes,
            2560LL << 20);  // web 1536Mi + batch 1Gi + the crash-looping b pod
  EXPECT_EQ(plan.requested.pods, 3);
  EXPECT_EQ(plan.shortfall.memoryBytes, 512LL << 20);
  EXPECT_EQ(plan.shortfall.cpuMilli, 0);
  EXPECT_TRUE(plan.fitsWhenEmpty);
  // The other DaemonSet's pod is no candidate: it would come back on the same node.
  ASSERT_EQ(plan.candidates.size(), 2u);
  EXPECT_EQ(plan.candidates[0].pod->name, "web-5f58cf657d-97hkn");
  EXPECT_EQ(plan.candidates[0].kind, CandidateKind::Managed);
  ASSERT_EQ(plan.candidates[0].budgets.size(), 1u);
  EXPECT_EQ(plan.candidates[0].budgets[0]->name, "web-pdb");
  EXPECT_EQ(plan.candidates[0].budgets[0]->disruptionsAllowed, 1);
  EXPECT_EQ(plan.candidates[1].pod->name, "batch");
  EXPECT_EQ(plan.candidates[1].kind, CandidateKind::Bare);
  EXPECT_TRUE(plan.candidates[1].budgets.empty());
  EXPECT_EQ(plan.suggested, (std::vector<std::size_t>{0}));
}

TEST(RoomPlanTest, PrefersPodsNoBudgetProtectsThenBarePodsLast) {
  std::vector<OtherPod> pods = {
      otherPod("a", "big-guarded", "ReplicaSet", "100m", "2Gi", {{"app", "big"}}),
      otherPod("a", "bare", "", "100m", "1Gi"),
      otherPod("a", "small-free", "ReplicaSet", "100m", "600Mi"),
  };
  std::vector<DisruptionBudget> budgets = {
      *DisruptionBudget::fromJson({{"metadata", {{"namespace", "a"}, {"name", "big-pdb"}}},
                                   {"spec", {{"selector", {{"matchLabels", {{"app", "big"}}}}}}},
                                   {"status", {{"disruptionsAllowed", 0}}}})};
  // 4Gi - 3.6Gi requested leaves ~424Mi; the pod needs 1Gi: about 600Mi short.
  const auto plan = planRoom(Requests{0, 1LL << 30, 1}, node("4", "4Gi"), pods, budgets);
  ASSERT_EQ(plan.candidates.size(), 3u);
  EXPECT_EQ(plan.candidates[0].pod->name, "big-guarded");  // largest first
  ASSERT_EQ(plan.suggested.size(), 1u);
  EXPECT_EQ(plan.candidates[plan.suggested[0]].pod->name, "small-free");
}

TEST(RoomPlanTest, TakesSeveralPodsWhenNoneIsEnoughAndDropsTheUnneeded) {
  std::vector<OtherPod> pods = {
      otherPod("a", "p1", "ReplicaSet", "500m", "100Mi"),
      otherPod("a", "p2", "ReplicaSet", "500m", "100Mi"),
      otherPod("a", "p3", "StatefulSet", "900m", "100Mi"),
  };
  const auto plan = planRoom(Requests{1200, 0, 1}, node("2", "4Gi"), pods, {});
  EXPECT_EQ(plan.shortfall.cpuMilli, 1100);
  ASSERT_EQ(plan.suggested.size(), 2u);
  EXPECT_EQ(plan.candidates[plan.suggested[0]].pod->name, "p3");
}

TEST(RoomPlanTest, TooManyPodsIsAShortfallOfPodSlots) {
  std::vector<OtherPod> pods = {otherPod("a", "p1", "ReplicaSet", "0", "0"),
                                otherPod("a", "p2", "", "0", "0")};
  const auto plan = planRoom(Requests{0, 0, 1}, node("2", "4Gi", "2"), pods, {});
  EXPECT_EQ(plan.shortfall.pods, 1);
  ASSERT_EQ(plan.suggested.size(), 1u);
  EXPECT_EQ(plan.candidates[plan.suggested[0]].pod->name, "p1");
}

TEST(RoomPlanTest, APodLargerThanTheNodeFitsNowhere) {
  std::vector<OtherPod> pods = {otherPod("a", "p1", "ReplicaSet", "100m", "1Gi")};
  auto mirror = otherPod("kube-system", "etcd-n", "Node", "100m", "1Gi");
  pods.push_back(mirror);
  const auto plan = planRoom(Requests{0, 4LL << 30, 1}, node("2", "4Gi"), pods, {});
  EXPECT_FALSE(plan.fitsWhenEmpty);
  EXPECT_TRUE(plan.suggested.empty());
  ASSERT_EQ(plan.candidates.size(), 2u);
}

TEST(RoomPlanTest, TerminalPodsHoldNothing) {
  auto done = otherPod("a", "job", "Job", "2", "4Gi");
  done.phase = "Succeeded";
  const auto plan = planRoom(Requests{100, 1LL << 30, 1}, node("2", "4Gi"), {done}, {});
  EXPECT_FALSE(plan.shortfall.any());
  EXPECT_TRUE(plan.candidates.empty());
}

}  // namespace
}  // namespace dsroll::diagnose
