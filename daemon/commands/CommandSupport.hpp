#pragma once
// The steps most commands share: which DaemonSet in which cluster, its live state from the
// informers, or its remembered state from the cache, and kubectl's wording for failures.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "cache/RevisionCache.hpp"
#include "daemon/commands/Services.hpp"
#include "daemon/kube/ApiError.hpp"
#include "daemon/server/Command.hpp"
#include "daemon/state/ClusterRegistry.hpp"

namespace dsroll::commands {

using server::CommandContext;
using server::CommandError;
using server::CommandResult;

/** The DaemonSet a command is about, and the cluster it lives in. */
struct Target {
  state::ClusterHandle handle;
  std::string namespace_;
  std::string name;  // "" for commands about a namespace
};

/** Resolves the kubeconfig and args.name. */
tl::expected<Target, CommandError> resolveTarget(Services& services,
                                                 const ipc::Request& request,
                                                 bool requireName = true);

/** A DaemonSet as the API server has it now, with the revisions kubectl would list for it. */
struct LiveDaemonSet {
  std::shared_ptr<state::DaemonSetInformer> daemonSets;  // held so the view stays current
  std::shared_ptr<state::RevisionInformer> revisionInformer;
  state::DaemonSetRecord ds;
  std::vector<state::RevisionRecord> revisions;  // controlled by ds, matching its selector,
                                                 // sorted by .revision
};

/** Waits for the informers to sync (first use), then reads the DaemonSet. */
Awaitable<tl::expected<LiveDaemonSet, CommandError>> loadLive(Services& services,
                                                              Target& target,
                                                              bool withRevisions);

/**
 * The DaemonSet as the API server has it this instant (one GET), after which the informer is
 * given a moment to catch up to it: for commands that act on what they read (status, undo),
 * where a change made a moment ago by another client must not be missed.
 */
Awaitable<tl::expected<state::DaemonSetRecord, CommandError>> freshDaemonSet(LiveDaemonSet& live,
                                                                             Target& target);

/** The revisions of ds in a synced revision informer, as kubectl selects them. */
std::vector<state::RevisionRecord> revisionsOf(const state::RevisionInformer& informer,
                                               const state::DaemonSetRecord& ds);

/** A DaemonSet as the cache remembers it. */
struct CachedDaemonSet {
  cache::DaemonSetRow daemonSet;
  std::vector<cache::RevisionRow> revisions;
  std::optional<cache::Timestamp> lastSynced;
};

/** The newest cached DaemonSet of that name (deleted ones included). */
tl::expected<CachedDaemonSet, CommandError> loadCached(Services& services, const Target& target);

/** "(from cache, last synced 3m ago)"-style notice for stderr. */
std::string cacheNotice(const CachedDaemonSet& cached, const std::string& why);

/** " --kubeconfig=F --context=C" as the user gave them, so suggested commands reach the same
 * cluster. */
std::string globalFlags(const ipc::KubeFlags& kube);

/** kubectl's line for an API error. */
CommandError fromApiError(const kube::ApiError& error);

/** `Error from server (NotFound): daemonsets.apps "NAME" not found` */
CommandError daemonSetNotFound(const std::string& name);

/** Whether a failure means the API server cannot be reached (answer from the cache instead). */
bool unreachable(const CommandError& error);

/** Unix seconds now. */
std::int64_t nowSeconds();

/** The request's timeout argument (kubectl duration), or fallback. */
tl::expected<std::chrono::milliseconds, CommandError> timeoutArg(
    const ipc::Request& request, std::chrono::milliseconds fallback);

}  // namespace dsroll::commands
