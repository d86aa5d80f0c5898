#pragma once
// kubectl's global flags (cli-runtime ConfigFlags plus -v): accepted by every command, before or
// after its arguments, and passed to the daemon as request.kube.

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ipc/Messages.hpp"

namespace dsroll::plugin::cli {

struct GlobalOptions {
  std::optional<std::string> kubeconfig;
  std::optional<std::string> context;
  std::optional<std::string> cluster;
  std::optional<std::string> user;
  std::optional<std::string> namespace_;
  std::optional<std::string> server;
  std::optional<std::string> token;
  std::optional<std::string> certificateAuthority;
  std::optional<std::string> clientCertificate;
  std::optional<std::string> clientKey;
  std::optional<bool> insecureSkipTlsVerify;
  std::optional<std::string> tlsServerName;
  std::optional<std::string> requestTimeout;
  std::optional<std::string> as;
  std::vector<std::string> asGroups;
  std::optional<std::string> asUid;
  std::optional<std::string> cacheDir;     // accepted for kubectl compatibility, unused
  std::optional<bool> disableCompression;  // accepted, unused
  std::optional<std::int64_t> verbosity;   // -v: accepted, unused
};

/** Declares the global flags on the root command. */
void setupGlobalFlags(CLI::App& root, GlobalOptions& options);

/** The connection flags as the request carries them. */
ipc::KubeFlags toKubeFlags(const GlobalOptions& options);

/** Long names of global flags whose values --record must not write into an annotation. */
bool isClassifiedFlag(const std::string& longName);

}  // namespace dsroll::plugin::cli
