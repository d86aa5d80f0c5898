#pragma once
// The cache.* commands: what the cache holds, pruning it, and exporting a DaemonSet's revisions.

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/Services.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::commands {

/** cache info: path, size, counts and schema version. */
void registerCacheInfo(server::CommandRegistry& registry, Services& services);

/** cache prune [--older-than D] [--max-bytes N] [NAME]: cache::PrunePolicy, then what went. */
void registerCachePrune(server::CommandRegistry& registry, Services& services);

/** cache export NAME [-o yaml|json]: the cached revisions as a List of ControllerRevisions. */
void registerCacheExport(server::CommandRegistry& registry, Services& services);

/** 512 B, 12.0 KiB, 3.4 MiB, 1.2 GiB (binary units, one decimal). */
std::string humanBytes(std::int64_t bytes);

/** The error for a daemon that runs without its cache. */
server::CommandError cacheUnavailable(const Services& services);

/** Every DaemonSet of the target's name the cache remembers in that namespace and cluster,
 * newest first (deleted ones included); an error naming them when there is none. */
tl::expected<std::vector<cache::DaemonSetRow>, CommandError> cachedDaemonSetsNamed(
    Services& services, const Target& target);

}  // namespace dsroll::commands
