#pragma once
// Turning API server answers and transport failures into one line a user can act on, worded as
// kubectl words them (k8s.io/kubectl/pkg/cmd/util StandardErrorMessage and CheckErr).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ipc/Protocol.hpp"

namespace dsroll::kube {

/** What a request was trying to do, for messages when the server gives no Status body. */
struct RequestTarget {
  std::string verb;      // get, list, watch, create, update, patch, delete
  std::string group;     // "" for core, "apps"
  std::string resource;  // plural: daemonsets, pods, controllerrevisions
  std::string namespace_;
  std::string name;
};

struct ApiError {
  ipc::ErrorKind kind = ipc::ErrorKind::Internal;
  int httpStatus = 0;       // 0 for transport failures
  std::string reason;       // Status.reason (NotFound, Forbidden, Expired, ...)
  std::string message;      // the complete line, prefix included
  bool retryable = false;   // 429, 5xx (except 501), transport resets: safe for idempotent verbs
  std::optional<std::chrono::seconds> retryAfter;
  std::string detail;       // what Go's err.Error() gives (Status.message or the transport
                            // cause), for wrapping: "failed restoring revision 2: <detail>"
  /** Status details.causes as (field, message): which fields a 409 apply conflict is about. */
  std::vector<std::pair<std::string, std::string>> causes;

  /** 410 Gone / reason Expired: a watch must relist. */
  bool isGone() const { return httpStatus == 410 || reason == "Expired" || reason == "Gone"; }
};

/** A failure found locally (no HTTP status): kind and the complete line. */
inline ApiError localError(ipc::ErrorKind kind, std::string message, std::string reason = "") {
  ApiError e;
  e.kind = kind;
  e.reason = std::move(reason);
  e.detail = message.rfind("error: ", 0) == 0 ? message.substr(7) : message;
  e.message = std::move(message);
  return e;
}

/**
 * From an HTTP error response. Examples of message:
 *   404 + Status  -> `Error from server (NotFound): daemonsets.apps "foo" not found`
 *   403 + Status  -> `Error from server (Forbidden): daemonsets.apps "x" is forbidden: User "dev-user" cannot patch resource "daemonsets" in API group "apps" in the namespace "ns"`
 *   401           -> `error: You must be logged in to the server (Unauthorized)`
 *   422 + causes  -> `The DaemonSet "foo" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: ...`
 *                    (several causes: kubectl's multi-line bullet form, joined with "\n")
 *   409           -> `Error from server (Conflict): Operation cannot be fulfilled on ...`
 *   no Status body -> `Error from server (<reason phrase>): the server ... (<verb> <resource> <name>)`
 *                    (verb as client-go names the HTTP method: get, post, put, patch, delete)
 * kind by reason, else by code: NotFound, Forbidden, Unauthorized, Conflict (409, 410/Expired),
 * Invalid (400, 422), Unreachable (429, 5xx but 501), otherwise Internal. Retry-After is read as
 * delta-seconds, else from details.retryAfterSeconds. detail is Status.message.
 */
ApiError errorFromResponse(int httpStatus,
                           std::string_view body,
                           const RequestTarget& target,
                           std::optional<std::string_view> retryAfterHeader = std::nullopt);

/** Transport stages, for naming what failed. */
enum class TransportStage { Resolve, Connect, TlsHandshake, Write, Read, Timeout };

/**
 * From a network/TLS failure; names the server and the cause. The stage adds Go's words before
 * the cause ("dial tcp: lookup HOST: ", "dial tcp HOST:PORT: ", "tls: " unless the cause has it);
 * Connect with a cause saying "refused" gives kubectl's own line. detail is the message without
 * kubectl's prefix. Connect, Write, Read and Timeout are retryable. E.g.
 *   `The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?`
 *   `Unable to connect to the server https://127.0.0.1:6443: tls: failed to verify certificate: <openssl reason>`
 *   `Unable to connect to the server https://127.0.0.1:6443: request timed out after 5s`
 */
ApiError transportError(std::string_view server, TransportStage stage, std::string_view cause);

}  // namespace dsroll::kube
