#include "daemon/diagnose/OndeletePlan.hpp"

#include <algorithm>

#include "daemon/diagnose/Findings.hpp"

namespace dsroll::diagnose {

std::vector<const DsPod*> oldPodsInOrder(const std::vector<DsPod>& pods) {
  std::vector<const DsPod*> old;
  for (const auto& p : pods) {
    if (!p.updated && !p.pod.deleting) old.push_back(&p);
  }
  std::sort(old.begin(), old.end(), [](const DsPod* a, const DsPod* b) {
    if (a->available != b->available) return !a->available;
    if (a->node != b->node) return a->node < b->node;
    return a->pod.name < b->pod.name;
  });
  return old;
}

NodeCheck checkNode(const std::vector<DsPod>& pods, const std::string& node) {
  NodeCheck check;
  for (const auto& p : pods) {
    if (p.node != node || !p.updated || p.pod.deleting) continue;
    check.pod = p.pod.name;
    if (p.available) {
      check.outcome = NodeOutcome::Available;
      check.reason.clear();
      return check;
    }
    if (templateFailureReason(p.pod.reason)) {
      check.outcome = NodeOutcome::Failed;
      check.reason = p.pod.reason;
    } else if (!p.pod.unschedulable.empty()) {
      check.outcome = NodeOutcome::Failed;
      check.reason = "Unschedulable: " + p.pod.unschedulable;
    } else {
      check.reason =
          p.pod.ready ? "MinReadySeconds" : (p.pod.reason.empty() ? "not Ready" : p.pod.reason);
    }
  }
  if (check.pod.empty()) check.reason = "no new pod yet";
  return check;
}

}  // namespace dsroll::diagnose
