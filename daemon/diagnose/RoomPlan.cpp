#include "daemon/diagnose/RoomPlan.hpp"

#include <algorithm>

namespace dsroll::diagnose {

namespace {

/** How much of the shortfall deleting this pod covers, as a fraction summed over resources. */
double relief(const Requests& pod, const Requests& shortfall) {
  double sum = 0;
  auto part = [&](std::int64_t have, std::int64_t missing) {
    if (missing > 0)
      sum += static_cast<double>(std::min(have, missing)) / static_cast<double>(missing);
  };
  part(pod.cpuMilli, shortfall.cpuMilli);
  part(pod.memoryBytes, shortfall.memoryBytes);
  part(pod.pods, shortfall.pods);
  return sum;
}

bool covers(const Requests& freed, const Requests& shortfall) {
  return freed.cpuMilli >= shortfall.cpuMilli && freed.memoryBytes >= shortfall.memoryBytes &&
         freed.pods >= shortfall.pods;
}

/** Lower is deleted sooner: managed pods no budget protects, then the others, bare pods last. */
int preference(const RoomCandidate& c) {
  if (c.kind == CandidateKind::Bare) return 2;
  for (const auto* b : c.budgets) {
    if (b->disruptionsAllowed <= 0) return 1;
  }
  return 0;
}

}  // namespace

RoomPlan planRoom(const Requests& need,
                  const state::NodeRecord& node,
                  const std::vector<OtherPod>& pods,
                  const std::vector<DisruptionBudget>& budgets) {
  RoomPlan plan;
  plan.allocatable = Requests{node.cpuMilli, node.memoryBytes, node.pods};
  Requests kept;  // what stays whatever is deleted
  for (const auto& pod : pods) {
    if (pod.terminal()) continue;
    plan.requested += pod.requests;
    if (pod.ownerKind == "DaemonSet" || pod.deleting) {
      kept += pod.requests;
      continue;
    }
    RoomCandidate c{&pod, CandidateKind::Managed, {}};
    if (pod.ownerKind.empty()) c.kind = CandidateKind::Bare;
    if (pod.ownerKind == "Node") c.kind = CandidateKind::Static;
    if (c.kind == CandidateKind::Static) {
      kept += pod.requests;
    }
    for (const auto& b : budgets) {
      if (b.covers(pod)) c.budgets.push_back(&b);
    }
    plan.candidates.push_back(std::move(c));
  }
  plan.shortfall = shortfall(need, plan.allocatable - plan.requested);
  plan.fitsWhenEmpty = !shortfall(need, plan.allocatable - kept).any();

  std::stable_sort(plan.candidates.begin(), plan.candidates.end(),
                   [&](const RoomCandidate& a, const RoomCandidate& b) {
                     const double ra = relief(a.pod->requests, plan.shortfall);
                     const double rb = relief(b.pod->requests, plan.shortfall);
                     if (ra != rb) return ra > rb;
                     if (a.pod->requests.memoryBytes != b.pod->requests.memoryBytes) {
                       return a.pod->requests.memoryBytes > b.pod->requests.memoryBytes;
                     }
                     if (a.pod->requests.cpuMilli != b.pod->requests.cpuMilli) {
                       return a.pod->requests.cpuMilli > b.pod->requests.cpuMilli;
                     }
                     return a.pod->namespace_ + "/" + a.pod->name <
                            b.pod->namespace_ + "/" + b.pod->name;
                   });
  if (!plan.shortfall.any() || !plan.fitsWhenEmpty) {
    return plan;
  }
  // Greedy, largest first, by preference; then drop any pod the others already make up for.
  Requests freed;
  for (int level = 0; level <= 2 && !covers(freed, plan.shortfall); ++level) {
    for (std::size_t i = 0; i < plan.candidates.size() && !covers(freed, plan.shortfall); ++i) {
      const auto& c = plan.candidates[i];
      if (c.kind == CandidateKind::Static || preference(c) != level) continue;
      if (relief(c.pod->requests, plan.shortfall) <= 0) continue;
      plan.suggested.push_back(i);
      freed += c.pod->requests;
    }
  }
  for (std::size_t k = plan.suggested.size(); k-- > 0;) {
    const auto& r = plan.candidates[plan.suggested[k]].pod->requests;
    const Requests without = freed - r;
    if (covers(without, plan.shortfall)) {
      freed = without;
      plan.suggested.erase(plan.suggested.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }
  std::sort(plan.suggested.begin(), plan.suggested.end());
  return plan;
}

}  // namespace dsroll::diagnose
