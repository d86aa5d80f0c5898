#pragma once
// Making room on a node for a pod that does not fit: what the node's pods request, what is short,
// and which pods (not DaemonSet pods: those come back on the same node) would free enough,
// preferring pods a controller recreates elsewhere and that no PodDisruptionBudget protects.

#include <cstddef>
#include <vector>

#include "daemon/diagnose/Resources.hpp"
#include "daemon/diagnose/Snapshot.hpp"

namespace dsroll::diagnose {

enum class CandidateKind {
  Managed,  // a controller recreates it (on another node, if it fits there)
  Bare,     // no controller: deleting it stops its work
  Static,   // a mirror pod: only the kubelet can remove it
};

struct RoomCandidate {
  const OtherPod* pod = nullptr;
  CandidateKind kind = CandidateKind::Managed;
  std::vector<const DisruptionBudget*> budgets;  // those that select it
};

struct RoomPlan {
  Requests allocatable;
  Requests requested;                     // by the pods bound to the node (not terminal)
  Requests shortfall;                     // need minus what is free, per resource
  bool fitsWhenEmpty = true;              // false: even deleting every candidate is not enough
  std::vector<RoomCandidate> candidates;  // largest first, in the short resources
  std::vector<std::size_t> suggested;     // indexes into candidates: the pods to delete
};

/** pods are the pods bound to the node; budgets every PodDisruptionBudget known. */
RoomPlan planRoom(const Requests& need,
                  const state::NodeRecord& node,
                  const std::vector<OtherPod>& pods,
                  const std::vector<DisruptionBudget>& budgets);

}  // namespace dsroll::diagnose
