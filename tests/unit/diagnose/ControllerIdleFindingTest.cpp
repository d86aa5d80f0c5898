#include <gtest/gtest.h>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::Scenario;

/** Three nodes, one updated, two still on revision 1, every pod Ready for 10 minutes. */
Scenario halfRolled() {
  Scenario sc;
  sc.status(3, 1, 3, 3);
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addNode("node-3");
  sc.addPod("agent-1", "node-1", 2);
  sc.addPod("agent-2", "node-2", 1);
  sc.addPod("agent-3", "node-3", 1);
  return sc;
}

TEST(ControllerIdleFindingTest, OldPodsNothingInFlightAndNothingChangingIsIdle) {
  const auto f = controllerIdleFinding(halfRolled().snapshot(), Extras{});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, "ControllerIdle");
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->cause,
            "the DaemonSet controller stopped rolling: 1 of 3 nodes updated, nothing in flight, "
            "no pod changed for 10m");
  EXPECT_EQ(f->evidence[1], "2 nodes still run an old revision: node-2, node-3");
  EXPECT_EQ(f->fixes[0].command,
            "kubectl annotate daemonset agent kubectl-dsroll/nudged-at=\"$(date +%s)\" "
            "--overwrite -n ops");
  EXPECT_EQ(f->data["idleSeconds"], 600);
}

TEST(ControllerIdleFindingTest, ARecentChangeIsTheControllerBetweenTwoSteps) {
  Scenario sc = halfRolled();
  sc.pods[0]["status"]["conditions"][0]["lastTransitionTime"] =
      model::formatTime(Scenario::kNow - 5);
  EXPECT_FALSE(controllerIdleFinding(sc.snapshot(), Extras{}));
}

TEST(ControllerIdleFindingTest, APodInFlightOrAnUnobservedGenerationIsNotIdle) {
  Scenario pending = halfRolled();
  pending.addPendingPod("agent-4", "node-2", "");
  EXPECT_FALSE(controllerIdleFinding(pending.snapshot(), Extras{}));

  Scenario unobserved = halfRolled();
  unobserved.ds["metadata"]["generation"] = 3;
  EXPECT_FALSE(controllerIdleFinding(unobserved.snapshot(), Extras{}));
}

TEST(ControllerIdleFindingTest, ACompleteRolloutOrOnDeleteIsNotIdle) {
  Scenario done;
  done.status(2, 2, 2, 2);
  done.addNode("node-1");
  done.addNode("node-2");
  done.addPod("agent-1", "node-1", 2);
  done.addPod("agent-2", "node-2", 2);
  EXPECT_FALSE(controllerIdleFinding(done.snapshot(), Extras{}));

  Scenario onDelete = halfRolled();
  onDelete.ds["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  EXPECT_FALSE(controllerIdleFinding(onDelete.snapshot(), Extras{}));
}

}  // namespace
}  // namespace dsroll::diagnose
