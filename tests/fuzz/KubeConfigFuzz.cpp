// libFuzzer target: resolveConfig over kubeconfig text it has never seen. The input holds up to
// three NUL-separated parts: the first kubeconfig, a second one merged after it, and flags as
// "name=value" lines (context, cluster, user, namespace, server, token, kubeconfig...).
// Files named inside (certificate-authority and the like) exist when they start with /k/files/.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/kube/ExecCredential.hpp"
#include "daemon/kube/KubeConfig.hpp"

namespace {

using namespace dsroll;

std::vector<std::string> splitParts(std::string_view input) {
  std::vector<std::string> parts;
  while (parts.size() < 2) {
    const auto nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    parts.emplace_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  parts.emplace_back(input);
  return parts;
}

void applyFlag(ipc::KubeFlags& flags, std::string_view line) {
  const auto eq = line.find('=');
  if (eq == std::string_view::npos) return;
  const std::string_view name = line.substr(0, eq);
  std::string value(line.substr(eq + 1));
  if (name == "kubeconfig")
    flags.kubeconfig = value;
  else if (name == "context")
    flags.context = value;
  else if (name == "cluster")
    flags.cluster = value;
  else if (name == "user")
    flags.user = value;
  else if (name == "namespace")
    flags.namespace_ = value;
  else if (name == "server")
    flags.server = value;
  else if (name == "token")
    flags.token = value;
  else if (name == "certificate-authority")
    flags.certificateAuthority = value;
  else if (name == "client-certificate")
    flags.clientCertificate = value;
  else if (name == "client-key")
    flags.clientKey = value;
  else if (name == "tls-server-name")
    flags.tlsServerName = value;
  else if (name == "insecure")
    flags.insecureSkipTlsVerify = value == "true";
  else if (name == "as")
    flags.as = value;
  else if (name == "as-group")
    flags.asGroups.push_back(value);
  else if (name == "as-uid")
    flags.asUid = value;
  else if (name == "request-timeout")
    flags.requestTimeout = value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> parts = splitParts(input);
  std::map<std::string, std::string> files{{"/k/a", parts[0]}};
  std::string kubeconfigEnv = "/k/a";
  if (parts.size() > 1) {
    files["/k/b"] = parts[1];
    kubeconfigEnv += ":/k/missing:/k/b";
  }
  ipc::KubeFlags flags;
  if (parts.size() > 2) {
    std::string_view rest = parts[2];
    while (!rest.empty()) {
      const auto nl = rest.find('\n');
      applyFlag(flags, rest.substr(0, nl));
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  }
  const kube::FileReader reader =
      [&files](const std::string& path) -> tl::expected<std::string, kube::ReadError> {
    if (auto it = files.find(path); it != files.end()) return it->second;
    if (path.rfind("/k/files/", 0) == 0) return std::string("-----BEGIN CERTIFICATE-----");
    return tl::make_unexpected(kube::ReadError{true, "open", "no such file or directory"});
  };
  const std::map<std::string, std::string> env{{"KUBECONFIG", kubeconfigEnv}, {"HOME", "/home"}};
  auto resolved = kube::resolveConfig(flags, env, "/k", reader);
  if (resolved && resolved->rest.auth.exec) {
    // The exec info is built from whatever the kubeconfig held (invalid UTF-8 included).
    (void)kube::execInfoJson(*resolved->rest.auth.exec, resolved->rest, false);
  }
  if (!resolved && resolved.error().display.empty()) __builtin_trap();
  return 0;
}
