#include <arpa/inet.h>

#include "daemon/kube/HttpTypes.hpp"

namespace dsroll::kube {

namespace {

bool isIpLiteral(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

tl::expected<ServerUrl, std::string> parseServerUrl(const std::string& server) {
  const std::string https = "https://";
  if (server.rfind("http://", 0) == 0) {
    return tl::unexpected("server " + server +
                          " uses plain http; kubectl-dsroll only talks to API servers over https");
  }
  std::string rest = server;
  if (rest.rfind(https, 0) == 0) {
    rest = rest.substr(https.size());
  } else if (rest.find("://") != std::string::npos) {
    return tl::unexpected("server " + server + " has an unsupported scheme");
  }
  ServerUrl url;
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) {
    url.prefix = rest.substr(slash);
    while (!url.prefix.empty() && url.prefix.back() == '/') {
      url.prefix.pop_back();
    }
  }
  if (authority.empty()) {
    return tl::unexpected("server " + server + " has no host");
  }
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) {
      return tl::unexpected("server " + server + " has an unterminated IPv6 address");
    }
    url.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      url.port = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      url.port = authority.substr(colon + 1);
    }
  }
  if (url.host.empty()) {
    return tl::unexpected("server " + server + " has no host");
  }
  if (url.port.empty()) {
    url.port = "443";
  }
  for (char c : url.port) {
    if (c < '0' || c > '9') {
      return tl::unexpected("server " + server + " has an invalid port \"" + url.port + "\"");
    }
  }
  url.hostIsIp = isIpLiteral(url.host);
  return url;
}

}  // namespace dsroll::kube
