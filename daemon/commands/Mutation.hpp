#pragma once
// Changing a DaemonSet on the API server, and waiting until the shared watch has seen the
// change, so the next command (status, history) reads its own write.

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "daemon/commands/CommandSupport.hpp"

namespace dsroll::commands {

enum class DryRun { None, Client, Server };

/** Parses args.dryRun ("none", "client", "server"; "" = none). */
tl::expected<DryRun, CommandError> dryRunArg(const ipc::Request& request);

/** kubectl's suffix for a printed operation: "", " (dry run)", " (server dry run)". */
std::string dryRunSuffix(DryRun dryRun);

struct PatchRequest {
  std::string contentType;  // application/strategic-merge-patch+json, merge-patch, apply-patch+yaml
  std::string body;
  std::string query;        // extra query (fieldManager=..., force=true), without '?'
  DryRun dryRun = DryRun::None;
};

/**
 * PATCHes the DaemonSet target.name and returns the object the server answered with. Unless a
 * dry run, waits (briefly) until the DaemonSet informer holds that version.
 */
Awaitable<tl::expected<nlohmann::json, kube::ApiError>> patchDaemonSet(Target& target,
                                                                       const PatchRequest& patch);

/** Waits until the informer holds resourceVersion rv of key (or a newer one), up to timeout. */
Awaitable<void> waitObserved(state::DaemonSetInformer& informer, const std::string& key,
                             const std::string& rv, std::chrono::milliseconds timeout);

}  // namespace dsroll::commands
