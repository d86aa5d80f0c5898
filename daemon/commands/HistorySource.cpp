#include "daemon/commands/HistorySource.hpp"

namespace dsroll::commands {

namespace {

// How long before a DaemonSet's deletion was seen its revisions may have been seen going: the
// two watches report independently (and after a restart, in either order).
constexpr std::int64_t kDeletionSlack = 30;

}  // namespace

std::vector<cache::RolloutRow> rolloutsOf(Services& services, const std::string& daemonSetUid) {
  if (services.cache == nullptr) return {};
  auto rows = services.cache->rollouts(daemonSetUid);
  return rows ? *rows : std::vector<cache::RolloutRow>{};
}

std::optional<std::string> lastKnownGoodOf(Services& services, const std::string& daemonSetUid) {
  if (services.cache == nullptr) return std::nullopt;
  auto lkg = services.cache->lastKnownGood(daemonSetUid);
  return lkg ? *lkg : std::nullopt;
}

tl::expected<HistorySource, CommandError> historyFromCache(Services& services,
                                                           const Target& target,
                                                           const std::string& why) {
  auto cached = loadCached(services, target);
  if (!cached) {
    return tl::unexpected(cached.error());
  }
  HistorySource source;
  const auto& uid = cached->daemonSet.info.uid;
  source.entries = mergeHistory({}, cached->revisions, rolloutsOf(services, uid),
                                lastKnownGoodOf(services, uid));
  // What the cluster still had when last seen is what kubectl would have listed then; for a
  // deleted DaemonSet, what it had when it was deleted (the garbage collector removes the
  // revisions just after it).
  const auto& deletedAt = cached->daemonSet.deletedAt;
  for (auto& e : source.entries) {
    for (const auto& row : cached->revisions) {
      if (row.info.uid != e.uid) continue;
      e.live = !row.prunedAt || (deletedAt && *row.prunedAt >= *deletedAt - kDeletionSlack);
    }
  }
  source.notice = cacheNotice(*cached, why);
  source.cached = std::move(*cached);
  return source;
}

Awaitable<tl::expected<HistorySource, CommandError>> loadHistory(Services& services,
                                                                 Target& target,
                                                                 bool offline) {
  using Result = tl::expected<HistorySource, CommandError>;
  if (offline) {
    co_return historyFromCache(services, target, "");
  }
  auto live = co_await loadLive(services, target, true);
  if (!live) {
    const auto& error = live.error();
    if (unreachable(error)) {
      auto cached = historyFromCache(services, target, "the API server is unreachable");
      co_return cached ? cached : Result(tl::unexpect, error);
    }
    if (error.kind == ipc::ErrorKind::NotFound) {
      auto cached = historyFromCache(services, target, "");
      co_return cached ? cached : Result(tl::unexpect, error);
    }
    co_return Result(tl::unexpect, error);
  }
  HistorySource source;
  std::vector<cache::RevisionRow> cachedRows;
  if (services.cache != nullptr) {
    if (auto rows = services.cache->revisions(live->ds.uid)) cachedRows = std::move(*rows);
  }
  const auto& uid = live->ds.uid;
  source.entries = mergeHistory(live->revisions, cachedRows, rolloutsOf(services, uid),
                                lastKnownGoodOf(services, uid));
  source.daemonSet = live->ds.object;
  source.live = std::move(*live);
  co_return Result(std::move(source));
}

}  // namespace dsroll::commands
