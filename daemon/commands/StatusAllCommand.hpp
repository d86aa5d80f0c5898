#pragma once

#include "daemon/commands/Services.hpp"
#include "daemon/commands/StallTracker.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/**
 * status --all [-A] [--watch=false] [--timeout D]: every DaemonSet of the namespace (or of all
 * namespaces). Without a TTY it is `kubectl rollout status daemonset` (no name): one DaemonSet
 * after the other in name order, each followed to its end with kubectl's lines, the errors (an
 * OnDelete DaemonSet, a timeout, which applies to each one) collected and printed at the end.
 * On a TTY it is the `list` table kept up to date until every rollout is settled (complete, or
 * waiting on the user under OnDelete); --timeout then applies to the whole wait.
 */
Awaitable<server::CommandResult> runStatusAll(Services& services,
                                              StallTracker& stalls,
                                              server::CommandContext& ctx);

}  // namespace dsroll::commands
