#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** strategy NAME [--type ...] [--max-unavailable ...]: show or change the update strategy. */
void registerStrategy(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
