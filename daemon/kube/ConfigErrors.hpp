#pragma once
// Building ConfigError the way clientcmd builds its errors and kubectl's CheckErr prints them.

#include <string>
#include <vector>

#include "daemon/kube/KubeConfig.hpp"

namespace dsroll::kube {

/** An error kubectl prints as `error: <message>`. */
ConfigError plainConfigError(std::string message);

/**
 * clientcmd's errConfigurationInvalid: message `invalid configuration: <p>` (or `[p1, p2]`);
 * printed as `error: <p>` for one problem, `Error in configuration: <p>` when that problem is a
 * missing context, and `Error in configuration: \n* p1\n* p2` for several.
 */
ConfigError invalidConfiguration(std::vector<std::string> problems, bool contextNotFound = false);

/** Several independent errors (unreadable kubeconfig files): one per line, as kubectl prints. */
ConfigError severalConfigErrors(std::vector<std::string> errors);

}  // namespace dsroll::kube
