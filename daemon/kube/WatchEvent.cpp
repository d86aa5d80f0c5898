#include "daemon/kube/WatchEvent.hpp"

namespace dsroll::kube {

namespace {

using nlohmann::json;

/** object[key] when it is a string, else "". */
std::string stringField(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

WatchEventKind kindOf(const std::string& type) {
  if (type == "ADDED") return WatchEventKind::Added;
  if (type == "MODIFIED") return WatchEventKind::Modified;
  if (type == "DELETED") return WatchEventKind::Deleted;
  if (type == "BOOKMARK") return WatchEventKind::Bookmark;
  if (type == "ERROR") return WatchEventKind::Error;
  return WatchEventKind::Unknown;
}

bool isGone(const json& status) {
  if (!status.is_object()) return false;
  auto code = status.find("code");
  if (code != status.end() && code->is_number_integer() && code->get<std::int64_t>() == 410) {
    return true;
  }
  const std::string reason = stringField(status, "reason");
  return reason == "Expired" || reason == "Gone";
}

}  // namespace

tl::expected<WatchEvent, std::string> decodeWatchEvent(std::string_view line) {
  auto parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return tl::unexpected(std::string("an event that is not JSON"));
  if (!parsed.is_object()) return tl::unexpected(std::string("an event that is not an object"));
  auto type = parsed.find("type");
  if (type == parsed.end() || !type->is_string()) {
    return tl::unexpected(std::string("an event without a type"));
  }
  WatchEvent event;
  event.type = type->get<std::string>();
  event.kind = kindOf(event.type);
  auto object = parsed.find("object");
  if (object != parsed.end()) event.object = std::move(*object);
  if (event.kind == WatchEventKind::Error) {
    if (isGone(event.object)) event.kind = WatchEventKind::Expired;
    event.message = stringField(event.object, "message");
    return event;
  }
  if (event.kind == WatchEventKind::Unknown) return event;
  if (!event.object.is_object()) {
    return tl::unexpected("a " + event.type + " event without an object");
  }
  auto meta = event.object.find("metadata");
  if (meta != event.object.end()) event.resourceVersion = stringField(*meta, "resourceVersion");
  return event;
}

}  // namespace dsroll::kube
