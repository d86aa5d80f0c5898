#include "plugin/commands/DaemonCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

namespace {

void setupRequest(CLI::App& daemon,
                  cli::CommandTable& table,
                  const std::string& name,
                  const std::string& summary,
                  const std::string& longHelp,
                  const std::string& examples) {
  auto positionals = std::make_shared<std::vector<std::string>>();
  auto* app = daemon.add_subcommand(name, summary);
  app->group(kOtherGroup);
  cli::addPositionals(*app, *positionals);
  registerCall(
      table, app, {name, longHelp, examples},
      [positionals, name](const BuildContext&) -> CallResult {
        if (!positionals->empty()) {
          return tl::unexpected(cli::usageError("daemon " + name + " takes no arguments, got \"" +
                                                positionals->front() + "\""));
        }
        return DaemonCall{"daemon." + name, nlohmann::json::object(), {}};
      });
}

void setupLogs(CLI::App& daemon, cli::CommandTable& table) {
  auto options = std::make_shared<DaemonLogsOptions>();
  auto* app = daemon.add_subcommand("logs", "Print the daemon's log");
  app->group(kOtherGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addBoolFlag(*app, "-f,--follow", options->follow, "Specify if the logs should be streamed.");
  cli::addIntFlag(*app, "--tail", options->tail,
                  "Lines of recent log file to display. Defaults to -1, showing all log lines.");
  table.add(app,
            {"logs [-f]",
             "Print the daemon's log file. It is read directly, so this works when the daemon "
             "is not running (for instance to see why it did not start).",
             "# The whole log\n"
             "kubectl dsroll daemon logs\n"
             "\n"
             "# The last 100 lines, then follow\n"
             "kubectl dsroll daemon logs --tail=100 -f"},
            [options](const BuildContext&) -> tl::expected<cli::Action, CliError> {
              return buildDaemonLogs(*options).map([](cli::ShowLogs l) { return cli::Action(l); });
            });
}

}  // namespace

CLI::App* setupDaemon(CLI::App& parent, cli::CommandTable& table) {
  auto* daemon = parent.add_subcommand("daemon", "Manage the dsrolld background daemon");
  daemon->group(kOtherGroup);
  daemon->require_subcommand(0, 1);
  table.addGroup(daemon, {"daemon SUBCOMMAND",
                          "Manage dsrolld, the per-user daemon that talks to the API servers, "
                          "watches DaemonSets and keeps the revision cache. It starts by itself "
                          "on first use and exits after 30 minutes without clients.",
                          "# Is it running, and since when?\n"
                          "kubectl dsroll daemon status"});
  setupRequest(*daemon, table, "status", "Show whether the daemon runs and what it watches",
               "Show the daemon's pid, version, uptime, clusters, watches and clients.",
               "# Is the daemon running, and what does it watch?\n"
               "kubectl dsroll daemon status");
  setupRequest(*daemon, table, "stop", "Stop the daemon",
               "Ask the daemon to finish the requests in flight and exit. The next command "
               "starts it again.",
               "# Stop the daemon (before uninstalling, or to start afresh)\n"
               "kubectl dsroll daemon stop");
  setupLogs(*daemon, table);
  return daemon;
}

tl::expected<cli::ShowLogs, CliError> buildDaemonLogs(const DaemonLogsOptions& options) {
  if (!options.positionals.empty()) {
    return tl::unexpected(cli::usageError("daemon logs takes no arguments, got \"" +
                                          options.positionals.front() + "\""));
  }
  if (options.tail < -1) {
    return tl::unexpected(cli::plainError("--tail must be -1 (all) or more"));
  }
  return cli::ShowLogs{options.follow, options.tail};
}

}  // namespace dsroll::plugin::commands
