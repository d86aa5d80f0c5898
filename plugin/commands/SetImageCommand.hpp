#pragma once
// kubectl dsroll set image: change container images (`set` only groups `image`).

#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct SetImageOptions {
  std::vector<std::string> positionals;  // (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE...
  bool record = false;
  std::optional<std::string> cause;
  std::string dryRun = "none";
  std::optional<std::string> output;
};

/** Declares `set` and `set image` under `parent`. */
CLI::App* setupSet(CLI::App& parent, cli::CommandTable& table);

/** The `set-image` request; the context supplies the command line for --record. */
CallResult buildSetImageCall(const SetImageOptions& options, const BuildContext& context);

}  // namespace dsroll::plugin::commands
