#include "ipc/Frame.hpp"

#include <cstdint>

namespace dsroll::ipc {

namespace {

constexpr std::size_t kHeader = 4;

void appendLength(std::string& out, std::uint32_t length) {
  out.push_back(static_cast<char>((length >> 24) & 0xffu));
  out.push_back(static_cast<char>((length >> 16) & 0xffu));
  out.push_back(static_cast<char>((length >> 8) & 0xffu));
  out.push_back(static_cast<char>(length & 0xffu));
}

std::uint32_t readLength(const char* p) {
  auto byte = [p](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])); };
  return (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
}

/** Whether the JSON text nests arrays and objects deeper than `limit` (strings skipped). */
bool nestsDeeperThan(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool inString = false;
  bool escaped = false;
  for (const char c : text) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

std::string encodeFrame(const nlohmann::json& value) {
  // Invalid UTF-8 in a string (a pod message, say) must not throw: replace it.
  std::string body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(kHeader + body.size());
  appendLength(out, static_cast<std::uint32_t>(body.size()));
  out += body;
  return out;
}

FrameDecoder::FrameDecoder(std::size_t maxFrameBytes) : maxFrameBytes_(maxFrameBytes) {}

void FrameDecoder::feed(std::string_view bytes) {
  if (failed_) {
    return;
  }
  // Drop what was already returned before growing, so a long stream does not accumulate.
  if (consumed_ > 0 && consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > 64 * 1024) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  buffer_.append(bytes);
}

tl::expected<std::optional<nlohmann::json>, FrameError> FrameDecoder::next() {
  if (failed_) {
    return tl::unexpected(*failed_);
  }
  if (pendingBytes() < kHeader) {
    return std::nullopt;
  }
  const std::uint32_t length = readLength(buffer_.data() + consumed_);
  if (length > maxFrameBytes_) {
    failed_ = FrameError{"frame of " + std::to_string(length) + " bytes exceeds the limit of " +
                         std::to_string(maxFrameBytes_) + " bytes"};
    return tl::unexpected(*failed_);
  }
  if (pendingBytes() < kHeader + length) {
    return std::nullopt;
  }
  const std::string_view body(buffer_.data() + consumed_ + kHeader, length);
  consumed_ += kHeader + length;
  if (nestsDeeperThan(body, kMaxFrameDepth)) {
    failed_ = FrameError{"frame nests deeper than " + std::to_string(kMaxFrameDepth) + " levels"};
    return tl::unexpected(*failed_);
  }
  auto value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    failed_ = FrameError{"frame is not valid JSON"};
    return tl::unexpected(*failed_);
  }
  if (!value.is_object()) {
    failed_ = FrameError{"frame is not a JSON object"};
    return tl::unexpected(*failed_);
  }
  return std::optional<nlohmann::json>(std::move(value));
}

}  // namespace dsroll::ipc
