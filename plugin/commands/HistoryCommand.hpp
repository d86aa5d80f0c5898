#pragma once
// kubectl dsroll history: the rollout history of a DaemonSet (kubectl rollout history's table,
// one revision's pod template, or -o wide with rollout outcomes).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct HistoryOptions {
  std::vector<std::string> positionals;
  std::int64_t revision = 0;
  std::optional<std::string> output;
  bool offline = false;
};

/** Declares `history` under `parent`. */
CLI::App* setupHistory(CLI::App& parent, cli::CommandTable& table);

/** The `history` request for these options. */
CallResult buildHistoryCall(const HistoryOptions& options);

}  // namespace dsroll::plugin::commands
