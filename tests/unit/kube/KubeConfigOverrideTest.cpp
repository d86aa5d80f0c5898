// Command-line overrides, relative paths and *-data fields of resolveConfig.

#include <gtest/gtest.h>

#include "daemon/kube/Base64.hpp"
#include "daemon/kube/KubeConfig.hpp"
#include "tests/unit/kube/FakeFiles.hpp"

namespace dsroll::kube {
namespace {

constexpr const char* kConfig = R"(apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://prod.example.com:6443/
    certificate-authority: ../pki/ca.crt
    tls-server-name: api.internal
- name: data
  cluster:
    server: https://data.example.com
    certificate-authority-data: Q0EtREFUQQ==
    insecure-skip-tls-verify: false
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: prod, retries: 3, on: yes}
    - name: other
      extension: ignored
users:
- name: files
  user:
    client-certificate: certs/admin.crt
    client-key: ./certs/../certs/admin.key
    as: someone
    as-groups: [g1]
- name: data
  user:
    client-certificate-data: Q0VSVC1EQVRB
    client-key-data: S0VZLURBVEE=
- name: tokenfile
  user:
    tokenFile: tokens/t
- name: exec
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ./bin/get-token
      args: [--cluster, prod]
      env: [{name: A, value: b}]
      installHint: "brew install \x1b[1mget-token\x1b[0m"
      provideClusterInfo: true
- name: path-exec
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: aws
      interactiveMode: Never
contexts:
- name: prod
  context: {cluster: prod, user: files, namespace: kube-system}
- name: data
  context: {cluster: data, user: data}
- name: tokenfile
  context: {cluster: prod, user: tokenfile}
- name: exec
  context: {cluster: data, user: exec}
- name: path-exec
  context: {cluster: data, user: path-exec}
current-context: prod
)";

class KubeConfigOverrideTest : public ::testing::Test {
 protected:
  KubeConfigOverrideTest()
      : fs_({{"/home/u/kube/config", kConfig},
             {"/home/u/pki/ca.crt", "CA-FILE"},
             {"/home/u/kube/certs/admin.crt", "CERT-FILE"},
             {"/home/u/kube/certs/admin.key", "KEY-FILE"},
             {"/home/u/kube/tokens/t", "file-token\n"},
             {"/cwd/my-ca.crt", "MY-CA"},
             {"/cwd/me.crt", "MY-CERT"},
             {"/cwd/me.key", "MY-KEY"},
             {"/abs/ca.crt", "ABS-CA"}}) {}

  tl::expected<ResolvedConfig, ConfigError> resolve(const ipc::KubeFlags& flags) {
    return resolveConfig(flags, {{"KUBECONFIG", "/home/u/kube/config"}}, "/cwd", fs_.reader());
  }

  ResolvedConfig resolveOk(const ipc::KubeFlags& flags) {
    auto resolved = resolve(flags);
    EXPECT_TRUE(resolved) << resolved.error().display;
    return resolved ? *resolved : ResolvedConfig{};
  }

  test::FakeFiles fs_;
};

ipc::KubeFlags withContext(const char* context) {
  ipc::KubeFlags flags;
  flags.context = context;
  return flags;
}

TEST_F(KubeConfigOverrideTest, FilePathsResolveAgainstTheKubeconfigDirectory) {
  const ResolvedConfig r = resolveOk({});
  EXPECT_EQ(r.contextName, "prod");
  EXPECT_EQ(r.clusterName, "prod");
  EXPECT_EQ(r.userName, "files");
  EXPECT_EQ(r.namespace_, "kube-system");
  EXPECT_EQ(r.rest.server, "https://prod.example.com:6443");  // trailing slash dropped
  EXPECT_EQ(r.rest.tls.caPem, "CA-FILE");
  EXPECT_EQ(r.rest.tls.caSource, "/home/u/pki/ca.crt");
  EXPECT_EQ(r.rest.tls.serverName, "api.internal");
  EXPECT_EQ(r.rest.tls.clientCertPem, "CERT-FILE");
  EXPECT_EQ(r.rest.tls.clientKeyPem, "KEY-FILE");
  EXPECT_EQ(r.rest.tls.clientCertSource, "/home/u/kube/certs/admin.crt");
  EXPECT_EQ(r.rest.impersonate.user, "someone");
  EXPECT_EQ(r.rest.impersonate.groups, std::vector<std::string>{"g1"});
  EXPECT_FALSE(r.rest.auth.exec);
}

TEST_F(KubeConfigOverrideTest, DataFieldsAreBase64) {
  const ResolvedConfig r = resolveOk(withContext("data"));
  EXPECT_EQ(r.rest.tls.caPem, "CA-DATA");
  EXPECT_EQ(r.rest.tls.caSource, "certificate-authority-data");
  EXPECT_EQ(r.rest.tls.clientCertPem, "CERT-DATA");
  EXPECT_EQ(r.rest.tls.clientKeyPem, "KEY-DATA");
  EXPECT_EQ(r.rest.tls.clientCertSource, "client-certificate-data");
  EXPECT_EQ(r.namespace_, "default");
}

TEST_F(KubeConfigOverrideTest, TokenFileIsResolvedAndChecked) {
  const ResolvedConfig r = resolveOk(withContext("tokenfile"));
  EXPECT_EQ(r.rest.auth.tokenFile, "/home/u/kube/tokens/t");
  EXPECT_EQ(r.rest.auth.token, "");  // the HTTP client reads (and re-reads) the file
}

TEST_F(KubeConfigOverrideTest, ExecCommandWithSlashResolvesAgainstTheFile) {
  const ResolvedConfig r = resolveOk(withContext("exec"));
  ASSERT_TRUE(r.rest.auth.exec);
  const ExecConfig& exec = *r.rest.auth.exec;
  EXPECT_EQ(exec.command, "/home/u/kube/bin/get-token");
  EXPECT_EQ(exec.args, (std::vector<std::string>{"--cluster", "prod"}));
  ASSERT_EQ(exec.env.size(), 1u);
  EXPECT_EQ(exec.env[0], (std::pair<std::string, std::string>{"A", "b"}));
  EXPECT_EQ(exec.interactiveMode, "IfAvailable");  // v1beta1 default
  EXPECT_TRUE(exec.provideClusterInfo);
  EXPECT_EQ(exec.installHint, "brew install U+001B[1mget-tokenU+001B[0m");
  EXPECT_EQ(exec.clusterConfig,
            nlohmann::json::parse(R"({"audience":"prod","retries":3,"true":true})"));
}

TEST_F(KubeConfigOverrideTest, ExecCommandWithoutSlashStaysForPathLookup) {
  const ResolvedConfig r = resolveOk(withContext("path-exec"));
  ASSERT_TRUE(r.rest.auth.exec);
  EXPECT_EQ(r.rest.auth.exec->command, "aws");
  EXPECT_EQ(r.rest.auth.exec->interactiveMode, "Never");
}

TEST_F(KubeConfigOverrideTest, ServerFlagReplacesServerAndDropsTlsServerName) {
  ipc::KubeFlags flags;
  flags.server = "https://other:443";
  const ResolvedConfig r = resolveOk(flags);
  EXPECT_EQ(r.rest.server, "https://other:443");
  EXPECT_EQ(r.rest.tls.serverName, "");
  EXPECT_EQ(r.rest.tls.caPem, "CA-FILE");  // trust stays
  flags.tlsServerName = "given";
  EXPECT_EQ(resolveOk(flags).rest.tls.serverName, "given");
}

TEST_F(KubeConfigOverrideTest, ServerWithoutSchemeGetsHttpsAndQueryIsDropped) {
  ipc::KubeFlags flags;
  flags.server = "10.0.0.1:6443/prefix/?x=1#f";
  EXPECT_EQ(resolveOk(flags).rest.server, "https://10.0.0.1:6443/prefix");
}

TEST_F(KubeConfigOverrideTest, TlsServerNameFlag) {
  ipc::KubeFlags flags;
  flags.tlsServerName = "name.flag";
  EXPECT_EQ(resolveOk(flags).rest.tls.serverName, "name.flag");
}

TEST_F(KubeConfigOverrideTest, CertificateAuthorityFlagReplacesDataAndResolvesAgainstCwd) {
  ipc::KubeFlags flags = withContext("data");
  flags.certificateAuthority = "my-ca.crt";
  const ResolvedConfig r = resolveOk(flags);
  EXPECT_EQ(r.rest.tls.caPem, "MY-CA");
  EXPECT_EQ(r.rest.tls.caSource, "/cwd/my-ca.crt");
  flags.certificateAuthority = "/abs/ca.crt";
  EXPECT_EQ(resolveOk(flags).rest.tls.caPem, "ABS-CA");
}

TEST_F(KubeConfigOverrideTest, InsecureFlagClearsTheFilesCertificateAuthority) {
  ipc::KubeFlags flags;
  flags.insecureSkipTlsVerify = true;
  const ResolvedConfig r = resolveOk(flags);
  EXPECT_TRUE(r.rest.tls.insecureSkipVerify);
  EXPECT_EQ(r.rest.tls.caPem, "");
  flags.insecureSkipTlsVerify = false;  // false is not an override
  EXPECT_EQ(resolveOk(flags).rest.tls.caPem, "CA-FILE");
}

TEST_F(KubeConfigOverrideTest, TokenFlagReplacesTokenFileAndExec) {
  ipc::KubeFlags flags = withContext("tokenfile");
  flags.token = "flag-token";
  ResolvedConfig r = resolveOk(flags);
  EXPECT_EQ(r.rest.auth.token, "flag-token");
  EXPECT_EQ(r.rest.auth.tokenFile, "");
  flags.context = "exec";
  r = resolveOk(flags);
  EXPECT_EQ(r.rest.auth.token, "flag-token");
  EXPECT_FALSE(r.rest.auth.exec);
}

TEST_F(KubeConfigOverrideTest, ClientCertificateFlagsReplaceData) {
  ipc::KubeFlags flags = withContext("data");
  flags.clientCertificate = "me.crt";
  flags.clientKey = "/cwd/me.key";
  const ResolvedConfig r = resolveOk(flags);
  EXPECT_EQ(r.rest.tls.clientCertPem, "MY-CERT");
  EXPECT_EQ(r.rest.tls.clientKeyPem, "MY-KEY");
  EXPECT_EQ(r.rest.tls.clientCertSource, "/cwd/me.crt");
}

TEST_F(KubeConfigOverrideTest, ClientKeyFlagAloneKeepsTheFilesCertificateData) {
  ipc::KubeFlags flags = withContext("data");
  flags.clientKey = "me.key";
  const ResolvedConfig r = resolveOk(flags);
  EXPECT_EQ(r.rest.tls.clientCertPem, "CERT-DATA");
  EXPECT_EQ(r.rest.tls.clientKeyPem, "MY-KEY");
}

TEST_F(KubeConfigOverrideTest, ClientCertificateFlagsDisableExec) {
  ipc::KubeFlags flags = withContext("exec");
  flags.clientCertificate = "me.crt";
  flags.clientKey = "me.key";
  EXPECT_FALSE(resolveOk(flags).rest.auth.exec);
}

TEST_F(KubeConfigOverrideTest, ImpersonationFlags) {
  ipc::KubeFlags flags;
  flags.as = "jane";
  flags.asGroups = {"devs", "ops"};
  flags.asUid = "uid-1";
  const ResolvedConfig r = resolveOk(flags);
  EXPECT_EQ(r.rest.impersonate.user, "jane");
  EXPECT_EQ(r.rest.impersonate.groups, (std::vector<std::string>{"devs", "ops"}));
  EXPECT_EQ(r.rest.impersonate.uid, "uid-1");
}

TEST_F(KubeConfigOverrideTest, NamespaceFlagWinsOverContext) {
  ipc::KubeFlags flags;
  flags.namespace_ = "flag-ns";
  EXPECT_EQ(resolveOk(flags).namespace_, "flag-ns");
  flags.namespace_ = "";  // empty is "not given", as clientcmd merges only non-empty values
  EXPECT_EQ(resolveOk(flags).namespace_, "kube-system");
}

TEST_F(KubeConfigOverrideTest, RequestTimeoutFlag) {
  ipc::KubeFlags flags;
  flags.requestTimeout = "1m30s";
  EXPECT_EQ(resolveOk(flags).rest.requestTimeout, std::chrono::seconds(90));
  flags.requestTimeout = "7";
  EXPECT_EQ(resolveOk(flags).rest.requestTimeout, std::chrono::seconds(7));
  flags.requestTimeout = "0";
  EXPECT_EQ(resolveOk(flags).rest.requestTimeout, std::chrono::milliseconds(0));
}

TEST_F(KubeConfigOverrideTest, ClusterAndUserFlags) {
  ipc::KubeFlags flags;
  flags.cluster = "data";
  flags.user = "data";
  const ResolvedConfig r = resolveOk(flags);
  EXPECT_EQ(r.rest.server, "https://data.example.com");
  EXPECT_EQ(r.rest.tls.clientCertPem, "CERT-DATA");
  EXPECT_EQ(r.namespace_, "kube-system");  // still the current context's
  EXPECT_EQ(r.contextName, "prod");
}

TEST_F(KubeConfigOverrideTest, OnlyTheChosenUsersFilesAreRead) {
  fs_.reads.clear();
  resolveOk(withContext("data"));
  EXPECT_EQ(fs_.reads, std::vector<std::string>{"/home/u/kube/config"});
}

TEST_F(KubeConfigOverrideTest, ExecExtensionReachesOnlyItsCluster) {
  ipc::KubeFlags flags = withContext("exec");
  flags.cluster = "prod";
  const ResolvedConfig r = resolveOk(flags);
  ASSERT_TRUE(r.rest.auth.exec);
  EXPECT_TRUE(r.rest.auth.exec->clusterConfig.is_null());
}

}  // namespace
}  // namespace dsroll::kube
