#pragma once
// client-go exec credential plugins (client.authentication.k8s.io/v1 and v1beta1).

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "daemon/kube/RestConfig.hpp"

namespace dsroll::kube {

struct ExecCredential {
  std::string token;
  std::string clientCertPem;
  std::string clientKeyPem;
  std::optional<std::chrono::system_clock::time_point> expiresAt;
};

struct ExecError {
  std::string message;  // names the command and includes its stderr (trimmed) when it failed
};

/** The KUBERNETES_EXEC_INFO value for a call (cluster info only with provideClusterInfo). */
std::string execInfoJson(const ExecConfig& exec, const RestConfig& cluster, bool interactive);

/** Parses and validates the plugin's stdout against the requested apiVersion. */
tl::expected<ExecCredential, ExecError> parseExecOutput(const ExecConfig& exec,
                                                        const std::string& stdoutText);

/**
 * Runs the plugin (blocking, so callers run it off the io thread) with the caller's environment
 * plus exec.env plus KUBERNETES_EXEC_INFO, stdin from /dev/null, and a deadline. A missing
 * command gives kubectl's message including installHint.
 */
tl::expected<ExecCredential, ExecError> runExecPlugin(
    const ExecConfig& exec,
    const RestConfig& cluster,
    const std::map<std::string, std::string>& callerEnv,
    std::chrono::milliseconds deadline);

}  // namespace dsroll::kube
