#include <gtest/gtest.h>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::Scenario;

void taint(nlohmann::json& node, const std::string& key, const std::string& effect) {
  node["spec"]["taints"].push_back({{"key", key}, {"effect", effect}});
}

void notReady(nlohmann::json& node, std::int64_t since) {
  auto& c = node["status"]["conditions"][0];
  c["status"] = "Unknown";
  c["reason"] = "NodeStatusUnknown";
  c["lastTransitionTime"] = model::formatTime(since);
  c["lastHeartbeatTime"] = model::formatTime(since - 40);
}

TEST(NodeFindingsTest, RecordedControlPlaneTaintIsANote) {
  const auto s = testing::snapshotOf(
      testing::loadJson("agent-ds.json"), testing::loadJson("agent-revisions.json"),
      testing::loadJson("agent-pods.json"), testing::loadJson("nodes.json"),
      model::parseTime("2026-11-26T15:50:00Z"));
  const auto f = taintFinding(s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Info);
  EXPECT_EQ(f->cause,
            "1 node runs no pod of this DaemonSet: taints the pod template does not tolerate");
  EXPECT_EQ(f->evidence[0], "node-role.kubernetes.io/control-plane:NoSchedule on node-0");
  ASSERT_EQ(f->fixes.size(), 1u);
  EXPECT_EQ(f->fixes[0].command,
            "kubectl patch daemonset agent -p "
            "'{\"spec\":{\"template\":{\"spec\":{\"tolerations\":[{\"effect\":"
            "\"NoSchedule\",\"key\":\"node-role.kubernetes.io/"
            "control-plane\",\"operator\":\"Exists\"}]}}}}' -n res");
}

TEST(NodeFindingsTest, KeepsTheTemplatesOwnTolerationsInThePatchAndWarnsAboutStrandedPods) {
  Scenario sc;
  sc.ds["spec"]["template"]["spec"]["tolerations"] = {{{"key", "gpu"}, {"operator", "Exists"}}};
  taint(sc.addNode("node-1"), "dedicated", "NoSchedule");
  sc.addPod("agent-old", "node-1", 1);
  const auto f = taintFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_NE(f->fixes[0].command.find(
                "[{\"key\":\"gpu\",\"operator\":\"Exists\"},{\"effect\":\"NoSchedule\","
                "\"key\":\"dedicated\",\"operator\":\"Exists\"}]"),
            std::string::npos)
      << f->fixes[0].command;
  EXPECT_EQ(
      f->evidence[1],
      "node-1 keeps pod agent-old (revision 1) Ready: it is not replaced by the new template");
}

TEST(NodeFindingsTest, ToleratedTaintsAreFine) {
  Scenario sc;
  taint(sc.addNode("node-1"), "node.kubernetes.io/unschedulable", "NoSchedule");
  EXPECT_FALSE(taintFinding(sc.snapshot()));
}

TEST(NodeFindingsTest, NotReadyNodeCountedByTheRolloutBlocksIt) {
  Scenario sc;
  sc.addNode("node-1");
  notReady(sc.addNode("node-2"), Scenario::kNow - 180);
  sc.addPod("agent-1", "node-1", 2);
  sc.addPod("agent-2", "node-2", 1);
  const auto findings = nodeHealthFindings(sc.snapshot());
  ASSERT_EQ(findings.size(), 1u);
  const auto& f = findings[0];
  EXPECT_EQ(f.kind, "NodeNotReady");
  EXPECT_EQ(f.severity, Severity::Blocking);
  EXPECT_EQ(f.evidence[0],
            "node-2: Ready=Unknown (NodeStatusUnknown) for 3m, last heartbeat 3m40s ago; "
            "counted by the rollout");
  EXPECT_EQ(f.evidence[1], "  pod agent-2 (revision 1) Ready");
  EXPECT_EQ(f.fixes[0].command, "kubectl delete node node-2");
}

TEST(NodeFindingsTest, TaintedUnreachableNodeWithATerminatingPod) {
  Scenario sc;
  sc.addNode("node-1");
  auto& dead = sc.addNode("node-2");
  notReady(dead, Scenario::kNow - 600);
  taint(dead, "node.kubernetes.io/unreachable", "NoSchedule");
  taint(dead, "node.kubernetes.io/unreachable", "NoExecute");
  auto& pod = sc.addPod("agent-2", "node-2", 1);
  pod["metadata"]["deletionTimestamp"] = model::formatTime(Scenario::kNow - 300);
  const auto findings = nodeHealthFindings(sc.snapshot());
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].severity, Severity::Warning);  // the rollout no longer counts it
  EXPECT_NE(findings[0].evidence[0].find("no longer counted by the rollout (tainted)"),
            std::string::npos);
  EXPECT_EQ(findings[1].kind, "StuckTerminating");
  EXPECT_EQ(findings[1].evidence[0],
            "pod agent-2 (revision 1) Terminating for 5m on node-2: the node is NotReady "
            "and cannot confirm the deletion");
  EXPECT_EQ(findings[1].fixes[0].command,
            "kubectl delete pod agent-2 --grace-period=0 --force -n ops");
  // The unreachable taint is the NotReady finding's business, not an untolerated taint.
  EXPECT_FALSE(taintFinding(sc.snapshot()));
}

TEST(NodeFindingsTest, CordonedNodesAreANote) {
  Scenario sc;
  sc.addNode("node-1")["spec"]["unschedulable"] = true;
  sc.addPod("agent-1", "node-1", 2);
  const auto findings = nodeHealthFindings(sc.snapshot());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "NodeCordoned");
  EXPECT_EQ(findings[0].severity, Severity::Info);
  EXPECT_EQ(findings[0].fixes[0].command, "kubectl uncordon node-1");
}

}  // namespace
}  // namespace dsroll::diagnose
