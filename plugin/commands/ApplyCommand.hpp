#pragma once
// kubectl dsroll apply: create or update DaemonSets from files, directories or stdin
// (server-side apply); the plugin reads the files and sends their content.

#include <optional>
#include <string>
#include <vector>

#include "plugin/cli/Manifests.hpp"
#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct ApplyOptions {
  std::vector<std::string> positionals;
  std::vector<std::string> filenames;
  bool recursive = false;
  bool record = false;
  std::optional<std::string> cause;
  bool forceConflicts = false;
  std::string dryRun = "none";
  bool wait = false;
  std::optional<std::string> timeout;
  std::optional<std::string> output;
};

/** Declares `apply` under `parent`. */
CLI::App* setupApply(CLI::App& parent, cli::CommandTable& table);

/** Checks the options before any file is read. */
tl::expected<void, CliError> checkApplyOptions(const ApplyOptions& options);

/** The `apply` request for these options and the files already read. */
CallResult buildApplyCall(const ApplyOptions& options,
                          const std::vector<cli::ManifestFile>& files,
                          const BuildContext& context);

}  // namespace dsroll::plugin::commands
