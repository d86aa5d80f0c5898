#pragma once
// kubectl-style help texts (kubectl's templater: description, Examples:, Available Commands:,
// Options:, Usage:, and the two "Use ..." tips), built from the CLI11 definition.

#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace dsroll::plugin::cli {

class CommandTable;

/** Help for the last command of `path` (root first); wrapWidth 0 = no wrapping. */
std::string renderHelp(const std::vector<CLI::App*>& path,
                       const CommandTable& table,
                       std::size_t wrapWidth);

/** `kubectl dsroll options`: the flags every command accepts. */
std::string renderGlobalOptions(const CLI::App& root, std::size_t wrapWidth);

/** The options of `app` that its help lists (own, visible, sorted by name). */
std::vector<const CLI::Option*> listedOptions(const CLI::App& app, const CommandTable& table);

/** Whether a root option is one of kubectl's global flags (not help or --version). */
bool isGlobalFlag(const CLI::Option& option);

}  // namespace dsroll::plugin::cli
