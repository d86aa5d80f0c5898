#pragma once
// ondelete-roll's decisions as pure functions: which old pods to delete next, and how a node
// whose old pod was deleted stands (new pod available, still coming, or failing).

#include <string>
#include <vector>

#include "daemon/diagnose/Snapshot.hpp"

namespace dsroll::diagnose {

/**
 * The old pods still to delete, in order: unavailable ones first (they serve nothing), then by
 * node name. Pods already Terminating are not listed.
 */
std::vector<const DsPod*> oldPodsInOrder(const std::vector<DsPod>& pods);

enum class NodeOutcome { Waiting, Available, Failed };

struct NodeCheck {
  NodeOutcome outcome = NodeOutcome::Waiting;
  std::string pod;     // the new pod, "" while none exists
  std::string reason;  // why Failed or still Waiting
};

/** How the node's new pod stands. */
NodeCheck checkNode(const std::vector<DsPod>& pods, const std::string& node);

}  // namespace dsroll::diagnose
