#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/**
 * list [-A] [-o ...]: every DaemonSet with its rollout state. Also takes over `status --all`
 * (StatusAllCommand.hpp), handing `status NAME` to the status command registered before it, so
 * call it after registerStatus.
 */
void registerList(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
