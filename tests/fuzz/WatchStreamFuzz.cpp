// libFuzzer target: a watch response body as the reflector reads it. Arbitrary bytes are cut
// into pieces (as reads would cut them), split into lines by kube::LineSplitter and each line
// decoded by kube::decodeWatchEvent. Checked:
// - nothing throws or crashes;
// - the pieces do not matter: the lines (and whether the limit was hit) are those of one feed,
//   and, below the limit, those of a plain split on '\n' (one trailing '\r' dropped, empty
//   lines skipped); no line is longer than the limit;
// - an event the reflector would hand on (added, modified, deleted, bookmark) carries a JSON
//   object, and its resourceVersion is the object's when that is a string.
// The first input byte picks the piece size; the line limit is small so the fuzzer reaches it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/kube/LineSplitter.hpp"
#include "daemon/kube/WatchEvent.hpp"

namespace {

using namespace dsroll::kube;

constexpr std::size_t kMaxLine = 1024;

struct Split {
  std::vector<std::string> lines;
  bool overflowed = false;
};

Split split(std::string_view input, std::size_t piece) {
  Split out;
  LineSplitter splitter(kMaxLine);
  for (std::size_t at = 0; at < input.size(); at += piece) {
    for (auto& line : splitter.feed(input.substr(at, piece)))
      out.lines.push_back(std::move(line));
  }
  out.overflowed = splitter.overflowed();
  return out;
}

std::vector<std::string> reference(std::string_view input) {
  std::vector<std::string> lines;
  while (true) {
    const auto newline = input.find('\n');
    if (newline == std::string_view::npos) break;
    std::string line(input.substr(0, newline));
    input.remove_prefix(newline + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

void checkEvent(const std::string& line) {
  auto event = decodeWatchEvent(line);
  if (!event) {
    if (event.error().empty()) __builtin_trap();
    return;
  }
  switch (event->kind) {
    case WatchEventKind::Added:
    case WatchEventKind::Modified:
    case WatchEventKind::Deleted:
    case WatchEventKind::Bookmark: {
      if (!event->object.is_object()) __builtin_trap();
      std::string expected;
      auto meta = event->object.find("metadata");
      if (meta != event->object.end() && meta->is_object()) {
        auto rv = meta->find("resourceVersion");
        if (rv != meta->end() && rv->is_string()) expected = rv->get<std::string>();
      }
      if (event->resourceVersion != expected) __builtin_trap();
      break;
    }
    case WatchEventKind::Expired:
    case WatchEventKind::Error:
      if (event->type != "ERROR") __builtin_trap();
      break;
    case WatchEventKind::Unknown:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = static_cast<std::size_t>(data[0]) + 1;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const Split pieces = split(input, piece);
  const Split whole = split(input, input.size() + 1);
  if (pieces.overflowed != whole.overflowed || pieces.lines != whole.lines) __builtin_trap();
  for (const auto& line : pieces.lines) {
    if (line.empty() || line.size() > kMaxLine || line.find('\n') != std::string::npos) {
      __builtin_trap();
    }
  }
  if (!pieces.overflowed && pieces.lines != reference(input)) __builtin_trap();
  for (const auto& line : pieces.lines)
    checkEvent(line);
  return 0;
}
