#include <gtest/gtest.h>

#include "daemon/commands/RolloutProgress.hpp"
#include "daemon/commands/StuckHint.hpp"

namespace dsroll::commands {
namespace {

using nlohmann::json;

json daemonSet(int generation,
               int observed,
               int desired,
               int updated,
               int available,
               const char* strategy = "RollingUpdate") {
  json ds = {{"metadata", {{"name", "fluentd"}, {"generation", generation}}},
             {"spec", {{"updateStrategy", {{"type", strategy}}}}},
             {"status",
              {{"observedGeneration", observed},
               {"desiredNumberScheduled", desired},
               {"numberAvailable", available}}}};
  if (updated > 0) ds["status"]["updatedNumberScheduled"] = updated;  // omitempty, as served
  return ds;
}

TEST(KubectlStatusTest, KubectlsLinesInOrder) {
  EXPECT_EQ(kubectlStatus(daemonSet(2, 1, 3, 3, 3)).message,
            "Waiting for daemon set spec update to be observed...\n");
  EXPECT_EQ(kubectlStatus(daemonSet(2, 2, 3, 0, 3)).message,
            "Waiting for daemon set \"fluentd\" rollout to finish: 0 out of 3 new pods have been "
            "updated...\n");
  EXPECT_EQ(kubectlStatus(daemonSet(2, 2, 3, 3, 2)).message,
            "Waiting for daemon set \"fluentd\" rollout to finish: 2 of 3 updated pods are "
            "available...\n");
  const auto done = kubectlStatus(daemonSet(2, 2, 3, 3, 3));
  EXPECT_EQ(done.message, "daemon set \"fluentd\" successfully rolled out\n");
  EXPECT_TRUE(done.done);
}

TEST(KubectlStatusTest, ZeroDesiredIsDone) {
  EXPECT_TRUE(kubectlStatus(daemonSet(1, 1, 0, 0, 0)).done);
}

TEST(KubectlStatusTest, OnDeleteIsKubectlsError) {
  const auto s = kubectlStatus(daemonSet(1, 1, 3, 3, 3, "OnDelete"));
  ASSERT_TRUE(s.error);
  EXPECT_EQ(*s.error, "rollout status is only available for RollingUpdate strategy type");
}

TEST(StuckHintTest, GroupsFailureReasons) {
  RolloutProgress p;
  p.nodes = {{"node-1", NodeState::Updating, "ImagePullBackOff"},
             {"node-2", NodeState::Updating, "ImagePullBackOff"},
             {"node-3", NodeState::Waiting, ""},
             {"node-4", NodeState::Updating, "ContainerCreating"}};
  EXPECT_EQ(stuckHint("kubectl dsroll diagnose fluentd -n kube-system", p),
            "2 pods in ImagePullBackOff (node-1, ...): run kubectl dsroll diagnose fluentd -n "
            "kube-system");
  p.nodes = {{"node-1", NodeState::Updating, "ContainerCreating"}};
  EXPECT_EQ(stuckHint("kubectl dsroll diagnose fluentd -n kube-system", p), "");
}

TEST(StuckHintTest, IdleWhenNothingIsInFlight) {
  RolloutProgress p;
  p.nodes = {{"node-1", NodeState::Updated, ""},
             {"node-2", NodeState::Waiting, ""},
             {"node-3", NodeState::Waiting, ""}};
  EXPECT_EQ(idleHint("kubectl dsroll diagnose fluentd -n kube-system", p, 21),
            "no progress for 21s and no pod in flight (2 nodes on the old revision): the "
            "DaemonSet controller may have stopped rolling: run kubectl dsroll diagnose fluentd "
            "-n kube-system");
  p.nodes[1].state = NodeState::Updating;
  p.nodes[1].reason = "MinReadySeconds";
  EXPECT_EQ(idleHint("kubectl dsroll diagnose fluentd -n kube-system", p, 21), "");
  EXPECT_EQ(idleHint("kubectl dsroll diagnose fluentd -n kube-system", RolloutProgress{}, 21), "");
}

}  // namespace
}  // namespace dsroll::commands
