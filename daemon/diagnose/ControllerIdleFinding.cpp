// A rolling update the controller has stopped working on: nothing is in flight (every pod
// available, none pending or terminating), no pod of the DaemonSet has changed for a while, and
// yet the controller owes work: nodes still run only the old revision, nodes keep an old pod next
// to an available new one (maxSurge: the old one goes as soon as the new one is available), or the
// status still counts fewer updated or available pods than the pods show. Seen with Kubernetes
// 1.36's DaemonSet controller under maxSurge and minReadySeconds: it syncs while new pods are
// Ready but not yet available, the re-check it schedules for later never runs, and it waits for
// an event that does not come.

#include <algorithm>
#include <map>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::diagnose {

namespace {

using commands::NodeState;

/** How long a rollout with nothing in flight may sit still before it counts as idle. */
constexpr std::int64_t kIdleSeconds = 30;

/** Nodes where an updated pod and an old one both run. */
std::vector<std::string> surgePairs(const Snapshot& s) {
  std::map<std::string, std::pair<bool, bool>> seen;  // node: {updated, old}
  for (const auto& p : s.pods)
    (p.updated ? seen[p.node].first : seen[p.node].second) = true;
  std::vector<std::string> nodes;
  for (const auto& [node, kinds] : seen) {
    if (kinds.first && kinds.second) nodes.push_back(node);
  }
  return nodes;
}

}  // namespace

std::optional<Finding> controllerIdleFinding(const Snapshot& s, const Extras& x) {
  if (model::str(s.ds.object, {"spec", "updateStrategy", "type"}, "RollingUpdate") !=
      "RollingUpdate") {
    return std::nullopt;
  }
  const auto& progress = s.progress;
  if (s.ds.observedGeneration < s.ds.generation || progress.desired <= 0 || s.pods.empty()) {
    return std::nullopt;
  }
  std::vector<std::string> waiting;
  for (const auto& node : progress.nodes) {
    if (node.state == NodeState::Updating || node.state == NodeState::Unavailable) {
      return std::nullopt;  // something is in flight, or blocked for a reason other checks name
    }
    if (node.state == NodeState::Waiting) waiting.push_back(node.name);
  }
  const auto minReady = model::integer(s.ds.object, {"spec", "minReadySeconds"});
  std::int64_t lastChange = 0;
  for (const auto& p : s.pods) {
    if (p.pod.deleting || !p.pod.ready || !p.available) return std::nullopt;
    lastChange = std::max({lastChange, p.pod.created, p.pod.readySince + minReady});
  }
  const auto pairs = surgePairs(s);
  const auto updatedNodes = static_cast<std::int64_t>(progress.nodes.size() - waiting.size());
  const bool statusDone =
      progress.updated >= progress.desired && progress.available >= progress.desired;
  // The pods show every node updated (as many as the controller wants), the status does not.
  const bool statusBehind = waiting.empty() && !statusDone && updatedNodes >= progress.desired;
  // Old pods beside available new ones are owed even when the status calls the rollout done; a
  // done status with nodes waiting means our picture disagrees with the controller's.
  const bool owed = !pairs.empty() || (!statusDone && (!waiting.empty() || statusBehind));
  if (!owed) return std::nullopt;

  const std::int64_t serverNow = s.now + s.serverOffset.value_or(0);
  const std::int64_t still = serverNow - lastChange;
  if (still < kIdleSeconds) return std::nullopt;

  Finding f;
  f.kind = "ControllerIdle";
  // Old pods left beside a rollout the status calls complete hold nothing up.
  f.severity = statusDone ? Severity::Warning : Severity::Blocking;
  f.cause = "the DaemonSet controller stopped rolling: " + std::to_string(updatedNodes) + " of " +
            std::to_string(progress.nodes.size()) +
            " nodes updated, nothing in flight, no pod changed for " + duration(still);
  f.evidence.push_back("every pod of the DaemonSet is available; none is pending or terminating");
  if (!waiting.empty()) {
    f.evidence.push_back(std::to_string(waiting.size()) +
                         " nodes still run an old revision: " + nameList(waiting));
  }
  if (!pairs.empty()) {
    f.evidence.push_back(std::to_string(pairs.size()) +
                         " nodes keep an old pod beside an available new one (the controller "
                         "deletes it once the new one is available): " +
                         nameList(pairs));
  }
  if (!statusDone) {
    f.evidence.push_back(
        "the status counts " + std::to_string(progress.updated) + " updated and " +
        std::to_string(progress.available) + " available of " + std::to_string(progress.desired) +
        " desired" + (statusBehind ? ": the controller has not written what the pods show" : ""));
  }
  nlohmann::json data = {{"idleSeconds", still},
                         {"waitingNodes", waiting},
                         {"oldPodBesideNewNodes", pairs},
                         {"statusBehind", statusBehind}};
  if (x.controllerLease) {
    const auto age = serverNow - x.controllerLease->renewTime;
    f.evidence.push_back("kube-system/kube-controller-manager lease last renewed " + duration(age) +
                         " ago");
    data["controllerLeaseAgeSeconds"] = age;
  }
  // Any write to the DaemonSet wakes the controller; an annotation leaves the template (and so
  // the revisions) alone.
  f.fixes.push_back(Fix{s.style.kubectl("annotate daemonset " + s.ds.name +
                                            " kubectl-dsroll/nudged-at=\"$(date +%s)\" --overwrite",
                                        s.ds.namespace_),
                        "wake the controller: it looks at the DaemonSet again at once (the "
                        "template is unchanged, no new revision)"});
  f.fixes.push_back(Fix{
      s.style.kubectl("get lease kube-controller-manager", "kube-system"),
      "if it stays idle: check that kube-controller-manager runs, and its log for this DaemonSet"});
  f.data = std::move(data);
  return f;
}

}  // namespace dsroll::diagnose
