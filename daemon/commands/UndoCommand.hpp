#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** undo NAME [--to-revision N]: kubectl's rollback, guarded and cache-aware. */
void registerUndo(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
