#include "daemon/kube/ApiError.hpp"

#include <algorithm>
#include <vector>

#include "daemon/kube/ApiStatus.hpp"
#include "daemon/kube/GoText.hpp"

namespace dsroll::kube {

namespace {

// kubectl's checkErr for reason Invalid: "The Kind "name" is invalid: field: detail".
std::string invalidMessage(const ApiStatus& s) {
  std::string line = "The request is invalid";
  if (!s.hasDetails) {
    return s.message.empty() ? line : line + ": " + s.message;
  }
  if (!s.kind.empty() || !s.name.empty()) {
    line = "The " + s.kind + " " + goQuote(s.name) + " is invalid";
  } else if (!s.message.empty() && s.causes.empty()) {
    line += ": " + s.message;
  }
  std::vector<std::string> causes;
  for (const auto& cause : s.causes) {
    std::string text = cause.field + ": " + cause.message;
    if (std::find(causes.begin(), causes.end(), text) == causes.end()) causes.push_back(text);
  }
  if (causes.empty()) return line;
  if (causes.size() == 1) return line + ": " + causes.front();
  line += ": ";  // MultilineError prints the prefix, then one bullet per line
  for (const auto& cause : causes)
    line += "\n* " + cause;
  return line;
}

// kubectl's checkErr / StandardErrorMessage for a StatusError.
std::string kubectlMessage(const ApiStatus& s) {
  if (s.reason == "Invalid") return invalidMessage(s);
  if (s.reason == "Unauthorized") {
    return "error: You must be logged in to the server (" + s.message + ")";
  }
  if (!s.reason.empty()) {
    return "Error from server (" + s.reason + "): " + s.message;
  }
  return "Error from server: " + s.message;
}

ipc::ErrorKind kindFor(const std::string& reason, int code) {
  using ipc::ErrorKind;
  if (reason == "NotFound") return ErrorKind::NotFound;
  if (reason == "Forbidden") return ErrorKind::Forbidden;
  if (reason == "Unauthorized") return ErrorKind::Unauthorized;
  if (reason == "Conflict" || reason == "AlreadyExists") return ErrorKind::Conflict;
  if (reason == "Invalid" || reason == "BadRequest") return ErrorKind::Invalid;
  if (reason == "Expired" || reason == "Gone") return ErrorKind::Conflict;
  switch (code) {
    case 400:
    case 422:
      return ErrorKind::Invalid;
    case 401:
      return ErrorKind::Unauthorized;
    case 403:
      return ErrorKind::Forbidden;
    case 404:
      return ErrorKind::NotFound;
    case 409:
    case 410:
      return ErrorKind::Conflict;
    case 429:
      return ErrorKind::Unreachable;
    default:
      break;
  }
  return code >= 500 && code != 501 ? ErrorKind::Unreachable : ErrorKind::Internal;
}

// Retry-After in delta-seconds, as client-go reads it (an HTTP date is ignored there too).
std::optional<std::chrono::seconds> parseRetryAfter(std::optional<std::string_view> header) {
  if (!header) return std::nullopt;
  const std::string_view text = trimSpace(*header);
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::chrono::seconds(std::stol(std::string(text)));
}

}  // namespace

ApiError errorFromResponse(int httpStatus,
                           std::string_view body,
                           const RequestTarget& target,
                           std::optional<std::string_view> retryAfterHeader) {
  const auto retryAfter = parseRetryAfter(retryAfterHeader);
  const int retryAfterSeconds = retryAfter ? static_cast<int>(retryAfter->count()) : 0;
  ApiStatus status;
  if (auto parsed = parseStatus(body)) {
    status = std::move(*parsed);
  } else {
    status = genericStatus(httpStatus, body, target, retryAfterSeconds);
  }
  ApiError error;
  error.httpStatus = httpStatus;
  error.reason = status.reason;
  error.message = kubectlMessage(status);
  error.detail = status.message;  // StatusError.Error()
  for (const auto& cause : status.causes) error.causes.emplace_back(cause.field, cause.message);
  error.kind = kindFor(status.reason, httpStatus);
  error.retryable =
      httpStatus == 429 || (httpStatus >= 500 && httpStatus <= 599 && httpStatus != 501);
  if (retryAfter) {
    error.retryAfter = retryAfter;
  } else if (status.retryAfterSeconds > 0) {
    error.retryAfter = std::chrono::seconds(status.retryAfterSeconds);
  }
  return error;
}

ApiError transportError(std::string_view server, TransportStage stage, std::string_view cause) {
  // The host:port part of the URL, as kubectl names it in the "refused" message.
  std::string_view host = server;
  if (auto scheme = host.find("://"); scheme != std::string_view::npos) {
    host.remove_prefix(scheme + 3);
  }
  host = host.substr(0, host.find_first_of("/?#"));
  const std::string hostText(host);
  const std::string causeText(cause);

  ApiError error;
  error.kind = ipc::ErrorKind::Unreachable;
  switch (stage) {
    case TransportStage::Resolve:
      error.detail =
          "dial tcp: lookup " + hostText.substr(0, hostText.rfind(':')) + ": " + causeText;
      break;
    case TransportStage::Connect:
      error.detail = "dial tcp " + hostText + ": " + causeText;
      error.retryable = true;
      break;
    case TransportStage::TlsHandshake:
      error.detail = (causeText.starts_with("tls: ") ? "" : "tls: ") + causeText;
      break;
    case TransportStage::Write:
    case TransportStage::Read:
    case TransportStage::Timeout:
      error.detail = causeText;
      error.retryable = true;
      break;
  }
  if (stage == TransportStage::Connect && causeText.find("refused") != std::string::npos) {
    error.message = "The connection to the server " + hostText +
                    " was refused - did you specify the right host or port?";
  } else {
    error.message = "Unable to connect to the server " + std::string(server) + ": " + error.detail;
  }
  return error;
}

}  // namespace dsroll::kube
