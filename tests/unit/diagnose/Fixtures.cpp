#include "tests/unit/diagnose/Fixtures.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "daemon/commands/DiagnoseSnapshot.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::diagnose::testing {

namespace {

nlohmann::json templateSpec(const std::string& image, const std::string& memory) {
  nlohmann::json container = {{"name", "a"}, {"image", image}};
  container["resources"]["requests"] = {{"cpu", "100m"}, {"memory", memory}};
  nlohmann::json spec;
  spec["containers"] = nlohmann::json::array({container});
  return spec;
}

nlohmann::json owner() {
  nlohmann::json ref = {{"apiVersion", "apps/v1"},
                        {"kind", "DaemonSet"},
                        {"name", "agent"},
                        {"uid", "ds-uid"},
                        {"controller", true}};
  return nlohmann::json::array({ref});
}

nlohmann::json revision(int number, const std::string& hash, const nlohmann::json& spec) {
  nlohmann::json r;
  r["apiVersion"] = "apps/v1";
  r["kind"] = "ControllerRevision";
  r["metadata"]["name"] = "agent-" + hash;
  r["metadata"]["namespace"] = "ops";
  r["metadata"]["uid"] = "rev-uid-" + std::to_string(number);
  r["metadata"]["labels"] = {{"app", "agent"}, {"controller-revision-hash", hash}};
  r["metadata"]["ownerReferences"] = owner();
  r["revision"] = number;
  r["data"]["spec"]["template"]["metadata"]["labels"] = {{"app", "agent"}};
  r["data"]["spec"]["template"]["spec"] = spec;
  return r;
}

std::vector<const state::PodRecord*> pointers(const std::vector<state::PodRecord>& v) {
  std::vector<const state::PodRecord*> out;
  for (const auto& p : v)
    out.push_back(&p);
  return out;
}

nlohmann::json itemsOf(const nlohmann::json& list) {
  return list.contains("items") ? list["items"] : list;
}

}  // namespace

nlohmann::json loadJson(const std::string& file) {
  std::ifstream in("data/" + file);
  if (!in) throw std::runtime_error("cannot open data/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

Snapshot snapshotOf(const nlohmann::json& ds,
                    const nlohmann::json& revisions,
                    const nlohmann::json& pods,
                    const nlohmann::json& nodes,
                    std::int64_t now) {
  auto dsRecord = state::DaemonSetRecord::fromJson(ds);
  if (!dsRecord) throw std::runtime_error("not a DaemonSet");
  std::vector<state::RevisionRecord> revs;
  for (const auto& r : itemsOf(revisions)) {
    if (auto rec = state::RevisionRecord::fromJson(r); rec && rec->ownerUid == dsRecord->uid) {
      revs.push_back(*rec);
    }
  }
  std::vector<state::PodRecord> podRecords;
  for (const auto& p : itemsOf(pods)) {
    if (auto rec = state::PodRecord::fromJson(p)) podRecords.push_back(*rec);
  }
  std::vector<state::NodeRecord> nodeRecords;
  for (const auto& n : itemsOf(nodes)) {
    if (auto rec = state::NodeRecord::fromJson(n)) nodeRecords.push_back(*rec);
  }
  std::vector<const state::NodeRecord*> nodePointers;
  for (const auto& n : nodeRecords)
    nodePointers.push_back(&n);
  auto s = commands::makeSnapshot(*dsRecord, revs, pointers(podRecords), nodePointers, true, now);
  s.style = CommandStyle{dsRecord->name, dsRecord->namespace_, ""};
  return s;
}

Scenario::Scenario() {
  const auto spec = templateSpec("agent:2", "100Mi");
  ds["apiVersion"] = "apps/v1";
  ds["kind"] = "DaemonSet";
  ds["metadata"] = {{"name", "agent"},
                    {"namespace", "ops"},
                    {"uid", "ds-uid"},
                    {"generation", 2},
                    {"resourceVersion", "100"}};
  ds["metadata"]["annotations"]["deprecated.daemonset.template.generation"] = "2";
  ds["spec"]["selector"]["matchLabels"]["app"] = "agent";
  ds["spec"]["updateStrategy"]["type"] = "RollingUpdate";
  ds["spec"]["updateStrategy"]["rollingUpdate"] = {{"maxUnavailable", 1}, {"maxSurge", 0}};
  ds["spec"]["template"]["metadata"]["labels"]["app"] = "agent";
  ds["spec"]["template"]["spec"] = spec;
  ds["status"]["observedGeneration"] = 2;
  revisions.push_back(revision(1, "h1", templateSpec("agent:1", "100Mi")));
  revisions.push_back(revision(2, "h2", spec));
}

nlohmann::json& Scenario::addNode(const std::string& name,
                                  const std::string& cpu,
                                  const std::string& memory) {
  nlohmann::json n;
  n["apiVersion"] = "v1";
  n["kind"] = "Node";
  n["metadata"]["name"] = name;
  n["metadata"]["uid"] = "node-uid-" + name;
  n["metadata"]["labels"]["kubernetes.io/hostname"] = name;
  n["spec"] = nlohmann::json::object();
  n["status"]["allocatable"] = {{"cpu", cpu}, {"memory", memory}, {"pods", "110"}};
  nlohmann::json ready = {{"type", "Ready"},
                          {"status", "True"},
                          {"reason", "KubeletReady"},
                          {"lastHeartbeatTime", model::formatTime(now - 5)},
                          {"lastTransitionTime", model::formatTime(now - 3600)}};
  n["status"]["conditions"] = nlohmann::json::array({ready});
  nodes.push_back(std::move(n));
  return nodes.back();
}

nlohmann::json& Scenario::addPod(const std::string& name, const std::string& node, int revision) {
  const std::string number = std::to_string(revision);
  const auto readySince = model::formatTime(now - 600);
  nlohmann::json p;
  p["apiVersion"] = "v1";
  p["kind"] = "Pod";
  p["metadata"]["name"] = name;
  p["metadata"]["namespace"] = "ops";
  p["metadata"]["uid"] = "pod-uid-" + name;
  p["metadata"]["creationTimestamp"] = model::formatTime(now - 700);
  p["metadata"]["labels"] = {{"app", "agent"},
                             {"controller-revision-hash", "h" + number},
                             {"pod-template-generation", number}};
  p["metadata"]["ownerReferences"] = owner();
  p["spec"]["nodeName"] = node;
  nlohmann::json container = {{"name", "a"}, {"image", "agent:" + number}};
  p["spec"]["containers"] = nlohmann::json::array({container});
  p["status"]["phase"] = "Running";
  nlohmann::json ready = {
      {"type", "Ready"}, {"status", "True"}, {"lastTransitionTime", readySince}};
  p["status"]["conditions"] = nlohmann::json::array({ready});
  nlohmann::json status = {
      {"name", "a"}, {"image", "agent:" + number}, {"ready", true}, {"restartCount", 0}};
  status["state"]["running"]["startedAt"] = readySince;
  p["status"]["containerStatuses"] = nlohmann::json::array({status});
  pods.push_back(std::move(p));
  return pods.back();
}

nlohmann::json& Scenario::addPendingPod(const std::string& name,
                                        const std::string& node,
                                        const std::string& schedulerMessage) {
  auto& p = addPod(name, node, 2);
  p["spec"].erase("nodeName");
  nlohmann::json requirement = {{"key", "metadata.name"}, {"operator", "In"}, {"values", {node}}};
  nlohmann::json term;
  term["matchFields"] = nlohmann::json::array({requirement});
  p["spec"]["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
   ["nodeSelectorTerms"] = nlohmann::json::array({term});
  nlohmann::json scheduled = {{"type", "PodScheduled"},
                              {"status", "False"},
                              {"reason", "Unschedulable"},
                              {"message", schedulerMessage}};
  p["status"] = {{"phase", "Pending"}};
  p["status"]["conditions"] = nlohmann::json::array({scheduled});
  return p;
}

void Scenario::status(std::int64_t desired,
                      std::int64_t updated,
                      std::int64_t available,
                      std::int64_t ready) {
  ds["status"]["desiredNumberScheduled"] = desired;
  ds["status"]["updatedNumberScheduled"] = updated;
  ds["status"]["numberAvailable"] = available;
  ds["status"]["numberReady"] = ready;
}

Snapshot Scenario::snapshot() const {
  auto s =
      snapshotOf(ds, nlohmann::json(revisions), nlohmann::json(pods), nlohmann::json(nodes), now);
  s.serverOffset = serverOffset;
  s.lastKnownGood = lastKnownGood;
  return s;
}

OtherPod otherPod(const std::string& ns,
                  const std::string& name,
                  const std::string& ownerKind,
                  const std::string& cpu,
                  const std::string& memory,
                  std::map<std::string, std::string> labels) {
  nlohmann::json pod;
  pod["metadata"] = {{"namespace", ns}, {"name", name}};
  pod["metadata"]["labels"] = labels;
  nlohmann::json container = {{"name", "c"}};
  container["resources"]["requests"] = {{"cpu", cpu}, {"memory", memory}};
  pod["spec"]["containers"] = nlohmann::json::array({container});
  pod["status"]["phase"] = "Running";
  if (!ownerKind.empty()) {
    nlohmann::json ref = {
        {"kind", ownerKind}, {"name", name + "-owner"}, {"uid", "u"}, {"controller", true}};
    pod["metadata"]["ownerReferences"] = nlohmann::json::array({ref});
  }
  return *OtherPod::fromJson(pod);
}

}  // namespace dsroll::diagnose::testing
