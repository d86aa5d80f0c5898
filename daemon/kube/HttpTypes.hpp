#pragma once
// One request to the API server and its answer, as plain data.

#include <chrono>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "daemon/kube/ApiError.hpp"

namespace dsroll::kube {

struct HttpRequest {
  std::string method = "GET";  // GET, POST, PUT, PATCH, DELETE
  std::string target;          // path and query, e.g. /apis/apps/v1/namespaces/x/daemonsets
  std::string body;
  std::string contentType;     // for a body: application/json, application/merge-patch+json, ...
  std::string accept = "application/json";
  std::chrono::milliseconds timeout{0};  // 0 = the client's default
  RequestTarget what;          // for error messages
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string contentType;
  std::string date;                   // the server's Date header (clock skew checks)
  std::string retryAfter;
  std::vector<std::string> warnings;  // Warning headers' texts (kubectl prints "Warning: ...")
};

/** scheme://host:port/prefix split for connecting. */
struct ServerUrl {
  std::string host;    // without brackets for IPv6
  std::string port;    // "443" when absent
  std::string prefix;  // path prefix without trailing slash ("" usually)
  bool hostIsIp = false;
};

/** Parses a kubeconfig server URL; only https is accepted (http is refused with a message). */
tl::expected<ServerUrl, std::string> parseServerUrl(const std::string& server);

}  // namespace dsroll::kube
