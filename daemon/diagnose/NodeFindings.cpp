// Node-level causes: taints the template does not tolerate (those nodes get no pod at all),
// NotReady or unreachable nodes (their pods never become available), pods stuck Terminating on
// them, and cordoned nodes.

#include <algorithm>
#include <map>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/Scheduling.hpp"

namespace dsroll::diagnose {

namespace {

constexpr std::int64_t kStuckTerminating = 120;  // seconds
constexpr std::size_t kShown = 10;

/** Taints the node lifecycle controller sets on NotReady nodes: reported as NotReady instead. */
bool lifecycleTaint(const std::string& taint) {
  return taint.rfind("node.kubernetes.io/not-ready", 0) == 0 ||
         taint.rfind("node.kubernetes.io/unreachable", 0) == 0;
}

std::string shellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

/** Whether the rollout counts the node (progress.nodes is sorted by name). */
bool eligible(const Snapshot& s, const std::string& node) {
  auto it = std::lower_bound(
      s.progress.nodes.begin(), s.progress.nodes.end(), node,
      [](const commands::NodeProgress& n, const std::string& name) { return n.name < name; });
  return it != s.progress.nodes.end() && it->name == node;
}

std::vector<const DsPod*> podsOn(const Snapshot& s, const std::string& node) {
  std::vector<const DsPod*> out;
  for (const auto& p : s.pods) {
    if (p.node == node) out.push_back(&p);
  }
  return out;
}

std::string podState(const Snapshot& s, const DsPod& p) {
  std::string text = p.pod.name + " (revision " + std::to_string(p.revision) + ")";
  if (p.pod.deleting) {
    text += " Terminating for " + duration(s.now - p.pod.deletionTime);
  } else {
    text += p.pod.ready ? " Ready" : " not Ready";
  }
  return text;
}

}  // namespace

std::optional<Finding> taintFinding(const Snapshot& s) {
  std::map<std::string, std::vector<std::string>> byTaint;  // taint -> nodes
  std::map<std::string, model::NodeTaint> taints;
  std::vector<std::string> keptOld;  // nodes where an old pod stays
  for (const auto& node : s.nodes) {
    const model::NodeFacts facts{node.name, &node.labels, &node.taints};
    const auto placement = model::placementOn(s.podSpec(), facts);
    if (placement.verdict != model::PlacementVerdict::Taint || lifecycleTaint(placement.detail)) {
      continue;
    }
    byTaint[placement.detail].push_back(node.name);
    for (const auto& t : node.taints) {
      const auto text = t.key + (t.value.empty() ? "" : "=" + t.value) + ":" + t.effect;
      if (text == placement.detail) taints[placement.detail] = t;
    }
    for (const auto* p : podsOn(s, node.name)) {
      if (!p->pod.deleting) keptOld.push_back(node.name + " keeps pod " + podState(s, *p));
    }
  }
  if (byTaint.empty()) return std::nullopt;
  Finding f;
  f.kind = "UntoleratedTaint";
  f.severity = keptOld.empty() ? Severity::Info : Severity::Warning;
  std::size_t count = 0;
  nlohmann::json data = nlohmann::json::array();
  nlohmann::json tolerations = nlohmann::json::array();
  if (const auto* own = model::at(s.podSpec(), {"tolerations"}); own && own->is_array()) {
    tolerations = *own;
  }
  for (const auto& [taint, nodes] : byTaint) {
    count += nodes.size();
    f.evidence.push_back(taint + " on " + nameList(nodes, kShown));
    data.push_back({{"taint", taint}, {"nodes", nodes}});
    const auto& t = taints[taint];
    nlohmann::json toleration = {{"key", t.key}, {"operator", "Exists"}, {"effect", t.effect}};
    tolerations.push_back(std::move(toleration));
  }
  for (const auto& line : keptOld)
    f.evidence.push_back(line + ": it is not replaced by the new template");
  f.cause = std::to_string(count) + (count == 1 ? " node runs" : " nodes run") +
            " no pod of this DaemonSet: taints the pod template does not tolerate";
  const nlohmann::json patch = {
      {"spec", {{"template", {{"spec", {{"tolerations", tolerations}}}}}}}};
  f.fixes.push_back(
      Fix{s.style.kubectl("patch daemonset " + s.style.name + " -p " + shellQuote(patch.dump()),
                          s.ds.namespace_),
          "only if the pods belong there: tolerates the taints (a new revision, rolled out "
          "like any template change)"});
  f.data = {{"taints", std::move(data)}};
  return f;
}

std::vector<Finding> nodeHealthFindings(const Snapshot& s) {
  std::vector<Finding> out;
  // NotReady nodes that matter here: counted by the rollout, or holding one of its pods.
  Finding notReady;
  notReady.kind = "NodeNotReady";
  notReady.severity = Severity::Warning;
  nlohmann::json nodes = nlohmann::json::array();
  std::vector<std::string> names;
  for (const auto& node : s.nodes) {
    if (node.ready == "True") continue;
    const bool counted = eligible(s, node.name);
    const auto pods = podsOn(s, node.name);
    if (!counted && pods.empty()) continue;
    if (counted) notReady.severity = Severity::Blocking;
    names.push_back(node.name);
    std::string line = node.name + ": Ready=" + node.ready;
    if (!node.readyReason.empty()) line += " (" + node.readyReason + ")";
    if (node.readySince > 0) line += " for " + duration(s.now - node.readySince);
    if (node.heartbeat > 0) line += ", last heartbeat " + duration(s.now - node.heartbeat) + " ago";
    line += counted ? "; counted by the rollout" : "; no longer counted by the rollout (tainted)";
    if (names.size() <= kShown) {
      notReady.evidence.push_back(line);
      for (const auto* p : pods)
        notReady.evidence.push_back("  pod " + podState(s, *p));
    }
    nodes.push_back({{"node", node.name},
                     {"ready", node.ready},
                     {"reason", node.readyReason},
                     {"counted", counted},
                     {"since", model::formatTime(node.readySince)}});
  }
  if (!names.empty()) {
    notReady.cause = std::to_string(names.size()) +
                     (names.size() == 1 ? " node is" : " nodes are") +
                     " NotReady or unreachable: pods there cannot become available";
    if (names.size() > kShown)
      notReady.evidence.push_back("... and " + std::to_string(names.size() - kShown) + " more");
    for (std::size_t i = 0; i < names.size() && i < 3; ++i) {
      notReady.fixes.push_back(
          Fix{s.style.kubectl("delete node " + names[i], ""),
              "if " + names[i] + " is gone for good; otherwise bring its kubelet back"});
    }
    notReady.data = {{"nodes", std::move(nodes)}};
    out.push_back(std::move(notReady));
  }

  // Pods stuck Terminating: on a node that cannot confirm, or for long.
  Finding stuck;
  stuck.kind = "StuckTerminating";
  stuck.severity = Severity::Blocking;
  std::vector<std::string> pods;
  for (const auto& p : s.pods) {
    if (!p.pod.deleting || p.pod.deletionTime <= 0) continue;
    const auto* node = s.node(p.node);
    const bool deadNode = node != nullptr && node->ready != "True";
    if (!deadNode && s.now - p.pod.deletionTime < kStuckTerminating) continue;
    pods.push_back(p.pod.name);
    stuck.evidence.push_back(
        "pod " + podState(s, p) + " on " + p.node +
        (deadNode ? ": the node is NotReady and cannot confirm the deletion" : ""));
    stuck.fixes.push_back(Fix{
        s.style.kubectl("delete pod " + p.pod.name + " --grace-period=0 --force", s.ds.namespace_),
        deadNode ? "only if " + p.node + " is really down: its kubelet never confirms"
                 : "check its finalizers first"});
  }
  if (!pods.empty()) {
    stuck.cause = std::to_string(pods.size()) + (pods.size() == 1 ? " pod is" : " pods are") +
                  " stuck Terminating: the node keeps counting as not updated";
    stuck.data = {{"pods", pods}};
    out.push_back(std::move(stuck));
  }

  // Cordoned nodes still run DaemonSet pods (they tolerate node.kubernetes.io/unschedulable).
  std::vector<std::string> cordoned;
  for (const auto& node : s.nodes) {
    if (node.unschedulable && eligible(s, node.name)) cordoned.push_back(node.name);
  }
  if (!cordoned.empty()) {
    Finding f;
    f.kind = "NodeCordoned";
    f.severity = Severity::Info;
    f.cause = std::to_string(cordoned.size()) + (cordoned.size() == 1 ? " node is" : " nodes are") +
              " cordoned: DaemonSet pods run there anyway";
    f.evidence.push_back("cordoned: " + nameList(cordoned, kShown));
    f.fixes.push_back(
        Fix{s.style.kubectl("uncordon " + cordoned.front(), ""), "when its maintenance is over"});
    f.data = {{"nodes", cordoned}};
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace dsroll::diagnose
