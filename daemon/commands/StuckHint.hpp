#pragma once

#include <string>

#include "daemon/commands/RolloutProgress.hpp"

namespace dsroll::commands {

/**
 * One line saying why progress may have stopped, from the nodes' reasons ("2 new pods in
 * ImagePullBackOff (node-1, ...): run kubectl dsroll diagnose NAME -n NS"), or "" when nothing
 * looks wrong. diagnoseCommand is the whole command to suggest.
 */
std::string stuckHint(const std::string& diagnoseCommand, const RolloutProgress& progress);

}  // namespace dsroll::commands
