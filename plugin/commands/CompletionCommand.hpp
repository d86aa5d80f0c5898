#pragma once
// kubectl dsroll completion install: put kubectl_complete-dsroll on PATH next to kubectl-dsroll
// (krew installs only the plugin), and the hidden __complete command that answers like it.

#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct CompletionInstallOptions {
  std::vector<std::string> positionals;
  std::optional<std::string> dir;
};

/** Declares `completion`, `completion install` and the hidden `__complete` under `parent`. */
CLI::App* setupCompletion(CLI::App& parent, cli::CommandTable& table);

/** What `completion install` does with these options. */
tl::expected<cli::InstallCompletion, CliError> buildCompletionInstall(
    const CompletionInstallOptions& options);

}  // namespace dsroll::plugin::commands
