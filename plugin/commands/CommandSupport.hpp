#pragma once
// Pieces every command file uses: the shared flags and the glue from an options struct's
// call builder to the command table.

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "plugin/cli/Action.hpp"
#include "plugin/cli/CommandTable.hpp"
#include "plugin/cli/CommonArgs.hpp"
#include "plugin/cli/Flags.hpp"
#include "plugin/cli/ResourceArg.hpp"

namespace dsroll::plugin::commands {

using cli::BuildContext;
using cli::CliError;
using cli::DaemonCall;
using CallResult = tl::expected<DaemonCall, CliError>;

/** Command groups of `kubectl dsroll --help`. */
inline constexpr const char* kChangeGroup = "Change Commands";
inline constexpr const char* kInspectGroup = "Inspect Commands";
inline constexpr const char* kOtherGroup = "Other Commands";

/** -o/--output; help lists `formats`. */
CLI::Option* addOutputFlag(CLI::App& app,
                           std::optional<std::string>& target,
                           std::initializer_list<std::string_view> formats,
                           cli::CommandTable& table);

/** --offline: answer from the local cache. */
CLI::Option* addOfflineFlag(CLI::App& app, bool& target);

/** --record: hidden and deprecated as in kubectl, and still working. */
CLI::Option* addRecordFlag(CLI::App& app, bool& target, cli::CommandTable& table);

/** --cause: the change-cause to record. */
CLI::Option* addCauseFlag(CLI::App& app, std::optional<std::string>& target);

/** Registers a leaf command whose action is one daemon request. */
void registerCall(cli::CommandTable& table,
                  const CLI::App* app,
                  cli::CommandDoc doc,
                  std::function<CallResult(const BuildContext&)> build);

/** Puts dryRun into the call's args (and kubectl's deprecation warning into its warnings). */
tl::expected<void, CliError> putDryRun(DaemonCall& call, const std::string& raw);

}  // namespace dsroll::plugin::commands
