#pragma once
// kubectl dsroll undo: roll a DaemonSet back (kubectl rollout undo's semantics and messages).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct UndoOptions {
  std::vector<std::string> positionals;
  std::int64_t toRevision = 0;
  std::string dryRun = "none";
  bool wait = false;
  std::optional<std::string> timeout;
  std::optional<std::string> output;
};

/** Declares `undo` under `parent`. */
CLI::App* setupUndo(CLI::App& parent, cli::CommandTable& table);

/** The `undo` request for these options. */
CallResult buildUndoCall(const UndoOptions& options);

}  // namespace dsroll::plugin::commands
