#include "daemon/commands/StuckHint.hpp"

#include <map>
#include <vector>

namespace dsroll::commands {

namespace {

bool isFailure(const std::string& reason) {
  static const char* const kFailures[] = {"ImagePullBackOff",
                                          "ErrImagePull",
                                          "InvalidImageName",
                                          "CrashLoopBackOff",
                                          "CreateContainerConfigError",
                                          "CreateContainerError",
                                          "RunContainerError",
                                          "NodeNotReady",
                                          "Terminating",
                                          "Error"};
  for (const char* f : kFailures) {
    if (reason == f) return true;
  }
  return reason.rfind("Unschedulable", 0) == 0;
}

}  // namespace

std::string stuckHint(const std::string& diagnoseCommand, const RolloutProgress& progress) {
  std::map<std::string, std::vector<std::string>> byReason;
  for (const auto& node : progress.nodes) {
    if ((node.state == NodeState::Updating || node.state == NodeState::Unavailable) &&
        isFailure(node.reason)) {
      // Unschedulable messages differ per node; group them under one word.
      const auto key = node.reason.rfind("Unschedulable", 0) == 0 ? "Unschedulable" : node.reason;
      byReason[key].push_back(node.name);
    }
  }
  if (byReason.empty()) {
    return "";
  }
  std::string text;
  for (const auto& [reason, nodes] : byReason) {
    if (!text.empty()) text += ", ";
    text += std::to_string(nodes.size()) + (nodes.size() == 1 ? " pod " : " pods ") + "in " +
            reason + " (" + nodes.front() + (nodes.size() > 1 ? ", ..." : "") + ")";
  }
  return text + ": run " + diagnoseCommand;
}

std::string idleHint(const std::string& diagnoseCommand,
                     const RolloutProgress& progress,
                     std::int64_t stalledSeconds) {
  std::size_t waiting = 0;
  for (const auto& node : progress.nodes) {
    if (node.state == NodeState::Updating || node.state == NodeState::Unavailable) return "";
    if (node.state == NodeState::Waiting) ++waiting;
  }
  if (progress.nodes.empty()) return "";
  return "no progress for " + std::to_string(stalledSeconds) + "s and no pod in flight (" +
         std::to_string(waiting) + (waiting == 1 ? " node" : " nodes") +
         " on the old revision): the DaemonSet controller may have stopped rolling: run " +
         diagnoseCommand;
}

}  // namespace dsroll::commands
