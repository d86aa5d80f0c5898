// libFuzzer target: the daemon's socket input. Arbitrary bytes go through ipc::FrameDecoder fed
// in pieces (as reads would cut them) and every frame through ipc::parseMessage. Checked:
// - nothing throws or crashes, whatever the bytes;
// - the pieces do not matter: feeding in one go gives the same frames and the same error;
// - after an error the decoder stays failed;
// - a parsed message says what the peer sent: every field it read equals the frame's field
//   (nothing wrapped, truncated or invented), and writing it back parses to the same message.
// The first input byte picks the piece size; the cap is small so the fuzzer reaches it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ipc/Frame.hpp"
#include "ipc/Messages.hpp"

namespace {

using nlohmann::json;
using namespace dsroll;

constexpr std::size_t kCap = 1 << 16;

struct Decoded {
  std::vector<json> frames;
  bool failed = false;
  std::string error;
};

Decoded decode(std::string_view input, std::size_t piece) {
  Decoded out;
  ipc::FrameDecoder decoder(kCap);
  for (std::size_t at = 0; at < input.size() && !out.failed; at += piece) {
    decoder.feed(input.substr(at, piece));
    while (true) {
      auto frame = decoder.next();
      if (!frame) {
        out.failed = true;
        out.error = frame.error().message;
        if (decoder.next()) __builtin_trap();  // must stay failed
        break;
      }
      if (!frame->has_value()) break;
      out.frames.push_back(std::move(**frame));
    }
  }
  return out;
}

/** Every field of `read` that `sent` also has (and not as null) holds the same value. */
void checkSameFields(const json& sent, const json& read, const std::string& path) {
  if (!read.is_object() || !sent.is_object()) {
    if (sent != read) __builtin_trap();
    return;
  }
  for (const auto& [key, value] : read.items()) {
    if (key == "kind" && path.empty()) continue;  // unknown error kinds read as "internal"
    auto it = sent.find(key);
    if (it == sent.end() || it->is_null()) continue;
    checkSameFields(*it, value, path + "/" + key);
  }
}

void checkMessage(const json& frame) {
  auto message = ipc::parseMessage(frame);
  if (!message) {
    if (message.error().empty()) __builtin_trap();
    return;
  }
  const json written = ipc::toJson(*message);
  checkSameFields(frame, written, "");
  auto again = ipc::parseMessage(written);
  if (!again || ipc::toJson(*again) != written) __builtin_trap();
  // And through the codec: encodeFrame then decode gives the same JSON.
  ipc::FrameDecoder decoder(ipc::kMaxFrameBytes);
  decoder.feed(ipc::encodeFrame(written));
  auto back = decoder.next();
  if (!back || !back->has_value() || **back != written) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = static_cast<std::size_t>(data[0] % 16) + 1;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const Decoded pieces = decode(input, piece);
  const Decoded whole = decode(input, input.size() + 1);
  if (pieces.failed != whole.failed || pieces.error != whole.error ||
      pieces.frames != whole.frames) {
    __builtin_trap();
  }
  for (const auto& frame : pieces.frames)
    checkMessage(frame);
  return 0;
}
