#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/**
 * complete (args.words): shell completion values as `row` frames {value, description} and the
 * directive in the result's data. Answers from memory and the cache only: it reads the watches
 * already running and never starts one or waits on the network.
 */
void registerComplete(server::CommandRegistry& registry, Services& services);

}  // namespace dsroll::commands
