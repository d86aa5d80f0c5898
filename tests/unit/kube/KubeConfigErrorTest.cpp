// Every error resolveConfig reports, with the exact text kubectl prints (ConfigError.display).
// Where kubectl v1.32 has the error, the expected string was checked against it.

#include <gtest/gtest.h>

#include "daemon/kube/KubeConfig.hpp"
#include "tests/unit/kube/FakeFiles.hpp"

namespace dsroll::kube {
namespace {

std::string config(const std::string& clusterExtra,
                   const std::string& userBody,
                   const std::string& contextExtra = "") {
  return "apiVersion: v1\nkind: Config\nclusters:\n- name: c1\n  cluster:\n"
         "    server: https://127.0.0.1:1\n" +
         clusterExtra + "contexts:\n- name: ctx1\n  context:\n    cluster: c1\n    user: admin\n" +
         contextExtra + "users:\n- name: admin\n  user:\n" + userBody + "current-context: ctx1\n";
}

struct ErrorCase {
  ErrorCase(const char* caseName,
            std::string fileText,
            ipc::KubeFlags kubeFlags,
            std::string displayText,
            std::string messageText = "")
      : name(caseName),
        file(std::move(fileText)),
        flags(std::move(kubeFlags)),
        display(std::move(displayText)),
        message(std::move(messageText)) {}

  const char* name;
  std::string file;  // content of /k/config ("" = none)
  ipc::KubeFlags flags;
  std::string display;
  std::string message;  // "" = not checked
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << c.name;
}

ipc::KubeFlags flag(std::optional<std::string> ipc::KubeFlags::*member, const char* value) {
  ipc::KubeFlags flags;
  flags.*member = value;
  return flags;
}

class KubeConfigErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(KubeConfigErrorTest, MatchesKubectl) {
  const ErrorCase& c = GetParam();
  test::FakeFiles fs({{"/tmp/kc/ca.crt", "CA"}, {"/tmp/kc/tls.key", "KEY"}});
  fs.directories.insert("/k/dir");
  if (!c.file.empty()) fs.files["/k/config"] = c.file;
  auto resolved = resolveConfig(c.flags, {{"KUBECONFIG", "/k/config"}}, "/tmp/kc", fs.reader());
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().display, c.display);
  if (!c.message.empty()) {
    EXPECT_EQ(resolved.error().message, c.message);
  }
}

const std::string kToken = "    token: abc\n";

INSTANTIATE_TEST_SUITE_P(
    Cases,
    KubeConfigErrorTest,
    ::testing::Values(
        ErrorCase{"noConfiguration",
                  "",
                  {},
                  "error: no configuration has been provided, try setting KUBERNETES_MASTER "
                  "environment variable",
                  "invalid configuration: no configuration has been provided, try setting "
                  "KUBERNETES_MASTER environment variable"},
        ErrorCase{"contextNotFound", config("", kToken), flag(&ipc::KubeFlags::context, "nope"),
                  "Error in configuration: context was not found for specified context: nope",
                  "invalid configuration: context was not found for specified context: nope"},
        ErrorCase{"currentContextNotFound",
                  "current-context: gone\nclusters: [{name: c, cluster: {server: https://x}}]\n",
                  {},
                  "Error in configuration: context was not found for specified context: gone"},
        ErrorCase{"clientCertAndKeyUnreadable",
                  config("", "    client-certificate: /x/y.crt\n    client-key: /x/y.key\n"),
                  {},
                  "Error in configuration: \n"
                  "* unable to read client-cert /x/y.crt for admin due to open /x/y.crt: no such "
                  "file or directory\n"
                  "* unable to read client-key /x/y.key for admin due to open /x/y.key: no such "
                  "file or directory",
                  "invalid configuration: [unable to read client-cert /x/y.crt for admin due to "
                  "open /x/y.crt: no such file or directory, unable to read client-key /x/y.key "
                  "for admin due to open /x/y.key: no such file or directory]"},
        ErrorCase{"clientCertWithoutKey",
                  config("", "    client-certificate: /tmp/kc/ca.crt\n"),
                  {},
                  "error: client-key-data or client-key must be specified for admin to use the "
                  "clientCert authentication method."},
        ErrorCase{"clientCertFileAndData",
                  config("",
                         "    client-certificate: /tmp/kc/ca.crt\n    client-certificate-data: "
                         "eA==\n    client-key: /tmp/kc/tls.key\n"),
                  {},
                  "error: client-cert-data and client-cert are both specified for admin. "
                  "client-cert-data will override."},
        ErrorCase{"clientKeyFileAndData",
                  config("",
                         "    client-certificate: /tmp/kc/ca.crt\n    client-key-data: "
                         "eA==\n    client-key: /tmp/kc/tls.key\n"),
                  {},
                  "error: client-key-data and client-key are both specified for admin; "
                  "client-key-data will override"},
        ErrorCase{"tokenAndBasicAuth",
                  config("", "    token: abc\n    username: u\n    password: p\n"),
                  {},
                  "error: more than one authentication method found for admin; found [token "
                  "basicAuth], only one is allowed"},
        ErrorCase{"tokenFlagAndBasicAuth", config("", "    username: u\n    password: p\n"),
                  flag(&ipc::KubeFlags::token, "xyz"),
                  "error: more than one authentication method found for admin; found [token "
                  "basicAuth], only one is allowed"},
        ErrorCase{"certificateAuthorityUnreadable",
                  config("    certificate-authority: /tmp/kc/noca.crt\n", kToken),
                  {},
                  "error: unable to read certificate-authority /tmp/kc/noca.crt for c1 due to "
                  "open /tmp/kc/noca.crt: no such file or directory"},
        ErrorCase{"certificateAuthorityIsADirectory",
                  config("    certificate-authority: dir\n", kToken),
                  {},
                  "error: unable to read certificate-authority /k/dir for c1 due to read "
                  "/k/dir: is a directory"},
        ErrorCase{"certificateAuthorityFlagUnreadable", config("", kToken),
                  flag(&ipc::KubeFlags::certificateAuthority, "missing.crt"),
                  "error: unable to read certificate-authority /tmp/kc/missing.crt for c1 due to "
                  "open /tmp/kc/missing.crt: no such file or directory"},
        ErrorCase{"certificateAuthorityFileAndData",
                  config("    certificate-authority: /tmp/kc/ca.crt\n    "
                         "certificate-authority-data: eA==\n",
                         kToken),
                  {},
                  "error: certificate-authority-data and certificate-authority are both specified "
                  "for c1. certificate-authority-data will override."},
        ErrorCase{"insecureWithCertificateAuthority",
                  config("    certificate-authority: /tmp/kc/ca.crt\n    insecure-skip-tls-verify: "
                         "true\n",
                         kToken),
                  {},
                  "error: specifying a root certificates file with the insecure flag is not "
                  "allowed"},
        ErrorCase{"tokenFileUnreadable",
                  config("", "    tokenFile: /tmp/kc/nosuchtoken\n"),
                  {},
                  "error: unable to read tokenFile /tmp/kc/nosuchtoken for admin due to open "
                  "/tmp/kc/nosuchtoken: no such file or directory"},
        ErrorCase{"userFlagNotFound", config("", kToken), flag(&ipc::KubeFlags::user, "zed"),
                  "error: auth info \"zed\" does not exist"},
        ErrorCase{"clusterFlagNotFound", config("", kToken), flag(&ipc::KubeFlags::cluster, "zed"),
                  "error: no server found for cluster \"zed\""},
        ErrorCase{"clusterFlagNotFoundWithServer", config("", kToken),
                  [] {
                    ipc::KubeFlags f = flag(&ipc::KubeFlags::cluster, "zed");
                    f.server = "https://s";
                    return f;
                  }(),
                  "error: cluster \"zed\" does not exist"},
        ErrorCase{"contextClusterMissing",
                  config("", kToken, "    namespace: x\n")
                      .replace(config("", kToken, "    namespace: x\n").find("cluster: c1"),
                               11,
                               "cluster: c2"),
                  {},
                  "error: cluster \"c2\" was not found for context \"ctx1\""},
        ErrorCase{"contextUserMissing",
                  "clusters: [{name: c1, cluster: {server: https://s}}]\n"
                  "contexts: [{name: ctx1, context: {cluster: c1, user: bob}}]\n"
                  "current-context: ctx1\n",
                  {},
                  "error: user \"bob\" was not found for context \"ctx1\""},
        ErrorCase{"clusterWithoutServer",
                  "clusters: [{name: c1, cluster: {insecure-skip-tls-verify: true}}]\n"
                  "contexts: [{name: ctx1, context: {cluster: c1}}]\ncurrent-context: ctx1\n",
                  {},
                  "error: no server found for cluster \"c1\""},
        ErrorCase{"badProxyUrl",
                  config("    proxy-url: ftp://proxy\n", kToken),
                  {},
                  "error: invalid 'proxy-url' \"ftp://proxy\" for cluster \"c1\": unsupported "
                  "scheme \"ftp\", must be http, https, or socks5"},
        ErrorCase{"severalProblems",
                  config("    certificate-authority: /nope/ca\n",
                         "    token: t\n    password: p\n    as-groups: [g]\n"),
                  {},
                  "Error in configuration: \n"
                  "* more than one authentication method found for admin; found [token "
                  "basicAuth], only one is allowed\n"
                  "* requesting uid, groups or user-extra for admin without impersonating a user\n"
                  "* unable to read certificate-authority /nope/ca for c1 due to open /nope/ca: "
                  "no such file or directory"},
        ErrorCase{"execWithoutInteractiveModeInV1",
                  config("",
                         "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                         "      command: aws\n"),
                  {},
                  "error: interactiveMode must be specified for admin to use exec authentication "
                  "plugin"},
        ErrorCase{"execProblems",
                  config("",
                         "    exec:\n      interactiveMode: Sometimes\n      env: [{value: "
                         "x}]\n    auth-provider: {name: oidc}\n"),
                  {},
                  "Error in configuration: \n"
                  "* authProvider cannot be provided in combination with an exec plugin for admin\n"
                  "* command must be specified for admin to use exec authentication plugin\n"
                  "* apiVersion must be specified for admin to use exec authentication plugin\n"
                  "* env variable name must be specified for admin to use exec authentication "
                  "plugin\n"
                  "* invalid interactiveMode for admin: \"Sometimes\""},
        ErrorCase{"authProviderUnsupported",
                  config("", "    auth-provider: {name: oidc}\n"),
                  {},
                  "error: the auth-provider \"oidc\" of user \"admin\" is not supported; use an "
                  "exec credential plugin (users[].user.exec) instead"},
        ErrorCase{"badRequestTimeout", config("", kToken),
                  flag(&ipc::KubeFlags::requestTimeout, "soon"),
                  "error: Invalid timeout value. Timeout must be a single integer in seconds, or "
                  "an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)"},
        ErrorCase{"yamlSyntax",
                  "apiVersion: v1\nclusters:\n- name: a\n  cluster:\n    server: [\n",
                  {},
                  "error: error loading config file \"/k/config\": yaml: line 6: end of sequence "
                  "flow not found"},
        ErrorCase{"wrongVersion",
                  "apiVersion: v2\nkind: Config\n",
                  {},
                  "error: error loading config file \"/k/config\": no kind \"Config\" is "
                  "registered for version \"v2\""},
        ErrorCase{"wrongKind",
                  "kind: Foo\n",
                  {},
                  "error: error loading config file \"/k/config\": no kind \"Foo\" is registered "
                  "for version \"v1\""},
        ErrorCase{"notAMapping",
                  "bogus value",
                  {},
                  "error: error loading config file \"/k/config\": couldn't get version/kind; "
                  "json parse error: json: cannot unmarshal string into a kubeconfig object"},
        ErrorCase{"clustersNotAList",
                  "clusters: foo\n",
                  {},
                  "error: error loading config file \"/k/config\": json: cannot unmarshal string "
                  "into Go struct field Config.clusters of type []v1.NamedCluster"},
        ErrorCase{"boolAsString",
                  "clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: \"true\"\n",
                  {},
                  "error: error loading config file \"/k/config\": json: cannot unmarshal string "
                  "into Go struct field Cluster.clusters.cluster.insecure-skip-tls-verify of type "
                  "bool"},
        ErrorCase{"execArgsNotAList",
                  config("", "    exec: {args: 5}\n"),
                  {},
                  "error: error loading config file \"/k/config\": json: cannot unmarshal number "
                  "into Go struct field ExecConfig.users.user.exec.args of type []string"},
        ErrorCase{"duplicateCluster",
                  "clusters:\n- {name: a, cluster: {server: x}}\n- {name: a, cluster: {server: "
                  "z}}\n",
                  {},
                  "error: error loading config file \"/k/config\": error converting "
                  "*[]NamedCluster into *map[string]*api.Cluster: duplicate name \"a\" in list"},
        ErrorCase{"duplicateUser",
                  "users:\n- name: u\n- name: u\n",
                  {},
                  "error: error loading config file \"/k/config\": error converting "
                  "*[]NamedAuthInfo into *map[string]*api.AuthInfo: duplicate name \"u\" in list"},
        ErrorCase{"invalidBase64",
                  config("", "    client-certificate-data: 'notbase64*'\n"),
                  {},
                  "error: error loading config file \"/k/config\": illegal base64 data at input "
                  "byte 9 in client-certificate-data of user \"admin\""},
        ErrorCase{"incompleteBase64",
                  config("    certificate-authority-data: 'YWJ'\n", kToken),
                  {},
                  "error: error loading config file \"/k/config\": illegal base64 data at input "
                  "byte 0 in certificate-authority-data of cluster \"c1\""}),
    [](const auto& param) { return std::string(param.param.name); });

TEST(KubeConfigErrors, UnreadableFilesAreErrorsAndAllAreNamed) {
  test::FakeFiles fs;
  fs.files["/k/bad"] = "kind: Foo\n";
  fs.unreadable.insert("/k/locked");
  auto resolved =
      resolveConfig({}, {{"KUBECONFIG", "/k/locked:/k/missing:/k/bad"}}, "/", fs.reader());
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().display,
            "error loading config file \"/k/locked\": open /k/locked: permission denied\n"
            "error loading config file \"/k/bad\": no kind \"Foo\" is registered for version "
            "\"v1\"");
  EXPECT_EQ(resolved.error().message,
            "[error loading config file \"/k/locked\": open /k/locked: permission denied, error "
            "loading config file \"/k/bad\": no kind \"Foo\" is registered for version \"v1\"]");
}

TEST(KubeConfigErrors, FilesAreNamedAsTheUserWroteThem) {
  test::FakeFiles fs;
  fs.unreadable.insert("/work/locked");
  ipc::KubeFlags flags;
  flags.kubeconfig = "locked";
  auto resolved = resolveConfig(flags, {}, "/work", fs.reader());
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().display,
            "error: error loading config file \"locked\": open locked: permission denied");
  fs.directories.insert("/work/kdir");
  flags.kubeconfig = "kdir";
  resolved = resolveConfig(flags, {}, "/work", fs.reader());
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().display,
            "error: error loading config file \"kdir\": read kdir: is a directory");
}

}  // namespace
}  // namespace dsroll::kube
