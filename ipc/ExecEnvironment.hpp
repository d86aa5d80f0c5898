#pragma once
// How an exec credential plugin is started, the same from the daemon and from the plugin (which
// runs the ones that need the user's terminal): its environment and posix_spawn's arrays.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dsroll::ipc {

/**
 * "NAME=value" strings: the caller's environment, then the kubeconfig's exec.env (later entries
 * win, as in Go's exec), then KUBERNETES_EXEC_INFO.
 */
std::vector<std::string> execEnvironment(
    std::map<std::string, std::string> callerEnv,
    const std::vector<std::pair<std::string, std::string>>& env,
    const std::string& execInfo);

/** The null-terminated char* array posix_spawn takes; strings must outlive it. */
std::vector<char*> spawnPointers(std::vector<std::string>& strings);

}  // namespace dsroll::ipc
