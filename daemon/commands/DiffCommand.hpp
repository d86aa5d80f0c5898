#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** diff NAME [REV1 [REV2]] [--offline]: a unified diff of two revisions' pod templates. */
void registerDiff(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
