#pragma once
// dsrolld's command line.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace dsroll {

struct DaemonOptions {
  bool foreground = false;
  int startupFd = -1;  // see ipc/COMMANDS.md: the spawner reads one line from it
  std::chrono::milliseconds idleTimeout = std::chrono::minutes(30);
  bool debug = false;
  bool showVersion = false;
  bool showHelp = false;
};

/** Parses argv (flags only); env supplies KUBECTL_DSROLL_IDLE_TIMEOUT when the flag is absent. */
tl::expected<DaemonOptions, std::string> parseDaemonOptions(
    const std::vector<std::string>& args, const std::optional<std::string>& idleTimeoutEnv);

std::string daemonUsage();

}  // namespace dsroll
