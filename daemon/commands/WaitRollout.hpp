#pragma once
// --wait on a command that changes a DaemonSet: follow the rollout as status does.

#include "daemon/commands/CommandSupport.hpp"

namespace dsroll::commands {

/** Runs status for target with the request's timeout; returns its result. */
Awaitable<CommandResult> waitRollout(Services& services, CommandContext& ctx, Target& target);

}  // namespace dsroll::commands
