#pragma once
// Declaring options the way kubectl's pflag flags behave, on top of CLI11.
// Each option records its pflag type in CLI11's type_name and its shown default in default_str,
// so the help text, the argument scanner and completion can read them back from the App.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

namespace dsroll::plugin::cli {

/** pflag value types (what `--flag=value` accepts and how help shows the default). */
namespace flagtype {
inline constexpr std::string_view kBool = "bool";
inline constexpr std::string_view kString = "string";
inline constexpr std::string_view kInt = "int";
inline constexpr std::string_view kDuration = "duration";
inline constexpr std::string_view kStringArray = "stringArray";  // repeatable
inline constexpr std::string_view kStringSlice = "stringSlice";  // repeatable, comma-separated
inline constexpr std::string_view kDryRun = "dryRun";            // string, bare flag = "unchanged"
}  // namespace flagtype

/** The value a bare `--dry-run` stands for (kubectl's NoOptDefVal). */
inline constexpr std::string_view kDryRunBare = "unchanged";

/** A boolean flag (`--x`, `--x=false`); help shows `target`'s value as the default. */
CLI::Option* addBoolFlag(CLI::App& app, const std::string& names, bool& target, std::string help);

/** A boolean flag that stays unset unless given. */
CLI::Option* addOptionalBoolFlag(CLI::App& app,
                                 const std::string& names,
                                 std::optional<bool>& target,
                                 std::string help);

/** A string flag that stays unset unless given; `shownDefault` is what help prints. */
CLI::Option* addStringFlag(CLI::App& app,
                           const std::string& names,
                           std::optional<std::string>& target,
                           std::string help,
                           std::string shownDefault = "");

/** A string flag with a default (kept in `target` until given). */
CLI::Option* addStringFlag(CLI::App& app,
                           const std::string& names,
                           std::string& target,
                           std::string help);

/** An integer flag with a default (kept in `target` until given). */
CLI::Option* addIntFlag(CLI::App& app,
                        const std::string& names,
                        std::int64_t& target,
                        std::string help);

/** An integer flag that stays unset unless given; help shows `shownDefault`. */
CLI::Option* addOptionalIntFlag(CLI::App& app,
                                const std::string& names,
                                std::optional<std::int64_t>& target,
                                std::string help,
                                std::string shownDefault = "0");

/** A duration flag (Go syntax, `30s`, `5m`), unset unless given; help shows `0s`. */
CLI::Option* addDurationFlag(CLI::App& app,
                             const std::string& names,
                             std::optional<std::string>& target,
                             std::string help);

/** A flag that may be repeated, one value each time (`--as-group a --as-group b`). */
CLI::Option* addStringArrayFlag(CLI::App& app,
                                const std::string& names,
                                std::vector<std::string>& target,
                                std::string help);

/** Like addStringArrayFlag, and each value is also split at commas (`-f a.yaml,b.yaml`). */
CLI::Option* addStringSliceFlag(CLI::App& app,
                                const std::string& names,
                                std::vector<std::string>& target,
                                std::string help);

/** kubectl's `--dry-run[=none|server|client]`; `target` receives the raw value. */
CLI::Option* addDryRunFlag(CLI::App& app, std::string& target);

/** The command's positional arguments (not shown as an option in help). */
void addPositionals(CLI::App& app, std::vector<std::string>& target);

/** The flag as pflag names it in messages: `-w, --watch` or `--revision`. */
std::string flagDisplayName(const CLI::Option& option);

/** Whether the option takes no separate value (`--x` or `--x=value` only). */
bool isFlagLike(const CLI::Option& option);

/** The value a flag-like option gets when given bare (`true`, or `unchanged` for --dry-run). */
std::string bareFlagValue(const CLI::Option& option);

/** Go's strconv.ParseBool. */
std::optional<bool> parseGoBool(std::string_view text);

/** Go's strconv.ParseInt(text, 0, 64); the error is strconv's message. */
tl::expected<std::int64_t, std::string> parseGoInt(std::string_view text);

/** Go's time.ParseDuration syntax check; the error is the time package's message. */
tl::expected<void, std::string> checkGoDuration(std::string_view text);

/**
 * Checks a value against the option's type and returns it in the form CLI11 gets
 * (booleans as true/false, integers in decimal); the error is pflag's
 * `invalid argument "x" for "--flag" flag: ...`.
 */
tl::expected<std::string, std::string> normalizeFlagValue(const CLI::Option& option,
                                                          const std::string& value);

}  // namespace dsroll::plugin::cli
