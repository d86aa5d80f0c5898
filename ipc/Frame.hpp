#pragma once
// Length-prefixed JSON frames: a 4-byte big-endian length, then that many bytes of UTF-8 JSON.
// This is a codec over bytes with no I/O, so the daemon, the plugin and the fuzzer share it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::ipc {

/**
 * Frames whose JSON nests arrays and objects deeper than this are refused: copying or walking
 * such a value recursively (nlohmann::json's copy constructor does) would overflow the stack.
 */
inline constexpr std::size_t kMaxFrameDepth = 64;

struct FrameError {
  std::string message;
};

/** Serialises one JSON value into a complete frame (header included). */
std::string encodeFrame(const nlohmann::json& value);

/**
 * Reassembles frames from a byte stream that may arrive in arbitrary pieces.
 * After an error the decoder stays failed: the stream has lost its framing.
 */
class FrameDecoder {
 public:
  explicit FrameDecoder(std::size_t maxFrameBytes);

  /** Appends received bytes. */
  void feed(std::string_view bytes);

  /**
   * The next complete frame, std::nullopt when more bytes are needed, or an error for an
   * oversized frame, one nested deeper than kMaxFrameDepth, or one that is not a JSON object.
   */
  tl::expected<std::optional<nlohmann::json>, FrameError> next();

  /** Bytes received but not yet returned as a frame (a truncated frame at end of stream). */
  std::size_t pendingBytes() const { return buffer_.size() - consumed_; }

 private:
  std::size_t maxFrameBytes_;
  std::string buffer_;
  std::size_t consumed_ = 0;
  std::optional<FrameError> failed_;
};

}  // namespace dsroll::ipc
