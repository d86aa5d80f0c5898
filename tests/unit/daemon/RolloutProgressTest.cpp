#include "daemon/commands/RolloutProgress.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

using nlohmann::json;

state::DaemonSetRecord daemonSet(int minReadySeconds) {
  state::DaemonSetRecord ds;
  ds.uid = "ds1";
  ds.namespace_ = "ns";
  ds.name = "agent";
  ds.object = json::parse(R"({
    "metadata": {"name": "agent", "annotations": {"deprecated.daemonset.template.generation": "3"}},
    "spec": {"minReadySeconds": 0, "template": {"spec": {"tolerations": []}}},
    "status": {"desiredNumberScheduled": 4, "updatedNumberScheduled": 2, "numberAvailable": 3}})");
  ds.object["spec"]["minReadySeconds"] = minReadySeconds;
  return ds;
}

state::NodeRecord node(const std::string& name, bool controlPlane = false) {
  state::NodeRecord n;
  n.name = name;
  n.ready = "True";
  if (controlPlane) {
    n.taints.push_back({"node-role.kubernetes.io/control-plane", "", "NoSchedule"});
  }
  return n;
}

state::PodRecord pod(const std::string& nodeName, const std::string& hash, bool ready,
                     std::int64_t readySince = 100, const std::string& reason = "") {
  state::PodRecord p;
  p.name = "agent-" + nodeName + hash;
  p.nodeName = nodeName;
  p.hash = hash;
  p.ready = ready;
  p.readySince = readySince;
  p.reason = reason;
  p.phase = ready ? "Running" : "Pending";
  return p;
}

TEST(RolloutProgressTest, ClassifiesEveryEligibleNode) {
  const auto ds = daemonSet(0);
  const auto n0 = node("node-0", true), n1 = node("node-1"), n2 = node("node-2"),
             n3 = node("node-3"), n4 = node("node-4");
  const auto p1 = pod("node-1", "new", true);
  const auto p2 = pod("node-2", "new", false, 0, "ImagePullBackOff");
  const auto p3 = pod("node-3", "old", true);
  const auto p4 = pod("node-4", "old", false, 0, "CrashLoopBackOff");
  const auto progress =
      rolloutProgress(ds, "new", {&p1, &p2, &p3, &p4}, {&n0, &n1, &n2, &n3, &n4}, 1000);
  ASSERT_EQ(progress.nodes.size(), 4u) << "the control-plane node is not tolerated";
  EXPECT_EQ(progress.nodes[0].state, NodeState::Updated);
  EXPECT_EQ(progress.nodes[1].state, NodeState::Updating);
  EXPECT_EQ(progress.nodes[1].reason, "ImagePullBackOff");
  EXPECT_EQ(progress.nodes[2].state, NodeState::Waiting);
  EXPECT_EQ(progress.nodes[3].state, NodeState::Unavailable);
  EXPECT_EQ(progress.nodes[3].reason, "CrashLoopBackOff");
  EXPECT_EQ(progress.desired, 4);
  EXPECT_EQ(progress.updated, 2);
}

TEST(RolloutProgressTest, MinReadySecondsDelaysAvailability) {
  const auto ds = daemonSet(30);
  const auto n1 = node("node-1");
  const auto p1 = pod("node-1", "new", true, 990);
  EXPECT_EQ(rolloutProgress(ds, "new", {&p1}, {&n1}, 1000).nodes[0].state, NodeState::Updating);
  EXPECT_EQ(rolloutProgress(ds, "new", {&p1}, {&n1}, 1020).nodes[0].state, NodeState::Updated);
}

TEST(RolloutProgressTest, TemplateGenerationAlsoMeansUpdated) {
  state::PodRecord p;
  p.templateGeneration = "3";
  EXPECT_TRUE(podUpdated(p, "other-hash", "3"));
  EXPECT_FALSE(podUpdated(p, "other-hash", "2"));
}

TEST(RolloutProgressTest, NodeWithoutPod) {
  const auto ds = daemonSet(0);
  auto n1 = node("node-1");
  EXPECT_EQ(rolloutProgress(ds, "new", {}, {&n1}, 0).nodes[0].reason, "NoPod");
  n1.ready = "Unknown";
  EXPECT_EQ(rolloutProgress(ds, "new", {}, {&n1}, 0).nodes[0].reason, "NodeNotReady");
}

}  // namespace
}  // namespace dsroll::commands
