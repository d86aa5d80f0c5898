#include "daemon/diagnose/Snapshot.hpp"

#include <algorithm>

#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"

namespace dsroll::diagnose {

using model::at;
using model::integer;
using model::str;

std::string CommandStyle::dsroll(const std::string& verb, const std::string& rest) const {
  return "kubectl dsroll " + verb + " " + name + " -n " + namespace_ + globalFlags + rest;
}

std::string CommandStyle::kubectl(const std::string& args, const std::string& ns) const {
  return "kubectl " + args + (ns.empty() ? "" : " -n " + ns) + globalFlags;
}

const state::NodeRecord* Snapshot::node(const std::string& name) const {
  auto it =
      std::lower_bound(nodes.begin(), nodes.end(), name,
                       [](const state::NodeRecord& n, const std::string& v) { return n.name < v; });
  return it != nodes.end() && it->name == name ? &*it : nullptr;
}

const nlohmann::json& Snapshot::podSpec() const {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  const auto* spec = at(ds.object, {"spec", "template", "spec"});
  return spec != nullptr ? *spec : kEmpty;
}

std::optional<OtherPod> OtherPod::fromJson(const nlohmann::json& pod) {
  OtherPod p;
  p.namespace_ = model::namespaceOf(pod);
  p.name = model::nameOf(pod);
  if (p.name.empty()) return std::nullopt;
  p.phase = str(pod, {"status", "phase"});
  p.deleting = at(pod, {"metadata", "deletionTimestamp"}) != nullptr;
  const auto owner = model::controllerRef(pod);
  p.ownerKind = owner.kind;
  p.ownerName = owner.name;
  if (const auto* labels = at(pod, {"metadata", "labels"}); labels && labels->is_object()) {
    for (const auto& [k, v] : labels->items()) {
      if (v.is_string()) p.labels.emplace(k, v.get<std::string>());
    }
  }
  static const nlohmann::json kEmpty = nlohmann::json::object();
  const auto* spec = at(pod, {"spec"});
  p.requests = podRequests(spec != nullptr ? *spec : kEmpty);
  p.priority = integer(pod, {"spec", "priority"});
  return p;
}

std::optional<DisruptionBudget> DisruptionBudget::fromJson(const nlohmann::json& pdb) {
  DisruptionBudget b;
  b.namespace_ = model::namespaceOf(pdb);
  b.name = model::nameOf(pdb);
  if (b.name.empty()) return std::nullopt;
  if (const auto* selector = at(pdb, {"spec", "selector"}); selector != nullptr) {
    b.selector = *selector;
  }
  b.disruptionsAllowed = integer(pdb, {"status", "disruptionsAllowed"});
  return b;
}

bool DisruptionBudget::covers(const OtherPod& pod) const {
  // policy/v1: a null selector selects nothing, an empty one every pod of the namespace.
  return pod.namespace_ == namespace_ && selector.is_object() &&
         model::selectorMatches(selector, pod.labels);
}

std::optional<SchedulingEvent> SchedulingEvent::fromJson(const nlohmann::json& event) {
  SchedulingEvent e;
  if (str(event, {"involvedObject", "kind"}) != "Pod") return std::nullopt;
  e.podName = str(event, {"involvedObject", "name"});
  e.message = str(event, {"message"});
  if (e.podName.empty()) return std::nullopt;
  e.count =
      std::max<std::int64_t>({1, integer(event, {"count"}), integer(event, {"series", "count"})});
  e.lastSeen = std::max({model::parseTime(str(event, {"lastTimestamp"})),
                         model::parseTime(str(event, {"eventTime"})),
                         model::parseTime(str(event, {"series", "lastObservedTime"}))});
  return e;
}

std::optional<ControllerLease> ControllerLease::fromJson(const nlohmann::json& lease) {
  ControllerLease l;
  l.holder = str(lease, {"spec", "holderIdentity"});
  l.renewTime = model::parseTime(str(lease, {"spec", "renewTime"}));
  l.durationSeconds = integer(lease, {"spec", "leaseDurationSeconds"});
  if (l.renewTime == 0) return std::nullopt;
  return l;
}

}  // namespace dsroll::diagnose
