#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** apply -f FILE...: server-side apply of DaemonSet manifests, recording the change cause. */
void registerApply(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
