#pragma once
// What the request tells the daemon about the caller's terminal.

#include <optional>
#include <string>

#include "ipc/Messages.hpp"

namespace dsroll::plugin::client {

/** Columns and rows of the terminal on `fd`, when it is one. */
struct TerminalSize {
  int width = 0;
  int height = 0;
};
std::optional<TerminalSize> terminalSize(int fd);

/**
 * isatty(1), isatty(2) and isatty(0), the size of whichever is a terminal, and color: stdout is a terminal,
 * NO_COLOR is unset or empty, and TERM is not "dumb".
 */
ipc::Terminal probeTerminal(const std::optional<std::string>& noColor,
                            const std::optional<std::string>& term);

}  // namespace dsroll::plugin::client
