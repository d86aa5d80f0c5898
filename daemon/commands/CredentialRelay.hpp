#pragma once
// Exec credential plugins that need the user's terminal (interactiveMode Always, or IfAvailable
// when the daemon's own run failed and the user has one) are run by the plugin, which has the
// terminal: the daemon answers the request with an error of kind NeedsCredential saying how,
// and the plugin sends the request again with the plugin's stdout (ipc/COMMANDS.md).

#include <optional>

#include "daemon/commands/Services.hpp"
#include "daemon/kube/RestConfig.hpp"
#include "daemon/server/Command.hpp"
#include "ipc/CredentialRequest.hpp"

namespace dsroll::commands {

/** What the plugin needs to run the exec plugin as client-go would, interactively. */
ipc::CredentialRequest credentialRequest(const kube::ExecConfig& exec,
                                         const kube::RestConfig& cluster);

/**
 * Before a command that talks to the cluster: takes the credential the request brought, or
 * makes sure one is at hand, else answers NeedsCredential (at most once per request: a request
 * that brought a credential is never asked for another).
 */
server::CommandHandler withCredentialRelay(server::CommandHandler handler, Services& services);

}  // namespace dsroll::commands
