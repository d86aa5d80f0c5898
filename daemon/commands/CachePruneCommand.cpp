// cache prune [--older-than D] [--max-bytes N] [NAME]: removes revisions the cluster has pruned
// (cache::PrunePolicy: oldest pruned first, never a live DaemonSet's last known good one), then
// deleted DaemonSets left without revisions. NAME alone removes every revision of that DaemonSet
// (of every DaemonSet of that name the cache remembers) that the cluster no longer has.

#include "daemon/commands/CacheCommands.hpp"
#include "daemon/commands/CommandSupport.hpp"
#include "daemon/kube/KubeConfig.hpp"
#include "daemon/render/Age.hpp"

namespace dsroll::commands {

namespace {

std::string counted(std::int64_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

/** "removed revision 2 (x-5d4f) of daemonset "x", pruned from the cluster 3d ago" lines. */
std::string removedLines(const std::vector<cache::RevisionRow>& before,
                         const std::vector<cache::RevisionRow>& after,
                         const std::string& name,
                         std::int64_t now) {
  std::string out;
  for (const auto& row : before) {
    bool kept = false;
    for (const auto& a : after)
      kept = kept || a.info.uid == row.info.uid;
    if (kept) continue;
    out += "removed revision " + std::to_string(row.info.revision) + " (" + row.info.name +
           ") of daemonset \"" + name + "\"";
    if (row.prunedAt) {
      out += ", pruned from the cluster " +
             render::humanDuration(
                 std::chrono::seconds(std::max<std::int64_t>(0, now - *row.prunedAt))) +
             " ago";
    }
    out += "\n";
  }
  return out;
}

CommandResult runPrune(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  if (s.cache == nullptr) return tl::unexpected(cacheUnavailable(s));
  const auto now = nowSeconds();
  cache::PrunePolicy policy;
  if (const auto olderThan = args.value("olderThan", std::string()); !olderThan.empty()) {
    auto d = kube::parseDuration(olderThan);
    if (!d) {
      return tl::unexpected(server::commandError(
          ipc::ErrorKind::Usage, "invalid argument \"" + olderThan +
                                     "\" for \"--older-than\" flag: " + d.error().message));
    }
    policy.prunedBefore = now - std::chrono::duration_cast<std::chrono::seconds>(*d).count();
  }
  if (args.contains("maxBytes")) {
    const auto maxBytes = args.value("maxBytes", std::int64_t{-1});
    if (maxBytes < 0) {
      return tl::unexpected(
          server::commandError(ipc::ErrorKind::Usage, "--max-bytes must not be negative"));
    }
    policy.maxBytes = maxBytes;
  }
  const bool named = !args.value("name", std::string()).empty();
  if (!named && !policy.prunedBefore && !policy.maxBytes) {
    return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage,
        "cache prune needs --older-than, --max-bytes or a DaemonSet to prune (nothing removed)"));
  }

  std::vector<cache::DaemonSetRow> daemonSets;
  if (named) {
    auto target = resolveTarget(s, ctx.request);
    if (!target) return tl::unexpected(target.error());
    auto rows = cachedDaemonSetsNamed(s, *target);
    if (!rows) return tl::unexpected(rows.error());
    daemonSets = std::move(*rows);
    if (!policy.prunedBefore && !policy.maxBytes) policy.prunedBefore = now + 1;
  }

  cache::PruneResult total;
  std::string details;
  auto pruneOnce = [&](const cache::PrunePolicy& p) -> tl::expected<void, CommandError> {
    auto r = s.cache->prune(p);
    if (!r) return tl::unexpected(server::commandError(ipc::ErrorKind::Cache, r.error().message));
    if (total.bytesBefore == 0) total.bytesBefore = r->bytesBefore;
    total.bytesAfter = r->bytesAfter;
    total.revisionsRemoved += r->revisionsRemoved;
    total.daemonSetsRemoved += r->daemonSetsRemoved;
    return {};
  };
  if (daemonSets.empty()) {
    if (auto done = pruneOnce(policy); !done) return tl::unexpected(done.error());
  }
  for (const auto& ds : daemonSets) {
    auto before = s.cache->revisions(ds.info.uid);
    auto p = policy;
    p.daemonSetUid = ds.info.uid;
    if (auto done = pruneOnce(p); !done) return tl::unexpected(done.error());
    auto after = s.cache->revisions(ds.info.uid);
    if (before && after) details += removedLines(*before, *after, ds.info.name, now);
  }

  ctx.reply.out(details);
  if (total.revisionsRemoved == 0 && total.daemonSetsRemoved == 0) {
    ctx.reply.out("nothing to remove (" + humanBytes(total.bytesAfter) + " in use)\n");
  } else {
    ctx.reply.out("removed " + counted(total.revisionsRemoved, "revision") + " and " +
                  counted(total.daemonSetsRemoved, "deleted DaemonSet") + " (" +
                  humanBytes(total.bytesBefore) + " in use before, " +
                  humanBytes(total.bytesAfter) + " after)\n");
  }
  return 0;
}

}  // namespace

void registerCachePrune(server::CommandRegistry& registry, Services& services) {
  registry.add("cache.prune", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return runPrune(services, ctx);
  });
}

}  // namespace dsroll::commands
