// ApiClient against the real API server of the shared test cluster: every way of proving who we
// are (client certificate, bearer token, token file, exec plugin), the errors when the server
// says no (403) or cannot be trusted (wrong CA), and tls-server-name.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "daemon/kube/ApiClient.hpp"
#include "daemon/kube/ResourcePath.hpp"
#include "tests/integration/kube/KubeTestSupport.hpp"

namespace dsroll::kube {
namespace {

using testing::TempDir;

/** POST a SelfSubjectReview: the user name the API server sees for these credentials. */
tl::expected<std::string, ApiError> whoAmI(boost::asio::io_context& io, ApiClient& client) {
  HttpRequest request;
  request.method = "POST";
  request.target = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
  request.body = R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})";
  request.what = RequestTarget{"create", "authentication.k8s.io", "selfsubjectreviews", "", ""};
  auto answer = testing::runSync(io, client.sendJson(std::move(request)));
  if (!answer) return tl::unexpected(answer.error());
  return (*answer)["status"]["userInfo"].value("username", std::string());
}

tl::expected<HttpResponse, ApiError> get(boost::asio::io_context& io,
                                         ApiClient& client,
                                         const std::string& target) {
  HttpRequest request;
  request.target = target;
  request.what = RequestTarget{"get", "", "namespaces", "", "default"};
  return testing::runSync(io, client.send(std::move(request)));
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

/** The cause in kubectl's last line "Unable to connect to the server: <cause>". */
std::string kubectlCause(const std::string& err) {
  std::string last = trimmed(err);
  const auto newline = last.rfind('\n');
  if (newline != std::string::npos) last = last.substr(newline + 1);
  const std::string prefix = "Unable to connect to the server: ";
  return last.rfind(prefix, 0) == 0 ? last.substr(prefix.size()) : last;
}

class ApiClientAuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    kubeconfig_ = testing::clusterKubeconfig();
    if (kubeconfig_.empty()) return;
    namespace_ = testing::uniqueName("kube-auth");
    ASSERT_EQ(0, testing::kubectl(kubeconfig_, {"create", "namespace", namespace_}).exitCode);
    for (const char* sa : {"sa-one", "sa-two"}) {
      auto made = testing::kubectl(kubeconfig_, {"create", "serviceaccount", sa, "-n", namespace_});
      ASSERT_EQ(0, made.exitCode) << made.err;
    }
  }

  static void TearDownTestSuite() {
    if (!namespace_.empty()) {
      testing::kubectl(kubeconfig_, {"delete", "namespace", namespace_, "--wait=false"});
    }
  }

  void SetUp() override {
    if (kubeconfig_.empty()) GTEST_SKIP() << "DSROLL_TEST_KUBECONFIG is not set";
    admin_ = testing::restConfig(kubeconfig_);
  }

  /** A TokenRequest token for a service account of the test namespace. */
  static std::string token(const std::string& serviceAccount) {
    auto made = testing::kubectl(
        kubeconfig_, {"create", "token", serviceAccount, "-n", namespace_, "--duration=10m"});
    EXPECT_EQ(0, made.exitCode) << made.err;
    return trimmed(made.out);
  }

  static std::string username(const std::string& serviceAccount) {
    return "system:serviceaccount:" + namespace_ + ":" + serviceAccount;
  }

  /** The admin's cluster with no client certificate: only what the test adds authenticates. */
  RestConfig anonymousConfig() const {
    RestConfig config = admin_;
    config.tls.clientCertPem.clear();
    config.tls.clientKeyPem.clear();
    config.tls.clientCertSource.clear();
    return config;
  }

  /** A kubeconfig file for the test cluster whose user is `userYaml` (indented by 4). */
  std::string writeKubeconfig(TempDir& dir, const std::string& userYaml) const {
    std::ifstream in(kubeconfig_);
    std::string ca;
    for (std::string line; std::getline(in, line);) {
      const auto at = line.find("certificate-authority-data: ");
      if (at != std::string::npos) {
        ca = line.substr(at + 28);
        break;
      }
    }
    return dir.write("kubeconfig",
                     "apiVersion: v1\nkind: Config\ncurrent-context: t\n"
                     "clusters:\n- name: c\n  cluster:\n    server: " +
                         admin_.server + "\n    certificate-authority-data: " + ca +
                         "\nusers:\n- name: u\n  user:\n" + userYaml +
                         "contexts:\n- name: t\n  context: {cluster: c, user: u}\n");
  }

  static inline std::string kubeconfig_;
  static inline std::string namespace_;
  RestConfig admin_;
  boost::asio::io_context io_;
};

TEST_F(ApiClientAuthTest, AdminClientCertificate) {
  ApiClient client(io_.get_executor(), admin_, testing::testLogger());
  auto response = get(io_, client, "/api/v1/namespaces/default");
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(200, response->status);
  EXPECT_EQ("default", nlohmann::json::parse(response->body)["metadata"]["name"]);
  auto who = whoAmI(io_, client);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ("admin", *who);
}

TEST_F(ApiClientAuthTest, ServiceAccountTokenAsBearerToken) {
  RestConfig config = anonymousConfig();
  config.auth.token = token("sa-one");
  ApiClient client(io_.get_executor(), config, testing::testLogger());
  auto who = whoAmI(io_, client);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(username("sa-one"), *who);
}

TEST_F(ApiClientAuthTest, BadBearerTokenIsUnauthorized) {
  RestConfig config = anonymousConfig();
  config.auth.token = "not-a-token";
  ApiClient client(io_.get_executor(), config, testing::testLogger());
  auto who = whoAmI(io_, client);
  ASSERT_FALSE(who);
  EXPECT_EQ(401, who.error().httpStatus);
  EXPECT_EQ("error: You must be logged in to the server (Unauthorized)", who.error().message);
}

TEST_F(ApiClientAuthTest, TokenFileIsReadFromKubeconfigAndRereadWhenRotated) {
  TempDir dir;
  const std::string tokenPath = dir.write("token", token("sa-one") + "\n");
  const std::string file = writeKubeconfig(dir, "    tokenFile: " + tokenPath + "\n");
  const RestConfig config = testing::restConfig(file);
  ASSERT_EQ(tokenPath, config.auth.tokenFile);
  ApiClient client(io_.get_executor(), config, testing::testLogger());
  auto first = whoAmI(io_, client);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(username("sa-one"), *first);
  auto again = whoAmI(io_, client);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(username("sa-one"), *again);

  dir.write("token", token("sa-two"));  // rotated: a new file renamed over the old one
  auto rotated = whoAmI(io_, client);
  ASSERT_TRUE(rotated) << rotated.error().message;
  EXPECT_EQ(username("sa-two"), *rotated);
}

/**
 * An exec credential plugin (a shell script) that counts its calls in DIR/calls and prints the
 * token in DIR/token-<call> if present, else DIR/token; with DIR/ttl it sets expirationTimestamp
 * that many seconds ahead.
 */
class ExecPluginTest : public ApiClientAuthTest {
 protected:
  void SetUp() override {
    ApiClientAuthTest::SetUp();
    if (IsSkipped()) return;
    const std::string d = dir_.path();
    script_ = dir_.write(
        "credential.sh",
        "#!/bin/sh\n"
        "n=$(( $(cat " +
            d +
            "/calls 2>/dev/null || echo 0) + 1 ))\n"
            "echo $n > " +
            d +
            "/calls\n"
            "if [ -f " +
            d + "/token-$n ]; then t=$(cat " + d +
            "/token-$n); "
            "else t=$(cat " +
            d +
            "/token); fi\n"
            "e=\n"
            "if [ -f " +
            d +
            "/ttl ]; then e=\",\\\"expirationTimestamp\\\":\\\"$(date -u "
            "-d \"+$(cat " +
            d +
            "/ttl) sec\" +%Y-%m-%dT%H:%M:%SZ)\\\"\"; fi\n"
            "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
            "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"%s}}\\n' \"$t\" \"$e\"\n",
        0700);
    dir_.write("token", token("sa-one"));
  }

  int calls() const {
    std::ifstream in(dir_.path() + "/calls");
    int n = 0;
    in >> n;
    return n;
  }

  RestConfig execConfig() {
    const std::string file = writeKubeconfig(
        dir_, "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: " +
                  script_ + "\n      interactiveMode: Never\n");
    return testing::restConfig(file);
  }

  TempDir dir_;
  std::string script_;
};

TEST_F(ExecPluginTest, CredentialIsCachedAcrossRequests) {
  ApiClient client(io_.get_executor(), execConfig(), testing::testLogger());
  for (int i = 0; i < 20; ++i) {
    auto who = whoAmI(io_, client);
    ASSERT_TRUE(who) << who.error().message;
    EXPECT_EQ(username("sa-one"), *who);
  }
  EXPECT_EQ(1, calls());
  EXPECT_EQ(1, client.stats().execRuns);
}

TEST_F(ExecPluginTest, RerunAfterExpirationTimestampPasses) {
  dir_.write("ttl", "2");
  ApiClient client(io_.get_executor(), execConfig(), testing::testLogger());
  ASSERT_TRUE(whoAmI(io_, client));
  ASSERT_TRUE(whoAmI(io_, client));
  EXPECT_EQ(1, calls());
  dir_.write("token", token("sa-two"));
  std::this_thread::sleep_for(std::chrono::seconds(3));
  auto who = whoAmI(io_, client);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(2, calls());
  EXPECT_EQ(username("sa-two"), *who);
}

TEST_F(ExecPluginTest, RerunAfterUnauthorized) {
  dir_.write("token-1", "revoked-token");
  ApiClient client(io_.get_executor(), execConfig(), testing::testLogger());
  auto who = whoAmI(io_, client);
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(username("sa-one"), *who);
  EXPECT_EQ(2, calls());
  // The fresh credential is cached in turn.
  ASSERT_TRUE(whoAmI(io_, client));
  EXPECT_EQ(2, calls());
}

TEST_F(ApiClientAuthTest, LimitedUserPatchIsForbiddenInKubectlsWords) {
  const std::string name = testing::uniqueName("forbidden");
  const std::string manifest = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: " + name +
                               "\nspec:\n  selector:\n    matchLabels: {app: " + name +
                               "}\n  template:\n    metadata:\n      labels: {app: " + name +
                               "}\n    spec:\n      containers:\n      - name: c\n        image: "
                               "busybox\n";
  auto made =
      testing::kubectlWithInput(kubeconfig_, {"apply", "-n", "team-a", "-f", "-"}, manifest);
  ASSERT_EQ(0, made.exitCode) << made.err;
  const std::string limitedContext = "limited@" + testing::clusterName(kubeconfig_);
  auto expected = testing::kubectl(
      kubeconfig_, {"--context", limitedContext, "patch", "ds", name, "-n", "team-a",
                    "--type=merge", "-p", R"({"metadata":{"labels":{"x":"y"}}})"});
  testing::kubectl(kubeconfig_, {"delete", "ds", name, "-n", "team-a", "--wait=false"});
  ASSERT_EQ(1, expected.exitCode);

  ApiClient client(io_.get_executor(), testing::restConfig(kubeconfig_, limitedContext),
                   testing::testLogger());
  HttpRequest request;
  request.method = "PATCH";
  request.target = resourcePath(kDaemonSets, "team-a", name);
  request.contentType = "application/merge-patch+json";
  request.body = R"({"metadata":{"labels":{"x":"y"}}})";
  request.what = targetOf("patch", kDaemonSets, "team-a", name);
  auto patched = testing::runSync(io_, client.send(std::move(request)));
  ASSERT_FALSE(patched);
  EXPECT_EQ(403, patched.error().httpStatus);
  EXPECT_EQ(ipc::ErrorKind::Forbidden, patched.error().kind);
  EXPECT_EQ(trimmed(expected.err), patched.error().message);
  EXPECT_EQ("Error from server (Forbidden): daemonsets.apps \"" + name +
                "\" is forbidden: User \"dev-user\" cannot patch resource \"daemonsets\" in API "
                "group \"apps\" in the namespace \"team-a\"",
            patched.error().message);
}

TEST_F(ApiClientAuthTest, WrongCertificateAuthorityIsATlsErrorNamingTheServer) {
  TempDir dir;
  auto made = testing::runProcess({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                   "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                                   dir.path() + "/other.key", "-out", dir.path() + "/other.crt",
                                   "-subj", "/CN=some-other-ca", "-days", "1"});
  ASSERT_EQ(0, made.exitCode) << made.err;
  std::ifstream in(dir.path() + "/other.crt");
  RestConfig config = admin_;
  config.tls.caPem.assign(std::istreambuf_iterator<char>(in), {});
  config.tls.caSource = dir.path() + "/other.crt";
  ApiClient client(io_.get_executor(), config, testing::testLogger());
  auto response = get(io_, client, "/api/v1/namespaces/default");
  ASSERT_FALSE(response);
  EXPECT_EQ(ipc::ErrorKind::Unreachable, response.error().kind);
  // kubectl's words, with the server named.
  auto expected = testing::kubectl(
      kubeconfig_, {"--certificate-authority", config.tls.caSource, "get", "namespace", "default"});
  ASSERT_EQ(1, expected.exitCode);
  EXPECT_EQ(kubectlCause(expected.err),
            "tls: failed to verify certificate: x509: certificate "
            "signed by unknown authority");
  EXPECT_EQ("Unable to connect to the server " + admin_.server + ": " + kubectlCause(expected.err),
            response.error().message);
  EXPECT_EQ(1, client.stats().connectionsOpened) << "a certificate problem is not retried";
}

TEST_F(ApiClientAuthTest, TlsServerNameIsHonoured) {
  // The serving certificate names 127.0.0.1, localhost and kubernetes[.default...].
  RestConfig config = admin_;
  config.tls.serverName = "kubernetes.default.svc";
  {
    ApiClient client(io_.get_executor(), config, testing::testLogger());
    auto response = get(io_, client, "/api/v1/namespaces/default");
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(200, response->status);
  }
  config.tls.serverName = "not-the-apiserver.example";
  {
    ApiClient client(io_.get_executor(), config, testing::testLogger());
    auto response = get(io_, client, "/api/v1/namespaces/default");
    ASSERT_FALSE(response);
    EXPECT_EQ(ipc::ErrorKind::Unreachable, response.error().kind);
    // kubectl lists the certificate's names too ("is valid for localhost, ..., not X").
    EXPECT_EQ("Unable to connect to the server " + admin_.server +
                  ": tls: failed to verify certificate: x509: certificate is not valid for "
                  "not-the-apiserver.example",
              response.error().message);
  }
  // From a kubeconfig file, too.
  TempDir dir;
  std::ifstream in(kubeconfig_);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  for (std::size_t at = 0; (at = text.find("    server: ", at)) != std::string::npos; ++at) {
    text.insert(at, "    tls-server-name: kubernetes\n");
    at += 40;
  }
  const std::string file = dir.write("kubeconfig", text);
  const RestConfig fromFile = testing::restConfig(file);
  EXPECT_EQ("kubernetes", fromFile.tls.serverName);
  ApiClient client(io_.get_executor(), fromFile, testing::testLogger());
  auto response = get(io_, client, "/api/v1/namespaces/default");
  ASSERT_TRUE(response) << response.error().message;
}

}  // namespace
}  // namespace dsroll::kube
