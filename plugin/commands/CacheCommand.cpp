#include "plugin/commands/CacheCommand.hpp"

#include <limits>
#include <memory>

namespace dsroll::plugin::commands {

namespace {

tl::expected<void, CliError> noArguments(const std::vector<std::string>& positionals,
                                         const std::string& command) {
  if (positionals.empty()) return {};
  return tl::unexpected(
      cli::usageError(command + " takes no arguments, got \"" + positionals.front() + "\""));
}

void setupInfo(CLI::App& cache, cli::CommandTable& table) {
  auto options = std::make_shared<CacheInfoOptions>();
  auto* app = cache.add_subcommand("info", "Show where the cache is and what it holds");
  app->group(kOtherGroup);
  cli::addPositionals(*app, options->positionals);
  registerCall(table, app,
               {"info",
                "Show the cache database's path and size, and how many clusters, DaemonSets and "
                "revisions it holds.",
                "# Where the cache is and what it holds\n"
                "kubectl dsroll cache info"},
               [options](const BuildContext&) { return buildCacheInfoCall(*options); });
}

void setupPrune(CLI::App& cache, cli::CommandTable& table) {
  auto options = std::make_shared<CachePruneOptions>();
  auto* app = cache.add_subcommand("prune", "Remove old entries from the cache");
  app->group(kOtherGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addDurationFlag(*app, "--older-than", options->olderThan,
                       "Remove revisions pruned from the cluster longer ago than this (e.g. "
                       "720h).");
  cli::addStringFlag(*app, "--max-bytes", options->maxBytes,
                     "Remove the oldest entries until the cache is at most this big: a number of "
                     "bytes, or with a K, M, G, Ki, Mi or Gi suffix.");
  registerCall(table, app,
               {"prune [(TYPE NAME | TYPE/NAME)]",
                "Remove old entries from the local cache: by age, by total size, or everything "
                "kept for one DaemonSet.",
                "# Forget revisions pruned from the cluster more than 30 days ago\n"
                "kubectl dsroll cache prune --older-than=720h\n"
                "\n"
                "# Keep the cache under 200 MiB\n"
                "kubectl dsroll cache prune --max-bytes=200Mi\n"
                "\n"
                "# Forget everything about one DaemonSet\n"
                "kubectl dsroll cache prune ds/old-agent -n kube-system"},
               [options](const BuildContext&) { return buildCachePruneCall(*options); });
}

void setupExport(CLI::App& cache, cli::CommandTable& table) {
  auto options = std::make_shared<CacheExportOptions>();
  auto* app = cache.add_subcommand("export", "Print what the cache holds for a DaemonSet");
  app->group(kOtherGroup);
  cli::addPositionals(*app, options->positionals);
  auto* output = cli::addStringFlag(*app, "-o,--output", options->output,
                                    "Output format. One of: (yaml, json).");
  table.setValueCompletion(output, {cli::ValueCompletion::Source::Values, {"yaml", "json"}});
  registerCall(table, app,
               {"export (TYPE NAME | TYPE/NAME)",
                "Print every revision and rollout the cache holds for a DaemonSet.",
                "# Every revision and rollout the cache holds for a daemonset, as JSON\n"
                "kubectl dsroll cache export ds/fluentd -n kube-system -o json"},
               [options](const BuildContext&) { return buildCacheExportCall(*options); });
}

}  // namespace

CLI::App* setupCache(CLI::App& parent, cli::CommandTable& table) {
  auto* cache = parent.add_subcommand("cache", "Inspect, prune or export the local revision cache");
  cache->group(kOtherGroup);
  cache->require_subcommand(0, 1);
  table.addGroup(cache, {"cache SUBCOMMAND",
                         "Manage the local cache of DaemonSet revisions and rollouts that lets "
                         "history, diff and undo answer offline and after pruning.",
                         "# What the cache holds\n"
                         "kubectl dsroll cache info"});
  setupInfo(*cache, table);
  setupPrune(*cache, table);
  setupExport(*cache, table);
  return cache;
}

CallResult buildCacheInfoCall(const CacheInfoOptions& options) {
  if (auto ok = noArguments(options.positionals, "cache info"); !ok) {
    return tl::unexpected(ok.error());
  }
  return DaemonCall{"cache.info", nlohmann::json::object(), {}};
}

CallResult buildCachePruneCall(const CachePruneOptions& options) {
  DaemonCall call{"cache.prune", nlohmann::json::object(), {}};
  if (!options.positionals.empty()) {
    auto name = cli::parseSingleResource(options.positionals);
    if (!name) return tl::unexpected(name.error());
    call.args["name"] = *name;
  }
  cli::putIfSet(call.args, "olderThan", options.olderThan);
  if (options.maxBytes) {
    auto bytes = parseByteSize(*options.maxBytes);
    if (!bytes) return tl::unexpected(bytes.error());
    call.args["maxBytes"] = *bytes;
  }
  return call;
}

CallResult buildCacheExportCall(const CacheExportOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (auto ok = cli::checkOutput(options.output, {"yaml", "json"}); !ok) {
    return tl::unexpected(ok.error());
  }
  return DaemonCall{"cache.export", {{"name", *name}, {"output", options.output}}, {}};
}

tl::expected<std::int64_t, CliError> parseByteSize(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  const std::string suffix = text.substr(digits);
  std::int64_t unit = 0;
  if (suffix.empty()) unit = 1;
  if (suffix == "K") unit = 1000;
  if (suffix == "M") unit = 1000 * 1000;
  if (suffix == "G") unit = 1000 * 1000 * 1000;
  if (suffix == "Ki") unit = 1024;
  if (suffix == "Mi") unit = 1024 * 1024;
  if (suffix == "Gi") unit = 1024 * 1024 * 1024;
  std::int64_t number = 0;
  bool overflow = false;
  for (std::size_t i = 0; i < digits; ++i) {
    const int digit = text[i] - '0';
    overflow = overflow || number > (std::numeric_limits<std::int64_t>::max() - digit) / 10;
    if (!overflow) number = number * 10 + digit;
  }
  if (unit == 0 || digits == 0 || overflow ||
      number > std::numeric_limits<std::int64_t>::max() / unit) {
    return tl::unexpected(cli::plainError(
        "invalid --max-bytes \"" + text +
        "\": want a number of bytes, optionally followed by K, M, G, Ki, Mi or Gi"));
  }
  return number * unit;
}

}  // namespace dsroll::plugin::commands
