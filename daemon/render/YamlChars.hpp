#pragma once
// The byte-level character classes of go-yaml v2 (yamlprivateh.go) over UTF-8 text. Reading past
// the end yields 0, where go-yaml relies on its buffers' padding.

#include <cstddef>
#include <string_view>

namespace dsroll::render::yaml {

inline unsigned at(std::string_view b, std::size_t i) {
  return i < b.size() ? static_cast<unsigned char>(b[i]) : 0U;
}

// The byte-level character classes of go-yaml's yamlprivateh.go.
inline std::size_t width(unsigned b) {
  if ((b & 0x80U) == 0x00U) return 1;
  if ((b & 0xE0U) == 0xC0U) return 2;
  if ((b & 0xF0U) == 0xE0U) return 3;
  if ((b & 0xF8U) == 0xF0U) return 4;
  return 1;  // not reached for valid UTF-8
}

inline bool isSpace(std::string_view b, std::size_t i) {
  return at(b, i) == ' ';
}

inline bool isBlank(std::string_view b, std::size_t i) {
  return at(b, i) == ' ' || at(b, i) == '\t';
}

inline bool isBreak(std::string_view b, std::size_t i) {
  const unsigned c = at(b, i);
  return c == '\r' || c == '\n' || (c == 0xC2U && at(b, i + 1) == 0x85U) ||
         (c == 0xE2U && at(b, i + 1) == 0x80U && (at(b, i + 2) == 0xA8U || at(b, i + 2) == 0xA9U));
}

inline bool isBlankOrBreakOrEnd(std::string_view b, std::size_t i) {
  return i >= b.size() || isBlank(b, i) || isBreak(b, i) || at(b, i) == 0;
}

inline bool isPrintable(std::string_view b, std::size_t i) {
  const unsigned c = at(b, i);
  const unsigned c1 = at(b, i + 1);
  const unsigned c2 = at(b, i + 2);
  return c == 0x0AU || (c >= 0x20U && c <= 0x7EU) || (c == 0xC2U && c1 >= 0xA0U) ||
         (c > 0xC2U && c < 0xEDU) || (c == 0xEDU && c1 < 0xA0U) || c == 0xEEU ||
         (c == 0xEFU && !(c1 == 0xBBU && c2 == 0xBFU) &&
          !(c1 == 0xBFU && (c2 == 0xBEU || c2 == 0xBFU)));
}

// go-yaml's is_bom looks at the start of the value whatever the index: a value that begins with a
// byte order mark gets every character escaped in double quotes.
inline bool startsWithBom(std::string_view b) {
  return at(b, 0) == 0xEFU && at(b, 1) == 0xBBU && at(b, 2) == 0xBFU;
}

}  // namespace dsroll::render::yaml
