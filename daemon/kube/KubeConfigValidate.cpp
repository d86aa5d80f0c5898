#include "daemon/kube/KubeConfigValidate.hpp"

#include "daemon/kube/GoText.hpp"
#include "daemon/kube/KubeConfigLoader.hpp"

namespace dsroll::kube {

namespace {

// Reads a file named by a field; on failure adds kubectl's "unable to read" problem.
// The *-data value wins when both are given (kubectl also reports that as a problem).
void readNamedFile(const std::string& what,
                   const std::string& path,
                   const std::string& owner,
                   const FileReader& read,
                   std::string& content,
                   std::vector<std::string>& problems) {
  if (path.empty()) return;
  auto text = read(path);
  if (text) {
    if (content.empty()) content = std::move(*text);
    return;
  }
  problems.push_back("unable to read " + what + " " + path + " for " + owner + " due to " +
                     readErrorText(text.error(), path));
}

void validateExec(const std::string& name, const FileUser& user, std::vector<std::string>& out) {
  const FileExec& exec = *user.exec;
  if (user.authProvider) {
    out.push_back("authProvider cannot be provided in combination with an exec plugin for " + name);
  }
  if (exec.command.empty()) {
    out.push_back("command must be specified for " + name + " to use exec authentication plugin");
  }
  if (exec.apiVersion.empty()) {
    out.push_back("apiVersion must be specified for " + name +
                  " to use exec authentication plugin");
  }
  for (const auto& env : exec.env) {
    if (env.first.empty()) {
      out.push_back("env variable name must be specified for " + name +
                    " to use exec authentication plugin");
    }
  }
  const std::string& mode = exec.interactiveMode;
  if (mode.empty()) {
    out.push_back("interactiveMode must be specified for " + name +
                  " to use exec authentication plugin");
  } else if (mode != "Never" && mode != "IfAvailable" && mode != "Always") {
    out.push_back("invalid interactiveMode for " + name + ": " + goQuote(mode));
  }
}

bool isEmpty(const FileCluster& c) {
  return c.server.empty() && c.tlsServerName.empty() && !c.insecureSkipTlsVerify &&
         c.certificateAuthority.empty() && c.certificateAuthorityData.empty() &&
         c.proxyUrl.empty() && !c.disableCompression && !c.hasExtensions;
}

std::string proxyScheme(const std::string& url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string::npos || url.find('/') < colon) return "";
  return url.substr(0, colon);
}

}  // namespace

void validateUser(const std::string& name,
                  const FileUser& user,
                  const FileReader& read,
                  Validation& out) {
  auto& problems = out.problems;
  std::vector<std::string> methods;
  if (!user.token.empty()) methods.emplace_back("token");
  if (!user.username.empty() || !user.password.empty()) methods.emplace_back("basicAuth");

  if (!user.clientCertificate.empty() || !user.clientCertificateData.empty()) {
    if (!user.clientCertificate.empty() && !user.clientCertificateData.empty()) {
      problems.push_back("client-cert-data and client-cert are both specified for " + name +
                         ". client-cert-data will override.");
    }
    if (!user.clientKey.empty() && !user.clientKeyData.empty()) {
      problems.push_back("client-key-data and client-key are both specified for " + name +
                         "; client-key-data will override");
    }
    if (user.clientKey.empty() && user.clientKeyData.empty()) {
      problems.push_back("client-key-data or client-key must be specified for " + name +
                         " to use the clientCert authentication method.");
    }
    out.clientCertPem = user.clientCertificateData;
    out.clientKeyPem = user.clientKeyData;
    readNamedFile("client-cert", user.clientCertificate, name, read, out.clientCertPem, problems);
    readNamedFile("client-key", user.clientKey, name, read, out.clientKeyPem, problems);
  }
  if (user.exec) {
    validateExec(name, user, problems);
  }
  if (methods.size() > 1) {
    problems.push_back("more than one authentication method found for " + name + "; found [" +
                       methods[0] + " " + methods[1] + "], only one is allowed");
  }
  if ((!user.asUid.empty() || !user.asGroups.empty() || !user.asUserExtra.empty()) &&
      user.as.empty()) {
    problems.push_back("requesting uid, groups or user-extra for " + name +
                       " without impersonating a user");
  }
}

void validateCluster(const std::string& name,
                     const FileCluster& cluster,
                     const FileReader& read,
                     Validation& out) {
  auto& problems = out.problems;
  if (isEmpty(cluster)) {
    problems.emplace_back(kEmptyCluster);
    return;
  }
  if (cluster.server.empty()) {
    problems.push_back(name.empty() ? "default cluster has no server defined"
                                    : "no server found for cluster " + goQuote(name));
  }
  if (!cluster.proxyUrl.empty()) {
    const std::string scheme = proxyScheme(cluster.proxyUrl);
    if (scheme != "http" && scheme != "https" && scheme != "socks5") {
      problems.push_back("invalid 'proxy-url' " + goQuote(cluster.proxyUrl) + " for cluster " +
                         goQuote(name) + ": unsupported scheme " + goQuote(scheme) +
                         ", must be http, https, or socks5");
    }
  }
  if (!cluster.certificateAuthority.empty() && !cluster.certificateAuthorityData.empty()) {
    problems.push_back(
        "certificate-authority-data and certificate-authority are both specified "
        "for " +
        name + ". certificate-authority-data will override.");
  }
  out.caPem = cluster.certificateAuthorityData;
  readNamedFile("certificate-authority", cluster.certificateAuthority, name, read, out.caPem,
                problems);
}

}  // namespace dsroll::kube
