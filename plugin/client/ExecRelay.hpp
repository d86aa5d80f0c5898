#pragma once
// The plugin's half of the exec credential relay (ipc/COMMANDS.md): when the daemon answers
// NeedsCredential, run the kubeconfig's exec credential plugin as client-go would in kubectl -
// stdin and stderr on the user's terminal, stdout captured - and send the request again with
// what it printed. At most once per request.

#include <functional>
#include <map>
#include <string>

#include <tl/expected.hpp>

#include "ipc/CredentialRequest.hpp"
#include "ipc/Messages.hpp"
#include "plugin/client/RequestSession.hpp"

namespace dsroll::plugin::client {

/** kubectl's line when stdin is not a terminal for an interactive exec plugin. */
inline constexpr const char* kNoTerminalMessage =
    "Unable to connect to the server: getting credentials: exec plugin cannot support "
    "interactive mode: standard input is not a terminal";

struct RelayIo {
  int terminalFd = 0;                              // the exec plugin's stdin; must be a terminal
  int stderrFd = 2;                                // the exec plugin's stderr
  std::map<std::string, std::string> environment;  // ours; the request's env and execInfo added
};

/**
 * Runs the exec plugin and returns its stdout, or the line to print (kubectl's wording, e.g.
 * `Unable to connect to the server: getting credentials: exec: executable X failed with exit
 * code 1`). The command is looked up in our PATH, as Go's exec.Command does. Blocks until the
 * exec plugin exits: it talks to the user, so there is no deadline.
 */
tl::expected<std::string, std::string> runCredentialPlugin(const ipc::CredentialRequest& request,
                                                           const RelayIo& io);

/**
 * Runs the request with runOnce; when the answer is NeedsCredential, runs the exec plugin and
 * runs the request once more with the credential attached. A second NeedsCredential is shown as
 * an error, never relayed again.
 */
SessionOutcome runWithCredentialRelay(
    const std::function<SessionOutcome(const ipc::Request&)>& runOnce,
    ipc::Request request,
    const RelayIo& io);

}  // namespace dsroll::plugin::client
