// delete NAME [--dry-run] [--wait]: kubectl delete with its default cascade (background: the
// DaemonSet goes at once, the garbage collector removes its pods and ControllerRevisions). The
// informer sees the deletion and the revision cache marks the DaemonSet deleted, keeping its
// history for history, diff and undo.

#include "daemon/commands/DeleteCommand.hpp"

#include "daemon/commands/DaemonSetGet.hpp"
#include "daemon/commands/Mutation.hpp"
#include "daemon/kube/ResourcePath.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

namespace {

// Without --wait, still give the shared watch this long to see the deletion, so a history
// right after answers from the cache.
constexpr auto kObserveDeletion = std::chrono::seconds(5);
constexpr auto kSyncTimeout = std::chrono::seconds(30);
// kubectl delete --wait with no --timeout waits a week.
constexpr auto kWaitForever = std::chrono::hours(168);

/** Waits until the informer no longer holds the DaemonSet with this uid. */
Awaitable<void> waitGone(state::DaemonSetInformer& informer,
                         const std::string& key,
                         const std::string& uid,
                         std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto seen = informer.changes().version();
    const auto* ds = informer.find(key);
    if (ds == nullptr || ds->uid != uid) co_return;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) co_return;
    co_await informer.changes().waitChange(
        seen, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  }
}

Awaitable<CommandResult> runDelete(Services& s, CommandContext& ctx) {
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  auto dryRun = dryRunArg(ctx.request);
  if (!dryRun) co_return tl::unexpected(dryRun.error());
  const bool wait = ctx.request.args.value("wait", true);

  auto live = co_await requireDaemonSet(*target);
  if (!live) co_return tl::unexpected(live.error());
  const std::string uid = model::uidOf(*live);
  // kubectl's wording since 1.33 names the namespace; the name is quoted plainly (%s in "").
  const std::string line =
      "daemonset.apps \"" + target->name + "\" deleted from " + target->namespace_ + " namespace";
  if (*dryRun == DryRun::Client) {
    ctx.reply.out(line + dryRunSuffix(*dryRun) + "\n");
    co_return 0;
  }

  // Let the shared watches hold the DaemonSet and its revisions before deleting it, so the
  // revision cache has its history and sees the deletion (a first command of the daemon).
  auto informer = target->handle.cluster->daemonSets(target->namespace_);
  auto revisions = target->handle.cluster->revisions(target->namespace_);
  const std::string key = target->namespace_ + "/" + target->name;
  bool watching = false;
  if (*dryRun == DryRun::None) {
    const auto daemonSetsSynced = co_await informer->waitSynced(kSyncTimeout);
    const auto revisionsSynced = co_await revisions->waitSynced(kSyncTimeout);
    watching = daemonSetsSynced.has_value() && revisionsSynced.has_value();
  }
  if (watching) {
    const std::string rv = model::str(*live, {"metadata", "resourceVersion"});
    co_await waitObserved(*informer, key, rv, kObserveDeletion);
  }
  nlohmann::json options{{"kind", "DeleteOptions"},
                         {"apiVersion", "v1"},
                         {"propagationPolicy", "Background"},
                         {"preconditions", {{"uid", uid}}}};
  if (*dryRun == DryRun::Server) options["dryRun"] = nlohmann::json::array({"All"});
  kube::HttpRequest request;
  request.method = "DELETE";
  request.target = kube::resourcePath(kube::kDaemonSets, target->namespace_, target->name);
  request.body = options.dump();
  request.contentType = "application/json";
  request.what = kube::targetOf("delete", kube::kDaemonSets, target->namespace_, target->name);
  auto answer = co_await target->handle.cluster->client().send(std::move(request));
  if (!answer) co_return tl::unexpected(fromApiError(answer.error()));
  ctx.reply.out(line + dryRunSuffix(*dryRun) + "\n");
  if (!watching) co_return 0;  // deleted all the same; the cache catches up when the watch does
  const std::chrono::milliseconds limit =
      wait ? std::chrono::milliseconds(kWaitForever) : std::chrono::milliseconds(kObserveDeletion);
  co_await waitGone(*informer, key, uid, limit);
  co_return 0;
}

}  // namespace

void registerDelete(server::CommandRegistry& registry, Services& services) {
  registry.add("delete", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runDelete(services, ctx);
  });
}

}  // namespace dsroll::commands
