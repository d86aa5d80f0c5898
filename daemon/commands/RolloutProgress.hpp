#pragma once
// Where a DaemonSet rollout stands: kubectl's one-line verdict (DaemonSetStatusViewer), and the
// per-node picture behind the live view.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/state/Records.hpp"

namespace dsroll::commands {

/** kubectl rollout status for one DaemonSet object. */
struct KubectlStatus {
  std::string message;  // the line kubectl prints (newline included); "" with an error
  bool done = false;
  std::optional<std::string> error;  // e.g. only RollingUpdate is supported
};

KubectlStatus kubectlStatus(const nlohmann::json& daemonSet);

enum class NodeState { Updated, Updating, Waiting, Unavailable };

std::string_view toString(NodeState state);

struct NodeProgress {
  std::string name;
  NodeState state = NodeState::Waiting;
  std::string reason;  // for updating/unavailable: the pod's reason
};

struct RolloutProgress {
  std::int64_t desired = 0;
  std::int64_t updated = 0;
  std::int64_t available = 0;
  std::int64_t ready = 0;
  std::vector<NodeProgress> nodes;  // sorted by name
};

/**
 * The per-node view. pods are the DaemonSet's pods, nodes all nodes; currentHash is the newest
 * revision's controller-revision-hash; now is Unix seconds (for minReadySeconds).
 */
RolloutProgress rolloutProgress(const state::DaemonSetRecord& ds, const std::string& currentHash,
                                const std::vector<const state::PodRecord*>& pods,
                                const std::vector<const state::NodeRecord*>& nodes,
                                std::int64_t now);

/** Whether a pod counts as available under minReadySeconds. */
bool podAvailable(const state::PodRecord& pod, std::int64_t minReadySeconds, std::int64_t now);

/** Whether a pod runs the DaemonSet's current template (hash or template generation). */
bool podUpdated(const state::PodRecord& pod, const std::string& currentHash,
                const std::string& templateGeneration);

}  // namespace dsroll::commands
