#include "daemon/kube/ResourcePath.hpp"

namespace dsroll::kube {

std::string resourcePath(const ResourceType& type, const std::string& namespace_,
                         const std::string& name, const std::string& subresource) {
  std::string path = type.group.empty() ? "/api/" + type.version
                                        : "/apis/" + type.group + "/" + type.version;
  if (type.namespaced && !namespace_.empty()) {
    path += "/namespaces/" + urlEncode(namespace_);
  }
  path += "/" + type.resource;
  if (!name.empty()) {
    path += "/" + urlEncode(name);
    if (!subresource.empty()) {
      path += "/" + subresource;
    }
  }
  return path;
}

std::string urlEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                            c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string queryString(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (value.empty()) {
      continue;
    }
    out += out.empty() ? '?' : '&';
    out += urlEncode(key) + "=" + urlEncode(value);
  }
  return out;
}

RequestTarget targetOf(const std::string& verb, const ResourceType& type,
                       const std::string& namespace_, const std::string& name) {
  return RequestTarget{verb, type.group, type.resource, namespace_, name};
}

}  // namespace dsroll::kube
