#pragma once
// kubectl dsroll ondelete-roll: roll an OnDelete DaemonSet by deleting its old pods in batches,
// waiting for each batch's new pods to become available.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct OndeleteRollOptions {
  std::vector<std::string> positionals;
  std::int64_t batch = 1;
  std::optional<std::string> timeout;
};

/** Declares `ondelete-roll` under `parent`. */
CLI::App* setupOndeleteRoll(CLI::App& parent, cli::CommandTable& table);

/** The `ondelete-roll` request for these options. */
CallResult buildOndeleteRollCall(const OndeleteRollOptions& options);

}  // namespace dsroll::plugin::commands
