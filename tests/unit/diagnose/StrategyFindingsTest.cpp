#include <gtest/gtest.h>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::Scenario;

void crashLoop(nlohmann::json& pod) {
  pod["status"]["conditions"][0]["status"] = "False";
  pod["status"]["containerStatuses"][0]["ready"] = false;
  pod["status"]["containerStatuses"][0]["state"] = {{"waiting", {{"reason", "CrashLoopBackOff"}}}};
}

TEST(StrategyFindingsTest, OnDeleteListsTheOldPodsAndOffersOndeleteRoll) {
  Scenario sc;
  sc.ds["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addPod("agent-1", "node-1", 2);
  sc.addPod("agent-2", "node-2", 1);
  const auto f = onDeleteFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->cause,
            "1 old pod waits to be deleted: updateStrategy OnDelete replaces a pod only when it is "
            "deleted");
  EXPECT_EQ(f->evidence[0], "agent-2 on node-2: revision 1, created 11m ago");
  EXPECT_EQ(f->fixes[0].command, "kubectl dsroll ondelete-roll agent -n ops --batch=1");
  EXPECT_EQ(f->data["pods"][0]["name"], "agent-2");
}

TEST(StrategyFindingsTest, OnDeleteWithEveryPodUpdatedIsFine) {
  Scenario sc;
  sc.ds["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  sc.addNode("node-1");
  sc.addPod("agent-1", "node-1", 2);
  EXPECT_FALSE(onDeleteFinding(sc.snapshot()));
}

TEST(StrategyFindingsTest, HostPortWithSurgeBlocksWhenASurgePodWaitsForThePort) {
  Scenario sc;
  sc.ds["spec"]["updateStrategy"]["rollingUpdate"] = {{"maxUnavailable", 0}, {"maxSurge", "10%"}};
  sc.ds["spec"]["template"]["spec"]["containers"][0]["ports"] = {
      {{"containerPort", 9100}, {"hostPort", 9100}}};
  sc.status(2, 0, 2, 2);
  sc.addNode("node-1");
  sc.addPod("agent-old", "node-1", 1);
  sc.addPendingPod(
      "agent-new", "node-1",
      "0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.");
  const auto f = hostPortSurgeFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->evidence[0], "host ports: 9100/TCP (container a)");
  EXPECT_EQ(f->evidence[1], "1 new pods Pending for free ports: agent-new on node-1");
  EXPECT_EQ(f->fixes[0].command,
            "kubectl dsroll strategy agent -n ops --max-surge=0 --max-unavailable=1");
}

TEST(StrategyFindingsTest, HostPortWithoutSurgeIsFine) {
  Scenario sc;
  sc.ds["spec"]["template"]["spec"]["containers"][0]["ports"] = {
      {{"containerPort", 9100}, {"hostPort", 9100}}};
  EXPECT_FALSE(hostPortSurgeFinding(sc.snapshot()));
}

TEST(StrategyFindingsTest, UnobservedGenerationWithAStaleControllerLease) {
  Scenario sc;
  sc.ds["metadata"]["generation"] = 3;
  Extras x;
  x.controllerLease = ControllerLease{"cm-1", Scenario::kNow - 600, 15};
  const auto f = generationFinding(sc.snapshot(), x);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->cause,
            "the DaemonSet controller has not observed generation 3 (observedGeneration 2): the "
            "controller "
            "manager looks down");
  EXPECT_EQ(f->evidence[0],
            "kube-system/kube-controller-manager lease held by cm-1, last renewed 10m ago: the "
            "controller manager is not running");
  EXPECT_FALSE(f->data["controllerManagerRunning"]);
  Extras unknown;
  unknown.controllerLeaseError = "leases.coordination.k8s.io \"kube-controller-manager\" not found";
  const auto g = generationFinding(sc.snapshot(), unknown);
  ASSERT_TRUE(g);
  EXPECT_NE(g->evidence[0].find("not found"), std::string::npos);
  sc.ds["metadata"]["generation"] = 2;
  EXPECT_FALSE(generationFinding(sc.snapshot(), x));
}

TEST(StrategyFindingsTest, MaxUnavailableUsedUpByANodeProblemSuggestsRaisingIt) {
  Scenario sc;
  sc.status(3, 1, 2, 2);
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addNode("node-3");
  sc.addPod("agent-1", "node-1", 2);
  auto& stuck = sc.addPod("agent-2", "node-2", 1);
  stuck["metadata"]["deletionTimestamp"] = model::formatTime(Scenario::kNow - 600);
  sc.addPod("agent-3", "node-3", 1);
  const auto f = budgetFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, "MaxUnavailableUsedUp");
  EXPECT_EQ(f->cause, "1 node is unavailable and maxUnavailable is 1: 1 node waits for its turn");
  EXPECT_EQ(f->evidence[0], "node-2: Terminating");
  EXPECT_EQ(f->fixes[0].command, "kubectl dsroll strategy agent -n ops --max-unavailable=2");
}

TEST(StrategyFindingsTest, MaxUnavailableUsedUpByBrokenPodsSaysFixThemFirst) {
  Scenario sc;
  sc.ds["spec"]["updateStrategy"]["rollingUpdate"]["maxUnavailable"] = "50%";
  sc.status(3, 2, 1, 1);
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addNode("node-3");
  crashLoop(sc.addPod("agent-1", "node-1", 2));
  crashLoop(sc.addPod("agent-2", "node-2", 2));
  sc.addPod("agent-3", "node-3", 1);
  const auto f = budgetFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->cause, "2 nodes are unavailable and maxUnavailable is 2: 1 node waits for its turn");
  EXPECT_EQ(f->severity, Severity::Info);
  EXPECT_EQ(f->evidence[0], "node-1: new pod CrashLoopBackOff");
  EXPECT_TRUE(f->fixes[0].command.empty());
}

TEST(StrategyFindingsTest, ARolloutMovingAlongIsNotStalled) {
  Scenario sc;
  sc.status(2, 1, 1, 1);
  sc.addNode("node-1");
  sc.addNode("node-2");
  auto& starting = sc.addPod("agent-1", "node-1", 2);
  starting["status"]["phase"] = "Pending";
  starting["status"]["conditions"][0]["status"] = "False";
  starting["status"].erase("containerStatuses");
  sc.addPod("agent-2", "node-2", 1);
  EXPECT_FALSE(budgetFinding(sc.snapshot()));
}

TEST(StrategyFindingsTest, NoNodeSelectedExplainsWhy) {
  Scenario sc;
  sc.ds["spec"]["template"]["spec"]["nodeSelector"] = {{"disk", "ssd"}};
  sc.status(0, 0, 0, 0);
  sc.addNode("node-1");
  const auto f = noNodesFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_EQ(f->evidence[0], "nodeSelector disk=ssd does not match: node-1");
  EXPECT_EQ(f->fixes[0].command, "kubectl label node node-1 disk=ssd");
}

}  // namespace
}  // namespace dsroll::diagnose
