#pragma once
// kubectl dsroll diagnose: why a rollout is stuck, with evidence and the fixing command.

#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct DiagnoseOptions {
  std::vector<std::string> positionals;
  std::optional<std::string> output;
  bool offline = false;
};

/** Declares `diagnose` under `parent`. */
CLI::App* setupDiagnose(CLI::App& parent, cli::CommandTable& table);

/** The `diagnose` request for these options. */
CallResult buildDiagnoseCall(const DiagnoseOptions& options);

}  // namespace dsroll::plugin::commands
