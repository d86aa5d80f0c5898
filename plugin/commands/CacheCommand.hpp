#pragma once
// kubectl dsroll cache info|prune|export: the local revision cache, through the daemon.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct CacheInfoOptions {
  std::vector<std::string> positionals;
};

struct CachePruneOptions {
  std::vector<std::string> positionals;  // optional NAME
  std::optional<std::string> olderThan;
  std::optional<std::string> maxBytes;  // a number, optionally with K, M, G, Ki, Mi or Gi
};

struct CacheExportOptions {
  std::vector<std::string> positionals;
  std::string output = "yaml";
};

/** Declares `cache` and its subcommands under `parent`. */
CLI::App* setupCache(CLI::App& parent, cli::CommandTable& table);

CallResult buildCacheInfoCall(const CacheInfoOptions& options);
CallResult buildCachePruneCall(const CachePruneOptions& options);
CallResult buildCacheExportCall(const CacheExportOptions& options);

/** "500Mi" -> 524288000; the error names the flag's rules. */
tl::expected<std::int64_t, CliError> parseByteSize(const std::string& text);

}  // namespace dsroll::plugin::commands
