#pragma once
// The data of an error of kind NeedsCredential: an exec credential plugin (kubeconfig
// users[].user.exec) that needs the user's terminal, so the plugin runs it as client-go would
// and sends the request again with the plugin's stdout in Request::execCredential.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::ipc {

struct CredentialRequest {
  std::string command;  // as the kubeconfig names it (a relative path made absolute)
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;  // exec.env, in kubeconfig order
  std::string apiVersion;                                // client.authentication.k8s.io/v1...
  std::string installHint;
  std::string interactiveMode;  // Always or IfAvailable
  std::string execInfo;         // the KUBERNETES_EXEC_INFO value, spec.interactive true
};

nlohmann::json toJson(const CredentialRequest& request);

/** Parses error.data; a missing or mistyped field is an error naming it. */
tl::expected<CredentialRequest, std::string> parseCredentialRequest(const nlohmann::json& data);

}  // namespace dsroll::ipc
