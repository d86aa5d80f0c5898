#pragma once
// Argument pieces several commands share: --dry-run, -o/--output, and the command line that
// --record writes into the change-cause annotation.

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "plugin/cli/Action.hpp"
#include "plugin/cli/CliError.hpp"

namespace dsroll::plugin::cli {

struct DryRun {
  std::string strategy;                // "none", "client" or "server"
  std::optional<std::string> warning;  // kubectl's deprecation notice, for stderr
};

/** kubectl's GetDryRunStrategy: bare = client (deprecated), booleans (deprecated), bad values. */
tl::expected<DryRun, CliError> parseDryRun(const std::string& raw);

/** Checks -o against the formats the command supports (kubectl's message when not). */
tl::expected<void, CliError> checkOutput(const std::optional<std::string>& output,
                                         std::initializer_list<std::string_view> allowed);

/**
 * The command line as kubectl records it (cli-runtime record_flags.go): "kubectl dsroll", the
 * non-flag words, then every flag as ` --name=value` in the order given.
 */
std::string recordedCommandLine(const BuildContext& context);

/**
 * A warning line as kubectl's klog writes it: `W1125 10:11:12.123456   12345 helpers.go:714] msg`.
 * The location is where kubectl logs its --dry-run deprecation.
 */
std::string klogWarningLine(const std::string& message,
                            std::chrono::system_clock::time_point now,
                            long pid);

/** Sets args[key] when the value is present. */
template <typename T>
void putIfSet(nlohmann::json& args, const char* key, const std::optional<T>& value) {
  if (value) {
    args[key] = *value;
  }
}

}  // namespace dsroll::plugin::cli
