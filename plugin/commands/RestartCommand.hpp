#pragma once
// kubectl dsroll restart: a rolling restart (the template's restartedAt annotation).

#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct RestartOptions {
  std::vector<std::string> positionals;
  bool record = false;
  std::optional<std::string> cause;
  std::string dryRun = "none";
  std::optional<std::string> output;
};

/** Declares `restart` under `parent`. */
CLI::App* setupRestart(CLI::App& parent, cli::CommandTable& table);

/** The `restart` request; the context supplies the command line for --record. */
CallResult buildRestartCall(const RestartOptions& options, const BuildContext& context);

}  // namespace dsroll::plugin::commands
