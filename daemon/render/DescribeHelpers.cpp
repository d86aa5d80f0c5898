#include "daemon/render/DescribeHelpers.hpp"

#include <algorithm>

namespace dsroll::render::describe {

namespace {

constexpr std::size_t kMaxAnnotationLen = 140;
constexpr std::string_view kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

const Json& emptyArray() {
  static const Json kEmpty = Json::array();
  return kEmpty;
}

std::string shorten(std::string_view s, std::size_t maxLength) {
  if (s.size() > maxLength) return std::string(s.substr(0, maxLength)) + "...";
  return std::string(s);
}

std::vector<std::string_view> splitLines(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

bool isAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// validation.IsValidLabelValue's name part: [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?, <= 63.
bool isQualifiedNamePart(std::string_view s) {
  if (s.empty() || s.size() > 63 || !isAlnum(s.front()) || !isAlnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return isAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

// validation.IsDNS1123Subdomain.
bool isDnsSubdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    const std::string_view label =
        s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    const auto lowerAlnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (label.empty() || !lowerAlnum(label.front()) || !lowerAlnum(label.back())) return false;
    if (!std::all_of(label.begin(), label.end(),
                     [&](char c) { return lowerAlnum(c) || c == '-'; })) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool isQualifiedName(std::string_view s) {
  const std::size_t slash = s.find('/');
  if (slash == std::string_view::npos) return isQualifiedNamePart(s);
  if (s.find('/', slash + 1) != std::string_view::npos) return false;
  return isDnsSubdomain(s.substr(0, slash)) && isQualifiedNamePart(s.substr(slash + 1));
}

bool isLabelValue(std::string_view s) {
  return s.empty() || isQualifiedNamePart(s);
}

}  // namespace

const Json* member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

std::string str(const Json& object, std::string_view key) {
  const Json* v = member(object, key);
  return v == nullptr ? "" : text(*v);
}

std::int64_t integer(const Json& object, std::string_view key) {
  const Json* v = member(object, key);
  if (v == nullptr || !v->is_number()) return 0;
  return v->is_number_float() ? static_cast<std::int64_t>(v->get<double>())
                              : v->get<std::int64_t>();
}

bool boolean(const Json& object, std::string_view key) {
  const Json* v = member(object, key);
  return v != nullptr && v->is_boolean() && v->get<bool>();
}

const Json& array(const Json& object, std::string_view key) {
  const Json* v = member(object, key);
  return (v != nullptr && v->is_array()) ? *v : emptyArray();
}

std::string goBool(bool value) {
  return value ? "true" : "false";
}

std::string goStrings(const Json& values) {
  std::string out = "[";
  bool first = true;
  for (const Json& v : values) {
    if (!first) out += ' ';
    first = false;
    out += text(v);
  }
  return out + "]";
}

std::string goStringMap(const Json* values) {
  std::string out = "map[";
  bool first = true;
  for (const std::string& key : sortedKeys(values)) {
    if (!first) out += ' ';
    first = false;
    out += key + ":" + text((*values)[key]);
  }
  return out + "]";
}

std::string goLocalObjectReference(const Json* ref) {
  if (ref == nullptr) return "nil";
  return "&LocalObjectReference{Name:" + str(*ref, "name") + ",}";
}

std::string intOrString(const Json* value) {
  if (value == nullptr) return "0";
  if (value->is_number()) return std::to_string(value->get<std::int64_t>());
  return text(*value);
}

std::vector<std::string> sortedKeys(const Json* object) {
  std::vector<std::string> keys;
  if (object == nullptr || !object->is_object()) return keys;
  for (const auto& [key, value] : object->items())
    keys.push_back(key);
  return keys;  // nlohmann keeps object keys sorted bytewise, as Go's sort.Strings does
}

void printLabelsMultiline(PrefixWriter& w, std::string_view title, const Json* labels) {
  w.write(kLevel0, std::string(title) + ":\t");
  const std::vector<std::string> keys = sortedKeys(labels);
  if (keys.empty()) {
    w.writeLine("<none>");
    return;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) {
      w.write(kLevel0, "");
      w.write(kLevel0, "\t");
    }
    w.write(kLevel0, keys[i] + "=" + text((*labels)[keys[i]]) + "\n");
  }
}

void printAnnotationsMultiline(PrefixWriter& w, std::string_view title, const Json* annotations) {
  w.write(kLevel0, std::string(title) + ":\t");
  std::vector<std::string> keys = sortedKeys(annotations);
  keys.erase(std::remove(keys.begin(), keys.end(), kLastApplied), keys.end());
  if (keys.empty()) {
    w.writeLine("<none>");
    return;
  }
  const std::string indent = "\t";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) w.write(kLevel0, indent);
    std::string value = text((*annotations)[keys[i]]);
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.size() + keys[i].size() + 2 > kMaxAnnotationLen ||
        value.find('\n') != std::string::npos) {
      w.write(kLevel0, keys[i] + ":\n");
      for (const std::string_view line : splitLines(value)) {
        w.write(kLevel0, indent + "  " + shorten(line, kMaxAnnotationLen - 2) + "\n");
      }
    } else {
      w.write(kLevel0, keys[i] + ": " + value + "\n");
    }
  }
}

void printTolerationsMultiline(PrefixWriter& w, std::string_view title, const Json& tolerations) {
  w.write(kLevel0, std::string(title) + ":\t");
  if (tolerations.empty()) {
    w.writeLine("<none>");
    return;
  }
  // Go's sort.Slice by key; stable for the short lists templates carry (insertion sort up to 12).
  std::vector<const Json*> sorted;
  for (const Json& t : tolerations)
    sorted.push_back(&t);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Json* a, const Json* b) { return str(*a, "key") < str(*b, "key"); });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Json& t = *sorted[i];
    if (i != 0) {
      w.write(kLevel0, "");
      w.write(kLevel0, "\t");
    }
    const std::string key = str(t, "key");
    const std::string value = str(t, "value");
    const std::string effect = str(t, "effect");
    w.write(kLevel0, key);
    if (!value.empty()) w.write(kLevel0, "=" + value);
    if (!effect.empty()) w.write(kLevel0, ":" + effect);
    // "operator: Exists" with no value tolerates everything with that key (or everything).
    if (str(t, "operator") == "Exists" && value.empty()) {
      w.write(kLevel0, (!key.empty() || !effect.empty()) ? " op=Exists" : "op=Exists");
    }
    if (member(t, "tolerationSeconds") != nullptr) {
      w.write(kLevel0, " for " + std::to_string(integer(t, "tolerationSeconds")) + "s");
    }
    w.write(kLevel0, "\n");
  }
}

std::string formatLabelSelector(const Json* selector) {
  if (selector == nullptr) return "<none>";
  struct Requirement {
    std::string key;
    std::string text;
  };
  std::vector<Requirement> requirements;
  for (const std::string& key : sortedKeys(member(*selector, "matchLabels"))) {
    const std::string value = text((*selector)["matchLabels"][key]);
    if (!isQualifiedName(key) || !isLabelValue(value)) return "<error>";
    requirements.push_back({key, key + "=" + value});
  }
  for (const Json& expr : array(*selector, "matchExpressions")) {
    const std::string key = str(expr, "key");
    const std::string op = str(expr, "operator");
    std::vector<std::string> values;
    for (const Json& v : array(expr, "values"))
      values.push_back(text(v));
    if (!isQualifiedName(key)) return "<error>";
    for (const std::string& v : values) {
      if (!isLabelValue(v)) return "<error>";
    }
    std::sort(values.begin(), values.end());
    std::string joined;
    for (std::size_t i = 0; i < values.size(); ++i)
      joined += (i == 0 ? "" : ",") + values[i];
    if (op == "In" || op == "NotIn") {
      if (values.empty()) return "<error>";
      requirements.push_back({key, key + (op == "In" ? " in (" : " notin (") + joined + ")"});
    } else if (op == "Exists" || op == "DoesNotExist") {
      if (!values.empty()) return "<error>";
      requirements.push_back({key, (op == "Exists" ? "" : "!") + key});
    } else {
      return "<error>";
    }
  }
  std::stable_sort(requirements.begin(), requirements.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  std::string out;
  for (std::size_t i = 0; i < requirements.size(); ++i) {
    out += (i == 0 ? "" : ",") + requirements[i].text;
  }
  return out.empty() ? "<none>" : out;
}

}  // namespace dsroll::render::describe
