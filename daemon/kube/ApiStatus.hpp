#pragma once
// The parts of a metav1.Status that kubectl's error lines use, read from a response body or
// made up the way client-go makes one when the body is not a Status.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/kube/ApiError.hpp"

namespace dsroll::kube {

/** One of details.causes: kubectl prints each as "<field>: <message>". */
struct ApiStatusCause {
  std::string field;
  std::string message;
};

/** Code, reason, message and details of a metav1.Status. */
struct ApiStatus {
  int code = 0;
  std::string reason;
  std::string message;
  bool hasDetails = false;
  std::string kind;
  std::string name;
  std::vector<ApiStatusCause> causes;
  int retryAfterSeconds = 0;
};

/** rest.Result.Error(): a body that decodes to a Status with status "Failure". */
std::optional<ApiStatus> parseStatus(std::string_view body);

/**
 * apimachinery's errors.NewGenericServerResponse as client-go calls it for a body that is not a
 * Status: a reason and message for the code, "(verb resource name)" appended, the body's text
 * (or "unknown" for JSON) as the only cause.
 */
ApiStatus genericStatus(int code,
                        std::string_view body,
                        const RequestTarget& target,
                        int retryAfter);

}  // namespace dsroll::kube
