// API server answers and transport failures turned into kubectl's lines. Bodies under
// testdata/status were recorded from a real kube-apiserver (see its README.md).

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/kube/ApiError.hpp"

namespace dsroll::kube {
namespace {

std::string recorded(const std::string& name) {
  std::ifstream in(std::string(DSROLL_KUBE_TESTDATA) + "/status/" + name);
  EXPECT_TRUE(in) << name;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

RequestTarget getDaemonSet(const char* name = "foo") {
  return RequestTarget{"get", "apps", "daemonsets", "ns", name};
}

struct StatusCase {
  const char* file;
  int httpStatus;
  RequestTarget target;
  ipc::ErrorKind kind;
  const char* reason;
  const char* message;
  bool retryable;
};

void PrintTo(const StatusCase& c, std::ostream* os) {
  *os << c.file;
}

class RecordedStatusTest : public ::testing::TestWithParam<StatusCase> {};

TEST_P(RecordedStatusTest, PrintsWhatKubectlPrints) {
  const StatusCase& c = GetParam();
  const ApiError error = errorFromResponse(c.httpStatus, recorded(c.file), c.target);
  EXPECT_EQ(error.message, c.message);
  EXPECT_EQ(error.detail, nlohmann::json::parse(recorded(c.file))["message"].get<std::string>());
  EXPECT_EQ(error.kind, c.kind);
  EXPECT_EQ(error.reason, c.reason);
  EXPECT_EQ(error.httpStatus, c.httpStatus);
  EXPECT_EQ(error.retryable, c.retryable);
  EXPECT_FALSE(error.retryAfter);
}

using ipc::ErrorKind;

INSTANTIATE_TEST_SUITE_P(
    Cases,
    RecordedStatusTest,
    ::testing::Values(
        StatusCase{"404.json", 404, getDaemonSet("nope"), ErrorKind::NotFound, "NotFound",
                   "Error from server (NotFound): daemonsets.apps \"nope\" not found", false},
        StatusCase{"403.json",
                   403,
                   {"patch", "apps", "daemonsets", "ns", "foo"},
                   ErrorKind::Forbidden,
                   "Forbidden",
                   "Error from server (Forbidden): daemonsets.apps \"foo\" is forbidden: User "
                   "\"dev-user\" cannot patch resource \"daemonsets\" in API group \"apps\" in "
                   "the namespace \"ns\"",
                   false},
        StatusCase{"409.json",
                   409,
                   {"update", "apps", "daemonsets", "ns", "foo"},
                   ErrorKind::Conflict,
                   "Conflict",
                   "Error from server (Conflict): Operation cannot be fulfilled on "
                   "daemonsets.apps \"foo\": the object has been modified; please apply your "
                   "changes to the latest version and try again",
                   false},
        StatusCase{"409-exists.json",
                   409,
                   {"create", "apps", "daemonsets", "ns", ""},
                   ErrorKind::Conflict,
                   "AlreadyExists",
                   "Error from server (AlreadyExists): daemonsets.apps \"foo\" already exists",
                   false},
        StatusCase{"410.json",
                   410,
                   {"list", "", "events", "team-a", ""},
                   ErrorKind::Conflict,
                   "Expired",
                   "Error from server (Expired): The provided continue parameter is too old to "
                   "display a consistent list result. You can start a new list without the "
                   "continue parameter, or use the continue token in this response to retrieve "
                   "the remainder of the results. Continuing with the provided token results in "
                   "an inconsistent list - objects that were created, modified, or deleted "
                   "between the time the first chunk was returned and now may show up in the "
                   "list.",
                   false},
        StatusCase{"422.json",
                   422,
                   {"create", "apps", "daemonsets", "ns", ""},
                   ErrorKind::Invalid,
                   "Invalid",
                   "The DaemonSet \"bad\" is invalid: "
                   "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 "
                   "when maxSurge is 0",
                   false},
        StatusCase{"422-many.json",
                   422,
                   {"create", "apps", "daemonsets", "ns", ""},
                   ErrorKind::Invalid,
                   "Invalid",
                   "The DaemonSet \"bad\" is invalid: \n"
                   "* spec.template.metadata.labels: Invalid value: {\"app\":\"foo\"}: `selector` "
                   "does not match template `labels`\n"
                   "* spec.template.spec.containers[0].image: Required value\n"
                   "* spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be "
                   "0 when maxSurge is 0",
                   false},
        StatusCase{"401.json", 401, getDaemonSet(), ErrorKind::Unauthorized, "Unauthorized",
                   "error: You must be logged in to the server (Unauthorized)", false},
        StatusCase{"500.json",
                   500,
                   {"create", "apps", "daemonsets", "ns", ""},
                   ErrorKind::Unreachable,
                   "InternalError",
                   "Error from server (InternalError): Internal error occurred: failed calling "
                   "webhook \"deny.dsroll.test\": failed to call webhook: Post "
                   "\"https://127.0.0.1:1/validate?timeout=10s\": dial tcp 127.0.0.1:1: connect: "
                   "connection refused",
                   true}),
    [](const auto& param) {
      std::string name = param.param.file;
      for (char& c : name) {
        if (c == '.' || c == '-') c = '_';
      }
      return name;
    });

TEST(ApiError, PlainText429WithRetryAfter) {
  const ApiError error = errorFromResponse(429, recorded("429.txt"), getDaemonSet(), "1");
  EXPECT_EQ(error.message,
            "Error from server (TooManyRequests): the server has received too many requests and "
            "has asked us to try again later (get daemonsets.apps foo)");
  EXPECT_EQ(error.kind, ipc::ErrorKind::Unreachable);
  EXPECT_EQ(error.reason, "TooManyRequests");
  EXPECT_EQ(error.detail,
            "the server has received too many requests and has asked us to try again later (get "
            "daemonsets.apps foo)");
  EXPECT_TRUE(error.retryable);
  EXPECT_EQ(error.retryAfter, std::chrono::seconds(1));
}

TEST(ApiError, RetryAfterFromStatusDetails) {
  const ApiError error = errorFromResponse(
      429,
      R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"slow down",)"
      R"("reason":"TooManyRequests","details":{"retryAfterSeconds":7},"code":429})",
      getDaemonSet());
  EXPECT_EQ(error.message, "Error from server (TooManyRequests): slow down");
  EXPECT_EQ(error.retryAfter, std::chrono::seconds(7));
}

TEST(ApiError, RetryAfterHeaderWinsAndOnlyDeltaSecondsCount) {
  const std::string body = R"({"kind":"Status","apiVersion":"v1","status":"Failure",)"
                           R"("reason":"ServiceUnavailable","details":{"retryAfterSeconds":7}})";
  EXPECT_EQ(errorFromResponse(503, body, getDaemonSet(), " 3 ").retryAfter,
            std::chrono::seconds(3));
  EXPECT_EQ(
      errorFromResponse(503, body, getDaemonSet(), "Wed, 21 Oct 2015 07:28:00 GMT").retryAfter,
      std::chrono::seconds(7));
  EXPECT_FALSE(errorFromResponse(503, "", getDaemonSet(), "-1").retryAfter);
}

TEST(ApiError, RetryableStatusCodes) {
  for (int code : {429, 500, 502, 503, 504, 599}) {
    EXPECT_TRUE(errorFromResponse(code, "", getDaemonSet()).retryable) << code;
  }
  for (int code : {400, 401, 403, 404, 405, 409, 410, 422, 501}) {
    EXPECT_FALSE(errorFromResponse(code, "", getDaemonSet()).retryable) << code;
  }
}

struct GenericCase {
  int code;
  std::string body;
  RequestTarget target;
  const char* message;
  ipc::ErrorKind kind;
};

TEST(ApiError, BodiesThatAreNotStatusAsClientGoDescribesThem) {
  const RequestTarget list{"list", "apps", "daemonsets", "ns", ""};
  const RequestTarget create{"create", "apps", "daemonsets", "ns", ""};
  const RequestTarget core{"get", "", "pods", "ns", "p"};
  const GenericCase cases[] = {
      {404, "404 page not found\n", getDaemonSet(),
       "Error from server (NotFound): the server could not find the requested resource (get "
       "daemonsets.apps foo)",
       ErrorKind::NotFound},
      {404, "", list,
       "Error from server (NotFound): the server could not find the requested resource (get "
       "daemonsets.apps)",
       ErrorKind::NotFound},
      {409, "", create,
       "Error from server (AlreadyExists): the server reported a conflict (post "
       "daemonsets.apps)",
       ErrorKind::Conflict},
      {409,
       "",
       {"update", "apps", "daemonsets", "ns", "foo"},
       "Error from server (Conflict): the server reported a conflict (put daemonsets.apps foo)",
       ErrorKind::Conflict},
      {403, "  denied by proxy  ", core,
       "Error from server (Forbidden): denied by proxy (get pods p)", ErrorKind::Forbidden},
      {401, "", core,
       "error: You must be logged in to the server (the server has asked for the client to "
       "provide credentials (get pods p))",
       ErrorKind::Unauthorized},
      {400,
       "",
       {"patch", "apps", "daemonsets", "ns", "foo"},
       "Error from server (BadRequest): the server rejected our request for an unknown reason "
       "(patch daemonsets.apps foo)",
       ErrorKind::Invalid},
      {502, "<html>Bad Gateway</html>", getDaemonSet(),
       "Error from server (InternalError): an error on the server (\"<html>Bad "
       "Gateway</html>\") has prevented the request from succeeding (get daemonsets.apps foo)",
       ErrorKind::Unreachable},
      {500, R"({"error":"not a Status"})", getDaemonSet(),
       "Error from server (InternalError): an error on the server (\"unknown\") has prevented "
       "the request from succeeding (get daemonsets.apps foo)",
       ErrorKind::Unreachable},
      {503, "", getDaemonSet(),
       "Error from server (ServiceUnavailable): the server is currently unable to handle the "
       "request (get daemonsets.apps foo)",
       ErrorKind::Unreachable},
      {504, "", getDaemonSet(),
       "Error from server (Timeout): the server was unable to return a response in the time "
       "allotted, but may still be processing the request (get daemonsets.apps foo)",
       ErrorKind::Unreachable},
      {501, "", getDaemonSet(),
       "Error from server (InternalError): an error on the server (\"\") has prevented the "
       "request from succeeding (get daemonsets.apps foo)",
       ErrorKind::Internal},
      {418, "", getDaemonSet(),
       "Error from server (Unknown): the server responded with the status code 418 but did not "
       "return more information (get daemonsets.apps foo)",
       ErrorKind::Internal},
      // client-go's generic 422 has the body as a cause without a field: kubectl prints it so.
      {422, "bad", create, "The daemonsets \"\" is invalid: : bad", ErrorKind::Invalid},
      // A Status that reports success is not an error body.
      {500, R"({"kind":"Status","apiVersion":"v1","status":"Success","message":"ok"})",
       getDaemonSet(),
       "Error from server (InternalError): an error on the server (\"unknown\") has prevented "
       "the request from succeeding (get daemonsets.apps foo)",
       ErrorKind::Unreachable},
  };
  for (const auto& c : cases) {
    const ApiError error = errorFromResponse(c.code, c.body, c.target);
    EXPECT_EQ(error.message, c.message) << c.code << " " << c.body;
    EXPECT_EQ(error.kind, c.kind) << c.code << " " << c.body;
  }
}

TEST(ApiError, StatusVariantsAsKubectlPrintsThem) {
  const auto message = [](const std::string& body) {
    return errorFromResponse(422, body, getDaemonSet()).message;
  };
  EXPECT_EQ(message(R"({"kind":"Status","status":"Failure","message":"m","code":422})"),
            "Error from server: m");
  EXPECT_EQ(message(R"({"kind":"Status","status":"Failure","reason":"Invalid","message":"m"})"),
            "The request is invalid: m");
  EXPECT_EQ(message(R"({"kind":"Status","status":"Failure","reason":"Invalid","message":"m",)"
                    R"("details":{}})"),
            "The request is invalid: m");
  EXPECT_EQ(message(R"({"kind":"Status","status":"Failure","reason":"Invalid","message":"m",)"
                    R"("details":{"kind":"DaemonSet","name":"x"}})"),
            "The DaemonSet \"x\" is invalid");
  EXPECT_EQ(message(R"({"kind":"Status","status":"Failure","reason":"Invalid","message":"m",)"
                    R"("details":{"causes":[{"field":"f","message":"a"},{"field":"f",)"
                    R"("message":"a"}]}})"),
            "The request is invalid: f: a");
  EXPECT_EQ(message(R"({"kind":"Status","apiVersion":"v2","status":"Failure","message":"m"})"),
            "The daemonsets \"foo\" is invalid: : unknown")
      << "a Status of another version is not a Status";
}

TEST(TransportError, RefusedNamesHostAndPort) {
  const ApiError error =
      transportError("https://127.0.0.1:6443", TransportStage::Connect, "Connection refused");
  EXPECT_EQ(error.message,
            "The connection to the server 127.0.0.1:6443 was refused - did you specify the right "
            "host or port?");
  EXPECT_EQ(error.detail, "dial tcp 127.0.0.1:6443: Connection refused");
  EXPECT_EQ(error.kind, ipc::ErrorKind::Unreachable);
  EXPECT_EQ(error.httpStatus, 0);
  EXPECT_TRUE(error.retryable);
}

TEST(TransportError, OtherStagesNameTheServer) {
  const std::string server = "https://api.example.com:6443/prefix";
  EXPECT_EQ(transportError(server, TransportStage::Resolve, "no such host").message,
            "Unable to connect to the server https://api.example.com:6443/prefix: dial tcp: "
            "lookup api.example.com: no such host");
  EXPECT_EQ(transportError(server, TransportStage::Connect, "No route to host").message,
            "Unable to connect to the server https://api.example.com:6443/prefix: dial tcp "
            "api.example.com:6443: No route to host");
  EXPECT_EQ(transportError(server, TransportStage::TlsHandshake,
                           "failed to verify certificate: certificate verify failed")
                .message,
            "Unable to connect to the server https://api.example.com:6443/prefix: tls: failed to "
            "verify certificate: certificate verify failed");
  EXPECT_EQ(transportError(server, TransportStage::TlsHandshake, "tls: bad record").message,
            "Unable to connect to the server https://api.example.com:6443/prefix: tls: bad record");
  EXPECT_EQ(transportError(server, TransportStage::Timeout, "request timed out after 5s").message,
            "Unable to connect to the server https://api.example.com:6443/prefix: request timed "
            "out after 5s");
  EXPECT_EQ(transportError(server, TransportStage::Read, "connection reset by peer").message,
            "Unable to connect to the server https://api.example.com:6443/prefix: connection "
            "reset by peer");
  EXPECT_EQ(transportError(server, TransportStage::TlsHandshake, "bad certificate").detail,
            "tls: bad certificate");
  EXPECT_FALSE(transportError(server, TransportStage::TlsHandshake, "x").retryable);
  EXPECT_FALSE(transportError(server, TransportStage::Resolve, "x").retryable);
  EXPECT_TRUE(transportError(server, TransportStage::Write, "broken pipe").retryable);
  EXPECT_TRUE(transportError(server, TransportStage::Timeout, "x").retryable);
}

TEST(ApiError, GoneIsRecognised) {
  EXPECT_TRUE(errorFromResponse(410, recorded("410.json"), getDaemonSet()).isGone());
  EXPECT_FALSE(errorFromResponse(409, recorded("409.json"), getDaemonSet()).isGone());
}

}  // namespace
}  // namespace dsroll::kube
