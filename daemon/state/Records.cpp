#include "daemon/state/Records.hpp"

#include "daemon/model/Json.hpp"
#include "daemon/model/Quantity.hpp"

namespace dsroll::state {

using model::at;
using model::integer;
using model::parseTime;
using model::str;

namespace {

const nlohmann::json* condition(const nlohmann::json& object, const std::string& type) {
  const auto* conditions = at(object, {"status", "conditions"});
  if (conditions == nullptr || !conditions->is_array()) {
    return nullptr;
  }
  for (const auto& c : *conditions) {
    if (str(c, {"type"}) == type) {
      return &c;
    }
  }
  return nullptr;
}

std::string label(const nlohmann::json& object, const char* key) {
  return str(object, {"metadata", "labels", key});
}

void describeContainers(const nlohmann::json& statuses, PodRecord& pod) {
  if (!statuses.is_array()) {
    return;
  }
  for (const auto& cs : statuses) {
    pod.restartCount += static_cast<int>(integer(cs, {"restartCount"}));
    if (const auto* last = at(cs, {"lastState", "terminated"}); last != nullptr) {
      pod.lastExitCode = static_cast<int>(integer(*last, {"exitCode"}));
    }
    if (!pod.reason.empty() || model::boolean(cs, {"ready"})) {
      continue;
    }
    if (const auto* waiting = at(cs, {"state", "waiting"}); waiting != nullptr) {
      pod.reason = str(*waiting, {"reason"});
      pod.message = str(*waiting, {"message"});
    } else if (const auto* term = at(cs, {"state", "terminated"}); term != nullptr) {
      pod.reason = str(*term, {"reason"}, "Terminated");
      pod.message = str(*term, {"message"});
    }
    pod.image = str(cs, {"image"});
    pod.container = str(cs, {"name"});
  }
}

/** The DaemonSet controller pins each pod with a matchFields metadata.name In [node] term. */
std::string affinityNode(const nlohmann::json& pod) {
  const auto* terms = at(pod, {"spec", "affinity", "nodeAffinity",
                               "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"});
  if (terms == nullptr || !terms->is_array()) {
    return "";
  }
  for (const auto& term : *terms) {
    const auto* fields = at(term, {"matchFields"});
    if (fields == nullptr || !fields->is_array()) continue;
    for (const auto& r : *fields) {
      const auto* values = at(r, {"values"});
      if (str(r, {"key"}) == "metadata.name" && str(r, {"operator"}) == "In" && values &&
          values->is_array() && values->size() == 1 && values->front().is_string()) {
        return values->front().get<std::string>();
      }
    }
  }
  return "";
}

}  // namespace

std::optional<DaemonSetRecord> DaemonSetRecord::fromJson(const nlohmann::json& object) {
  DaemonSetRecord r;
  r.uid = model::uidOf(object);
  r.namespace_ = model::namespaceOf(object);
  r.name = model::nameOf(object);
  if (r.uid.empty() || r.name.empty()) {
    return std::nullopt;
  }
  r.generation = integer(object, {"metadata", "generation"});
  r.observedGeneration = integer(object, {"status", "observedGeneration"});
  r.resourceVersion = str(object, {"metadata", "resourceVersion"});
  r.object = object;
  model::dropManagedFields(r.object);
  return r;
}

std::string RevisionRecord::changeCause() const {
  return str(object, {"metadata", "annotations", "kubernetes.io/change-cause"});
}

std::optional<RevisionRecord> RevisionRecord::fromJson(const nlohmann::json& object) {
  RevisionRecord r;
  r.uid = model::uidOf(object);
  r.namespace_ = model::namespaceOf(object);
  r.name = model::nameOf(object);
  const auto owner = model::controllerRef(object);
  r.ownerUid = owner.uid;
  r.ownerKind = owner.kind;
  if (r.uid.empty() || r.name.empty()) {
    return std::nullopt;
  }
  r.revision = integer(object, {"revision"});
  r.hash = label(object, "controller-revision-hash");
  r.object = object;
  model::dropManagedFields(r.object);
  return r;
}

std::optional<PodRecord> PodRecord::fromJson(const nlohmann::json& object) {
  PodRecord p;
  p.namespace_ = model::namespaceOf(object);
  p.name = model::nameOf(object);
  p.uid = model::uidOf(object);
  if (p.name.empty()) {
    return std::nullopt;
  }
  const auto owner = model::controllerRef(object);
  p.ownerUid = owner.uid;
  p.ownerKind = owner.kind;
  p.nodeName = str(object, {"spec", "nodeName"});
  p.hash = label(object, "controller-revision-hash");
  p.templateGeneration = label(object, "pod-template-generation");
  p.phase = str(object, {"status", "phase"});
  p.deleting = at(object, {"metadata", "deletionTimestamp"}) != nullptr;
  p.deletionTime = parseTime(str(object, {"metadata", "deletionTimestamp"}));
  if (p.nodeName.empty()) p.pinnedNode = affinityNode(object);
  p.created = parseTime(str(object, {"metadata", "creationTimestamp"}));
  if (const auto* ready = condition(object, "Ready"); ready != nullptr) {
    p.ready = str(*ready, {"status"}) == "True";
    if (p.ready) {
      p.readySince = parseTime(str(*ready, {"lastTransitionTime"}));
    }
  }
  if (const auto* scheduled = condition(object, "PodScheduled");
      scheduled != nullptr && str(*scheduled, {"status"}) == "False") {
    p.unschedulable = str(*scheduled, {"message"}, str(*scheduled, {"reason"}));
  }
  if (const auto* init = at(object, {"status", "initContainerStatuses"})) {
    describeContainers(*init, p);
  }
  if (const auto* containers = at(object, {"status", "containerStatuses"})) {
    describeContainers(*containers, p);
  }
  return p;
}

std::optional<NodeRecord> NodeRecord::fromJson(const nlohmann::json& object) {
  NodeRecord n;
  n.name = model::nameOf(object);
  n.uid = model::uidOf(object);
  if (n.name.empty()) {
    return std::nullopt;
  }
  if (const auto* labels = at(object, {"metadata", "labels"}); labels && labels->is_object()) {
    for (const auto& [k, v] : labels->items()) {
      if (v.is_string()) n.labels.emplace(k, v.get<std::string>());
    }
  }
  if (const auto* taints = at(object, {"spec", "taints"}); taints && taints->is_array()) {
    for (const auto& t : *taints) {
      n.taints.push_back(model::NodeTaint{str(t, {"key"}), str(t, {"value"}), str(t, {"effect"})});
    }
  }
  n.unschedulable = model::boolean(object, {"spec", "unschedulable"});
  if (const auto* ready = condition(object, "Ready"); ready != nullptr) {
    n.ready = str(*ready, {"status"}, "Unknown");
    n.readyReason = str(*ready, {"reason"});
    n.readySince = parseTime(str(*ready, {"lastTransitionTime"}));
    n.heartbeat = parseTime(str(*ready, {"lastHeartbeatTime"}));
  }
  auto quantity = [&](const char* resource) -> std::int64_t {
    const auto v = model::parseQuantityMilli(str(object, {"status", "allocatable", resource}));
    return v.value_or(0);
  };
  n.cpuMilli = quantity("cpu");
  n.memoryBytes = quantity("memory") / 1000;
  n.pods = quantity("pods") / 1000;
  return n;
}

}  // namespace dsroll::state
