#pragma once
// One kubeconfig file, decoded as clientcmd decodes it (api/v1 Config converted to maps by name).
// Only the fields kubectl uses to reach a cluster are kept; preferences and unknown keys are
// ignored as kubectl ignores them.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::kube {

struct FileCluster {
  std::string server;
  std::string tlsServerName;
  bool insecureSkipTlsVerify = false;
  std::string certificateAuthority;
  std::string certificateAuthorityData;  // decoded
  std::string proxyUrl;
  bool disableCompression = false;
  std::optional<nlohmann::json> execExtension;  // extensions["client.authentication.k8s.io/exec"]
  bool hasExtensions = false;
  std::string origin;  // the file it came from (absolute)
};

struct FileExec {
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string apiVersion;
  std::string installHint;
  bool provideClusterInfo = false;
  std::string interactiveMode;  // defaulted to IfAvailable for v1beta1 as client-go does
};

struct FileUser {
  std::string clientCertificate;
  std::string clientCertificateData;  // decoded
  std::string clientKey;
  std::string clientKeyData;  // decoded
  std::string token;
  std::string tokenFile;
  std::string as;
  std::string asUid;
  std::vector<std::string> asGroups;
  std::map<std::string, std::vector<std::string>> asUserExtra;
  std::string username;
  std::string password;
  std::optional<std::string> authProvider;  // its name, when auth-provider is set
  std::optional<FileExec> exec;
  std::string origin;
};

struct FileContext {
  std::string cluster;
  std::string user;
  std::string namespace_;
};

struct KubeConfigFile {
  std::map<std::string, FileCluster> clusters;
  std::map<std::string, FileUser> users;
  std::map<std::string, FileContext> contexts;
  std::string currentContext;
};

/**
 * Decodes the text of one kubeconfig. origin is recorded in every cluster and user. The error is
 * what kubectl puts after `error loading config file "<file>": `, e.g.
 * `yaml: line 3: ...`, `illegal base64 data at input byte 4 in client-key-data of user "admin"`.
 * Never throws: yaml-cpp's exceptions are caught here.
 */
tl::expected<KubeConfigFile, std::string> parseKubeConfigFile(const std::string& text,
                                                              const std::string& origin);

}  // namespace dsroll::kube
