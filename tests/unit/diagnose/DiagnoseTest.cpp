#include "daemon/diagnose/Diagnose.hpp"

#include <gtest/gtest.h>

#include "daemon/diagnose/ReportText.hpp"
#include "daemon/model/Json.hpp"
#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::Scenario;

Scenario healthy() {
  Scenario sc;
  sc.status(2, 2, 2, 2);
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addPod("agent-1", "node-1", 2);
  sc.addPod("agent-2", "node-2", 2);
  return sc;
}

TEST(DiagnoseTest, AHealthyRolloutGetsAShortAnswer) {
  const auto report = analyze(healthy().snapshot(), {}, {});
  EXPECT_TRUE(report.findings.empty());
  EXPECT_TRUE(report.healthy());
  EXPECT_FALSE(report.blocking());
  EXPECT_EQ(renderText(report, false),
            "No problem found: daemon set \"agent\" in namespace ops, revision 2: 2 of 2 nodes "
            "updated, 2 "
            "available (RollingUpdate, maxUnavailable 1, maxSurge 0)\n"
            "daemon set \"agent\" successfully rolled out\n");
}

TEST(DiagnoseTest, BlockingFindingsComeFirstAndColourOnlyWhenAsked) {
  auto sc = healthy();
  sc.status(3, 2, 2, 2);
  sc.nodes[0]["spec"]["unschedulable"] = true;
  sc.addNode("node-3");
  sc.addPendingPod("agent-3", "node-3", "0/3 nodes are available: 1 Insufficient cpu.");
  Extras x;
  x.nodePods["node-3"].pods.push_back(testing::otherPod("web", "w", "ReplicaSet", "2", "1Gi"));
  const auto report = analyze(sc.snapshot(), x, {"scheduling events not read: forbidden"});
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.findings[0].kind, "InsufficientResources");
  EXPECT_EQ(report.findings[1].kind, "NodeCordoned");
  EXPECT_TRUE(report.blocking());
  const auto plain = renderText(report, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(
      plain.find("1 problem found (1 blocking the rollout):\n\n[blocking] 1 node has no room"),
      std::string::npos)
      << plain;
  EXPECT_NE(plain.find("\n  fix: kubectl delete pod w -n web\n       frees cpu 2, memory 1Gi, 1 "
                       "pod on node-3\n"),
            std::string::npos)
      << plain;
  EXPECT_NE(plain.find("\nnote: scheduling events not read: forbidden\n"), std::string::npos)
      << plain;
  const auto coloured = renderText(report, true);
  EXPECT_NE(coloured.find("\x1b[1;31m[blocking]\x1b[0m"), std::string::npos);
}

TEST(DiagnoseTest, JsonCarriesFindingsAsData) {
  auto sc = healthy();
  sc.ds["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  sc.status(2, 1, 2, 2);
  sc.pods[1]["metadata"]["labels"]["controller-revision-hash"] = "h1";
  sc.pods[1]["metadata"]["labels"]["pod-template-generation"] = "1";
  sc.lastKnownGood = 1;
  const auto json = toJson(analyze(sc.snapshot(), {}, {}));
  EXPECT_EQ(json["kind"], "Diagnosis");
  EXPECT_EQ(json["blocking"], true);
  EXPECT_EQ(json["healthy"], false);
  EXPECT_EQ(json["lastKnownGoodRevision"], 1);
  EXPECT_EQ(json["progress"]["strategy"], "OnDelete");
  EXPECT_EQ(json["progress"]["updated"], 1);
  EXPECT_EQ(json["progress"]["done"], false);
  ASSERT_EQ(json["findings"].size(), 1u);
  EXPECT_EQ(json["findings"][0]["kind"], "OnDeletePending");
  EXPECT_EQ(json["findings"][0]["severity"], "blocking");
  EXPECT_EQ(json["findings"][0]["fixes"][0]["command"],
            "kubectl dsroll ondelete-roll agent -n ops --batch=1");
  EXPECT_EQ(json["findings"][0]["data"]["pods"][0]["node"], "node-2");
}

TEST(DiagnoseTest, SchedulingEventsAreWantedOnlyForUnboundPods) {
  auto sc = healthy();
  EXPECT_FALSE(wantsSchedulingEvents(sc.snapshot()));
  sc.addNode("node-3");
  sc.addPendingPod("agent-3", "node-3", "");
  EXPECT_TRUE(wantsSchedulingEvents(sc.snapshot()));
  // An event says what the condition did not (yet).
  SchedulingEvent e{"agent-3", "0/3 nodes are available: 1 Too many pods.", 4, Scenario::kNow};
  EXPECT_EQ(nodesToInspect(sc.snapshot(), {e}), (std::vector<std::string>{"node-3"}));
}

TEST(DiagnoseTest, FixCommandsCarryTheUsersContext) {
  CommandStyle style{"agent", "ops", " --context=prod"};
  EXPECT_EQ(style.dsroll("undo", " --to-revision=3"),
            "kubectl dsroll undo agent -n ops --context=prod --to-revision=3");
  EXPECT_EQ(style.kubectl("delete node n1", ""), "kubectl delete node n1 --context=prod");
}

}  // namespace
}  // namespace dsroll::diagnose
