#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** Registers every user command (the daemon.* ones live in app/). */
void registerCommands(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
