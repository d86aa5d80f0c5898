// Nodes out of resources: the DaemonSet controller places a pod on every node it selects, but
// the scheduler binds it only where the requests fit. Compare the node's allocatable with what
// its pods already request, and find the pods whose deletion would make room.

#include <algorithm>
#include <map>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/diagnose/RoomPlan.hpp"

namespace dsroll::diagnose {

namespace {

constexpr std::size_t kNodesShown = 10;
constexpr std::size_t kCandidatesShown = 5;

bool resourceMessage(const std::string& message) {
  return message.find("Insufficient ") != std::string::npos ||
         message.find("Too many pods") != std::string::npos;
}

std::map<std::string, const SchedulingEvent*> latestEvents(
    const std::vector<SchedulingEvent>& events) {
  std::map<std::string, const SchedulingEvent*> byPod;
  for (const auto& e : events) {
    auto& slot = byPod[e.podName];
    if (slot == nullptr || e.lastSeen >= slot->lastSeen) slot = &e;
  }
  return byPod;
}

/** The Pending DaemonSet pod of each node short of resources. */
std::map<std::string, const DsPod*> pendingForResources(
    const Snapshot& s, const std::vector<SchedulingEvent>& events) {
  const auto byPod = latestEvents(events);
  std::map<std::string, const DsPod*> out;
  for (const auto& p : s.pods) {
    if (!p.pod.nodeName.empty() || p.pod.deleting || p.node.empty()) continue;
    std::string message = p.pod.unschedulable;
    if (auto it = byPod.find(p.pod.name); it != byPod.end() && message.empty()) {
      message = it->second->message;
    }
    if (!resourceMessage(message)) continue;
    auto& slot = out[p.node];
    if (slot == nullptr || (p.updated && !slot->updated)) slot = &p;
  }
  return out;
}

std::string ownerText(const OtherPod& pod) {
  return pod.ownerKind.empty() ? "bare pod" : pod.ownerKind + " " + pod.ownerName;
}

std::string marking(const RoomCandidate& c) {
  std::string text;
  if (c.kind == CandidateKind::Bare) {
    text = "bare pod: deleting it is an outage";
  } else if (c.kind == CandidateKind::Static) {
    text = "static pod: the kubelet owns it, it cannot be deleted through the API";
  } else {
    text = "controller-managed (" + ownerText(*c.pod) +
           "): safe to delete, it is rescheduled elsewhere";
  }
  for (const auto* b : c.budgets) {
    text += "; PodDisruptionBudget " + b->name + " allows " +
            std::to_string(b->disruptionsAllowed) +
            (b->disruptionsAllowed == 1 ? " disruption" : " disruptions");
  }
  return text;
}

nlohmann::json candidateJson(const RoomCandidate& c, bool suggested) {
  nlohmann::json budgets = nlohmann::json::array();
  for (const auto* b : c.budgets) {
    budgets.push_back({{"name", b->name}, {"disruptionsAllowed", b->disruptionsAllowed}});
  }
  return {{"namespace", c.pod->namespace_},
          {"name", c.pod->name},
          {"requests", toJson(c.pod->requests)},
          {"controller", c.pod->ownerKind.empty() ? nlohmann::json(nullptr)
                                                  : nlohmann::json{{"kind", c.pod->ownerKind},
                                                                   {"name", c.pod->ownerName}}},
          {"bare", c.kind == CandidateKind::Bare},
          {"static", c.kind == CandidateKind::Static},
          {"podDisruptionBudgets", budgets},
          {"suggested", suggested}};
}

/** The fix for one node: delete the suggested pods. */
Fix roomFix(const Snapshot& s, const std::string& node, const RoomPlan& plan) {
  std::map<std::string, std::vector<std::string>> byNamespace;
  Requests freed;
  std::vector<std::string> notes;
  for (auto i : plan.suggested) {
    const auto& c = plan.candidates[i];
    byNamespace[c.pod->namespace_].push_back(c.pod->name);
    freed += c.pod->requests;
    if (c.kind == CandidateKind::Bare)
      notes.push_back(c.pod->name + " is a bare pod: its work stops");
    for (const auto* b : c.budgets) {
      if (b->disruptionsAllowed <= 0) {
        notes.push_back(c.pod->name + ": PodDisruptionBudget " + b->name +
                        " allows no disruption now; deleting bypasses it");
      }
    }
  }
  std::string command;
  for (const auto& [ns, names] : byNamespace) {
    std::string args = "delete pod";
    for (const auto& n : names)
      args += " " + n;
    command += (command.empty() ? "" : " && ") + s.style.kubectl(args, ns);
  }
  freed.pods = static_cast<std::int64_t>(plan.suggested.size());
  std::string note = "frees " + describe(freed) + " on " + node;
  for (const auto& n : notes)
    note += "; " + n;
  return Fix{command, note};
}

}  // namespace

std::vector<std::string> nodesShortOfResources(const Snapshot& s,
                                               const std::vector<SchedulingEvent>& events) {
  std::vector<std::string> nodes;
  for (const auto& [node, pod] : pendingForResources(s, events))
    nodes.push_back(node);
  return nodes;
}

std::optional<Finding> resourceFinding(const Snapshot& s, const Extras& x) {
  const auto pending = pendingForResources(s, x.events);
  if (pending.empty()) return std::nullopt;
  const auto byPod = latestEvents(x.events);
  const Requests need = podRequests(s.podSpec());

  Finding f;
  f.kind = "InsufficientResources";
  f.severity = Severity::Blocking;
  std::map<std::string, int> shortOf;  // resource -> nodes
  nlohmann::json nodes = nlohmann::json::array();
  std::size_t shown = 0;
  std::vector<std::string> hidden;
  for (const auto& [nodeName, dsPod] : pending) {
    const auto& pod = dsPod->pod;
    std::string message = pod.unschedulable;
    auto event = byPod.find(pod.name);
    if (message.empty() && event != byPod.end()) message = event->second->message;
    nlohmann::json entry = {
        {"node", nodeName}, {"pod", pod.name}, {"message", message}, {"requests", toJson(need)}};
    std::vector<std::string> lines;
    std::string head = nodeName + ": pod " + pod.name + " Pending " + duration(s.now - pod.created);
    if (event != byPod.end() && event->second->count > 1) {
      head += ", FailedScheduling " + std::to_string(event->second->count) + " times";
    }
    lines.push_back(head + ": " + message);
    const auto* node = s.node(nodeName);
    auto pods = x.nodePods.find(nodeName);
    if (node == nullptr) {
      lines.push_back("  node unknown here: allocatable and the pods on it cannot be compared");
    } else if (pods == x.nodePods.end() || !pods->second.error.empty()) {
      lines.push_back("  pod requests  " + describe(need));
      lines.push_back("  allocatable   " +
                      describe(Requests{node->cpuMilli, node->memoryBytes, node->pods}));
      lines.push_back("  pods on the node unknown: " +
                      (pods == x.nodePods.end() ? std::string("not listed") : pods->second.error));
    } else {
      const auto plan = planRoom(need, *node, pods->second.pods, x.budgets);
      if (plan.shortfall.cpuMilli > 0) ++shortOf["cpu"];
      if (plan.shortfall.memoryBytes > 0) ++shortOf["memory"];
      if (plan.shortfall.pods > 0) ++shortOf["pods"];
      lines.push_back("  pod requests  " + describe(need));
      lines.push_back("  allocatable   " + describe(plan.allocatable));
      lines.push_back("  requested     " + describe(plan.requested) + " (by the pods on " +
                      nodeName + ")");
      lines.push_back("  short         " + (plan.shortfall.any()
                                                ? describe(plan.shortfall)
                                                : "nothing now: the scheduler will retry"));
      entry["allocatable"] = toJson(plan.allocatable);
      entry["requested"] = toJson(plan.requested);
      entry["shortfall"] = toJson(plan.shortfall);
      entry["fitsWhenEmpty"] = plan.fitsWhenEmpty;
      nlohmann::json candidates = nlohmann::json::array();
      for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
        const bool suggested =
            std::find(plan.suggested.begin(), plan.suggested.end(), i) != plan.suggested.end();
        candidates.push_back(candidateJson(plan.candidates[i], suggested));
      }
      entry["candidates"] = std::move(candidates);
      if (!plan.fitsWhenEmpty) {
        lines.push_back("  the pod does not fit on " + nodeName +
                        " even with every other pod gone: lower its requests");
      } else if (plan.shortfall.any() && !plan.candidates.empty()) {
        lines.push_back("  pods that could make room, largest first:");
        for (std::size_t i = 0; i < plan.candidates.size() && i < kCandidatesShown; ++i) {
          const auto& c = plan.candidates[i];
          lines.push_back("    " + c.pod->namespace_ + "/" + c.pod->name + "  " +
                          describe(c.pod->requests, false) + "  " + marking(c));
        }
        if (plan.candidates.size() > kCandidatesShown) {
          lines.push_back("    ... and " +
                          std::to_string(plan.candidates.size() - kCandidatesShown) +
                          " more (-o json lists them)");
        }
        if (!plan.suggested.empty() && shown < kNodesShown)
          f.fixes.push_back(roomFix(s, nodeName, plan));
      }
    }
    nodes.push_back(std::move(entry));
    if (shown < kNodesShown) {
      f.evidence.insert(f.evidence.end(), lines.begin(), lines.end());
      ++shown;
    } else {
      hidden.push_back(nodeName);
    }
  }
  if (!hidden.empty()) {
    f.evidence.push_back("... and " + std::to_string(hidden.size()) +
                         " more nodes: " + nameList(hidden, 10) + " (-o json gives every node)");
  }
  std::string what;
  for (const auto& [resource, count] : shortOf)
    what += (what.empty() ? "" : ", ") + resource;
  const auto n = pending.size();
  f.cause = std::to_string(n) + (n == 1 ? " node has" : " nodes have") +
            " no room for the DaemonSet's pod" + (what.empty() ? "" : " (short of " + what + ")");
  if (auto good = revisionToRestore(s); good && good->record != nullptr) {
    if (const auto* spec = revisionPodSpec(*good->record)) {
      const auto before = podRequests(*spec);
      if (before.cpuMilli < need.cpuMilli || before.memoryBytes < need.memoryBytes) {
        f.evidence.push_back("the current template requests " + describe(need, false) +
                             "; revision " + std::to_string(good->revision) + " requested " +
                             describe(before, false));
        f.fixes.push_back(Fix{
            s.style.dsroll("undo", " --to-revision=" + std::to_string(good->revision)),
            "or go back to the smaller requests of revision " + std::to_string(good->revision)});
      }
    }
  }
  f.data = {{"nodes", std::move(nodes)}};
  return f;
}

}  // namespace dsroll::diagnose
