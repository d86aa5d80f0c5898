#include "daemon/render/GoFormat.hpp"

namespace dsroll::render::gofmt {

namespace {

// json.MarshalIndent(obj, "", "    "): map keys in byte order (nlohmann's object order), empty
// collections as {} and [].
void appendIndented(std::string& out, const nlohmann::json& value, std::size_t depth) {
  const auto newline = [&out](std::size_t level) {
    out += '\n';
    out.append(level * 4, ' ');
  };
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        out += jsonString(key);
        out += ": ";
        appendIndented(out, item, depth + 1);
      }
      newline(depth);
      out += '}';
      return;
    }
    case nlohmann::json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        appendIndented(out, item, depth + 1);
      }
      newline(depth);
      out += ']';
      return;
    }
    case nlohmann::json::value_t::string:
      out += jsonString(value.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      out += jsonNumber(value);
      return;
    default:
      out += "null";
      return;
  }
}

}  // namespace

std::string encodeIndentedJson(const nlohmann::json& object) {
  std::string out;
  appendIndented(out, object, 0);
  out += '\n';
  return out;
}

}  // namespace dsroll::render::gofmt
