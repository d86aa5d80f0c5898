#include "daemon/commands/RolloutProgress.hpp"

#include <algorithm>
#include <map>

#include "daemon/model/Json.hpp"
#include "daemon/model/Scheduling.hpp"
#include "daemon/render/GoFormat.hpp"

namespace dsroll::commands {

using model::integer;
using model::str;

KubectlStatus kubectlStatus(const nlohmann::json& ds) {
  const std::string name = render::gofmt::quote(model::nameOf(ds));
  if (str(ds, {"spec", "updateStrategy", "type"}) != "RollingUpdate") {
    return {"", true, "rollout status is only available for RollingUpdate strategy type"};
  }
  const auto generation = integer(ds, {"metadata", "generation"});
  const auto observed = integer(ds, {"status", "observedGeneration"});
  if (generation > observed) {
    return {"Waiting for daemon set spec update to be observed...\n", false, std::nullopt};
  }
  const auto desired = integer(ds, {"status", "desiredNumberScheduled"});
  const auto updated = integer(ds, {"status", "updatedNumberScheduled"});
  const auto available = integer(ds, {"status", "numberAvailable"});
  if (updated < desired) {
    return {"Waiting for daemon set " + name + " rollout to finish: " + std::to_string(updated) +
                " out of " + std::to_string(desired) + " new pods have been updated...\n",
            false, std::nullopt};
  }
  if (available < desired) {
    return {"Waiting for daemon set " + name + " rollout to finish: " + std::to_string(available) +
                " of " + std::to_string(desired) + " updated pods are available...\n",
            false, std::nullopt};
  }
  return {"daemon set " + name + " successfully rolled out\n", true, std::nullopt};
}

std::string_view toString(NodeState state) {
  switch (state) {
    case NodeState::Updated: return "updated";
    case NodeState::Updating: return "updating";
    case NodeState::Waiting: return "waiting";
    case NodeState::Unavailable: return "unavailable";
  }
  return "waiting";
}

bool podAvailable(const state::PodRecord& pod, std::int64_t minReadySeconds, std::int64_t now) {
  if (!pod.ready || pod.deleting) return false;
  return minReadySeconds <= 0 || pod.readySince + minReadySeconds <= now;
}

bool podUpdated(const state::PodRecord& pod, const std::string& currentHash,
                const std::string& templateGeneration) {
  return (!currentHash.empty() && pod.hash == currentHash) ||
         (!templateGeneration.empty() && pod.templateGeneration == templateGeneration);
}

namespace {

std::string reasonOf(const state::PodRecord& pod) {
  if (pod.deleting) return "Terminating";
  if (!pod.reason.empty()) return pod.reason;
  if (!pod.unschedulable.empty()) return "Unschedulable: " + pod.unschedulable;
  if (pod.nodeName.empty()) return "Pending";
  if (pod.phase == "Pending") return "ContainerCreating";
  if (!pod.ready) return "NotReady";
  return "MinReadySeconds";
}

}  // namespace

RolloutProgress rolloutProgress(const state::DaemonSetRecord& ds, const std::string& currentHash,
                                const std::vector<const state::PodRecord*>& pods,
                                const std::vector<const state::NodeRecord*>& nodes,
                                std::int64_t now) {
  const auto& o = ds.object;
  RolloutProgress p;
  p.desired = integer(o, {"status", "desiredNumberScheduled"});
  p.updated = integer(o, {"status", "updatedNumberScheduled"});
  p.available = integer(o, {"status", "numberAvailable"});
  p.ready = integer(o, {"status", "numberReady"});
  const auto minReady = integer(o, {"spec", "minReadySeconds"});
  const auto generation = str(o, {"metadata", "annotations", "deprecated.daemonset.template.generation"});
  const nlohmann::json* podSpec = model::at(o, {"spec", "template", "spec"});
  static const nlohmann::json kEmpty = nlohmann::json::object();

  std::map<std::string, std::vector<const state::PodRecord*>> byNode;
  for (const auto* pod : pods) {
    // Pods not yet bound are pinned to their node by the controller's node affinity.
    byNode[pod->nodeName.empty() ? pod->pinnedNode : pod->nodeName].push_back(pod);
  }
  for (const auto* node : nodes) {
    const model::NodeFacts facts{node->name, &node->labels, &node->taints};
    if (model::placementOn(podSpec ? *podSpec : kEmpty, facts).verdict !=
        model::PlacementVerdict::Runs) {
      continue;
    }
    NodeProgress np{node->name, NodeState::Waiting, ""};
    const state::PodRecord* fresh = nullptr;
    const state::PodRecord* old = nullptr;
    for (const auto* pod : byNode[node->name]) {
      (podUpdated(*pod, currentHash, generation) ? fresh : old) = pod;
    }
    if (fresh != nullptr && podAvailable(*fresh, minReady, now)) {
      np.state = NodeState::Updated;
    } else if (fresh != nullptr) {
      np.state = NodeState::Updating;
      np.reason = reasonOf(*fresh);
    } else if (old != nullptr && podAvailable(*old, minReady, now)) {
      np.state = NodeState::Waiting;
    } else {
      np.state = NodeState::Unavailable;
      np.reason = old != nullptr ? reasonOf(*old) : (node->ready != "True" ? "NodeNotReady" : "NoPod");
    }
    p.nodes.push_back(std::move(np));
  }
  std::sort(p.nodes.begin(), p.nodes.end(),
            [](const NodeProgress& a, const NodeProgress& b) { return a.name < b.name; });
  return p;
}

}  // namespace dsroll::commands
