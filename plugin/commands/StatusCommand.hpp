#pragma once
// kubectl dsroll status: follow a rollout. Not on a TTY the daemon prints kubectl rollout
// status's exact lines; on a TTY it streams progress frames for the live per-node view.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct StatusOptions {
  std::vector<std::string> positionals;
  bool watch = true;
  std::optional<std::string> timeout;
  std::int64_t revision = 0;
  bool all = false;
  bool allNamespaces = false;
};

/** Declares `status` under `parent`. */
CLI::App* setupStatus(CLI::App& parent, cli::CommandTable& table);

/** The `status` request for these options. */
CallResult buildStatusCall(const StatusOptions& options);

}  // namespace dsroll::plugin::commands
