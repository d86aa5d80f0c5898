#include "daemon/DaemonOptions.hpp"

#include <charconv>

#include "daemon/kube/KubeConfig.hpp"

namespace dsroll {

namespace {

tl::expected<std::chrono::milliseconds, std::string> idleTimeout(const std::string& text,
                                                                 const std::string& source) {
  auto parsed = kube::parseDuration(text);
  if (!parsed) {
    return tl::unexpected("invalid " + source + " \"" + text + "\": " + parsed.error().message);
  }
  if (parsed->count() <= 0) {
    return tl::unexpected("invalid " + source + " \"" + text + "\": must be positive");
  }
  return *parsed;
}

}  // namespace

tl::expected<DaemonOptions, std::string> parseDaemonOptions(
    const std::vector<std::string>& args, const std::optional<std::string>& idleTimeoutEnv) {
  DaemonOptions options;
  if (idleTimeoutEnv && !idleTimeoutEnv->empty()) {
    auto d = idleTimeout(*idleTimeoutEnv, "KUBECTL_DSROLL_IDLE_TIMEOUT");
    if (!d) return tl::unexpected(d.error());
    options.idleTimeout = *d;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const std::string& flag) -> std::optional<std::string> {
      if (arg.rfind(flag + "=", 0) == 0) return arg.substr(flag.size() + 1);
      if (arg == flag && i + 1 < args.size()) return args[++i];
      return std::nullopt;
    };
    if (arg == "--foreground") {
      options.foreground = true;
    } else if (arg == "--debug") {
      options.debug = true;
    } else if (arg == "--version") {
      options.showVersion = true;
    } else if (arg == "-h" || arg == "--help") {
      options.showHelp = true;
    } else if (auto fd = value("--startup-fd")) {
      int n = -1;
      auto [ptr, ec] = std::from_chars(fd->data(), fd->data() + fd->size(), n);
      if (ec != std::errc() || ptr != fd->data() + fd->size() || n < 0) {
        return tl::unexpected("invalid --startup-fd \"" + *fd + "\"");
      }
      options.startupFd = n;
    } else if (auto d = value("--idle-timeout")) {
      auto parsed = idleTimeout(*d, "--idle-timeout");
      if (!parsed) return tl::unexpected(parsed.error());
      options.idleTimeout = *parsed;
    } else {
      return tl::unexpected("unknown argument \"" + arg + "\"");
    }
  }
  return options;
}

std::string daemonUsage() {
  return "Usage: dsrolld [--foreground] [--idle-timeout=DURATION] [--startup-fd=N] [--debug]\n"
         "\n"
         "The per-user daemon behind kubectl dsroll. kubectl-dsroll starts it on demand;\n"
         "run it by hand only to debug (--foreground logs to stderr too).\n"
         "\n"
         "  --foreground            do not detach; log to stderr as well as the log file\n"
         "  --idle-timeout=DURATION exit after this long with no clients (default 30m;\n"
         "                          env KUBECTL_DSROLL_IDLE_TIMEOUT)\n"
         "  --startup-fd=N          report start-up on file descriptor N (used by the plugin)\n"
         "  --debug                 verbose log\n"
         "\n"
         "Files: see KUBECTL_DSROLL_HOME, XDG_RUNTIME_DIR and XDG_STATE_HOME in\n"
         "kubectl dsroll --help.\n";
}

}  // namespace dsroll
