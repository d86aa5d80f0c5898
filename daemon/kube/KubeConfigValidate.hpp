#pragma once
// clientcmd's validateAuthInfo and validateClusterInfo for the user and cluster a command uses,
// worded as kubectl words them. Files they name are read here (kubectl opens them to check).

#include <string>
#include <vector>

#include "daemon/kube/KubeConfig.hpp"
#include "daemon/kube/KubeConfigFile.hpp"

namespace dsroll::kube {

/** The problems found, and the contents of the files that could be read. */
struct Validation {
  std::vector<std::string> problems;
  std::string caPem;
  std::string clientCertPem;
  std::string clientKeyPem;
};

/** Appends the user's problems; reads client-certificate and client-key files. */
void validateUser(const std::string& name,
                  const FileUser& user,
                  const FileReader& read,
                  Validation& out);

/** clientcmd's message when the only problem is an empty cluster. */
inline constexpr const char* kEmptyCluster = "cluster has no server defined";
inline constexpr const char* kEmptyConfig =
    "no configuration has been provided, try setting KUBERNETES_MASTER environment variable";

/**
 * Appends the cluster's problems; reads the certificate-authority file. An all-empty cluster
 * gives only kEmptyCluster (when nothing else is wrong kubectl reports kEmptyConfig instead).
 */
void validateCluster(const std::string& name,
                     const FileCluster& cluster,
                     const FileReader& read,
                     Validation& out);

}  // namespace dsroll::kube
