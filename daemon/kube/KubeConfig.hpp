#pragma once
// kubeconfig loading exactly as kubectl does it (client-go clientcmd rules).

#include <functional>
#include <map>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "daemon/kube/RestConfig.hpp"
#include "ipc/Messages.hpp"

namespace dsroll::kube {

struct ConfigError {
  std::string message;  // one line naming the file and field, e.g.
                        // `error loading config file "/x/config": yaml: line 3: ...`
  std::string display;  // what kubectl prints for it (cmdutil.CheckErr), prefix included:
                        // `error: <message>`, or `Error in configuration: ...` for clientcmd's
                        // invalid-configuration errors (several problems as "\n* " bullets)
};

/** Why a file could not be read, in Go's words so messages match kubectl's. */
struct ReadError {
  bool notFound = false;  // ENOENT: a $KUBECONFIG entry that is skipped
  std::string op;         // "open" or "read"
  std::string reason;     // "no such file or directory", "permission denied", "is a directory"
};

/** Reads a whole file; injectable so tests and the fuzzer need no disk. */
using FileReader = std::function<tl::expected<std::string, ReadError>(const std::string& path)>;

/** Reads from the local disk (thread-safe). */
FileReader diskReader();

/**
 * Resolves the configuration for one request:
 * - files: --kubeconfig alone; else every path in $KUBECONFIG (':'-separated, empty entries and
 *   missing files skipped, as kubectl does) merged with the first value winning per key (no deep
 *   merge inside a named cluster/user/context; current-context from the first file setting it);
 *   else $HOME/.kube/config (a missing default file is not an error while flags give a server).
 * - context: --context, else current-context; cluster and user: --cluster/--user, else the
 *   context's.
 * - overrides: -s/--server, --certificate-authority, --insecure-skip-tls-verify,
 *   --tls-server-name, --client-certificate, --client-key, --token, --as, --as-group,
 *   --as-uid, --request-timeout, -n.
 * - relative paths inside a file resolve against that file's directory; paths given on the
 *   command line against cwd; *-data fields are base64.
 * Errors are kubectl's where kubectl has one (e.g. `context was not found for specified
 * context: foo`, `invalid configuration: no configuration has been provided`).
 * Where kubectl would fall back to http://localhost:8080 this fails instead; $KUBERNETES_MASTER
 * is the default server as in clientcmd. Files named by the chosen cluster and user
 * (certificate-authority, client-certificate, client-key, tokenFile) are read here, so the
 * result carries their contents. On purpose unlike kubectl: --token also drops the kubeconfig's
 * tokenFile (kubectl keeps re-reading that file over the flag), a missing user or cluster named
 * by the context is an error (kubectl prompts or uses localhost:8080), and an exec plugin is
 * kept only when no token, basic auth or client certificate is configured (client-go ignores it
 * then too).
 */
tl::expected<ResolvedConfig, ConfigError> resolveConfig(
    const ipc::KubeFlags& flags,
    const std::map<std::string, std::string>& env,
    const std::string& cwd,
    const FileReader& read = diskReader());

/**
 * Parses a kubectl duration as --request-timeout takes it: a bare non-negative integer counts
 * seconds ("30"), anything else is Go's time.ParseDuration ("0", "1.5s", "1m30s", "250ms",
 * "1h2m3s", "300us"). Negative values are refused; sub-millisecond values round up.
 */
tl::expected<std::chrono::milliseconds, ConfigError> parseDuration(const std::string& text);

}  // namespace dsroll::kube
