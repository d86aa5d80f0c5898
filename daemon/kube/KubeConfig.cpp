#include "daemon/kube/KubeConfig.hpp"

#include "daemon/kube/ConfigErrors.hpp"
#include "daemon/kube/GoPath.hpp"
#include "daemon/kube/GoText.hpp"
#include "daemon/kube/KubeConfigLoader.hpp"
#include "daemon/kube/KubeConfigValidate.hpp"

namespace dsroll::kube {

namespace {

/** A flag counts only when given non-empty, as clientcmd merges only non-zero overrides. */
const std::string* given(const std::optional<std::string>& flag) {
  return flag && !flag->empty() ? &*flag : nullptr;
}

template <typename Map>
const typename Map::mapped_type* find(const Map& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

/** What the command uses, by name, and where each name came from. */
struct Selection {
  std::string contextName;
  const FileContext* context = nullptr;
  std::string userName;
  bool userFromFlag = false;
  std::string clusterName;
  bool clusterFromFlag = false;
};

// clientcmd getCluster: defaults, then the kubeconfig's cluster, then the flags.
FileCluster effectiveCluster(const FileCluster* fromFile,
                             const ipc::KubeFlags& flags,
                             const std::map<std::string, std::string>& env,
                             const std::string& cwd) {
  FileCluster cluster;
  if (auto master = env.find("KUBERNETES_MASTER"); master != env.end()) {
    cluster.server = master->second;  // clientcmd.ClusterDefaults
  }
  if (fromFile != nullptr) {
    const std::string defaultServer = cluster.server;
    cluster = *fromFile;
    if (cluster.server.empty()) cluster.server = defaultServer;
  }
  if (const auto* server = given(flags.server)) cluster.server = *server;
  const auto* ca = given(flags.certificateAuthority);
  const bool insecure = flags.insecureSkipTlsVerify.value_or(false);
  // --insecure-skip-tls-verify or --certificate-authority replace all of the file's TLS trust.
  if (insecure || ca != nullptr) {
    cluster.insecureSkipTlsVerify = insecure;
    cluster.certificateAuthority = ca != nullptr ? absolutePath(*ca, cwd) : std::string();
    cluster.certificateAuthorityData.clear();
  }
  // A --server from the command line drops the file's tls-server-name unless given again.
  if (given(flags.tlsServerName) != nullptr || given(flags.server) != nullptr) {
    cluster.tlsServerName = flags.tlsServerName.value_or("");
  }
  return cluster;
}

// clientcmd getAuthInfo: the kubeconfig's user, then the flags.
FileUser effectiveUser(const FileUser* fromFile,
                       const ipc::KubeFlags& flags,
                       const std::string& cwd) {
  FileUser user = fromFile != nullptr ? *fromFile : FileUser{};
  if (const auto* token = given(flags.token)) {
    user.token = *token;
    user.tokenFile.clear();  // kubectl would keep re-reading the file's token over --token
  }
  if (const auto* cert = given(flags.clientCertificate)) {
    user.clientCertificate = absolutePath(*cert, cwd);
    user.clientCertificateData.clear();
  }
  if (const auto* key = given(flags.clientKey)) {
    user.clientKey = absolutePath(*key, cwd);
    user.clientKeyData.clear();
  }
  if (const auto* as = given(flags.as)) user.as = *as;
  if (const auto* uid = given(flags.asUid)) user.asUid = *uid;
  if (!flags.asGroups.empty()) user.asGroups = flags.asGroups;
  return user;
}

// Paths named inside a kubeconfig are relative to that file's directory.
void resolveFilePaths(FileCluster& cluster, FileUser& user) {
  if (!cluster.origin.empty() && !cluster.certificateAuthority.empty()) {
    cluster.certificateAuthority =
        absolutePath(cluster.certificateAuthority, dirName(cluster.origin));
  }
  if (user.origin.empty()) return;
  const std::string base = dirName(user.origin);
  for (std::string* path : {&user.clientCertificate, &user.clientKey, &user.tokenFile}) {
    if (!path->empty()) *path = absolutePath(*path, base);
  }
  if (user.exec && user.exec->command.find('/') != std::string::npos) {
    user.exec->command = absolutePath(user.exec->command, base);
  }
}

std::string normalizeServer(std::string server) {
  if (server.find("://") == std::string::npos) {
    server = "https://" + server;
  }
  server = server.substr(0, server.find_first_of("?#"));
  while (server.size() > 1 && server.back() == '/' && !server.ends_with("://")) {
    server.pop_back();
  }
  return server;
}

ExecConfig toExecConfig(const FileExec& exec, const FileCluster& cluster) {
  ExecConfig out;
  out.command = exec.command;
  out.args = exec.args;
  out.env = exec.env;
  out.apiVersion = exec.apiVersion;
  out.installHint = cleanControlCharacters(exec.installHint);
  out.provideClusterInfo = exec.provideClusterInfo;
  out.interactiveMode = exec.interactiveMode;
  if (cluster.execExtension) out.clusterConfig = *cluster.execExtension;
  return out;
}

tl::expected<RestConfig, ConfigError> buildRestConfig(const FileCluster& cluster,
                                                      const FileUser& user,
                                                      const std::string& userName,
                                                      Validation& checked,
                                                      const ipc::KubeFlags& flags,
                                                      const FileReader& read) {
  RestConfig rest;
  if (const auto* timeout = given(flags.requestTimeout)) {
    auto parsed = parseDuration(*timeout);
    if (!parsed) return tl::make_unexpected(parsed.error());
    rest.requestTimeout = *parsed;
  }
  if (user.authProvider && !user.exec) {
    return tl::make_unexpected(plainConfigError(
        "the auth-provider " + goQuote(*user.authProvider) + " of user " + goQuote(userName) +
        " is not supported; use an exec credential plugin (users[].user.exec) instead"));
  }
  rest.auth.token = user.token;
  rest.auth.tokenFile = user.tokenFile;
  // Without an inline token kubectl reads the file up front and fails if it cannot; the HTTP
  // client re-reads it as it changes (RestConfig), so only its readability is checked here.
  if (rest.auth.token.empty() && !user.tokenFile.empty()) {
    if (auto text = read(user.tokenFile); !text) {
      return tl::make_unexpected(plainConfigError("unable to read tokenFile " + user.tokenFile +
                                                  " for " + userName + " due to " +
                                                  readErrorText(text.error(), user.tokenFile)));
    }
  }
  const bool hasCa = !checked.caPem.empty() || !cluster.certificateAuthority.empty();
  if (cluster.insecureSkipTlsVerify && hasCa) {
    return tl::make_unexpected(plainConfigError(
        "specifying a root certificates file with the insecure flag is not allowed"));
  }
  rest.server = normalizeServer(cluster.server);
  rest.tls.caPem = std::move(checked.caPem);
  rest.tls.caSource = !cluster.certificateAuthorityData.empty() ? "certificate-authority-data"
                                                                : cluster.certificateAuthority;
  rest.tls.insecureSkipVerify = cluster.insecureSkipTlsVerify;
  rest.tls.serverName = cluster.tlsServerName;
  rest.tls.clientCertPem = std::move(checked.clientCertPem);
  rest.tls.clientKeyPem = std::move(checked.clientKeyPem);
  rest.tls.clientCertSource =
      !user.clientCertificateData.empty() ? "client-certificate-data" : user.clientCertificate;
  rest.auth.username = user.username;
  rest.auth.password = user.password;
  const bool hasCert = !rest.tls.clientCertPem.empty() && !rest.tls.clientKeyPem.empty();
  // client-go runs an exec plugin only when no static credential is configured.
  const bool hasStatic =
      !rest.auth.token.empty() || !rest.auth.tokenFile.empty() || !user.username.empty() || hasCert;
  if (user.exec && !hasStatic) {
    rest.auth.exec = toExecConfig(*user.exec, cluster);
  }
  rest.impersonate = Impersonation{user.as, user.asUid, user.asGroups, user.asUserExtra};
  rest.proxyUrl = cluster.proxyUrl;
  rest.disableCompression = cluster.disableCompression;
  return rest;
}

}  // namespace

tl::expected<ResolvedConfig, ConfigError> resolveConfig(
    const ipc::KubeFlags& flags,
    const std::map<std::string, std::string>& env,
    const std::string& cwd,
    const FileReader& read) {
  auto loaded = loadKubeConfigs(flags.kubeconfig, env, cwd, read);
  if (!loaded) return tl::make_unexpected(loaded.error());
  const KubeConfigFile& config = loaded->merged;

  Selection s;
  s.contextName = given(flags.context) ? *flags.context : config.currentContext;
  s.context = find(config.contexts, s.contextName);
  if (!s.contextName.empty() && s.context == nullptr) {
    return tl::make_unexpected(invalidConfiguration(
        {"context was not found for specified context: " + s.contextName}, true));
  }
  s.userFromFlag = given(flags.user) != nullptr;
  s.userName = s.userFromFlag ? *flags.user : (s.context ? s.context->user : "");
  s.clusterFromFlag = given(flags.cluster) != nullptr;
  s.clusterName = s.clusterFromFlag ? *flags.cluster : (s.context ? s.context->cluster : "");

  const FileUser* fileUser = find(config.users, s.userName);
  const FileCluster* fileCluster = find(config.clusters, s.clusterName);
  FileCluster cluster = effectiveCluster(fileCluster, flags, env, cwd);
  FileUser user = effectiveUser(fileUser, flags, cwd);
  resolveFilePaths(cluster, user);

  Validation checked;
  const bool credentialFlags = given(flags.token) || given(flags.clientCertificate);
  if (fileUser == nullptr && !s.userFromFlag && !s.userName.empty() && !credentialFlags) {
    checked.problems.push_back("user " + goQuote(s.userName) + " was not found for context " +
                               goQuote(s.contextName));
  }
  validateUser(s.userName, user, read, checked);
  if (fileCluster == nullptr && !s.clusterFromFlag && !s.clusterName.empty() &&
      cluster.server.empty()) {
    checked.problems.push_back("cluster " + goQuote(s.clusterName) + " was not found for context " +
                               goQuote(s.contextName));
  } else if (fileCluster == nullptr && s.clusterFromFlag && cluster.server.empty()) {
    checked.problems.push_back("no server found for cluster " + goQuote(s.clusterName));
  } else {
    validateCluster(s.clusterName, cluster, read, checked);
  }
  if (checked.problems.size() == 1 && checked.problems.front() == kEmptyCluster) {
    checked.problems.front() = kEmptyConfig;
  }
  if (!checked.problems.empty()) {
    return tl::make_unexpected(invalidConfiguration(std::move(checked.problems)));
  }
  if (s.userFromFlag && fileUser == nullptr) {
    return tl::make_unexpected(
        plainConfigError("auth info " + goQuote(s.userName) + " does not exist"));
  }
  if (s.clusterFromFlag && fileCluster == nullptr) {
    return tl::make_unexpected(
        plainConfigError("cluster " + goQuote(s.clusterName) + " does not exist"));
  }

  auto rest = buildRestConfig(cluster, user, s.userName, checked, flags, read);
  if (!rest) return tl::make_unexpected(rest.error());
  ResolvedConfig resolved;
  resolved.rest = std::move(*rest);
  resolved.contextName = s.context != nullptr ? s.contextName : "";
  resolved.clusterName = s.clusterName;
  resolved.userName = s.userName;
  const std::string* ns = given(flags.namespace_);
  resolved.namespace_ = ns != nullptr ? *ns : (s.context ? s.context->namespace_ : "");
  if (resolved.namespace_.empty()) resolved.namespace_ = "default";
  resolved.files = std::move(loaded->files);
  return resolved;
}

}  // namespace dsroll::kube
