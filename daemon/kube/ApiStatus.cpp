#include "daemon/kube/ApiStatus.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "daemon/kube/GoText.hpp"

namespace dsroll::kube {

namespace {

using Json = nlohmann::json;

// client-go keeps at most this much of a body that is not a Status.
constexpr std::size_t kMaxUnstructuredBytes = 2048;

std::string stringAt(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int intAt(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return 0;
  const auto value = it->get<std::int64_t>();
  return static_cast<int>(std::clamp<std::int64_t>(value, INT32_MIN, INT32_MAX));
}

}  // namespace

std::optional<ApiStatus> parseStatus(std::string_view body) {
  const Json json = Json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object() || stringAt(json, "kind") != "Status") {
    return std::nullopt;
  }
  const std::string apiVersion = stringAt(json, "apiVersion");
  if ((!apiVersion.empty() && apiVersion != "v1" && apiVersion != "meta.k8s.io/v1") ||
      stringAt(json, "status") != "Failure") {
    return std::nullopt;
  }
  ApiStatus status;
  status.code = intAt(json, "code");
  status.reason = stringAt(json, "reason");
  status.message = stringAt(json, "message");
  if (auto details = json.find("details"); details != json.end() && details->is_object()) {
    status.hasDetails = true;
    status.kind = stringAt(*details, "kind");
    status.name = stringAt(*details, "name");
    status.retryAfterSeconds = intAt(*details, "retryAfterSeconds");
    if (auto causes = details->find("causes"); causes != details->end() && causes->is_array()) {
      for (const auto& cause : *causes) {
        if (cause.is_object()) {
          status.causes.push_back({stringAt(cause, "field"), stringAt(cause, "message")});
        }
      }
    }
  }
  return status;
}

namespace {

// client-go sends the HTTP method; the message lowercases it (get, post, put, patch, delete).
std::string httpVerb(const std::string& verb) {
  if (verb == "list" || verb == "watch" || verb == "get") return "get";
  if (verb == "create") return "post";
  if (verb == "update") return "put";
  if (verb == "deletecollection") return "delete";
  return verb;
}

bool looksLikeText(std::string_view body) {
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_discarded() && (json.is_object() || json.is_array())) {
    return false;  // an application/json body: client-go says "unknown"
  }
  return std::none_of(body.begin(), body.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == 0 || (u < 0x20 && !std::isspace(u));
  });
}

}  // namespace

ApiStatus genericStatus(int code,
                        std::string_view body,
                        const RequestTarget& target,
                        int retryAfter) {
  const std::string serverMessage =
      looksLikeText(body)
          ? std::string(trimSpace(body.substr(0, std::min(body.size(), kMaxUnstructuredBytes))))
          : std::string("unknown");
  const std::string verb = httpVerb(target.verb);
  ApiStatus s;
  s.code = code;
  s.reason = "Unknown";
  s.message = "the server responded with the status code " + std::to_string(code) +
              " but did not return more information";
  switch (code) {
    case 409:
      s.reason = verb == "post" ? "AlreadyExists" : "Conflict";
      s.message = "the server reported a conflict";
      break;
    case 404:
      s.reason = "NotFound";
      s.message = "the server could not find the requested resource";
      break;
    case 400:
      s.reason = "BadRequest";
      s.message = "the server rejected our request for an unknown reason";
      break;
    case 401:
      s.reason = "Unauthorized";
      s.message = "the server has asked for the client to provide credentials";
      break;
    case 403:
      s.reason = "Forbidden";
      s.message = serverMessage;
      break;
    case 406:
      s.reason = "NotAcceptable";
      s.message =
          serverMessage.empty() || serverMessage == "unknown"
              ? "the server was unable to respond with a content type that the client supports"
              : serverMessage;
      break;
    case 415:
      s.reason = "UnsupportedMediaType";
      s.message = serverMessage;
      break;
    case 405:
      s.reason = "MethodNotAllowed";
      s.message = "the server does not allow this method on the requested resource";
      break;
    case 422:
      s.reason = "Invalid";
      s.message = "the server rejected our request due to an error in our request";
      break;
    case 503:
      s.reason = "ServiceUnavailable";
      s.message = "the server is currently unable to handle the request";
      break;
    case 504:
      s.reason = "Timeout";
      s.message =
          "the server was unable to return a response in the time allotted, but may still be "
          "processing the request";
      break;
    case 429:
      s.reason = "TooManyRequests";
      s.message = "the server has received too many requests and has asked us to try again later";
      break;
    default:
      if (code >= 500) {
        s.reason = "InternalError";
        s.message = "an error on the server (" + goQuote(serverMessage) +
                    ") has prevented the request from succeeding";
      }
  }
  if (!target.resource.empty()) {
    const std::string resource =
        target.group.empty() ? target.resource : target.resource + "." + target.group;
    s.message +=
        " (" + verb + " " + resource + (target.name.empty() ? "" : " " + target.name) + ")";
  }
  s.hasDetails = true;
  s.kind = target.resource;
  s.name = target.name;
  s.causes.push_back({"", serverMessage});  // CauseTypeUnexpectedServerResponse
  s.retryAfterSeconds = retryAfter;
  return s;
}

}  // namespace dsroll::kube
