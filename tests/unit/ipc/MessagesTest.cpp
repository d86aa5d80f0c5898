#include "ipc/Messages.hpp"

#include <gtest/gtest.h>

namespace dsroll::ipc {
namespace {

using nlohmann::json;

Message roundTrip(const Message& m) {
  auto parsed = parseMessage(toJson(m));
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error());
  return parsed ? *parsed : Message{};
}

TEST(MessagesTest, HelloRoundTrips) {
  Hello h{kProtocolVersion, "0.1.0", {"cancel", "progress"}, 1234};
  auto back = std::get<Hello>(roundTrip(h));
  EXPECT_EQ(back.protocol, kProtocolVersion);
  EXPECT_EQ(back.version, "0.1.0");
  EXPECT_EQ(back.capabilities, h.capabilities);
  EXPECT_EQ(back.pid, 1234);
}

TEST(MessagesTest, RequestRoundTripsWithEveryKubeFlag) {
  Request r;
  r.id = 7;
  r.command = "history";
  r.args = json{{"name", "fluentd"}, {"revision", 2}};
  r.kube.kubeconfig = "/k/config";
  r.kube.context = "ctx";
  r.kube.cluster = "c";
  r.kube.user = "u";
  r.kube.namespace_ = "kube-system";
  r.kube.server = "https://127.0.0.1:6443";
  r.kube.token = "t";
  r.kube.certificateAuthority = "/ca";
  r.kube.clientCertificate = "/crt";
  r.kube.clientKey = "/key";
  r.kube.tlsServerName = "kubernetes";
  r.kube.insecureSkipTlsVerify = true;
  r.kube.as = "dev";
  r.kube.asGroups = {"g1", "g2"};
  r.kube.asUid = "42";
  r.kube.requestTimeout = "5s";
  r.env = {{"HOME", "/root"}, {"KUBECONFIG", "/a:/b"}};
  r.terminal = Terminal{true, false, 120, 40, true};
  r.cwd = "/work";
  auto back = std::get<Request>(roundTrip(r));
  EXPECT_EQ(toJson(back), toJson(r));
  EXPECT_EQ(back.kube.asGroups, r.kube.asGroups);
  EXPECT_EQ(back.kube.insecureSkipTlsVerify, std::optional<bool>(true));
  EXPECT_EQ(back.terminal.width, 120);
}

TEST(MessagesTest, UnsetKubeFlagsStayUnset) {
  Request r;
  r.id = 1;
  r.command = "list";
  auto back = std::get<Request>(roundTrip(r));
  EXPECT_FALSE(back.kube.kubeconfig.has_value());
  EXPECT_FALSE(back.kube.insecureSkipTlsVerify.has_value());
  EXPECT_TRUE(back.args.is_object());
}

TEST(MessagesTest, ReplyMessagesRoundTrip) {
  auto out = std::get<Output>(roundTrip(Output{3, Stream::Stderr, "warning\n"}));
  EXPECT_EQ(out.stream, Stream::Stderr);
  EXPECT_EQ(out.text, "warning\n");
  auto err = std::get<Error>(roundTrip(Error{3, ErrorKind::Forbidden, "no", 1}));
  EXPECT_EQ(err.kind, ErrorKind::Forbidden);
  auto res = std::get<Result>(roundTrip(Result{3, 2, json{{"x", 1}}}));
  EXPECT_EQ(res.exitCode, 2);
  EXPECT_EQ(res.data["x"], 1);
  EXPECT_EQ(std::get<Progress>(roundTrip(Progress{3, json{{"updated", 1}}})).data["updated"], 1);
  EXPECT_EQ(std::get<Row>(roundTrip(Row{3, json{{"name", "a"}}})).data["name"], "a");
  EXPECT_EQ(std::get<Cancel>(roundTrip(Cancel{9})).id, 9u);
}

TEST(MessagesTest, EveryErrorKindHasAStableName) {
  for (auto kind :
       {ErrorKind::Usage, ErrorKind::NotFound, ErrorKind::Forbidden, ErrorKind::Unauthorized,
        ErrorKind::Conflict, ErrorKind::Invalid, ErrorKind::Unreachable, ErrorKind::Timeout,
        ErrorKind::Config, ErrorKind::Cache, ErrorKind::Cancelled, ErrorKind::Protocol,
        ErrorKind::VersionMismatch, ErrorKind::Internal, ErrorKind::NeedsCredential}) {
    EXPECT_EQ(errorKindFromString(toString(kind)), kind) << toString(kind);
  }
}

TEST(MessagesTest, ExecCredentialAndStdinTtyRoundTrip) {
  Request r;
  r.id = 1;
  r.command = "history";
  r.terminal.stdinIsTty = true;
  r.execCredential = "{\"kind\":\"ExecCredential\"}\n";
  const json wire = toJson(r);
  EXPECT_EQ(wire["execCredential"], "{\"kind\":\"ExecCredential\"}\n");
  EXPECT_EQ(wire["terminal"]["stdinIsTty"], true);
  auto back = std::get<Request>(roundTrip(r));
  EXPECT_EQ(back.execCredential, r.execCredential);
  EXPECT_TRUE(back.terminal.stdinIsTty);
}

TEST(MessagesTest, RequestWithoutExecCredentialHasNone) {
  Request r;
  r.id = 1;
  r.command = "history";
  EXPECT_FALSE(toJson(r).contains("execCredential"));
  auto back = std::get<Request>(roundTrip(r));
  EXPECT_FALSE(back.execCredential.has_value());
  EXPECT_FALSE(back.terminal.stdinIsTty);
  EXPECT_EQ(
      parseMessage(json{{"type", "request"}, {"id", 1}, {"command", "a"}, {"execCredential", 5}})
          .error(),
      "field 'execCredential' must be a string");
}

TEST(MessagesTest, ErrorDataRoundTripsAndIsOmittedWhenNull) {
  Error e{1, ErrorKind::NeedsCredential, "Unable to connect", 1, json{{"command", "login"}}};
  const json wire = toJson(e);
  EXPECT_EQ(wire["kind"], "needs-credential");
  auto back = std::get<Error>(roundTrip(e));
  EXPECT_EQ(back.kind, ErrorKind::NeedsCredential);
  EXPECT_EQ(back.data["command"], "login");
  EXPECT_FALSE(toJson(Error{1, ErrorKind::Internal, "x", 1}).contains("data"));
  EXPECT_TRUE(std::get<Error>(roundTrip(Error{1, ErrorKind::Internal, "x", 1})).data.is_null());
}

TEST(MessagesTest, UnknownTypeIsAnError) {
  auto parsed = parseMessage(json{{"type", "teleport"}});
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error(), "unknown message type 'teleport'");
}

TEST(MessagesTest, MissingTypeIsAnError) {
  EXPECT_EQ(parseMessage(json{{"id", 1}}).error(), "message has no 'type'");
  EXPECT_EQ(parseMessage(json::array()).error(), "message is not a JSON object");
}

TEST(MessagesTest, WrongFieldTypesAreErrorsNotExceptions) {
  EXPECT_EQ(parseMessage(json{{"type", "request"}, {"id", "x"}, {"command", "a"}}).error(),
            "field 'id' must be a non-negative integer");
  EXPECT_EQ(parseMessage(json{{"type", "request"}, {"id", 1}}).error(), "missing field 'command'");
  EXPECT_EQ(
      parseMessage(json{{"type", "request"}, {"id", 1}, {"command", "a"}, {"args", 3}}).error(),
      "field 'args' must be an object");
  EXPECT_EQ(
      parseMessage(
          json{
              {"type", "request"}, {"id", 1}, {"command", "a"}, {"kube", {{"asGroups", "admins"}}}})
          .error(),
      "kube: field 'asGroups' must be an array of strings");
  EXPECT_EQ(
      parseMessage(json{{"type", "output"}, {"id", 1}, {"stream", "stdlog"}, {"text", ""}}).error(),
      "unknown output stream 'stdlog'");
  EXPECT_EQ(parseMessage(json{{"type", "hello"}, {"protocol", 1e10}, {"version", "x"}}).error(),
            "field 'protocol' must be an integer");
}

TEST(MessagesTest, VersionMismatchIsIncompatible) {
  Hello plugin{kProtocolVersion, "0.2.0", {}, 0};
  EXPECT_TRUE(compatible(plugin, Hello{kProtocolVersion, "0.2.0", {}, 1}));
  EXPECT_FALSE(compatible(plugin, Hello{kProtocolVersion, "0.1.0", {}, 1}));
  EXPECT_FALSE(compatible(plugin, Hello{kProtocolVersion + 1, "0.2.0", {}, 1}));
}

}  // namespace
}  // namespace dsroll::ipc
