#pragma once
// kubectl dsroll diff: a unified diff of two revisions' pod templates.

#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct DiffOptions {
  std::vector<std::string> positionals;  // NAME [REV1 [REV2]]
  bool offline = false;
};

/** Declares `diff` under `parent`. */
CLI::App* setupDiff(CLI::App& parent, cli::CommandTable& table);

/** The `diff` request; `color` is whether stdout is a terminal that wants color. */
CallResult buildDiffCall(const DiffOptions& options, bool color);

}  // namespace dsroll::plugin::commands
