#include "plugin/client/TerminalInfo.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace dsroll::plugin::client {

std::optional<TerminalSize> terminalSize(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
    return std::nullopt;
  }
  return TerminalSize{size.ws_col, size.ws_row};
}

ipc::Terminal probeTerminal(const std::optional<std::string>& noColor,
                            const std::optional<std::string>& term) {
  ipc::Terminal t;
  t.stdoutIsTty = ::isatty(1) == 1;
  t.stderrIsTty = ::isatty(2) == 1;
  t.stdinIsTty = ::isatty(0) == 1;
  auto size = terminalSize(t.stdoutIsTty ? 1 : 2);
  if (size && (t.stdoutIsTty || t.stderrIsTty)) {
    t.width = size->width;
    t.height = size->height;
  }
  t.color = t.stdoutIsTty && (!noColor || noColor->empty()) && term.value_or("") != "dumb";
  return t;
}

}  // namespace dsroll::plugin::client
