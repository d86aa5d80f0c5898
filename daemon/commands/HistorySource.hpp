#pragma once
// Where a DaemonSet's history comes from for the commands that read it (history, diff,
// revisions): the cluster merged with the cache, or the cache alone when asked (--offline), when
// the API server cannot be reached, or when the DaemonSet no longer exists.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/HistoryModel.hpp"

namespace dsroll::commands {

/** The revisions to show and where they came from. */
struct HistorySource {
  std::vector<HistoryEntry> entries;        // sorted by revision number
  std::optional<nlohmann::json> daemonSet;  // the live object, when the cluster answered
  std::optional<LiveDaemonSet> live;        // the live view, when the cluster answered
  std::optional<CachedDaemonSet> cached;    // the cache's view, when answering from it
  std::string notice;                       // stderr line when answering from the cache
};

/** The rollout log of a DaemonSet, empty without a cache. */
std::vector<cache::RolloutRow> rolloutsOf(Services& services, const std::string& daemonSetUid);

/** The revision uid of the last rollout that completed, if the cache knows one. */
std::optional<std::string> lastKnownGoodOf(Services& services, const std::string& daemonSetUid);

/**
 * The history from the cache alone; why ("" for none) goes into the notice. An entry is live when
 * the cluster still had it when last seen, or, for a deleted DaemonSet, when it was deleted.
 */
tl::expected<HistorySource, CommandError> historyFromCache(Services& services,
                                                           const Target& target,
                                                           const std::string& why);

/**
 * The cluster's revisions merged with the cache's. Offline, or when the cluster is unreachable or
 * the DaemonSet gone, the cache's alone (with a notice); the cluster's error when the cache has
 * nothing either.
 */
Awaitable<tl::expected<HistorySource, CommandError>> loadHistory(Services& services,
                                                                 Target& target,
                                                                 bool offline);

}  // namespace dsroll::commands
