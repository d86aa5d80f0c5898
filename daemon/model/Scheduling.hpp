#pragma once
// Which nodes a DaemonSet's pod template wants, the way the DaemonSet controller decides it
// (NodeShouldRunDaemonPod): node name, nodeSelector, required node affinity, and taints the
// template does not tolerate. Resources and host ports are the scheduler's business, not this.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dsroll::model {

struct NodeTaint {
  std::string key;
  std::string value;
  std::string effect;  // NoSchedule, PreferNoSchedule, NoExecute
};

/** The parts of a node that placement looks at. */
struct NodeFacts {
  std::string name;
  const std::map<std::string, std::string>* labels = nullptr;
  const std::vector<NodeTaint>* taints = nullptr;
};

enum class PlacementVerdict {
  Runs,             // the controller wants a pod here
  NodeNameMismatch, // template spec.nodeName names another node
  NodeSelector,     // nodeSelector does not match the node's labels
  NodeAffinity,     // required node affinity does not match
  Taint,            // a NoSchedule/NoExecute taint is not tolerated
};

struct Placement {
  PlacementVerdict verdict = PlacementVerdict::Runs;
  std::string detail;  // e.g. the untolerated taint "node-role.kubernetes.io/control-plane:NoSchedule"
};

/** podSpec is the template's spec (template.spec). */
Placement placementOn(const nlohmann::json& podSpec, const NodeFacts& node);

/** Whether one toleration tolerates one taint (core/v1 helper semantics). */
bool tolerates(const nlohmann::json& toleration, const NodeTaint& taint);

/** The tolerations the DaemonSet controller adds to every daemon pod (hostNetwork adds one). */
std::vector<nlohmann::json> daemonPodDefaultTolerations(bool hostNetwork);

}  // namespace dsroll::model
