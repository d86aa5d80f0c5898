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

TEST(ControllerIdleFindingTest, OldPodsLeftBesideAvailableNewOnesAreIdle) {
  Scenario sc;
  sc.status(2, 0, 2, 2);
  sc.ds["spec"]["updateStrategy"]["rollingUpdate"] = {{"maxSurge", 1}, {"maxUnavailable", 0}};
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addPod("agent-1", "node-1", 1);
  sc.addPod("agent-1-new", "node-1", 2);
  sc.addPod("agent-2", "node-2", 1);
  const auto f = controllerIdleFinding(sc.snapshot(), Extras{});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->cause,
            "the DaemonSet controller stopped rolling: 1 of 2 nodes updated, nothing in flight, "
            "no pod changed for 10m");
  EXPECT_EQ(f->evidence[1], "1 nodes still run an old revision: node-2");
  EXPECT_EQ(f->evidence[2],
            "1 nodes keep an old pod beside an available new one (the controller deletes it once "
            "the new one is available): node-1");
  EXPECT_EQ(f->data["oldPodBesideNewNodes"], nlohmann::json::array({"node-1"}));

  // Every node updated and the status says so: the old pods hold nothing up any more.
  Scenario done = sc;
  done.addPod("agent-2-new", "node-2", 2);
  done.status(2, 2, 2, 2);
  const auto left = controllerIdleFinding(done.snapshot(), Extras{});
  ASSERT_TRUE(left);
  EXPECT_EQ(left->severity, Severity::Warning);
  EXPECT_EQ(left->data["oldPodBesideNewNodes"], nlohmann::json::array({"node-1", "node-2"}));
}

TEST(ControllerIdleFindingTest, AStatusBehindThePodsIsIdle) {
  Scenario sc;
  sc.status(2, 1, 1, 2);
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addPod("agent-1", "node-1", 2);
  sc.addPod("agent-2", "node-2", 2);
  const auto f = controllerIdleFinding(sc.snapshot(), Extras{});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->cause,
            "the DaemonSet controller stopped rolling: 2 of 2 nodes updated, nothing in flight, "
            "no pod changed for 10m");
  EXPECT_EQ(f->evidence.back(),
            "the status counts 1 updated and 1 available of 2 desired: the controller has not "
            "written what the pods show");
  EXPECT_EQ(f->data["statusBehind"], true);

  // Fewer nodes than the controller wants: the pods do not show it done, other checks explain.
  Scenario short_ = sc;
  short_.status(3, 1, 1, 2);
  EXPECT_FALSE(controllerIdleFinding(short_.snapshot(), Extras{}));
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
