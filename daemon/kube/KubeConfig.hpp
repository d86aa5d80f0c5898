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
};

/** Reads a file; injectable so tests need no disk. std::nullopt when it cannot be read. */
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

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
 */
tl::expected<ResolvedConfig, ConfigError> resolveConfig(
    const ipc::KubeFlags& flags,
    const std::map<std::string, std::string>& env,
    const std::string& cwd,
    const FileReader& read = diskReader());

/** Parses a kubectl duration ("0", "30s", "1m30s", "250ms", "2h"). */
tl::expected<std::chrono::milliseconds, ConfigError> parseDuration(const std::string& text);

}  // namespace dsroll::kube
