#include "ipc/Paths.hpp"

#include <cstdlib>

namespace dsroll::ipc {

namespace {

std::optional<std::string> nonEmpty(const EnvLookup& env, const char* name) {
  auto value = env(name);
  if (value && !value->empty()) {
    return value;
  }
  return std::nullopt;
}

}  // namespace

Paths computePaths(const EnvLookup& env, unsigned uid) {
  Paths p;
  if (auto home = nonEmpty(env, "KUBECTL_DSROLL_HOME")) {
    p.runtimeDir = *home;
    p.stateDir = *home;
  } else {
    if (auto runtime = nonEmpty(env, "XDG_RUNTIME_DIR")) {
      p.runtimeDir = *runtime + "/kubectl-dsroll";
    } else {
      p.runtimeDir = "/tmp/kubectl-dsroll-" + std::to_string(uid);
    }
    if (auto state = nonEmpty(env, "XDG_STATE_HOME")) {
      p.stateDir = *state + "/kubectl-dsroll";
    } else if (auto userHome = nonEmpty(env, "HOME")) {
      p.stateDir = *userHome + "/.local/state/kubectl-dsroll";
    } else {
      p.stateDir = p.runtimeDir + "/state";
    }
  }
  p.socket = p.runtimeDir + "/dsrolld.sock";
  p.pidFile = p.runtimeDir + "/dsrolld.pid";
  p.cacheDb = p.stateDir + "/cache.db";
  p.logFile = p.stateDir + "/dsrolld.log";
  return p;
}

EnvLookup processEnv() {
  return [](const char* name) -> std::optional<std::string> {
    // The daemon and plugin are single-threaded where they read the environment.
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

}  // namespace dsroll::ipc
