#pragma once
// One line of a watch response (newline-delimited JSON events) decoded without trusting it: a
// proxy or a broken server may send anything, and one bad line must not end the watch, let
// alone throw out of the reflector.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::kube {

enum class WatchEventKind {
  Added,
  Modified,
  Deleted,
  Bookmark,
  Expired,  // ERROR with a 410 Status (or reason Expired/Gone): the watch must relist
  Error,    // any other ERROR: the watch ends and resumes from the last resourceVersion
  Unknown,  // a type this client does not know: skipped
};

struct WatchEvent {
  WatchEventKind kind = WatchEventKind::Unknown;
  std::string type;             // as sent
  nlohmann::json object;        // the object for Added/Modified/Deleted/Bookmark (a JSON object)
  std::string resourceVersion;  // object.metadata.resourceVersion; "" when absent or not text
  std::string message;          // Error/Expired: the Status message, when it has one
};

/**
 * Decodes one event. The error (one line, for the log) says why a line is no event: not JSON,
 * not an object, no string "type", or ADDED/MODIFIED/DELETED/BOOKMARK without an object.
 */
tl::expected<WatchEvent, std::string> decodeWatchEvent(std::string_view line);

}  // namespace dsroll::kube
