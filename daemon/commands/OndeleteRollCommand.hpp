#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** ondelete-roll NAME [--batch N] [--timeout D]: roll an OnDelete DaemonSet batch by batch. */
void registerOndeleteRoll(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
