#pragma once
// kubectl dsroll strategy: show or change a DaemonSet's update strategy.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct StrategyOptions {
  std::vector<std::string> positionals;
  std::optional<std::string> type;
  std::optional<std::string> maxUnavailable;
  std::optional<std::string> maxSurge;
  std::optional<std::int64_t> minReadySeconds;
  std::optional<std::int64_t> revisionHistoryLimit;
  std::string dryRun = "none";
  std::optional<std::string> output;
};

/** Declares `strategy` under `parent`. */
CLI::App* setupStrategy(CLI::App& parent, cli::CommandTable& table);

/** The `strategy` request for these options. */
CallResult buildStrategyCall(const StrategyOptions& options);

}  // namespace dsroll::plugin::commands
