#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** history NAME [--revision N] [-o ...] [--offline]: kubectl's table, and more. */
void registerHistory(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
