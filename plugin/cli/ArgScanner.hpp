#pragma once
// Reads a command line the way kubectl (cobra + pflag) does, against the CLI11 definition:
// the command path comes from the leading non-flag words, then every flag of that command and
// its parents is accepted anywhere, as `--flag=value`, `--flag value`, `-f value`, `-fvalue`,
// `-f=value`, bool shorthands clustered, and `--` ending the flags. The result is handed to
// CLI11 in one canonical form, so CLI11 stores the values and pflag's error texts are kept.

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "plugin/cli/CliError.hpp"

namespace dsroll::plugin::cli {

class CommandTable;

/** One flag as given. */
struct FlagUse {
  const CLI::Option* option = nullptr;
  const CLI::App* owner = nullptr;  // the command that declares the flag
  std::string value;                // checked and normalized (what CLI11 receives)
  std::string typed;                // as typed, or the bare-flag value
  bool continuation = false;        // a later piece of a comma-split value
};

struct ArgScan {
  std::vector<CLI::App*> path;  // the root first, then each subcommand
  std::vector<FlagUse> flags;   // in command-line order (help and version excluded)
  std::vector<std::string> positionals;
  std::vector<std::string> nonFlagWords;  // command words and positionals, as ordered
  std::vector<std::string> warnings;      // pflag's deprecation notices
  bool help = false;
  bool version = false;
  /** Completion only: the last word is a flag still waiting for its value. */
  const CLI::Option* pendingValue = nullptr;
};

struct ScanFailure {
  CliError error;
  std::vector<CLI::App*> path;  // as far as it was found (for the usage hint)
};

/** Scans a full command line; unknown flags and bad values are errors. */
tl::expected<ArgScan, ScanFailure> scanArgs(CLI::App& root,
                                            const CommandTable& table,
                                            const std::vector<std::string>& args);

/** Scans the completed words of a partial command line; never fails, skips what it cannot read. */
ArgScan scanForCompletion(CLI::App& root, const std::vector<std::string>& words);

/** The first word of the command line that is not a root flag or its value. */
std::optional<std::string> firstCommandWord(CLI::App& root, const std::vector<std::string>& args);

/** The arguments in the canonical form CLI11 parses (forward order). */
std::vector<std::string> canonicalArgs(const ArgScan& scan);

/** "kubectl dsroll cache prune" for a path. */
std::string commandPath(const std::vector<CLI::App*>& path);

/** The option of `path` (innermost command first) with that long name or shorthand. */
const CLI::Option* findLongFlag(const std::vector<CLI::App*>& path, const std::string& name);
const CLI::Option* findShortFlag(const std::vector<CLI::App*>& path, char shorthand);

}  // namespace dsroll::plugin::cli
