#pragma once
// UTF-8 decoding with Go's rules (unicode/utf8): an invalid or truncated sequence decodes as one
// byte of U+FFFD. The renderers count and escape text the way the Go code they mirror does.

#include <cstddef>
#include <string>
#include <string_view>

namespace dsroll::render::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

/** One decoded code point: its value and how many bytes it took (1 for an invalid byte). */
struct Rune {
  char32_t value = 0;
  std::size_t size = 0;
  bool valid = false;
};

/** Decodes the code point starting at s[i] (i < s.size()). */
Rune decode(std::string_view s, std::size_t i);

/** The number of code points, an invalid byte counting as one (Go's utf8.RuneCountInString). */
std::size_t runeCount(std::string_view s);

/** Whether s is entirely valid UTF-8. */
bool isValid(std::string_view s);

/** Appends the UTF-8 encoding of a code point. */
void append(std::string& out, char32_t rune);

}  // namespace dsroll::render::utf8
