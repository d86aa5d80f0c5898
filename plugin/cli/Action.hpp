#pragma once
// What a command line asks the plugin to do, once parsed.

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "plugin/cli/CliError.hpp"

namespace dsroll::plugin::cli {

/** Send one request to the daemon (ipc/COMMANDS.md). */
struct DaemonCall {
  std::string command;
  nlohmann::json args = nlohmann::json::object();
  std::vector<std::string> klogWarnings;  // kubectl prints these through klog before acting
};

/** `daemon logs`: print (and follow) the daemon's log file. */
struct ShowLogs {
  bool follow = false;
  std::int64_t tail = -1;  // lines from the end; -1 = all
};

/** `completion install`: put kubectl_complete-dsroll on PATH. */
struct InstallCompletion {
  std::string dir;  // empty = the PATH directory holding kubectl-dsroll
};

/** Print text to stdout and exit 0 (help, version, options). */
struct PrintText {
  std::string text;
};

/** The hidden `__complete` command: answer like kubectl_complete-dsroll. */
struct RunCompletion {
  std::vector<std::string> words;
};

using Action = std::variant<DaemonCall, ShowLogs, InstallCompletion, PrintText, RunCompletion>;

/** What the command builders may need beyond their options. */
struct BuildContext {
  std::vector<std::string> argv;          // the arguments after the program name, as typed
  std::vector<std::string> nonFlagWords;  // command words and positionals, in order
  std::vector<std::pair<std::string, std::string>> flagsForRecord;  // (long name, value)
  bool color = false;  // stdout is a TTY and NO_COLOR is unset
  /** Reads all of stdin (apply -f -). */
  std::function<tl::expected<std::string, std::string>()> readStdin;
};

using ActionBuilder = std::function<tl::expected<Action, CliError>(const BuildContext&)>;

}  // namespace dsroll::plugin::cli
