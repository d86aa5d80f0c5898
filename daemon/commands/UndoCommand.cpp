// undo NAME [--to-revision N] [--dry-run=client|server]: kubectl's rollback (the revision's
// data sent as a strategic merge patch), guarded by a resourceVersion precondition, and able to
// restore a revision the cluster has pruned but the cache kept.

#include "daemon/commands/UndoCommand.hpp"

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/HistoryModel.hpp"
#include "daemon/commands/Mutation.hpp"
#include "daemon/commands/TemplateMatch.hpp"
#include "daemon/commands/WaitRollout.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/render/KubectlYaml.hpp"
#include "daemon/render/PodTemplateDescriber.hpp"

namespace dsroll::commands {

namespace {

const char* const kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

struct Chosen {
  nlohmann::json data;       // the revision's data
  bool fromCache = false;
};

CommandError notInHistory(std::int64_t revision) {
  return server::commandError(ipc::ErrorKind::NotFound, "unable to find specified revision " +
                                                            std::to_string(revision) + " in history");
}

/** kubectl's choice of revision, then the cache's when the cluster no longer has it. */
tl::expected<Chosen, CommandError> chooseRevision(Services& s, const LiveDaemonSet& live,
                                                  std::int64_t toRevision) {
  if (toRevision == 0) {
    if (live.revisions.size() <= 1) {
      return tl::unexpected(
          server::commandError(ipc::ErrorKind::NotFound, "no last revision to roll back to"));
    }
    // kubectl takes the second-highest revision number, whatever the current template is.
    return Chosen{live.revisions[live.revisions.size() - 2].object["data"], false};
  }
  for (const auto& rev : live.revisions) {
    if (rev.revision == toRevision) return Chosen{rev.object["data"], false};
  }
  if (s.cache != nullptr) {
    if (auto rows = s.cache->revisions(live.ds.uid)) {
      for (const auto& row : *rows) {
        if (row.info.revision == toRevision) {
          auto data = nlohmann::json::parse(row.info.data, nullptr, false);
          if (!data.is_discarded()) return Chosen{std::move(data), true};
        }
      }
    }
  }
  return tl::unexpected(notInHistory(toRevision));
}

Awaitable<CommandResult> runUndo(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  auto dryRun = dryRunArg(ctx.request);
  if (!dryRun) co_return tl::unexpected(dryRun.error());
  const std::int64_t toRevision = args.value("toRevision", std::int64_t{0});
  const std::string output = args.value("output", std::string());

  auto live = co_await loadLive(s, *target, true);
  if (!live) co_return tl::unexpected(live.error());
  if (auto fresh = co_await freshDaemonSet(*live, *target); !fresh) {
    co_return tl::unexpected(fresh.error());
  }
  const std::string object = "daemonset.apps/" + target->name;

  if (model::at(live->ds.object, {"metadata", "annotations", kLastApplied}) != nullptr) {
    ctx.reply.err("Warning: resource daemonsets/" + target->name +
                  " was previously managed with 'kubectl apply'. Rolling back will not update the "
                  "kubectl.kubernetes.io/last-applied-configuration annotation, which may cause "
                  "unexpected behavior on future 'kubectl apply' operations. Consider using "
                  "'kubectl apply' with your previous configuration file instead.\n");
  }
  if (toRevision < 0) co_return tl::unexpected(notInHistory(toRevision));
  auto chosen = chooseRevision(s, *live, toRevision);
  if (!chosen) co_return tl::unexpected(chosen.error());
  if (chosen->fromCache) {
    ctx.reply.err("revision " + std::to_string(toRevision) +
                  " is no longer in the cluster; restoring it from the local cache\n");
  }
  const auto wanted = templateOf(chosen->data);

  if (*dryRun == DryRun::Client) {
    ctx.reply.out(object + " will roll back to " + render::describePodTemplate(wanted) +
                  " (dry run)\n");
    co_return 0;
  }
  if (sameTemplate(live->ds.object["spec"]["template"], wanted)) {
    ctx.reply.out(object + " skipped rollback (current template already matches revision " +
                  std::to_string(toRevision) + ")\n");
    co_return 0;
  }
  // The precondition: if anyone changed the DaemonSet since we read it, the server refuses
  // (409) instead of our template silently replacing theirs.
  nlohmann::json patch = chosen->data;
  patch["metadata"]["resourceVersion"] = live->ds.resourceVersion;
  const PatchRequest request{"application/strategic-merge-patch+json", patch.dump(), "", *dryRun};
  auto patched = co_await patchDaemonSet(*target, request);
  if (!patched) {
    auto error = patched.error();
    if (error.httpStatus == 409) {
      error.detail += "; it changed while undo ran: nothing was rolled back, run undo again";
    }
    co_return tl::unexpected(server::commandError(
        error.kind, "failed restoring revision " + std::to_string(toRevision) + ": " +
                        (error.detail.empty() ? error.message : error.detail)));
  }
  if (output == "json" || output == "yaml") {
    // kubectl prints the object as it was fetched before the rollback.
    ctx.reply.out(output == "json" ? render::toKubectlJson(live->ds.object)
                                   : render::toKubectlYaml(live->ds.object));
  } else if (output == "name") {
    ctx.reply.out(object + "\n");
  } else {
    ctx.reply.out(object + " rolled back" + dryRunSuffix(*dryRun) + "\n");
  }
  if (args.value("wait", false) && *dryRun == DryRun::None) {
    co_return co_await waitRollout(s, ctx, *target);
  }
  co_return 0;
}

}  // namespace

void registerUndo(server::CommandRegistry& registry, Services& services) {
  registry.add("undo", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runUndo(services, ctx);
  });
}

}  // namespace dsroll::commands
