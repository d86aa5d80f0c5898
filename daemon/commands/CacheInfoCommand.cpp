// cache info: where the cache is and what it holds.

#include "daemon/commands/CacheCommands.hpp"
#include "daemon/commands/CommandSupport.hpp"
#include "daemon/render/TabWriter.hpp"

namespace dsroll::commands {

namespace {

CommandResult runInfo(Services& s, CommandContext& ctx) {
  if (s.cache == nullptr) return tl::unexpected(cacheUnavailable(s));
  auto info = s.cache->info();
  if (!info)
    return tl::unexpected(server::commandError(ipc::ErrorKind::Cache, info.error().message));
  std::string text;
  auto line = [&text](const std::string& key, const std::string& value) {
    text += key + ":\t" + value + "\n";
  };
  line("Path", info->path);
  line("Size", humanBytes(info->fileBytes) + " (" + std::to_string(info->fileBytes) +
                   " bytes with the WAL; " + humanBytes(info->freeBytes) + " free)");
  line("Schema version", std::to_string(info->schemaVersion));
  line("Clusters", std::to_string(info->clusters));
  line("DaemonSets", std::to_string(info->daemonSets));
  line("Revisions", std::to_string(info->revisions));
  line("Rollouts", std::to_string(info->rollouts));
  ctx.reply.out(render::tabwrite(text, render::kHistoryTableOptions));
  return 0;
}

}  // namespace

void registerCacheInfo(server::CommandRegistry& registry, Services& services) {
  registry.add("cache.info", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return runInfo(services, ctx);
  });
}

}  // namespace dsroll::commands
