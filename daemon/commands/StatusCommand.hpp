#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** status NAME: follow a rollout to its end (kubectl's lines, or a live view on a TTY). */
void registerStatus(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
