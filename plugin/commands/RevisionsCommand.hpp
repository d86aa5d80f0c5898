#pragma once
// kubectl dsroll revisions: a DaemonSet's ControllerRevisions (name, revision, hash, age).

#include <optional>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct RevisionsOptions {
  std::vector<std::string> positionals;
  std::optional<std::string> output;
  bool offline = false;
};

/** Declares `revisions` under `parent`. */
CLI::App* setupRevisions(CLI::App& parent, cli::CommandTable& table);

/** The `revisions` request for these options. */
CallResult buildRevisionsCall(const RevisionsOptions& options);

}  // namespace dsroll::plugin::commands
