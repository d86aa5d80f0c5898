#include "daemon/render/PrefixWriter.hpp"

namespace dsroll::render {

std::string escapeTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\x1b') {
      out += "^[";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

void PrefixWriter::write(int level, std::string_view text) {
  std::string line(static_cast<std::size_t>(2 * (level + indent_)), ' ');
  line += text;
  *out_ += escapeTerminal(line);
}

void PrefixWriter::writeLine(std::string_view text) {
  std::string line(text);
  line += '\n';
  if (nested_) {
    write(0, line);
  } else {
    *out_ += escapeTerminal(line);
  }
}

PrefixWriter PrefixWriter::nested(int indent) const {
  return PrefixWriter(*out_, indent_ + indent);
}

}  // namespace dsroll::render
