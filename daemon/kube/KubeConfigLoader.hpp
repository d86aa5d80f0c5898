#pragma once
// clientcmd's ClientConfigLoadingRules: which kubeconfig files to read, and merging them.

#include <map>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "daemon/kube/KubeConfig.hpp"
#include "daemon/kube/KubeConfigFile.hpp"

namespace dsroll::kube {

struct LoadedKubeConfig {
  KubeConfigFile merged;
  std::vector<std::string> files;  // absolute paths of the files read, in precedence order
};

/**
 * --kubeconfig alone (it must exist); else the ':'-separated $KUBECONFIG list (duplicates and
 * empty entries dropped, missing files skipped); else $HOME/.kube/config when it exists.
 * Merged as clientcmd merges: the first file to define a cluster, user or context name wins it
 * whole, and current-context comes from the first file that sets one. Relative paths are made
 * absolute against cwd before reading; messages name files as the user wrote them.
 */
tl::expected<LoadedKubeConfig, ConfigError> loadKubeConfigs(
    const std::optional<std::string>& kubeconfigFlag,
    const std::map<std::string, std::string>& env,
    const std::string& cwd,
    const FileReader& read);

/** Go's error text for a failed read: `open /x/y: no such file or directory`. */
std::string readErrorText(const ReadError& error, const std::string& path);

}  // namespace dsroll::kube
