#include "ipc/CredentialRequest.hpp"

#include <gtest/gtest.h>

namespace dsroll::ipc {
namespace {

using nlohmann::json;

CredentialRequest sample() {
  CredentialRequest r;
  r.command = "/usr/local/bin/login";
  r.args = {"token", "--cluster", "prod"};
  r.env = {{"B", "2"}, {"A", "1"}};
  r.apiVersion = "client.authentication.k8s.io/v1";
  r.installHint = "install login from example.com";
  r.interactiveMode = "Always";
  r.execInfo = "{\"kind\":\"ExecCredential\"}\n";
  return r;
}

TEST(CredentialRequestTest, RoundTripsKeepingEnvOrder) {
  const CredentialRequest r = sample();
  const json wire = toJson(r);
  EXPECT_EQ(wire["env"], json::parse(R"([{"name":"B","value":"2"},{"name":"A","value":"1"}])"));
  auto back = parseCredentialRequest(wire);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->command, r.command);
  EXPECT_EQ(back->args, r.args);
  EXPECT_EQ(back->env, r.env);
  EXPECT_EQ(back->apiVersion, r.apiVersion);
  EXPECT_EQ(back->installHint, r.installHint);
  EXPECT_EQ(back->interactiveMode, r.interactiveMode);
  EXPECT_EQ(back->execInfo, r.execInfo);
}

TEST(CredentialRequestTest, OptionalFieldsMayBeAbsent) {
  auto back =
      parseCredentialRequest(json{{"command", "login"}, {"apiVersion", "v"}, {"execInfo", "{}"}});
  ASSERT_TRUE(back) << back.error();
  EXPECT_TRUE(back->args.empty());
  EXPECT_TRUE(back->env.empty());
  EXPECT_EQ(back->installHint, "");
}

TEST(CredentialRequestTest, BadShapesAreErrorsNamingTheField) {
  EXPECT_EQ(parseCredentialRequest(json::array()).error(),
            "credential request is not a JSON object");
  EXPECT_EQ(parseCredentialRequest(json{{"apiVersion", "v"}, {"execInfo", "{}"}}).error(),
            "missing field 'command'");
  EXPECT_EQ(
      parseCredentialRequest(json{{"command", 1}, {"apiVersion", "v"}, {"execInfo", "{}"}}).error(),
      "field 'command' must be a string");
  json args = toJson(sample());
  args["args"] = json{{"a", 1}};
  EXPECT_EQ(parseCredentialRequest(args).error(), "field 'args' must be an array");
  args["args"] = json::array({1});
  EXPECT_EQ(parseCredentialRequest(args).error(), "field 'args' must hold strings");
  json env = toJson(sample());
  env["env"] = json::array({"A=1"});
  EXPECT_EQ(parseCredentialRequest(env).error(), "field 'env' must hold {name, value} objects");
  json empty = toJson(sample());
  empty["command"] = "";
  EXPECT_EQ(parseCredentialRequest(empty).error(), "field 'command' is empty");
}

}  // namespace
}  // namespace dsroll::ipc
