// DescribeProbe from kubectl's describe.go, with the bits of Go's net/url that format the
// http-get target.

#include <array>

#include "daemon/render/DescribeParts.hpp"

namespace dsroll::render::describe {

namespace {

enum class UrlPart { kHost, kPath };

bool isUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

// net/url's shouldEscape for the host and path encodings.
bool shouldEscape(unsigned char c, UrlPart part) {
  if (isUnreserved(c)) return false;
  const std::string_view allowed = part == UrlPart::kHost ? std::string_view("!$&'()*+,;=:[]<>\"")
                                                          : std::string_view("$&+,/:;=@");
  return allowed.find(static_cast<char>(c)) == std::string_view::npos;
}

std::string escape(std::string_view s, UrlPart part) {
  static constexpr std::string_view kUpperHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (shouldEscape(c, part)) {
      out += '%';
      out += kUpperHex[c >> 4];
      out += kUpperHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

std::string toLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// url.URL{Scheme, Host, Path}.String()
std::string urlString(const std::string& scheme, const std::string& host, const std::string& path) {
  std::string out;
  if (!scheme.empty()) out += scheme + ":";
  if (!scheme.empty() || !host.empty()) {
    if (!host.empty() || !path.empty()) out += "//";
    out += escape(host, UrlPart::kHost);
  }
  const std::string escapedPath = path == "*" ? path : escape(path, UrlPart::kPath);
  if (!escapedPath.empty() && escapedPath[0] != '/' && !host.empty()) out += '/';
  if (out.empty()) {
    // A relative path whose first segment has a colon would read as a scheme.
    const std::string segment = escapedPath.substr(0, escapedPath.find('/'));
    if (segment.find(':') != std::string::npos) out += "./";
  }
  return out + escapedPath;
}

// net.JoinHostPort
std::string joinHostPort(const std::string& host, const std::string& port) {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + port;
  return host + ":" + port;
}

}  // namespace

std::string describeProbe(const Json& probe) {
  const std::string attrs = "delay=" + std::to_string(integer(probe, "initialDelaySeconds")) +
                            "s timeout=" + std::to_string(integer(probe, "timeoutSeconds")) +
                            "s period=" + std::to_string(integer(probe, "periodSeconds")) +
                            "s #success=" + std::to_string(integer(probe, "successThreshold")) +
                            " #failure=" + std::to_string(integer(probe, "failureThreshold"));
  if (const Json* exec = member(probe, "exec")) {
    return "exec " + goStrings(array(*exec, "command")) + " " + attrs;
  }
  if (const Json* http = member(probe, "httpGet")) {
    const std::string port = intOrString(member(*http, "port"));
    const std::string host = str(*http, "host");
    const std::string hostPort = port.empty() ? host : joinHostPort(host, port);
    return "http-get " + urlString(toLower(str(*http, "scheme")), hostPort, str(*http, "path")) +
           " " + attrs;
  }
  if (const Json* tcp = member(probe, "tcpSocket")) {
    return "tcp-socket " + str(*tcp, "host") + ":" + intOrString(member(*tcp, "port")) + " " +
           attrs;
  }
  if (const Json* grpc = member(probe, "grpc")) {
    return "grpc <pod>:" + std::to_string(integer(*grpc, "port")) + " " + str(*grpc, "service") +
           " " + attrs;
  }
  return "unknown " + attrs;
}

}  // namespace dsroll::render::describe
