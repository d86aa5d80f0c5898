#include "daemon/diagnose/OndeletePlan.hpp"

#include <gtest/gtest.h>

#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::Scenario;

TEST(OndeletePlanTest, UnavailableOldPodsGoFirstThenByNode) {
  Scenario sc;
  sc.ds["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  for (const char* n : {"node-a", "node-b", "node-c", "node-d"})
    sc.addNode(n);
  sc.addPod("p-c", "node-c", 1);
  sc.addPod("p-b", "node-b", 1)["status"]["conditions"][0]["status"] = "False";
  sc.addPod("p-a", "node-a", 1);
  sc.addPod("p-d", "node-d", 2);
  sc.addPod("p-gone", "node-d", 1)["metadata"]["deletionTimestamp"] = "2027-01-15T07:59:00Z";
  const auto s = sc.snapshot();
  const auto order = oldPodsInOrder(s.pods);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0]->pod.name, "p-b");
  EXPECT_EQ(order[1]->pod.name, "p-a");
  EXPECT_EQ(order[2]->pod.name, "p-c");
}

TEST(OndeletePlanTest, ANodeIsDoneWhenItsNewPodIsAvailableAndFailsOnABrokenOne) {
  Scenario sc;
  sc.addNode("node-1");
  EXPECT_EQ(checkNode(sc.snapshot().pods, "node-1").reason, "no new pod yet");
  auto& p = sc.addPod("p", "node-1", 2);
  EXPECT_EQ(checkNode(sc.snapshot().pods, "node-1").outcome, NodeOutcome::Available);
  p["status"]["conditions"][0]["status"] = "False";
  p["status"]["containerStatuses"][0]["ready"] = false;
  p["status"]["containerStatuses"][0]["state"] = {{"waiting", {{"reason", "ContainerCreating"}}}};
  auto check = checkNode(sc.snapshot().pods, "node-1");
  EXPECT_EQ(check.outcome, NodeOutcome::Waiting);
  EXPECT_EQ(check.reason, "ContainerCreating");
  p["status"]["containerStatuses"][0]["state"] = {{"waiting", {{"reason", "ImagePullBackOff"}}}};
  check = checkNode(sc.snapshot().pods, "node-1");
  EXPECT_EQ(check.outcome, NodeOutcome::Failed);
  EXPECT_EQ(check.pod, "p");
  EXPECT_EQ(check.reason, "ImagePullBackOff");
}

}  // namespace
}  // namespace dsroll::diagnose
