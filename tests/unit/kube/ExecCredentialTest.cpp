// KUBERNETES_EXEC_INFO and the parsing of an exec plugin's answer, against what client-go
// (kubectl v1.32) writes and accepts.

#include <gtest/gtest.h>

#include "daemon/kube/ExecCredential.hpp"

namespace dsroll::kube {
namespace {

ExecConfig execConfig(const char* apiVersion = "client.authentication.k8s.io/v1") {
  ExecConfig exec;
  exec.command = "get-token";
  exec.apiVersion = apiVersion;
  exec.interactiveMode = "Never";
  return exec;
}

TEST(ExecInfoJson, WithoutClusterInfoOnlyInteractive) {
  EXPECT_EQ(execInfoJson(execConfig(), RestConfig{}, false),
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
            "\"spec\":{\"interactive\":false}}\n");
  EXPECT_EQ(execInfoJson(execConfig("client.authentication.k8s.io/v1beta1"), RestConfig{}, true),
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/"
            "v1beta1\",\"spec\":{\"interactive\":true}}\n");
}

TEST(ExecInfoJson, ClusterInfoAsClientGoEncodesIt) {
  ExecConfig exec = execConfig();
  exec.provideClusterInfo = true;
  exec.clusterConfig = nlohmann::json::parse(R"({"true":false,"audience":"foo","num":10})");
  RestConfig cluster;
  cluster.server = "https://127.0.0.1:1";
  cluster.tls.serverName = "example.com";
  cluster.tls.caPem = "CA";
  cluster.auth.token = "never sent";
  // Field order, base64 and the sorted config object as kubectl wrote them in a recorded run.
  EXPECT_EQ(execInfoJson(exec, cluster, false),
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
            "\"spec\":{\"cluster\":{\"server\":\"https://127.0.0.1:1\",\"tls-server-name\":"
            "\"example.com\",\"certificate-authority-data\":\"Q0E=\",\"config\":{\"audience\":"
            "\"foo\",\"num\":10,\"true\":false}},\"interactive\":false}}\n");
}

TEST(ExecInfoJson, OptionalClusterFieldsAndNullConfig) {
  ExecConfig exec = execConfig();
  exec.provideClusterInfo = true;
  RestConfig cluster;
  cluster.server = "https://s/a?b&c";
  cluster.tls.insecureSkipVerify = true;
  cluster.proxyUrl = "http://proxy:3128";
  cluster.disableCompression = true;
  EXPECT_EQ(execInfoJson(exec, cluster, false),
            "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
            "\"spec\":{\"cluster\":{\"server\":\"https://s/a?b\\u0026c\",\"insecure-skip-tls-"
            "verify\":true,\"proxy-url\":\"http://proxy:3128\",\"disable-compression\":true,"
            "\"config\":null},\"interactive\":false}}\n");
}

struct OutputCase {
  const char* name;
  const char* apiVersion;
  const char* output;
  const char* error;  // nullptr = success
};

void PrintTo(const OutputCase& c, std::ostream* os) {
  *os << c.name;
}

class ParseExecOutputTest : public ::testing::TestWithParam<OutputCase> {};

TEST_P(ParseExecOutputTest, MatchesClientGo) {
  const OutputCase& c = GetParam();
  auto parsed = parseExecOutput(execConfig(c.apiVersion), c.output);
  if (c.error == nullptr) {
    EXPECT_TRUE(parsed) << parsed.error().message;
  } else {
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().message, c.error);
    EXPECT_FALSE(parsed.error().needsTerminal);
  }
}

constexpr const char* kV1 = "client.authentication.k8s.io/v1";
constexpr const char* kV1beta1 = "client.authentication.k8s.io/v1beta1";

INSTANTIATE_TEST_SUITE_P(
    Cases,
    ParseExecOutputTest,
    ::testing::Values(
        OutputCase{"v1Token", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"token":"tok"}})",
                   nullptr},
        OutputCase{"v1beta1Token", kV1beta1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":)"
                   R"("ExecCredential","spec":{},"status":{"token":"tok"}})",
                   nullptr},
        OutputCase{"certAndKey", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"clientCertificateData":"C","clientKeyData":"K"}})",
                   nullptr},
        OutputCase{"versionMismatch", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":)"
                   R"("ExecCredential","status":{"token":"tok"}})",
                   "exec plugin is configured to use API version client.authentication.k8s.io/"
                   "v1, plugin returned version client.authentication.k8s.io/v1beta1"},
        OutputCase{"noVersion", kV1, R"({"kind":"ExecCredential","status":{"token":"x"}})",
                   "exec plugin is configured to use API version client.authentication.k8s.io/"
                   "v1, plugin returned version (none)"},
        OutputCase{"unknownVersion", kV1,
                   R"({"apiVersion":"example.com/v9","kind":"ExecCredential"})",
                   "decoding stdout: no kind \"ExecCredential\" is registered for version "
                   "\"example.com/v9\""},
        OutputCase{"wrongKind", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"Foo",)"
                   R"("status":{"token":"x"}})",
                   "decoding stdout: no kind \"Foo\" is registered for version "
                   "\"client.authentication.k8s.io/v1\""},
        OutputCase{"notJson", kV1, "hello",
                   "decoding stdout: couldn't get version/kind; json parse error: the plugin did "
                   "not write JSON"},
        OutputCase{"empty", kV1, "",
                   "decoding stdout: couldn't get version/kind; json parse error: the plugin did "
                   "not write JSON"},
        OutputCase{"noStatus", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})",
                   "exec plugin didn't return a status field"},
        OutputCase{"emptyStatus", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{}})",
                   "exec plugin didn't return a token or cert/key pair"},
        OutputCase{"keyWithoutCert", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"clientKeyData":"x"}})",
                   "exec plugin returned only certificate or key, not both"},
        OutputCase{"certWithoutKey", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"token":"t","clientCertificateData":"x"}})",
                   "exec plugin returned only certificate or key, not both"},
        OutputCase{"tokenNotAString", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"token":5}})",
                   "decoding stdout: json: cannot unmarshal number into Go struct field "
                   "ExecCredentialStatus.status.token of type string"},
        OutputCase{"badExpiry", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"token":"x","expirationTimestamp":"bad"}})",
                   "decoding stdout: parsing time \"bad\" as \"2006-01-02T15:04:05Z07:00\": not "
                   "an RFC 3339 time"},
        OutputCase{"expiryWithoutZone", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"token":"x","expirationTimestamp":"2024-01-01T00:00:00"}})",
                   "decoding stdout: parsing time \"2024-01-01T00:00:00\" as "
                   "\"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time"},
        OutputCase{"expiryBadDate", kV1,
                   R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                   R"("status":{"token":"x","expirationTimestamp":"2023-02-29T00:00:00Z"}})",
                   "decoding stdout: parsing time \"2023-02-29T00:00:00Z\" as "
                   "\"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time"},
        OutputCase{"configuredVersionInvalid", "client.authentication.k8s.io/v1alpha1",
                   R"({"apiVersion":"client.authentication.k8s.io/v1alpha1"})",
                   "exec plugin: invalid apiVersion \"client.authentication.k8s.io/v1alpha1\""}),
    [](const auto& param) { return std::string(param.param.name); });

TEST(ParseExecOutput, ReturnsTokenCertificateAndExpiry) {
  auto parsed = parseExecOutput(
      execConfig(),
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":)"
      R"({"token":"tok","clientCertificateData":"-----CERT","clientKeyData":"-----KEY",)"
      R"("expirationTimestamp":"2030-05-06T07:08:09Z"}})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->token, "tok");
  EXPECT_EQ(parsed->clientCertPem, "-----CERT");
  EXPECT_EQ(parsed->clientKeyPem, "-----KEY");
  ASSERT_TRUE(parsed->expiresAt);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(parsed->expiresAt->time_since_epoch())
                .count(),
            1904281689);
}

TEST(ParseExecOutput, ExpiryWithOffsetAndFraction) {
  auto parsed = parseExecOutput(
      execConfig(),
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":)"
      R"({"token":"t","expirationTimestamp":"2030-05-06T09:08:09.250+02:00"}})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_TRUE(parsed->expiresAt);
  EXPECT_EQ(
      std::chrono::duration_cast<std::chrono::milliseconds>(parsed->expiresAt->time_since_epoch())
          .count(),
      1904281689250);
}

TEST(ParseExecOutput, NoExpiryMeansNone) {
  auto parsed = parseExecOutput(
      execConfig(),
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":)"
      R"({"token":"t","expirationTimestamp":null}})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(parsed->expiresAt);
}

}  // namespace
}  // namespace dsroll::kube
