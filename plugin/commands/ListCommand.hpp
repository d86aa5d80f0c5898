#pragma once
// kubectl dsroll list: every DaemonSet with its rollout state at a glance.

#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct ListOptions {
  std::vector<std::string> positionals;
  bool allNamespaces = false;
  std::optional<std::string> output;
};

/** Declares `list` under `parent`. */
CLI::App* setupList(CLI::App& parent, cli::CommandTable& table);

/** The `list` request for these options. */
CallResult buildListCall(const ListOptions& options);

}  // namespace dsroll::plugin::commands
