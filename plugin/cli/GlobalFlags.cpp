#include "plugin/cli/GlobalFlags.hpp"

#include "plugin/cli/Flags.hpp"

namespace dsroll::plugin::cli {

void setupGlobalFlags(CLI::App& root, GlobalOptions& o) {
  // Help texts are kubectl's (cli-runtime config_flags.go), so `options` reads the same.
  addStringFlag(root, "--kubeconfig", o.kubeconfig,
                "Path to the kubeconfig file to use for CLI requests.");
  addStringFlag(root, "--cache-dir", o.cacheDir, "Default cache directory", "~/.kube/cache");
  addStringFlag(root, "--client-certificate", o.clientCertificate,
                "Path to a client certificate file for TLS");
  addStringFlag(root, "--client-key", o.clientKey, "Path to a client key file for TLS");
  addStringFlag(root, "--token", o.token, "Bearer token for authentication to the API server");
  addStringFlag(root, "--as", o.as, "Username to impersonate for the operation");
  addStringArrayFlag(root, "--as-group", o.asGroups,
                     "Group to impersonate for the operation, this flag can be repeated to "
                     "specify multiple groups.");
  addStringFlag(root, "--as-uid", o.asUid, "UID to impersonate for the operation.");
  addStringFlag(root, "--cluster", o.cluster, "The name of the kubeconfig cluster to use");
  addStringFlag(root, "--user", o.user, "The name of the kubeconfig user to use");
  addStringFlag(root, "-n,--namespace", o.namespace_,
                "If present, the namespace scope for this CLI request");
  addStringFlag(root, "--context", o.context, "The name of the kubeconfig context to use");
  addStringFlag(root, "-s,--server", o.server, "The address and port of the Kubernetes API server");
  addStringFlag(root, "--tls-server-name", o.tlsServerName,
                "Server name to use for server certificate validation. If it is not provided, "
                "the hostname used to contact the server is used");
  addOptionalBoolFlag(root, "--insecure-skip-tls-verify", o.insecureSkipTlsVerify,
                      "If true, the server's certificate will not be checked for validity. This "
                      "will make your HTTPS connections insecure");
  addStringFlag(root, "--certificate-authority", o.certificateAuthority,
                "Path to a cert file for the certificate authority");
  addStringFlag(root, "--request-timeout", o.requestTimeout,
                "The length of time to wait before giving up on a single server request. "
                "Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A "
                "value of zero means don't timeout requests.",
                "0");
  addOptionalBoolFlag(root, "--disable-compression", o.disableCompression,
                      "If true, opt-out of response compression for all requests to the server");
  addOptionalIntFlag(root, "-v,--v", o.verbosity, "number for the log level verbosity");
}

ipc::KubeFlags toKubeFlags(const GlobalOptions& o) {
  ipc::KubeFlags k;
  k.kubeconfig = o.kubeconfig;
  k.context = o.context;
  k.cluster = o.cluster;
  k.user = o.user;
  k.namespace_ = o.namespace_;
  k.server = o.server;
  k.token = o.token;
  k.certificateAuthority = o.certificateAuthority;
  k.clientCertificate = o.clientCertificate;
  k.clientKey = o.clientKey;
  k.tlsServerName = o.tlsServerName;
  k.insecureSkipTlsVerify = o.insecureSkipTlsVerify;
  k.as = o.as;
  k.asGroups = o.asGroups;
  k.asUid = o.asUid;
  k.requestTimeout = o.requestTimeout;
  return k;
}

bool isClassifiedFlag(const std::string& longName) {
  // kubectl writes the token into the change-cause annotation as typed; a bearer token in an
  // object everyone with read access can see is a leak, so it is masked like pflag's
  // "classified" flags.
  return longName == "token";
}

}  // namespace dsroll::plugin::cli
