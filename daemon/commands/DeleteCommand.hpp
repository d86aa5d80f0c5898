#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** delete NAME: kubectl delete (background cascade); the history stays in the cache. */
void registerDelete(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
