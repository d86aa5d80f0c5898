#pragma once

#include <cstdint>
#include <string>

#include "daemon/commands/RolloutProgress.hpp"

namespace dsroll::commands {

/**
 * One line saying why progress may have stopped, from the nodes' reasons ("2 new pods in
 * ImagePullBackOff (node-1, ...): run kubectl dsroll diagnose NAME -n NS"), or "" when nothing
 * looks wrong. diagnoseCommand is the whole command to suggest.
 */
std::string stuckHint(const std::string& diagnoseCommand, const RolloutProgress& progress);

/**
 * For a rollout whose counts have not moved for stalledSeconds: when no node has a pod in flight
 * (starting, failing, terminating, missing), one line saying the controller itself may have
 * stopped; "" otherwise.
 */
std::string idleHint(const std::string& diagnoseCommand,
                     const RolloutProgress& progress,
                     std::int64_t stalledSeconds);

}  // namespace dsroll::commands
