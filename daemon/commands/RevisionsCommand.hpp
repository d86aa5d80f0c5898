#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** revisions NAME [-o ...] [--offline]: `kubectl get controllerrevision -l <selector>`. */
void registerRevisions(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
