// dsrolld: process set-up only (directories, single-instance lock, daemonizing, logging);
// DaemonApp does the work.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <variant>
#include <vector>

#include <unistd.h>

#include "daemon/DaemonOptions.hpp"
#include "daemon/app/DaemonApp.hpp"
#include "daemon/lifecycle/Daemonize.hpp"
#include "daemon/lifecycle/Logger.hpp"
#include "daemon/lifecycle/ProcessLock.hpp"
#include "daemon/lifecycle/SecureDir.hpp"
#include "daemon/lifecycle/StartupPipe.hpp"
#include "ipc/Paths.hpp"

namespace {

using namespace dsroll;

int fail(lifecycle::StartupPipe& startup, const std::string& message) {
  std::fprintf(stderr, "dsrolld: %s\n", message.c_str());
  startup.failed(message);
  return 1;
}

int runDaemon(const DaemonOptions& options) {
  lifecycle::StartupPipe startup(options.startupFd);
  const ipc::Paths paths = ipc::computePaths(ipc::processEnv(), ::geteuid());
  for (const auto& dir : {paths.runtimeDir, paths.stateDir}) {
    if (auto ok = lifecycle::ensureSecureDir(dir); !ok) {
      return fail(startup, ok.error());
    }
  }

  auto acquired = lifecycle::ProcessLock::tryAcquire(paths.pidFile);
  if (auto* held = std::get_if<lifecycle::ProcessLock::Held>(&acquired)) {
    // Lost the start-up race, or already running: the spawner just connects to the winner.
    startup.locked(held->pid);
    if (options.foreground) {
      std::fprintf(stderr, "dsrolld: already running (pid %ld)\n", held->pid);
      return 1;
    }
    return 0;
  }
  if (auto* failed = std::get_if<lifecycle::ProcessLock::Failed>(&acquired)) {
    return fail(startup, failed->message);
  }
  auto& lock = std::get<lifecycle::ProcessLock>(acquired);

  if (!options.foreground) {
    if (auto detached = lifecycle::daemonize(); !detached) {
      return fail(startup, detached.error());
    }
  }
  lock.writePid();
  std::signal(SIGPIPE, SIG_IGN);

  lifecycle::Logger log(lifecycle::Logger::Options{
      paths.logFile, 8 * 1024 * 1024, 3, options.foreground,
      options.debug ? lifecycle::LogLevel::Debug : lifecycle::LogLevel::Info});
  app::DaemonApp daemon(options, paths, log);
  return daemon.run(startup);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto env = dsroll::ipc::processEnv();
    auto options = dsroll::parseDaemonOptions(std::vector<std::string>(argv + 1, argv + argc),
                                              env("KUBECTL_DSROLL_IDLE_TIMEOUT"));
    if (!options) {
      std::fprintf(stderr, "dsrolld: %s\n%s", options.error().c_str(),
                   dsroll::daemonUsage().c_str());
      dsroll::lifecycle::StartupPipe(-1);
      return 2;
    }
    if (options->showHelp) {
      std::fputs(dsroll::daemonUsage().c_str(), stdout);
      return 0;
    }
    if (options->showVersion) {
      std::printf("dsrolld %s\n", DSROLL_VERSION);
      return 0;
    }
    return runDaemon(*options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dsrolld: internal error: %s\n", e.what());
    return 70;
  }
}
