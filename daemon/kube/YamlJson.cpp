#include "daemon/kube/YamlJson.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <variant>

namespace dsroll::kube {

namespace {

using Scalar = std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, std::string>;

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool isOneOf(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto word : words) {
    if (text == word) {
      return true;
    }
  }
  return false;
}

// go-yaml v2's float pattern: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool looksLikeFloat(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const std::size_t intStart = i;
  while (i < s.size() && isDigit(s[i]))
    ++i;
  const bool hasInt = i > intStart;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t fracStart = i;
    while (i < s.size() && isDigit(s[i]))
      ++i;
    if (!hasInt && i == fracStart) return false;
  } else if (!hasInt) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t expStart = i;
    while (i < s.size() && isDigit(s[i]))
      ++i;
    if (i == expStart) return false;
  }
  return i == s.size();
}

// Go's strconv.ParseInt/ParseUint with base 0 (sign, 0x, 0o, 0b, leading-0 octal).
std::optional<Scalar> parseGoInteger(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 1 && s[0] == '0') {
    const char p = static_cast<char>(s[1] | 0x20);
    if (p == 'x')
      base = 16;
    else if (p == 'o')
      base = 8;
    else if (p == 'b')
      base = 2;
    else
      base = 8;
    s.remove_prefix(base == 8 && p != 'o' ? 1 : 2);
  }
  if (s.empty()) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (char c : s) {
    int digit = 0;
    if (isDigit(c))
      digit = c - '0';
    else if (c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    else
      return std::nullopt;
    if (digit >= base) return std::nullopt;
    const auto b = static_cast<std::uint64_t>(base);
    if (value > (UINT64_MAX - static_cast<std::uint64_t>(digit)) / b) return std::nullopt;
    value = value * b + static_cast<std::uint64_t>(digit);
  }
  if (negative) {
    if (value > std::uint64_t{1} << 63) return std::nullopt;
    return Scalar(static_cast<std::int64_t>(0 - value));
  }
  if (value <= static_cast<std::uint64_t>(INT64_MAX)) {
    return Scalar(static_cast<std::int64_t>(value));
  }
  return Scalar(value);
}

// go-yaml v2 resolve() for a plain scalar.
Scalar resolvePlain(const std::string& text) {
  if (isOneOf(text, {"", "~", "null", "Null", "NULL"})) return nullptr;
  if (isOneOf(text, {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}))
    return true;
  if (isOneOf(text, {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}))
    return false;
  if (isOneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) return HUGE_VAL;
  if (isOneOf(text, {"-.inf", "-.Inf", "-.INF"})) return -HUGE_VAL;
  if (isOneOf(text, {".nan", ".NaN", ".NAN"})) return std::nan("");
  const char first = text.front();
  if (!isDigit(first) && first != '+' && first != '-' && first != '.') return text;
  std::string plain;
  for (char c : text) {
    if (c != '_') plain += c;
  }
  if (auto integer = parseGoInteger(plain)) return *integer;
  if (looksLikeFloat(plain)) {
    errno = 0;
    const double value = std::strtod(plain.c_str(), nullptr);
    if (errno == 0) return value;
  }
  return text;
}

bool isPlain(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  return tag == "?" || (tag != "!" && tag != "tag:yaml.org,2002:str");
}

Scalar scalarOf(const YAML::Node& node) {
  if (!isPlain(node)) {
    return node.Scalar();
  }
  return resolvePlain(node.Scalar());
}

struct Converter {
  YamlLimits limits;
  std::size_t nodes = 0;

  tl::expected<nlohmann::json, std::string> convert(const YAML::Node& node, int depth) {
    if (++nodes > limits.maxNodes) {
      return tl::make_unexpected("more than " + std::to_string(limits.maxNodes) + " values");
    }
    if (depth > limits.maxDepth) {
      return tl::make_unexpected("nested more than " + std::to_string(limits.maxDepth) +
                                 " levels deep");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        return scalarJson(scalarOf(node));
      case YAML::NodeType::Sequence: {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& item : node) {
          auto value = convert(item, depth + 1);
          if (!value) return value;
          array.push_back(std::move(*value));
        }
        return array;
      }
      case YAML::NodeType::Map: {
        nlohmann::json object = nlohmann::json::object();
        for (const auto& entry : node) {
          auto key = keyText(entry.first);
          if (!key) return tl::make_unexpected(key.error());
          auto value = convert(entry.second, depth + 1);
          if (!value) return value;
          object[*key] = std::move(*value);
        }
        return object;
      }
    }
    return nullptr;
  }

  static tl::expected<nlohmann::json, std::string> scalarJson(const Scalar& scalar) {
    if (const auto* d = std::get_if<double>(&scalar); d != nullptr && !std::isfinite(*d)) {
      return tl::make_unexpected("unsupported value: " + std::string(std::isnan(*d) ? "NaN"
                                                                     : *d > 0       ? "+Inf"
                                                                                    : "-Inf"));
    }
    return std::visit([](const auto& v) -> nlohmann::json { return v; }, scalar);
  }

  static tl::expected<std::string, std::string> keyText(const YAML::Node& key) {
    if (key.IsNull()) return std::string("null");
    if (!key.IsScalar()) return tl::make_unexpected(std::string("a map key is not a scalar"));
    const Scalar scalar = scalarOf(key);
    if (const auto* s = std::get_if<std::string>(&scalar)) return *s;
    if (std::holds_alternative<std::nullptr_t>(scalar)) return std::string("null");
    if (const auto* b = std::get_if<bool>(&scalar)) return std::string(*b ? "true" : "false");
    if (const auto* i = std::get_if<std::int64_t>(&scalar)) return std::to_string(*i);
    if (const auto* u = std::get_if<std::uint64_t>(&scalar)) return std::to_string(*u);
    return key.Scalar();
  }
};

}  // namespace

const char* jsonTypeName(JsonType type) {
  switch (type) {
    case JsonType::Null:
      return "null";
    case JsonType::Bool:
      return "bool";
    case JsonType::Number:
      return "number";
    case JsonType::String:
      return "string";
    case JsonType::Object:
      return "object";
    case JsonType::Array:
      return "array";
  }
  return "value";
}

JsonType jsonTypeOf(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return JsonType::Null;
    case YAML::NodeType::Sequence:
      return JsonType::Array;
    case YAML::NodeType::Map:
      return JsonType::Object;
    case YAML::NodeType::Scalar:
      break;
  }
  const Scalar scalar = scalarOf(node);
  if (std::holds_alternative<std::nullptr_t>(scalar)) return JsonType::Null;
  if (std::holds_alternative<bool>(scalar)) return JsonType::Bool;
  if (std::holds_alternative<std::string>(scalar)) return JsonType::String;
  return JsonType::Number;
}

tl::expected<nlohmann::json, std::string> yamlToJson(const YAML::Node& node, YamlLimits limits) {
  Converter converter{limits};
  return converter.convert(node, 0);
}

}  // namespace dsroll::kube
