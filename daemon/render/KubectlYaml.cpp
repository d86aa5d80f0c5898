#include "daemon/render/KubectlYaml.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>

#include "daemon/render/GoFormat.hpp"
#include "daemon/render/UnicodeTables.hpp"
#include "daemon/render/Utf8.hpp"
#include "daemon/render/YamlEmitter.hpp"
#include "daemon/render/YamlResolve.hpp"

namespace dsroll::render {

namespace {

using yaml::Emitter;
using yaml::ScalarStyle;

// go-yaml reads the number encoding/json wrote and writes it back: integers that fit int64 or
// uint64 as integers, everything else as a float in strconv's shortest %g.
std::string yamlNumber(const nlohmann::json& number) {
  const std::string text = gofmt::jsonNumber(number);
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (text.find_first_of(".eE") == std::string::npos) {
    std::int64_t i = 0;
    if (auto [p, ec] = std::from_chars(begin, end, i); ec == std::errc{} && p == end) {
      return std::to_string(i);
    }
    std::uint64_t u = 0;
    if (auto [p, ec] = std::from_chars(begin, end, u); ec == std::errc{} && p == end) {
      return std::to_string(u);
    }
  }
  return gofmt::formatFloat(std::strtod(text.c_str(), nullptr), 'g');
}

// go-yaml reads the JSON strings as double-quoted YAML scalars, in which NEL (U+0085, the only
// YAML line break encoding/json leaves unescaped) folds: a run of spaces and NELs becomes one
// space, or one newline fewer than it has NELs.
std::string foldNel(const std::string& s) {
  if (s.find("\xC2\x85") == std::string::npos) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    std::size_t nels = 0;
    while (j < s.size()) {
      if (s[j] == ' ') {
        ++j;
      } else if (s.compare(j, 2, "\xC2\x85") == 0) {
        ++nels;
        j += 2;
      } else {
        break;
      }
    }
    if (j == i) {
      out += s[i++];
      continue;
    }
    if (nels == 0) {
      out.append(s, i, j - i);
    } else if (nels == 1) {
      out += ' ';
    } else {
      out.append(nels - 1, '\n');
    }
    i = j;
  }
  return out;
}

// The text of a JSON string once it has been through encoding/json and go-yaml's reader.
std::string yamlText(const std::string& s) {
  return foldNel(gofmt::toValidUtf8(s));
}

bool hasRefusedCharacter(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const utf8::Rune r = utf8::decode(s, i);
    const char32_t c = r.value;
    if (c == 0x7F || (c >= 0x80 && c <= 0x9F && c != 0x85) || c == 0xFFFE || c == 0xFFFF) {
      return true;
    }
    i += r.size;
  }
  return false;
}

// go-yaml's encoder.stringv: a literal block for multi-line text, plain when the text would read
// back as the same string, double quotes otherwise (the emitter may still change the style).
ScalarStyle stringStyle(const std::string& s) {
  if (s.find('\n') != std::string::npos) return ScalarStyle::kLiteral;
  if (yaml::resolvesToString(s) && !yaml::isBase60Float(s)) return ScalarStyle::kPlain;
  return ScalarStyle::kDoubleQuoted;
}

std::u32string runes(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const utf8::Rune r = utf8::decode(s, i);
    out += r.value;
    i += r.size;
  }
  return out;
}

// Go's int64(r - '0') for any digit rune, as the wrapping unsigned value.
std::uint64_t digitValue(char32_t r) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(r) - '0');
}

// go-yaml v2's keyList.Less for two string keys: runs of digits compare by value.
bool naturalLess(const std::u32string& a, const std::u32string& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    const bool al = unicode::isLetter(a[i]);
    const bool bl = unicode::isLetter(b[i]);
    if (al && bl) return a[i] < b[i];
    if (al || bl) return bl;
    // Go's int64 arithmetic wraps; unsigned arithmetic wraps the same way.
    std::uint64_t an = 0;
    std::uint64_t bn = 0;
    if (a[i] == '0' || b[i] == '0') {
      for (std::size_t j = i; j-- > 0 && unicode::isDigit(a[j]);) {
        if (a[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    std::size_t ai = i;
    for (; ai < a.size() && unicode::isDigit(a[ai]); ++ai)
      an = an * 10 + digitValue(a[ai]);
    std::size_t bi = i;
    for (; bi < b.size() && unicode::isDigit(b[bi]); ++bi)
      bn = bn * 10 + digitValue(b[bi]);
    if (an != bn) return static_cast<std::int64_t>(an) < static_cast<std::int64_t>(bn);
    if (ai != bi) return ai < bi;
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

void emitNode(Emitter& e,
              const nlohmann::json& value,
              bool root,
              bool sequence,
              bool mapping,
              bool simpleKey);

void emitString(Emitter& e, const std::string& text) {
  e.scalar(text, stringStyle(text));
}

void emitMapping(Emitter& e, const nlohmann::json& object) {
  struct Entry {
    std::string key;  // as encoding/json wrote it: invalid UTF-8 replaced
    std::u32string runes;
    const nlohmann::json* value;
  };
  std::vector<Entry> entries;
  for (const auto& [key, item] : object.items()) {
    std::string valid = yamlText(key);
    std::u32string r = runes(valid);
    entries.push_back({std::move(valid), std::move(r), &item});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& x, const Entry& y) { return naturalLess(x.runes, y.runes); });
  e.blockMappingStart();
  for (const Entry& entry : entries) {
    const bool simple = e.blockMappingKey(entry.key);
    e.beginNode(false, false, true, simple);
    emitString(e, entry.key);
    e.blockMappingValue(simple);
    emitNode(e, *entry.value, false, false, true, false);
  }
  e.blockMappingEnd();
}

void emitNode(Emitter& e,
              const nlohmann::json& value,
              bool root,
              bool sequence,
              bool mapping,
              bool simpleKey) {
  e.beginNode(root, sequence, mapping, simpleKey);
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      if (value.empty()) {
        e.emptyFlowCollection('{', '}');
      } else {
        emitMapping(e, value);
      }
      return;
    case nlohmann::json::value_t::array:
      if (value.empty()) {
        e.emptyFlowCollection('[', ']');
        return;
      }
      e.blockSequenceStart();
      for (const auto& item : value) {
        e.blockSequenceItem();
        emitNode(e, item, false, true, false, false);
      }
      e.blockSequenceEnd();
      return;
    case nlohmann::json::value_t::string:
      emitString(e, yamlText(value.get_ref<const std::string&>()));
      return;
    case nlohmann::json::value_t::boolean:
      e.scalar(value.get<bool>() ? "true" : "false", ScalarStyle::kPlain);
      return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      e.scalar(yamlNumber(value), ScalarStyle::kPlain);
      return;
    default:
      e.scalar("null", ScalarStyle::kPlain);
      return;
  }
}

// kubectl's OmitManagedFieldsPrinter: metadata.managedFields goes, from each item of a list.
nlohmann::json withoutManagedFields(const nlohmann::json& object) {
  nlohmann::json copy = object;
  const auto strip = [](nlohmann::json& o) {
    if (o.is_object() && o.contains("metadata") && o["metadata"].is_object()) {
      o["metadata"].erase("managedFields");
    }
  };
  if (copy.is_object() && copy.contains("items") && copy["items"].is_array()) {
    for (auto& item : copy["items"]) {
      if (!item.is_object()) break;  // kubectl's list walk stops at the first non-object item
      strip(item);
    }
  } else {
    strip(copy);
  }
  return copy;
}

std::optional<std::string> findYamlError(const nlohmann::json& value) {
  if (value.is_string()) {
    if (hasRefusedCharacter(value.get_ref<const std::string&>())) {
      return "yaml: control characters are not allowed";
    }
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (hasRefusedCharacter(key)) return "yaml: control characters are not allowed";
      if (key.find("\xC2\x85") != std::string::npos)
        return "yaml: did not find expected ',' or '}'";
      if (auto error = findYamlError(item)) return error;
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (auto error = findYamlError(item)) return error;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string toKubectlJson(const nlohmann::json& object, bool showManagedFields) {
  return gofmt::encodeIndentedJson(showManagedFields ? object : withoutManagedFields(object));
}

std::optional<std::string> kubectlYamlError(const nlohmann::json& object) {
  return findYamlError(object);
}

std::string toKubectlYaml(const nlohmann::json& object, bool showManagedFields) {
  Emitter e;
  emitNode(e, showManagedFields ? object : withoutManagedFields(object), true, false, false, false);
  e.documentEnd();
  return e.output();
}

std::string toKubectlYamlDocuments(const std::vector<nlohmann::json>& objects,
                                   bool showManagedFields) {
  std::string out;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (i > 0) out += "---\n";
    out += toKubectlYaml(objects[i], showManagedFields);
  }
  return out;
}

}  // namespace dsroll::render
