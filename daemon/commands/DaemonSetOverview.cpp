#include "daemon/commands/DaemonSetOverview.hpp"

#include <algorithm>

namespace dsroll::commands {

namespace {

constexpr auto kSyncTimeout = std::chrono::seconds(30);
// Only the REVISION column needs these; without them it falls back to the cache.
constexpr auto kRevisionSyncTimeout = std::chrono::seconds(10);

CommandError listError(const kube::ApiError& error, const Target& target, bool allNamespaces) {
  auto out = fromApiError(error);
  if (allNamespaces && error.kind == ipc::ErrorKind::Forbidden) {
    out.message +=
        "\n(-A reads the DaemonSets of every namespace, which needs permission to list "
        "them at the cluster scope; ask for one namespace instead, e.g. -n " +
        target.namespace_ + ")";
  }
  return out;
}

std::optional<std::int64_t> newestRevision(Services& s,
                                           const Overview& o,
                                           const state::DaemonSetRecord& ds) {
  if (o.revisions && o.revisions->synced()) {
    std::optional<std::int64_t> best;
    for (const auto& [key, rev] : o.revisions->items()) {
      if (rev.ownerUid == ds.uid && (!best || rev.revision > *best)) best = rev.revision;
    }
    if (best) return best;
  }
  if (s.cache == nullptr) return std::nullopt;
  auto rows = s.cache->revisions(ds.uid);
  if (!rows) return std::nullopt;
  std::optional<std::int64_t> best;
  for (const auto& row : *rows) {
    if (!row.prunedAt && (!best || row.info.revision > *best)) best = row.info.revision;
  }
  return best;
}

}  // namespace

Awaitable<tl::expected<Overview, CommandError>> openOverview(Services& /*services*/,
                                                             Target& target,
                                                             bool allNamespaces) {
  using Result = tl::expected<Overview, CommandError>;
  Overview o;
  o.allNamespaces = allNamespaces;
  o.namespace_ = target.namespace_;
  const std::string scope = allNamespaces ? std::string() : target.namespace_;
  auto& cluster = *target.handle.cluster;
  o.daemonSets = cluster.daemonSets(scope);
  o.revisions = cluster.revisions(scope);  // started now so both lists overlap
  const std::chrono::milliseconds syncWait = kSyncTimeout;
  if (auto synced = co_await o.daemonSets->waitSynced(syncWait); !synced) {
    co_return Result(tl::unexpect, listError(synced.error(), target, allNamespaces));
  }
  if (!o.daemonSets->healthy()) {
    co_return Result(tl::unexpect,
                     CommandError{ipc::ErrorKind::Unreachable, o.daemonSets->lastError(), 1});
  }
  const std::chrono::milliseconds revisionWait = kRevisionSyncTimeout;
  (void)co_await o.revisions->waitSynced(revisionWait);
  co_return Result(std::move(o));
}

std::vector<const state::DaemonSetRecord*> daemonSetsOf(const Overview& overview) {
  std::vector<const state::DaemonSetRecord*> out;
  for (const auto& [key, ds] : overview.daemonSets->items()) {
    if (overview.allNamespaces || ds.namespace_ == overview.namespace_) out.push_back(&ds);
  }
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return a->namespace_ != b->namespace_ ? a->namespace_ < b->namespace_ : a->name < b->name;
  });
  return out;
}

std::vector<DaemonSetSummary> overviewRows(Services& services,
                                           const Overview& overview,
                                           StallTracker& stalls) {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = nowSeconds();
  stalls.follow(overview.daemonSets, seconds);
  std::vector<DaemonSetSummary> rows;
  for (const auto* ds : daemonSetsOf(overview)) {
    rows.push_back(summarize(ds->object, newestRevision(services, overview, *ds),
                             stalls.stalledFor(*ds, seconds), now));
  }
  return rows;
}

std::string noResourcesFound(const Overview& overview) {
  return overview.allNamespaces ? "No resources found\n"
                                : "No resources found in " + overview.namespace_ + " namespace.\n";
}

}  // namespace dsroll::commands
