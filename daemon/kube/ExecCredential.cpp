#include "daemon/kube/ExecCredential.hpp"

#include <cstdint>
#include <string_view>

#include "daemon/kube/Base64.hpp"
#include "daemon/kube/GoText.hpp"

namespace dsroll::kube {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kV1 = "client.authentication.k8s.io/v1";
constexpr std::string_view kV1beta1 = "client.authentication.k8s.io/v1beta1";

tl::unexpected<ExecError> fail(std::string message) {
  return tl::make_unexpected(ExecError{std::move(message)});
}

const char* typeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "bool";
    case Json::value_t::string:
      return "string";
    case Json::value_t::object:
      return "object";
    case Json::value_t::array:
      return "array";
    default:
      return "number";
  }
}

// Go's encoding/json escapes these even inside strings; they only occur inside strings.
std::string goJson(const OrderedJson& value) {
  const std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    switch (text[i]) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        if (text.compare(i, 3, "\xe2\x80\xa8") == 0 || text.compare(i, 3, "\xe2\x80\xa9") == 0) {
          out += text[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
          i += 2;
        } else {
          out += text[i];
        }
    }
  }
  return out;
}

int digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// time.Parse(time.RFC3339, text): 2006-01-02T15:04:05[.frac](Z|+hh:mm|-hh:mm).
std::optional<std::chrono::system_clock::time_point> parseRfc3339(std::string_view t) {
  using namespace std::chrono;
  if (t.size() < 20) return std::nullopt;
  const int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
  const int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
  if (year < 0 || month < 1 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  const year_month_day date{std::chrono::year(year),
                            std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  std::size_t i = 19;
  nanoseconds fraction{0};
  if (i < t.size() && t[i] == '.') {
    std::int64_t scale = 100'000'000;
    std::size_t start = ++i;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
      fraction += nanoseconds((t[i] - '0') * scale);
      scale /= 10;
    }
    if (i == start) return std::nullopt;
  }
  seconds offset{0};
  if (i < t.size() && (t[i] == 'Z' || t[i] == 'z') && i + 1 == t.size()) {
    // UTC
  } else if (i < t.size() && (t[i] == '+' || t[i] == '-') && i + 6 == t.size() && t[i + 3] == ':') {
    const int oh = digits(t, i + 1, 2), om = digits(t, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
    offset = hours(oh) + minutes(om);
    if (t[i] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  const auto local = sys_days(date) + hours(hour) + minutes(minute) + seconds(second);
  return time_point_cast<system_clock::duration>(local - offset + fraction);
}

tl::expected<std::string, ExecError> statusString(const Json& status, const char* key) {
  auto it = status.find(key);
  if (it == status.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    return fail(std::string("decoding stdout: json: cannot unmarshal ") + typeName(*it) +
                " into Go struct field ExecCredentialStatus.status." + key + " of type string");
  }
  return it->get<std::string>();
}

}  // namespace

std::string execInfoJson(const ExecConfig& exec, const RestConfig& cluster, bool interactive) {
  OrderedJson spec = OrderedJson::object();
  if (exec.provideClusterInfo) {
    OrderedJson c = OrderedJson::object();
    c["server"] = cluster.server;
    if (!cluster.tls.serverName.empty()) c["tls-server-name"] = cluster.tls.serverName;
    if (cluster.tls.insecureSkipVerify) c["insecure-skip-tls-verify"] = true;
    if (!cluster.tls.caPem.empty())
      c["certificate-authority-data"] = encodeBase64(cluster.tls.caPem);
    if (!cluster.proxyUrl.empty()) c["proxy-url"] = cluster.proxyUrl;
    if (cluster.disableCompression) c["disable-compression"] = true;
    c["config"] =
        OrderedJson::parse(exec.clusterConfig.dump(-1, ' ', false, Json::error_handler_t::replace));
    spec["cluster"] = std::move(c);
  }
  spec["interactive"] = interactive;
  OrderedJson credential = OrderedJson::object();
  credential["kind"] = "ExecCredential";
  credential["apiVersion"] = exec.apiVersion;
  credential["spec"] = std::move(spec);
  return goJson(credential) + "\n";  // client-go's encoder ends the document with a newline
}

tl::expected<ExecCredential, ExecError> parseExecOutput(const ExecConfig& exec,
                                                        const std::string& stdoutText) {
  if (exec.apiVersion != kV1 && exec.apiVersion != kV1beta1) {
    return fail("exec plugin: invalid apiVersion " + goQuote(exec.apiVersion));
  }
  const Json output = Json::parse(stdoutText, nullptr, false);
  if (output.is_discarded() || !output.is_object()) {
    return fail(std::string("decoding stdout: couldn't get version/kind; json parse error: ") +
                (output.is_discarded() ? "the plugin did not write JSON"
                                       : std::string("json: cannot unmarshal ") + typeName(output) +
                                             " into an object"));
  }
  const std::string apiVersion = output.value("apiVersion", Json()).is_string()
                                     ? output["apiVersion"].get<std::string>()
                                     : std::string();
  const std::string kind =
      output.value("kind", Json()).is_string() ? output["kind"].get<std::string>() : std::string();
  if (!apiVersion.empty() && apiVersion != kV1 && apiVersion != kV1beta1) {
    return fail("decoding stdout: no kind " + goQuote(kind.empty() ? "ExecCredential" : kind) +
                " is registered for version " + goQuote(apiVersion));
  }
  if (!apiVersion.empty() && kind != "ExecCredential") {
    return fail(kind.empty() ? "decoding stdout: Object 'Kind' is missing"
                             : "decoding stdout: no kind " + goQuote(kind) +
                                   " is registered for version " + goQuote(apiVersion));
  }
  if (apiVersion != exec.apiVersion) {
    return fail("exec plugin is configured to use API version " + exec.apiVersion +
                ", plugin returned version " + (apiVersion.empty() ? "(none)" : apiVersion));
  }
  const auto status = output.find("status");
  if (status == output.end() || status->is_null()) {
    return fail("exec plugin didn't return a status field");
  }
  if (!status->is_object()) {
    return fail(std::string("decoding stdout: json: cannot unmarshal ") + typeName(*status) +
                " into Go struct field ExecCredential.status of type v1.ExecCredentialStatus");
  }
  ExecCredential credential;
  for (auto [key, target] : {std::pair{"token", &credential.token},
                             std::pair{"clientCertificateData", &credential.clientCertPem},
                             std::pair{"clientKeyData", &credential.clientKeyPem}}) {
    auto value = statusString(*status, key);
    if (!value) return tl::make_unexpected(value.error());
    *target = std::move(*value);
  }
  auto expiry = statusString(*status, "expirationTimestamp");
  if (!expiry) return tl::make_unexpected(expiry.error());
  if (!expiry->empty()) {
    credential.expiresAt = parseRfc3339(*expiry);
    if (!credential.expiresAt) {
      return fail("decoding stdout: parsing time " + goQuote(*expiry) +
                  " as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time");
    }
  }
  if (credential.token.empty() && credential.clientCertPem.empty() &&
      credential.clientKeyPem.empty()) {
    return fail("exec plugin didn't return a token or cert/key pair");
  }
  if (credential.clientCertPem.empty() != credential.clientKeyPem.empty()) {
    return fail("exec plugin returned only certificate or key, not both");
  }
  return credential;
}

}  // namespace dsroll::kube
