#include "daemon/state/Records.hpp"

#include <gtest/gtest.h>

namespace dsroll::state {
namespace {

using nlohmann::json;

TEST(RecordsTest, PodInImagePullBackOff) {
  const json pod = json::parse(R"({
    "metadata": {"name": "fluentd-abcde", "namespace": "kube-system", "uid": "p1",
                 "creationTimestamp": "2026-11-26T14:00:00Z",
                 "labels": {"controller-revision-hash": "6d8b6c6b7f", "pod-template-generation": "2"},
                 "ownerReferences": [{"kind": "DaemonSet", "name": "fluentd", "uid": "ds1", "controller": true}]},
    "spec": {"nodeName": "node-1"},
    "status": {"phase": "Pending",
      "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": "2026-11-26T14:00:01Z"}],
      "containerStatuses": [{"name": "c", "image": "pullfail.invalid/x", "ready": false, "restartCount": 0,
                             "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off"}}}]}})");
  auto r = PodRecord::fromJson(pod);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->key(), "kube-system/fluentd-abcde");
  EXPECT_EQ(r->ownerUid, "ds1");
  EXPECT_EQ(r->ownerKind, "DaemonSet");
  EXPECT_EQ(r->nodeName, "node-1");
  EXPECT_EQ(r->hash, "6d8b6c6b7f");
  EXPECT_EQ(r->templateGeneration, "2");
  EXPECT_FALSE(r->ready);
  EXPECT_EQ(r->reason, "ImagePullBackOff");
  EXPECT_EQ(r->image, "pullfail.invalid/x");
  EXPECT_EQ(r->created, 1795701600);
}

TEST(RecordsTest, CrashLoopKeepsLastExitCodeAndRestarts) {
  const json pod = json::parse(R"({
    "metadata": {"name": "p", "namespace": "n", "uid": "u"},
    "status": {"phase": "Running",
      "containerStatuses": [{"name": "c", "image": "i", "ready": false, "restartCount": 5,
        "lastState": {"terminated": {"exitCode": 1, "reason": "Error"}},
        "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}})");
  auto r = PodRecord::fromJson(pod);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, "CrashLoopBackOff");
  EXPECT_EQ(r->restartCount, 5);
  EXPECT_EQ(r->lastExitCode, 1);
}

TEST(RecordsTest, ReadyPodRemembersSince) {
  const json pod = json::parse(R"({"metadata": {"name": "p", "namespace": "n"},
    "status": {"conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2026-11-26T14:00:10Z"}]}})");
  auto r = PodRecord::fromJson(pod);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->ready);
  EXPECT_EQ(r->readySince, 1795701610);
}

TEST(RecordsTest, NodeAllocatableLabelsTaintsAndReadiness) {
  const json node = json::parse(R"({
    "metadata": {"name": "node-0", "uid": "n0", "labels": {"node-role.kubernetes.io/control-plane": ""}},
    "spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}],
             "unschedulable": true},
    "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
      "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                      "lastHeartbeatTime": "2026-11-26T14:05:00Z", "lastTransitionTime": "2026-11-26T14:00:00Z"}]}})");
  auto n = NodeRecord::fromJson(node);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->cpuMilli, 4000);
  EXPECT_EQ(n->memoryBytes, 8LL * 1024 * 1024 * 1024);
  EXPECT_EQ(n->pods, 110);
  ASSERT_EQ(n->taints.size(), 1u);
  EXPECT_EQ(n->taints[0].effect, "NoSchedule");
  EXPECT_TRUE(n->unschedulable);
  EXPECT_EQ(n->ready, "True");
  EXPECT_EQ(n->heartbeat, 1795701900);
  EXPECT_EQ(n->labels.count("node-role.kubernetes.io/control-plane"), 1u);
}

TEST(RecordsTest, RevisionKnowsItsControllerAndDropsManagedFields) {
  const json cr = json::parse(R"({
    "metadata": {"name": "fluentd-6d8b6c6b7f", "namespace": "kube-system", "uid": "r1",
      "labels": {"controller-revision-hash": "6d8b6c6b7f"},
      "annotations": {"kubernetes.io/change-cause": "kubectl apply --record=true"},
      "managedFields": [{"manager": "kube-controller-manager"}],
      "ownerReferences": [{"kind": "DaemonSet", "uid": "ds1", "controller": true}]},
    "revision": 3, "data": {"spec": {"template": {"$patch": "replace"}}}})");
  auto r = RevisionRecord::fromJson(cr);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->revision, 3);
  EXPECT_EQ(r->ownerUid, "ds1");
  EXPECT_EQ(r->ownerKind, "DaemonSet");
  EXPECT_EQ(r->hash, "6d8b6c6b7f");
  EXPECT_EQ(r->changeCause(), "kubectl apply --record=true");
  EXPECT_FALSE(r->object["metadata"].contains("managedFields"));
}

TEST(RecordsTest, ObjectsWithoutNamesAreIgnored) {
  EXPECT_FALSE(DaemonSetRecord::fromJson(json::object()));
  EXPECT_FALSE(PodRecord::fromJson(json::parse(R"({"metadata": {}})")));
  EXPECT_FALSE(NodeRecord::fromJson(json::array()));
}

}  // namespace
}  // namespace dsroll::state
