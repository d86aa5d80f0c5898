#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** set image NAME CONTAINER=IMAGE...: kubectl set image, recording the change cause. */
void registerSetImage(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
