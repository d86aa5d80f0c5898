// Causes in the DaemonSet's own settings and in its controller: OnDelete pods waiting for
// deletion, hostPort with maxSurge, a generation the controller has not observed, the
// maxUnavailable / maxSurge budget used up, and no node selected at all.

#include <algorithm>
#include <map>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/Scheduling.hpp"

namespace dsroll::diagnose {

namespace {

using commands::NodeState;

constexpr std::size_t kShown = 10;

std::string strategyType(const Snapshot& s) {
  return model::str(s.ds.object, {"spec", "updateStrategy", "type"}, "RollingUpdate");
}

const nlohmann::json* rollingField(const Snapshot& s, const char* field) {
  return model::at(s.ds.object, {"spec", "updateStrategy", "rollingUpdate", field});
}

/** Reasons a node passes through while its pod is replaced normally. */
bool transient(const std::string& reason) {
  return reason == "ContainerCreating" || reason == "PodInitializing" ||
         reason == "MinReadySeconds" || reason == "Pending" || reason == "NoPod" || reason.empty();
}

}  // namespace

std::optional<Finding> onDeleteFinding(const Snapshot& s) {
  if (strategyType(s) != "OnDelete") return std::nullopt;
  Finding f;
  f.kind = "OnDeletePending";
  f.severity = Severity::Blocking;
  nlohmann::json pods = nlohmann::json::array();
  std::size_t count = 0;
  for (const auto& p : s.pods) {
    if (p.updated || p.pod.deleting) continue;
    ++count;
    if (count <= kShown) {
      f.evidence.push_back(p.pod.name + " on " + p.node + ": revision " +
                           std::to_string(p.revision) + ", created " +
                           duration(s.now - p.pod.created) + " ago");
    }
    pods.push_back({{"name", p.pod.name}, {"node", p.node}, {"revision", p.revision}});
  }
  if (count == 0) return std::nullopt;
  if (count > kShown) f.evidence.push_back("... and " + std::to_string(count - kShown) + " more");
  f.cause = std::to_string(count) + (count == 1 ? " old pod waits" : " old pods wait") +
            " to be deleted: updateStrategy OnDelete replaces a pod only when it is deleted";
  f.fixes.push_back(
      Fix{s.style.dsroll("ondelete-roll", " --batch=1"),
          "deletes the old pods a batch at a time, waiting for each new pod to be available"});
  f.fixes.push_back(Fix{s.style.dsroll("strategy", " --type=RollingUpdate"),
                        "or let the controller roll it (maxUnavailable 1)"});
  f.data = {{"pods", std::move(pods)}, {"revision", s.currentRevision}};
  return f;
}

std::optional<Finding> hostPortSurgeFinding(const Snapshot& s) {
  if (strategyType(s) != "RollingUpdate") return std::nullopt;
  const auto surge = scaledValue(rollingField(s, "maxSurge"), s.progress.desired, 0);
  if (surge <= 0) return std::nullopt;
  std::vector<std::string> ports;
  for (const char* list : {"containers", "initContainers"}) {
    const auto* cs = model::at(s.podSpec(), {list});
    if (cs == nullptr || !cs->is_array()) continue;
    for (const auto& c : *cs) {
      const auto* ps = model::at(c, {"ports"});
      if (ps == nullptr || !ps->is_array()) continue;
      for (const auto& p : *ps) {
        if (const auto port = model::integer(p, {"hostPort"}); port > 0) {
          ports.push_back(std::to_string(port) + "/" + model::str(p, {"protocol"}, "TCP") +
                          " (container " + model::str(c, {"name"}) + ")");
        }
      }
    }
  }
  if (ports.empty()) return std::nullopt;
  Finding f;
  f.kind = "HostPortWithSurge";
  std::vector<std::string> blocked;
  for (const auto& p : s.pods) {
    if (p.updated && p.pod.nodeName.empty() &&
        p.pod.unschedulable.find("free ports") != std::string::npos) {
      blocked.push_back(p.pod.name + " on " + p.node);
    }
  }
  f.severity = blocked.empty() ? Severity::Warning : Severity::Blocking;
  f.cause = "hostPort with maxSurge " + intOrString(rollingField(s, "maxSurge"), "0") +
            ": the surge pod cannot bind a port the old pod on the node still holds";
  f.evidence.push_back("host ports: " + nameList(ports, kShown));
  if (!blocked.empty()) {
    f.evidence.push_back(std::to_string(blocked.size()) +
                         " new pods Pending for free ports: " + nameList(blocked, kShown));
  }
  f.fixes.push_back(Fix{s.style.dsroll("strategy", " --max-surge=0 --max-unavailable=1"),
                        "replace the old pod first, then start the new one"});
  f.data = {{"hostPorts", ports}, {"maxSurge", surge}, {"pendingPods", blocked}};
  return f;
}

std::optional<Finding> generationFinding(const Snapshot& s, const Extras& x) {
  if (s.ds.observedGeneration >= s.ds.generation) return std::nullopt;
  Finding f;
  f.kind = "GenerationNotObserved";
  f.severity = Severity::Blocking;
  f.cause = "the DaemonSet controller has not observed generation " +
            std::to_string(s.ds.generation) + " (observedGeneration " +
            std::to_string(s.ds.observedGeneration) + ")";
  nlohmann::json data = {{"generation", s.ds.generation},
                         {"observedGeneration", s.ds.observedGeneration}};
  const std::int64_t serverNow = s.now + s.serverOffset.value_or(0);
  if (x.controllerLease) {
    const auto& lease = *x.controllerLease;
    const auto age = serverNow - lease.renewTime;
    const bool stale = age > std::max<std::int64_t>(lease.durationSeconds, 15);
    f.evidence.push_back("kube-system/kube-controller-manager lease held by " +
                         (lease.holder.empty() ? std::string("nobody") : lease.holder) +
                         ", last renewed " + duration(age) + " ago" +
                         (stale ? ": the controller manager is not running"
                                : ": the controller manager is running"));
    data["controllerLeaseAgeSeconds"] = age;
    data["controllerManagerRunning"] = !stale;
    if (stale) f.cause += ": the controller manager looks down";
  } else if (!x.controllerLeaseError.empty()) {
    f.evidence.push_back("the controller manager's lease could not be read: " +
                         x.controllerLeaseError);
  }
  f.fixes.push_back(Fix{
      s.style.kubectl("get lease kube-controller-manager", "kube-system"),
      "check that kube-controller-manager runs (and its logs for errors about this DaemonSet)"});
  f.data = std::move(data);
  return f;
}

std::optional<Finding> budgetFinding(const Snapshot& s) {
  if (strategyType(s) != "RollingUpdate" || s.progress.nodes.empty()) return std::nullopt;
  const auto desired = s.progress.desired;
  auto surge = scaledValue(rollingField(s, "maxSurge"), desired, 0);
  auto maxUnavailable = scaledValue(rollingField(s, "maxUnavailable"), desired, surge > 0 ? 0 : 1);
  if (desired > 0 && surge == 0 && maxUnavailable == 0) maxUnavailable = 1;  // controller's floor
  std::vector<const commands::NodeProgress*> unavailable;
  std::size_t waiting = 0;
  bool stalled = false;
  bool newPodsFail = false;
  for (const auto& n : s.progress.nodes) {
    if (n.state == NodeState::Waiting) ++waiting;
    if (n.state == NodeState::Unavailable || n.state == NodeState::Updating) {
      unavailable.push_back(&n);
      if (!transient(n.reason)) stalled = true;
      if (n.state == NodeState::Updating && !transient(n.reason)) newPodsFail = true;
    }
  }
  const auto count = static_cast<std::int64_t>(unavailable.size());
  const auto limit = surge > 0 ? surge : maxUnavailable;
  if (waiting == 0 || !stalled || count < limit) return std::nullopt;
  Finding f;
  f.kind = surge > 0 ? "MaxSurgeUsedUp" : "MaxUnavailableUsedUp";
  // Broken new pods are the cause, reported on their own; this only says why the rest waits.
  f.severity = newPodsFail ? Severity::Info : Severity::Blocking;
  f.cause = std::to_string(count) + (count == 1 ? " node is" : " nodes are") + " unavailable and " +
            (surge > 0 ? "maxSurge is " + std::to_string(surge)
                       : "maxUnavailable is " + std::to_string(maxUnavailable)) +
            ": " + std::to_string(waiting) +
            (waiting == 1 ? " node waits for its turn" : " nodes wait for their turn");
  nlohmann::json nodes = nlohmann::json::array();
  for (std::size_t i = 0; i < unavailable.size(); ++i) {
    const auto* n = unavailable[i];
    if (i < kShown) {
      // The scheduler's whole message is in the resource finding; the word is enough here.
      const auto reason =
          n->reason.rfind("Unschedulable", 0) == 0 ? std::string("Unschedulable") : n->reason;
      f.evidence.push_back(
          n->name + ": " +
          std::string(commands::NodeState::Updating == n->state ? "new pod " : "") +
          (reason.empty() ? "not available" : reason));
    }
    nodes.push_back({{"node", n->name}, {"reason", n->reason}});
  }
  if (unavailable.size() > kShown)
    f.evidence.push_back("... and " + std::to_string(unavailable.size() - kShown) + " more");
  if (newPodsFail) {
    f.fixes.push_back(
        Fix{"", "fix the new pods first (see above): more room would only break more nodes"});
  } else {
    f.fixes.push_back(
        Fix{s.style.dsroll("strategy", " --max-unavailable=" + std::to_string(count + 1)),
            "lets the rollout go on while those nodes stay unavailable"});
  }
  f.data = {{"unavailable", std::move(nodes)},
            {"maxUnavailable", maxUnavailable},
            {"maxSurge", surge},
            {"waiting", waiting}};
  return f;
}

std::optional<Finding> noNodesFinding(const Snapshot& s) {
  if (model::integer(s.ds.object, {"status", "desiredNumberScheduled"}) != 0 ||
      s.ds.observedGeneration < s.ds.generation || !s.nodesKnown) {
    return std::nullopt;
  }
  Finding f;
  f.kind = "NoNodesSelected";
  f.severity = Severity::Warning;
  f.cause = "no node should run this DaemonSet (desiredNumberScheduled 0)";
  std::map<std::string, std::vector<std::string>> why;
  for (const auto& node : s.nodes) {
    const model::NodeFacts facts{node.name, &node.labels, &node.taints};
    const auto placement = model::placementOn(s.podSpec(), facts);
    std::string reason;
    switch (placement.verdict) {
      case model::PlacementVerdict::Runs:
        reason = "selected";
        break;
      case model::PlacementVerdict::NodeNameMismatch:
        reason = placement.detail;
        break;
      case model::PlacementVerdict::NodeSelector:
        reason = "nodeSelector " + placement.detail + " does not match";
        break;
      case model::PlacementVerdict::NodeAffinity:
        reason = "required node affinity does not match";
        break;
      case model::PlacementVerdict::Taint:
        reason = "taint " + placement.detail + " not tolerated";
        break;
    }
    why[reason].push_back(node.name);
  }
  if (s.nodes.empty()) f.evidence.push_back("the cluster has no nodes");
  nlohmann::json data = nlohmann::json::object();
  for (const auto& [reason, nodes] : why) {
    f.evidence.push_back(reason + ": " + nameList(nodes));
    data[reason] = nodes;
  }
  if (const auto* selector = model::at(s.podSpec(), {"nodeSelector"});
      selector && selector->is_object() && !selector->empty() && !s.nodes.empty()) {
    std::string labels;
    for (const auto& [k, v] : selector->items()) {
      labels += " " + k + "=" + (v.is_string() ? v.get<std::string>() : std::string());
    }
    f.fixes.push_back(
        Fix{s.style.kubectl("label node " + s.nodes.front().name + labels, ""),
            "label the nodes that should run it (or change spec.template.spec.nodeSelector)"});
  }
  f.data = {{"nodes", std::move(data)}};
  return f;
}

}  // namespace dsroll::diagnose
