#pragma once
// Where the daemon's files live. Pure computation from the environment, so the plugin (which
// connects and spawns) and the daemon (which creates and checks) agree without sharing I/O code.

#include <functional>
#include <optional>
#include <string>

namespace dsroll::ipc {

/** Reads one environment variable; std::nullopt when unset. */
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

struct Paths {
  std::string runtimeDir;  // socket and pid lock (0700)
  std::string stateDir;    // cache database and logs (0700)
  std::string socket;
  std::string pidFile;
  std::string cacheDb;
  std::string logFile;
};

/**
 * KUBECTL_DSROLL_HOME=DIR puts everything under DIR. Otherwise the runtime dir is
 * $XDG_RUNTIME_DIR/kubectl-dsroll (or /tmp/kubectl-dsroll-<uid> without it) and the state dir
 * $XDG_STATE_HOME/kubectl-dsroll (or $HOME/.local/state/kubectl-dsroll).
 */
Paths computePaths(const EnvLookup& env, unsigned uid);

/** EnvLookup over the process environment. */
EnvLookup processEnv();

}  // namespace dsroll::ipc
