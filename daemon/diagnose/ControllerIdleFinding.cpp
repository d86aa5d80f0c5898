// A rolling update the controller has stopped working on: nodes still run the old revision,
// nothing is in flight (every pod available, none pending or terminating), and no pod of the
// DaemonSet has changed for a while. Seen with Kubernetes' DaemonSet controller when a sync
// fails on a stale cache: it then waits for an event, or for its 5-minute expectations timeout.

#include <algorithm>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::diagnose {

namespace {

using commands::NodeState;

/** How long a rollout with nothing in flight may sit still before it counts as idle. */
constexpr std::int64_t kIdleSeconds = 30;

}  // namespace

std::optional<Finding> controllerIdleFinding(const Snapshot& s, const Extras& x) {
  if (model::str(s.ds.object, {"spec", "updateStrategy", "type"}, "RollingUpdate") !=
      "RollingUpdate") {
    return std::nullopt;
  }
  if (s.ds.observedGeneration < s.ds.generation || s.progress.desired <= 0 ||
      s.progress.updated >= s.progress.desired || s.pods.empty()) {
    return std::nullopt;
  }
  std::vector<std::string> waiting;
  for (const auto& node : s.progress.nodes) {
    if (node.state == NodeState::Updating || node.state == NodeState::Unavailable) {
      return std::nullopt;  // something is in flight, or blocked for a reason other checks name
    }
    if (node.state == NodeState::Waiting) waiting.push_back(node.name);
  }
  if (waiting.empty()) return std::nullopt;
  const auto minReady = model::integer(s.ds.object, {"spec", "minReadySeconds"});
  std::int64_t lastChange = 0;
  for (const auto& p : s.pods) {
    if (p.pod.deleting || !p.pod.ready || !p.available) return std::nullopt;
    lastChange = std::max({lastChange, p.pod.created, p.pod.readySince + minReady});
  }
  const std::int64_t serverNow = s.now + s.serverOffset.value_or(0);
  const std::int64_t still = serverNow - lastChange;
  if (still < kIdleSeconds) return std::nullopt;

  Finding f;
  f.kind = "ControllerIdle";
  f.severity = Severity::Blocking;
  f.cause = "the DaemonSet controller stopped rolling: " + std::to_string(s.progress.updated) +
            " of " + std::to_string(s.progress.desired) +
            " nodes updated, nothing in flight, no pod changed for " + duration(still);
  f.evidence.push_back("every pod of the DaemonSet is available; none is pending or terminating");
  f.evidence.push_back(std::to_string(waiting.size()) +
                       " nodes still run an old revision: " + nameList(waiting));
  nlohmann::json data = {{"idleSeconds", still}, {"waitingNodes", waiting}};
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
