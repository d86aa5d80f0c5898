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
  std::string message;  // client-go's wording, e.g. `exec: executable aws failed with exit code
                        // 1: <stderr, trimmed>`; callers prefix `getting credentials: ` as
                        // client-go does
  bool needsTerminal = false;  // interactiveMode Always: only the plugin (with a TTY) can run it
  bool notFound = false;       // the command does not exist: running it elsewhere cannot help
};

/**
 * The KUBERNETES_EXEC_INFO value for a call, byte for byte as client-go encodes it (field order,
 * HTML-safe escapes, trailing newline); spec.cluster only with provideClusterInfo, built from the
 * resolved cluster (server, tls-server-name, insecure-skip-tls-verify, certificate-authority-data,
 * proxy-url, disable-compression, config).
 */
std::string execInfoJson(const ExecConfig& exec, const RestConfig& cluster, bool interactive);

/** Parses and validates the plugin's stdout against the requested apiVersion. */
tl::expected<ExecCredential, ExecError> parseExecOutput(const ExecConfig& exec,
                                                        const std::string& stdoutText);

/**
 * Runs the plugin (blocking, so callers run it off the io thread) with the caller's environment
 * plus exec.env plus KUBERNETES_EXEC_INFO, stdin from /dev/null, and a deadline. A missing
 * command gives kubectl's message including installHint.
 * A bare command is looked up in the caller's PATH. The plugin runs in its own process group;
 * past the deadline the group is killed. The child is always reaped and no descriptor leaks; no
 * shared state, so any number of threads may call this at once.
 */
tl::expected<ExecCredential, ExecError> runExecPlugin(
    const ExecConfig& exec,
    const RestConfig& cluster,
    const std::map<std::string, std::string>& callerEnv,
    std::chrono::milliseconds deadline);

}  // namespace dsroll::kube
