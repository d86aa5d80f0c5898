#include "plugin/render/TerminalText.hpp"

namespace dsroll::plugin::render {

namespace {

constexpr std::string_view kReset = "\x1b[0m";

bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

// Length of the escape sequence starting at text[i] (ESC [ ... final byte), or 0.
std::size_t escapeLength(std::string_view text, std::size_t i) {
  if (text[i] != '\x1b' || i + 1 >= text.size() || text[i + 1] != '[') return 0;
  std::size_t j = i + 2;
  while (j < text.size() && !(text[j] >= '@' && text[j] <= '~'))
    ++j;
  return j < text.size() ? j - i + 1 : text.size() - i;
}

}  // namespace

std::size_t displayWidth(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t escape = escapeLength(text, i)) {
      i += escape;
      continue;
    }
    if (!isContinuationByte(text[i])) ++width;
    ++i;
  }
  return width;
}

std::string truncateToWidth(std::string_view text, std::size_t width) {
  if (displayWidth(text) <= width) return std::string(text);
  std::string out;
  std::size_t used = 0;
  bool colored = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t escape = escapeLength(text, i)) {
      out.append(text.substr(i, escape));
      colored = text.substr(i, escape) != kReset;
      i += escape;
      continue;
    }
    if (!isContinuationByte(text[i])) {
      if (used == width) break;
      ++used;
    }
    out.push_back(text[i]);
    ++i;
  }
  if (colored) out.append(kReset);
  return out;
}

std::string paint(std::string_view text, Color color, bool enabled) {
  std::string_view code;
  switch (color) {
    case Color::None:
      break;
    case Color::Bold:
      code = "\x1b[1m";
      break;
    case Color::Dim:
      code = "\x1b[2m";
      break;
    case Color::Green:
      code = "\x1b[32m";
      break;
    case Color::Yellow:
      code = "\x1b[33m";
      break;
    case Color::Red:
      code = "\x1b[31m";
      break;
    case Color::Cyan:
      code = "\x1b[36m";
      break;
  }
  if (!enabled || code.empty() || text.empty()) return std::string(text);
  return std::string(code) + std::string(text) + std::string(kReset);
}

}  // namespace dsroll::plugin::render
