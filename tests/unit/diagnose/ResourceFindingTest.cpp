#include <gtest/gtest.h>

#include "daemon/diagnose/Diagnose.hpp"
#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::loadJson;

const std::int64_t kRecorded = model::parseTime("2026-11-26T15:50:00Z");

Snapshot recorded() {
  return testing::snapshotOf(loadJson("agent-ds.json"), loadJson("agent-revisions.json"),
                             loadJson("agent-pods.json"), loadJson("nodes.json"), kRecorded);
}

Extras extras() {
  // Named: a range-for over a member of a temporary would dangle.
  const auto events = loadJson("failed-scheduling-events.json");
  const auto pods = loadJson("node-1-pods.json");
  const auto budgets = loadJson("pdbs.json");
  Extras x;
  for (const auto& e : events["items"])
    x.events.push_back(*SchedulingEvent::fromJson(e));
  auto& node1 = x.nodePods["node-1"];
  for (const auto& p : pods["items"])
    node1.pods.push_back(*OtherPod::fromJson(p));
  for (const auto& b : budgets["items"])
    x.budgets.push_back(*DisruptionBudget::fromJson(b));
  return x;
}

TEST(ResourceFindingTest, RecordedPendingPodIsPinnedToItsNode) {
  const auto s = recorded();
  EXPECT_EQ(nodesToInspect(s, {}), (std::vector<std::string>{"node-1"}));
  // The status view sees the node's new pod as unschedulable, not as a node without a pod.
  bool seen = false;
  for (const auto& n : s.progress.nodes) {
    if (n.name == "node-1") {
      seen = true;
      EXPECT_EQ(n.state, commands::NodeState::Updating);
      EXPECT_EQ(n.reason.rfind("Unschedulable: 0/4 nodes are available: 1 Insufficient memory", 0),
                0u);
    }
  }
  EXPECT_TRUE(seen);
}

TEST(ResourceFindingTest, NamesTheNodeTheShortfallAndTheCandidates) {
  const auto s = recorded();
  const auto f = resourceFinding(s, extras());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->kind, "InsufficientResources");
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->cause, "1 node has no room for the DaemonSet's pod (short of memory)");
  const auto& nodes = f->data["nodes"];
  ASSERT_EQ(nodes.size(), 1u);
  EXPECT_EQ(nodes[0]["node"], "node-1");
  EXPECT_EQ(nodes[0]["pod"], "agent-ndwgd");
  EXPECT_EQ(nodes[0]["requests"]["memory"], "2Gi");
  EXPECT_EQ(nodes[0]["allocatable"]["memory"], "4Gi");
  EXPECT_EQ(nodes[0]["requested"]["memory"], "2560Mi");
  EXPECT_EQ(nodes[0]["shortfall"]["memory"], "512Mi");
  EXPECT_EQ(nodes[0]["shortfall"]["cpu"], "0");
  const auto& c = nodes[0]["candidates"];
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0]["name"], "web-5f58cf657d-97hkn");
  EXPECT_EQ(c[0]["controller"]["kind"], "ReplicaSet");
  EXPECT_FALSE(c[0]["bare"]);
  EXPECT_EQ(c[0]["podDisruptionBudgets"][0]["name"], "web-pdb");
  EXPECT_TRUE(c[0]["suggested"]);
  EXPECT_EQ(c[1]["name"], "batch");
  EXPECT_TRUE(c[1]["bare"]);
  EXPECT_FALSE(c[1]["suggested"]);

  ASSERT_GE(f->fixes.size(), 2u);
  EXPECT_EQ(f->fixes[0].command, "kubectl delete pod web-5f58cf657d-97hkn -n res");
  EXPECT_EQ(f->fixes[0].note, "frees cpu 500m, memory 1536Mi, 1 pod on node-1");
  // The requests grew from revision 1: going back is the other way out.
  EXPECT_EQ(f->fixes[1].command, "kubectl dsroll undo agent -n res --to-revision=1");

  std::string text;
  for (const auto& line : f->evidence)
    text += line + "\n";
  EXPECT_NE(text.find("  short         memory 512Mi\n"), std::string::npos) << text;
  EXPECT_NE(
      text.find("res/web-5f58cf657d-97hkn  cpu 500m, memory 1536Mi  controller-managed (ReplicaSet "
                "web-5f58cf657d): safe to delete, it is rescheduled elsewhere; PodDisruptionBudget "
                "web-pdb allows 1 disruption"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("res/batch  cpu 100m, memory 1Gi  bare pod: deleting it is an outage"),
            std::string::npos)
      << text;
}

TEST(ResourceFindingTest, SaysWhenThePodsOnTheNodeCouldNotBeRead) {
  const auto s = recorded();
  Extras x;
  x.nodePods["node-1"].error = "pods is forbidden";
  const auto f = resourceFinding(s, x);
  ASSERT_TRUE(f);
  std::string text;
  for (const auto& line : f->evidence)
    text += line + "\n";
  EXPECT_NE(text.find("pods on the node unknown: pods is forbidden"), std::string::npos) << text;
  EXPECT_TRUE(f->fixes.size() == 1u);  // only the undo
}

TEST(ResourceFindingTest, ManyNodesAreSummarisedInTextButAllInData) {
  testing::Scenario sc;
  Extras x;
  for (int i = 0; i < 15; ++i) {
    const std::string node = "node-" + std::to_string(100 + i);
    sc.addNode(node, "2", "1Gi");
    sc.addPendingPod("agent-" + std::to_string(i), node,
                     "0/15 nodes are available: 1 Insufficient memory.");
    x.nodePods[node].pods.push_back(
        testing::otherPod("web", "w" + std::to_string(i), "ReplicaSet", "100m", "1000Mi"));
  }
  const auto f = resourceFinding(sc.snapshot(), x);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->data["nodes"].size(), 15u);
  EXPECT_EQ(f->fixes.size(), 10u);
  EXPECT_EQ(f->evidence.back(),
            "... and 5 more nodes: node-110, node-111, node-112, node-113, node-114 "
            "(-o json gives every node)");
}

TEST(ResourceFindingTest, OtherSchedulingFailuresAreNotResourceFindings) {
  testing::Scenario sc;
  sc.addNode("node-1");
  sc.addPendingPod("agent-x", "node-1",
                   "0/1 nodes are available: 1 node(s) didn't have free ports.");
  EXPECT_TRUE(nodesToInspect(sc.snapshot(), {}).empty());
  EXPECT_FALSE(resourceFinding(sc.snapshot(), {}));
}

}  // namespace
}  // namespace dsroll::diagnose
