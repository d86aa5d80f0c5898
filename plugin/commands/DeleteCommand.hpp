#pragma once
// kubectl dsroll delete: delete a DaemonSet; its history stays in the local cache.

#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct DeleteOptions {
  std::vector<std::string> positionals;
  std::string dryRun = "none";
  bool wait = true;
};

/** Declares `delete` under `parent`. */
CLI::App* setupDelete(CLI::App& parent, cli::CommandTable& table);

/** The `delete` request for these options. */
CallResult buildDeleteCall(const DeleteOptions& options);

}  // namespace dsroll::plugin::commands
