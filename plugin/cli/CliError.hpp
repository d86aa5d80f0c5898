#pragma once
// A problem with the command line, reported the way kubectl reports it.

#include <string>

namespace dsroll::plugin::cli {

/** One line for the user; `usageHint` adds kubectl's "See '... --help' for usage." line. */
struct CliError {
  std::string message;  // without the "error: " prefix
  bool usageHint = true;
};

/** A usage error (flags, arguments): printed with the hint line. */
inline CliError usageError(std::string message) {
  return CliError{std::move(message), true};
}

/** An error kubectl prints without the hint (bad values it validates later, I/O). */
inline CliError plainError(std::string message) {
  return CliError{std::move(message), false};
}

/**
 * The text for stderr: `error: <message>` and, for usage errors,
 * `See '<commandPath> --help' for usage.`, each line ending in a newline.
 */
std::string formatCliError(const CliError& error, const std::string& commandPath);

}  // namespace dsroll::plugin::cli
