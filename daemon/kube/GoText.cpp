#include "daemon/kube/GoText.hpp"

#include <cstring>

namespace dsroll::kube {

namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

constexpr char kHexDigits[] = "0123456789ABCDEF";

// prefix followed by `width` upper-case hex digits of c ("\\x" 2 -> \x1B, "U+" 4 -> U+001B).
std::string hexEscape(unsigned char c, const char* prefix, int width, bool lower = false) {
  std::string out = prefix;
  for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) {
    const char digit = kHexDigits[(c >> shift) & 0xf];
    out += lower && digit >= 'A' ? static_cast<char>(digit - 'A' + 'a') : digit;
  }
  return out;
}

}  // namespace

std::string goQuote(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += hexEscape(c, "\\x", 2, true);
        } else {
          out += ch;  // printable ASCII, and UTF-8 bytes passed through
        }
    }
  }
  out += '"';
  return out;
}

std::string_view trimSpace(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && isSpace(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string errnoText(int err) {
  char buffer[256];
  // GNU strerror_r may return a static string instead of filling the buffer.
  const char* text = strerror_r(err, buffer, sizeof buffer);
  std::string out = text != nullptr ? text : "unknown error";
  if (!out.empty() && out.front() >= 'A' && out.front() <= 'Z') {
    out.front() = static_cast<char>(out.front() - 'A' + 'a');
  }
  return out;
}

std::string cleanControlCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool spacing = c >= '\t' && c <= '\r';
    if ((c < 0x20 && !spacing) || c == 0x7f) {
      out += hexEscape(c, "U+", 4);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      out += hexEscape(static_cast<unsigned char>(text[i + 1]), "U+", 4);  // C1 controls
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace dsroll::kube
