#pragma once
// Every DaemonSet of a namespace, or of all namespaces, from the daemon's watches: what `list`
// and `status --all` show.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/RolloutState.hpp"
#include "daemon/commands/StallTracker.hpp"

namespace dsroll::commands {

struct Overview {
  std::shared_ptr<state::DaemonSetInformer> daemonSets;
  std::shared_ptr<state::RevisionInformer> revisions;  // may have failed to sync
  bool allNamespaces = false;
  std::string namespace_;  // the request's namespace (shown in messages)
};

/**
 * Starts (or reuses) the watches of the namespace, or of every namespace, and waits for their
 * first list. A user who may not list DaemonSets cluster-wide gets kubectl's 403 line followed
 * by what -A needs and what to do instead.
 */
Awaitable<tl::expected<Overview, CommandError>> openOverview(Services& services,
                                                             Target& target,
                                                             bool allNamespaces);

/** The DaemonSets in scope, sorted by namespace, then name. */
std::vector<const state::DaemonSetRecord*> daemonSetsOf(const Overview& overview);

/** The rows of the list table, in daemonSetsOf order. */
std::vector<DaemonSetSummary> overviewRows(Services& services,
                                           const Overview& overview,
                                           StallTracker& stalls);

/** kubectl get's line on stderr for an empty listing. */
std::string noResourcesFound(const Overview& overview);

}  // namespace dsroll::commands
