#pragma once
// diagnose without the cluster (--offline, or the API server unreachable): what the revision
// cache remembers of the DaemonSet, its revisions and its rollouts, said to be from the cache.

#include <optional>
#include <string>
#include <vector>

#include "cache/RevisionCache.hpp"
#include "daemon/diagnose/Finding.hpp"
#include "daemon/diagnose/Snapshot.hpp"

namespace dsroll::diagnose {

struct CachedView {
  cache::DaemonSetRow daemonSet;
  std::vector<cache::RevisionRow> revisions;  // by revision number
  std::vector<cache::RolloutRow> rollouts;    // oldest first
  std::optional<std::string> lastKnownGoodUid;
  std::optional<cache::Timestamp> lastSynced;
  std::int64_t now = 0;
  std::string unreachable;  // why the cluster was not asked: its error, "" for --offline
  CommandStyle style;
};

Report cacheReport(const CachedView& view);

}  // namespace dsroll::diagnose
