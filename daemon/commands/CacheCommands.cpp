#include "daemon/commands/CacheCommands.hpp"

#include <cstdio>

namespace dsroll::commands {

std::string humanBytes(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(units)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  return text;
}

server::CommandError cacheUnavailable(const Services& services) {
  return server::commandError(ipc::ErrorKind::Cache,
                              "the revision cache is not available: " + services.cacheProblem);
}

tl::expected<std::vector<cache::DaemonSetRow>, CommandError> cachedDaemonSetsNamed(
    Services& services, const Target& target) {
  auto cached = loadCached(services, target);  // its error names the DaemonSet and the cluster
  if (!cached) return tl::unexpected(cached.error());
  auto rows =
      services.cache->findDaemonSets(target.handle.cacheClusterId, target.namespace_, target.name);
  if (!rows) {
    return tl::unexpected(server::commandError(ipc::ErrorKind::Cache, rows.error().message));
  }
  return *rows;
}

}  // namespace dsroll::commands
