#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** restart NAME: kubectl rollout restart, recording the change cause. */
void registerRestart(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
