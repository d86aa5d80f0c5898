// cache export NAME [-o yaml|json]: every revision the cache holds for the DaemonSets of that
// name, as a List of apps/v1 ControllerRevisions (kubectl -o yaml|json style), oldest DaemonSet
// first. Works offline and after the DaemonSet was deleted; a DaemonSet deleted and created again
// under the same name is told apart by the uid in each revision's ownerReferences.

#include <algorithm>

#include "daemon/commands/CacheCommands.hpp"
#include "daemon/commands/RevisionObjects.hpp"
#include "daemon/render/Age.hpp"

namespace dsroll::commands {

namespace {

std::string ago(std::int64_t then, std::int64_t now) {
  return render::humanDuration(std::chrono::seconds(std::max<std::int64_t>(0, now - then))) +
         " ago";
}

CommandResult runExport(Services& s, CommandContext& ctx) {
  if (s.cache == nullptr) return tl::unexpected(cacheUnavailable(s));
  const std::string output = ctx.request.args.value("output", std::string("yaml"));
  if (output != "yaml" && output != "json" && !output.empty()) {
    return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage, "unable to match a printer suitable for the output format \"" +
                                   output + "\", allowed formats are: json,yaml"));
  }
  auto target = resolveTarget(s, ctx.request);
  if (!target) return tl::unexpected(target.error());
  auto daemonSets = cachedDaemonSetsNamed(s, *target);
  if (!daemonSets) return tl::unexpected(daemonSets.error());
  std::reverse(daemonSets->begin(), daemonSets->end());

  const auto now = nowSeconds();
  std::vector<nlohmann::json> items;
  std::string summary;
  for (const auto& ds : *daemonSets) {
    auto revisions = s.cache->revisions(ds.info.uid);
    if (!revisions) {
      return tl::unexpected(server::commandError(ipc::ErrorKind::Cache, revisions.error().message));
    }
    for (const auto& row : *revisions) {
      items.push_back(controllerRevisionObject(ds.info, row.info));
    }
    summary += "daemonset \"" + ds.info.name + "\" uid " + ds.info.uid + ": " +
               std::to_string(revisions->size()) + " revision" +
               (revisions->size() == 1 ? "" : "s") +
               (ds.deletedAt ? ", deleted " + ago(*ds.deletedAt, now) : std::string()) + "\n";
  }
  if (daemonSets->size() > 1) {
    ctx.reply.err("(the cache holds " + std::to_string(daemonSets->size()) +
                  " DaemonSets of this name, oldest first:\n" + summary + ")\n");
  }
  ctx.reply.out(printKubectlList(std::move(items), output.empty() ? "yaml" : output));
  return 0;
}

}  // namespace

void registerCacheExport(server::CommandRegistry& registry, Services& services) {
  registry.add("cache.export",
               [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
                 co_return runExport(services, ctx);
               });
}

}  // namespace dsroll::commands
