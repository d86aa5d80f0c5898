#include "daemon/render/Utf8.hpp"

namespace dsroll::render::utf8 {

namespace {

unsigned byteAt(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

bool isContinuation(unsigned b) {
  return (b & 0xC0U) == 0x80U;
}

}  // namespace

Rune decode(std::string_view s, std::size_t i) {
  const unsigned b0 = byteAt(s, i);
  if (b0 < 0x80U) return {b0, 1, true};
  const Rune invalid{kReplacement, 1, false};
  std::size_t size = 0;
  unsigned lo = 0x80U;  // the allowed range of the second byte
  unsigned hi = 0xBFU;
  if (b0 >= 0xC2U && b0 <= 0xDFU) {
    size = 2;
  } else if (b0 >= 0xE0U && b0 <= 0xEFU) {
    size = 3;
    if (b0 == 0xE0U) lo = 0xA0U;
    if (b0 == 0xEDU) hi = 0x9FU;  // no surrogates
  } else if (b0 >= 0xF0U && b0 <= 0xF4U) {
    size = 4;
    if (b0 == 0xF0U) lo = 0x90U;
    if (b0 == 0xF4U) hi = 0x8FU;
  } else {
    return invalid;
  }
  if (i + size > s.size()) return invalid;
  const unsigned b1 = byteAt(s, i + 1);
  if (b1 < lo || b1 > hi) return invalid;
  char32_t value = 0;
  if (size == 2) {
    value = ((b0 & 0x1FU) << 6) | (b1 & 0x3FU);
  } else if (size == 3) {
    const unsigned b2 = byteAt(s, i + 2);
    if (!isContinuation(b2)) return invalid;
    value = ((b0 & 0x0FU) << 12) | ((b1 & 0x3FU) << 6) | (b2 & 0x3FU);
  } else {
    const unsigned b2 = byteAt(s, i + 2);
    const unsigned b3 = byteAt(s, i + 3);
    if (!isContinuation(b2) || !isContinuation(b3)) return invalid;
    value = ((b0 & 0x07U) << 18) | ((b1 & 0x3FU) << 12) | ((b2 & 0x3FU) << 6) | (b3 & 0x3FU);
  }
  return {value, size, true};
}

std::size_t runeCount(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); i += decode(s, i).size)
    ++count;
  return count;
}

bool isValid(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Rune r = decode(s, i);
    if (!r.valid) return false;
    i += r.size;
  }
  return true;
}

void append(std::string& out, char32_t rune) {
  auto put = [&out](unsigned value) { out.push_back(static_cast<char>(value)); };
  const auto r = static_cast<unsigned>(rune);
  if (r < 0x80U) {
    put(r);
  } else if (r < 0x800U) {
    put(0xC0U | (r >> 6));
    put(0x80U | (r & 0x3FU));
  } else if (r < 0x10000U) {
    put(0xE0U | (r >> 12));
    put(0x80U | ((r >> 6) & 0x3FU));
    put(0x80U | (r & 0x3FU));
  } else {
    put(0xF0U | (r >> 18));
    put(0x80U | ((r >> 12) & 0x3FU));
    put(0x80U | ((r >> 6) & 0x3FU));
    put(0x80U | (r & 0x3FU));
  }
}

}  // namespace dsroll::render::utf8
