#pragma once
// Everything needed to talk to one API server as one identity: the result of resolving a
// kubeconfig with kubectl's rules and the command-line overrides. Plain data, no I/O.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace dsroll::kube {

/** users[].user.exec of a kubeconfig. */
struct ExecConfig {
  std::string command;  // resolved: relative paths containing '/' are made absolute against
                        // the directory of the kubeconfig that named them
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string apiVersion;  // client.authentication.k8s.io/v1 or /v1beta1
  std::string installHint;
  bool provideClusterInfo = false;
  std::string interactiveMode;  // Never | IfAvailable | Always ("" = version default)
  nlohmann::json clusterConfig;  // clusters[].cluster.extensions["client.authentication.k8s.io/exec"]
};

struct TlsConfig {
  std::string caPem;          // from certificate-authority(-data); empty = system roots
  std::string caSource;       // file path or "certificate-authority-data", for messages
  bool insecureSkipVerify = false;
  std::string serverName;     // tls-server-name; empty = host of the server URL
  std::string clientCertPem;  // client-certificate(-data)
  std::string clientKeyPem;   // client-key(-data)
  std::string clientCertSource;
};

struct AuthConfig {
  std::string token;      // bearer token given inline (or --token)
  std::string tokenFile;  // re-read when it changes
  std::string username;   // basic auth (deprecated but still honoured)
  std::string password;
  std::optional<ExecConfig> exec;
};

struct Impersonation {
  std::string user;
  std::string uid;
  std::vector<std::string> groups;
  std::map<std::string, std::vector<std::string>> extra;
};

struct RestConfig {
  std::string server;  // https://host:port with an optional path prefix, no trailing slash
  TlsConfig tls;
  AuthConfig auth;
  Impersonation impersonate;
  std::chrono::milliseconds requestTimeout{0};  // 0 = the client's default per operation
  std::string proxyUrl;                          // clusters[].cluster.proxy-url (unsupported: error)
  bool disableCompression = false;
};

/** A kubeconfig resolved for one command. */
struct ResolvedConfig {
  RestConfig rest;
  std::string contextName;  // "" when no context was used (--server only)
  std::string clusterName;
  std::string userName;
  std::string namespace_;   // -n, else the context's namespace, else "default"
  std::vector<std::string> files;  // the kubeconfig files that were read, in precedence order
};

}  // namespace dsroll::kube
