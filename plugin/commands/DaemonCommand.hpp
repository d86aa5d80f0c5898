#pragma once
// kubectl dsroll daemon status|stop|logs: the background daemon itself. status and stop are
// requests; logs reads the log file directly, so it works when the daemon is down.

#include <cstdint>
#include <string>
#include <vector>

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

struct DaemonLogsOptions {
  std::vector<std::string> positionals;
  bool follow = false;
  std::int64_t tail = -1;
};

/** Declares `daemon` and its subcommands under `parent`. */
CLI::App* setupDaemon(CLI::App& parent, cli::CommandTable& table);

/** What `daemon logs` does with these options. */
tl::expected<cli::ShowLogs, CliError> buildDaemonLogs(const DaemonLogsOptions& options);

}  // namespace dsroll::plugin::commands
