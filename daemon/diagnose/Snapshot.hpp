#pragma once
// What diagnose looks at. The Snapshot is the daemon's live view of one DaemonSet (its informers:
// the DaemonSet, its revisions, its pods, the nodes) with each pod and node already classified
// the way the status view does it; the Extras are what is fetched on demand for the nodes that
// need a closer look (the other pods there, scheduling events, PodDisruptionBudgets, the
// controller manager's lease).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/commands/RolloutProgress.hpp"
#include "daemon/diagnose/Resources.hpp"
#include "daemon/state/Records.hpp"

namespace dsroll::diagnose {

/** How fixing commands address the cluster: the user's --context/--kubeconfig, if given. */
struct CommandStyle {
  std::string name;  // the DaemonSet
  std::string namespace_;
  std::string globalFlags;  // " --context=x" etc., with a leading space, or ""

  /** "kubectl dsroll VERB NAME -n NS<flags><rest>" */
  std::string dsroll(const std::string& verb, const std::string& rest = "") const;
  /** "kubectl ARGS -n NAMESPACE<flags>" (namespace "" = a cluster-scoped object). */
  std::string kubectl(const std::string& args, const std::string& namespace_) const;
};

/** One of the DaemonSet's pods, classified. */
struct DsPod {
  state::PodRecord pod;
  std::string node;           // bound node, else the node the controller pinned it to
  bool updated = false;       // runs the current template
  bool available = false;     // Ready for minReadySeconds, by this machine's clock
  std::int64_t revision = 0;  // of its controller-revision-hash; 0 if unknown
};

struct Snapshot {
  state::DaemonSetRecord ds;
  std::vector<state::RevisionRecord> revisions;  // sorted by revision
  std::int64_t currentRevision = 0;
  std::vector<DsPod> pods;
  std::vector<state::NodeRecord> nodes;       // every node, sorted by name
  bool nodesKnown = true;                     // false when nodes could not be listed
  commands::RolloutProgress progress;         // the status view's per-node picture
  commands::KubectlStatus status;             // kubectl rollout status's verdict (RollingUpdate)
  std::int64_t now = 0;                       // this machine's clock, Unix seconds
  std::optional<std::int64_t> serverOffset;   // the API server's clock minus ours, seconds
  std::optional<std::int64_t> lastKnownGood;  // revision number, from the cache's rollout log
  CommandStyle style;

  const state::NodeRecord* node(const std::string& name) const;
  const nlohmann::json& podSpec() const;  // the current template's spec
};

/** A pod of another owner, on a node the new pod does not fit on. */
struct OtherPod {
  std::string namespace_;
  std::string name;
  std::string phase;
  bool deleting = false;
  std::string ownerKind;  // controller kind, "" for a bare pod
  std::string ownerName;
  std::map<std::string, std::string> labels;
  Requests requests;
  std::int64_t priority = 0;

  static std::optional<OtherPod> fromJson(const nlohmann::json& pod);
  /** Succeeded and Failed pods hold no resources. */
  bool terminal() const { return phase == "Succeeded" || phase == "Failed"; }
};

/** The pods bound to one node, or why they are unknown. */
struct NodePods {
  std::vector<OtherPod> pods;
  std::string error;  // "" when listed
};

struct DisruptionBudget {
  std::string namespace_;
  std::string name;
  nlohmann::json selector;  // null: selects nothing
  std::int64_t disruptionsAllowed = 0;

  static std::optional<DisruptionBudget> fromJson(const nlohmann::json& pdb);
  bool covers(const OtherPod& pod) const;
};

/** A FailedScheduling event of one of the DaemonSet's pods. */
struct SchedulingEvent {
  std::string podName;
  std::string message;
  std::int64_t count = 1;
  std::int64_t lastSeen = 0;

  static std::optional<SchedulingEvent> fromJson(const nlohmann::json& event);
};

/** kube-system/kube-controller-manager's leader lease: renewed with the controller's clock. */
struct ControllerLease {
  std::string holder;
  std::int64_t renewTime = 0;
  std::int64_t durationSeconds = 0;

  static std::optional<ControllerLease> fromJson(const nlohmann::json& lease);
};

struct Extras {
  std::map<std::string, NodePods> nodePods;  // by node name
  std::vector<DisruptionBudget> budgets;
  std::string budgetsError;  // "" when listed
  std::vector<SchedulingEvent> events;
  std::optional<ControllerLease> controllerLease;
  std::string controllerLeaseError;
};

}  // namespace dsroll::diagnose
