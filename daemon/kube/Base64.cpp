#include "daemon/kube/Base64.hpp"

#include <array>
#include <cstdint>

namespace dsroll::kube {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> makeDecodeMap() {
  std::array<std::uint8_t, 256> map{};
  for (auto& entry : map) {
    entry = kInvalid;
  }
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    map[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return map;
}

constexpr auto kDecodeMap = makeDecodeMap();

bool isNewline(char c) {
  return c == '\n' || c == '\r';
}

std::size_t skipNewlines(std::string_view text, std::size_t i) {
  while (i < text.size() && isNewline(text[i])) {
    ++i;
  }
  return i;
}

}  // namespace

std::string encodeBase64(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const auto v = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 2]));
    out += kAlphabet[v >> 18 & 0x3f];
    out += kAlphabet[v >> 12 & 0x3f];
    out += kAlphabet[v >> 6 & 0x3f];
    out += kAlphabet[v & 0x3f];
  }
  const std::size_t rest = data.size() - i;
  if (rest > 0) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (rest == 2) {
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    }
    out += kAlphabet[v >> 18 & 0x3f];
    out += kAlphabet[v >> 12 & 0x3f];
    out += rest == 2 ? kAlphabet[v >> 6 & 0x3f] : '=';
    out += '=';
  }
  return out;
}

// Follows the quantum-by-quantum walk of Go's decoder so that error offsets match kubectl's.
tl::expected<std::string, std::size_t> decodeBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::size_t si = 0;
  while (true) {
    std::array<std::uint32_t, 4> quantum{};
    std::size_t have = 0;  // sextets collected in this quantum
    bool finished = false;
    while (have < 4) {
      if (si == text.size()) {
        if (have == 0) {
          return out;
        }
        return tl::make_unexpected(si - have);  // incomplete quantum without padding
      }
      const char in = text[si++];
      const std::uint8_t value = kDecodeMap[static_cast<unsigned char>(in)];
      if (value != kInvalid) {
        quantum[have++] = value;
        continue;
      }
      if (isNewline(in)) {
        continue;
      }
      if (in != '=' || have < 2) {
        return tl::make_unexpected(si - 1);
      }
      if (have == 2) {  // a second '=' must follow
        si = skipNewlines(text, si);
        if (si == text.size()) {
          return tl::make_unexpected(text.size());
        }
        if (text[si] != '=') {
          return tl::make_unexpected(si - 1);
        }
        ++si;
      }
      si = skipNewlines(text, si);
      if (si < text.size()) {
        return tl::make_unexpected(si);  // data after the padding
      }
      finished = true;
      break;
    }
    const std::uint32_t v = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3];
    out += static_cast<char>(v >> 16 & 0xff);
    if (have >= 3) {
      out += static_cast<char>(v >> 8 & 0xff);
    }
    if (have == 4) {
      out += static_cast<char>(v & 0xff);
    }
    if (finished) {
      return out;
    }
  }
}

}  // namespace dsroll::kube
