#pragma once

#include <string>

#include "daemon/commands/RolloutProgress.hpp"

namespace dsroll::commands {

/**
 * One line saying why progress may have stopped, from the nodes' reasons ("2 new pods in
 * ImagePullBackOff (node-1, node-2): run kubectl dsroll diagnose NAME"), or "" when nothing
 * looks wrong.
 */
std::string stuckHint(const std::string& name, const RolloutProgress& progress);

}  // namespace dsroll::commands
