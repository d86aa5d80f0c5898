#pragma once
// Compact records of the objects the daemon watches. DaemonSets and ControllerRevisions are
// few and needed whole (templates, -o yaml), so they keep their JSON without managedFields;
// pods and nodes can number in the thousands and keep only what status and diagnose read.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/model/Scheduling.hpp"

namespace dsroll::state {

struct DaemonSetRecord {
  std::string uid;
  std::string namespace_;
  std::string name;
  std::int64_t generation = 0;
  std::int64_t observedGeneration = 0;
  std::string resourceVersion;
  nlohmann::json object;

  std::string key() const { return namespace_ + "/" + name; }
  static std::optional<DaemonSetRecord> fromJson(const nlohmann::json& object);
};

struct RevisionRecord {
  std::string uid;
  std::string namespace_;
  std::string name;
  std::string ownerUid;   // the controller (a DaemonSet, or a StatefulSet: check ownerKind)
  std::string ownerKind;
  std::int64_t revision = 0;
  std::string hash;      // controller-revision-hash label
  nlohmann::json object;

  std::string key() const { return namespace_ + "/" + name; }
  std::string changeCause() const;
  static std::optional<RevisionRecord> fromJson(const nlohmann::json& object);
};

struct PodRecord {
  std::string namespace_;
  std::string name;
  std::string uid;
  std::string ownerUid;            // controller uid, "" for a bare pod
  std::string ownerKind;           // DaemonSet, ReplicaSet, ...
  std::string nodeName;
  std::string hash;                // controller-revision-hash label
  std::string templateGeneration;  // pod-template-generation label
  std::string phase;
  bool ready = false;
  std::int64_t readySince = 0;     // Ready condition's lastTransitionTime when ready
  bool deleting = false;
  std::int64_t created = 0;
  std::string reason;              // why not ready: a container's waiting/terminated reason
  std::string message;
  std::string image;               // of the container that gives the reason
  std::string container;           // the name of that container
  int restartCount = 0;
  int lastExitCode = 0;
  std::string unschedulable;       // PodScheduled=False message (Insufficient cpu, ...)
  std::string pinnedNode;          // unbound: the node the DaemonSet controller's affinity names
  std::int64_t deletionTime = 0;   // metadata.deletionTimestamp when deleting

  std::string key() const { return namespace_ + "/" + name; }
  static std::optional<PodRecord> fromJson(const nlohmann::json& object);
};

struct NodeRecord {
  std::string name;
  std::string uid;
  std::map<std::string, std::string> labels;
  std::vector<model::NodeTaint> taints;
  bool unschedulable = false;
  std::string ready = "Unknown";  // Ready condition status
  std::string readyReason;
  std::int64_t readySince = 0;
  std::int64_t heartbeat = 0;     // Ready condition's lastHeartbeatTime
  std::int64_t cpuMilli = 0;      // allocatable
  std::int64_t memoryBytes = 0;
  std::int64_t pods = 0;

  std::string key() const { return name; }
  static std::optional<NodeRecord> fromJson(const nlohmann::json& object);
};

}  // namespace dsroll::state
