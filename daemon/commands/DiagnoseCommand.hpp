#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** diagnose NAME: why a rollout is stuck, with evidence and the fixing commands. */
void registerDiagnose(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
