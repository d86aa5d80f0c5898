// apply -f FILE|DIR|- [--record] [--cause TEXT] [--force-conflicts] [--dry-run] [--wait]: every
// DaemonSet of the manifests, in order, by server-side apply (field manager kubectl-dsroll). The
// change cause goes into the same patch, so the ControllerRevision the controller snapshots for
// a new template carries it. Output as kubectl apply words it: created, configured, unchanged.

#include "daemon/commands/ApplyCommand.hpp"

#include "daemon/commands/ApplyConflicts.hpp"
#include "daemon/commands/ChangeCause.hpp"
#include "daemon/commands/ChangeOutput.hpp"
#include "daemon/commands/DaemonSetGet.hpp"
#include "daemon/commands/Manifests.hpp"
#include "daemon/commands/Mutation.hpp"
#include "daemon/commands/WaitRollout.hpp"
#include "daemon/kube/GoText.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

namespace {

/** One DaemonSet to apply: where it goes and the body sent. */
struct Planned {
  ManifestDaemonSet manifest;
  std::string namespace_;
  nlohmann::json body;
};

/** Whether every field the manifest sets already has that value in the live object. */
bool containedIn(const nlohmann::json& wanted, const nlohmann::json& live) {
  if (wanted.is_object()) {
    if (!live.is_object()) return false;
    for (const auto& [key, value] : wanted.items()) {
      const auto it = live.find(key);
      if (value.is_null()) {
        if (it != live.end() && !it->is_null()) return false;
        continue;
      }
      if (it == live.end() || !containedIn(value, *it)) return false;
    }
    return true;
  }
  if (wanted.is_array()) {
    if (!live.is_array() || live.size() != wanted.size()) return false;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      if (!containedIn(wanted[i], live[i])) return false;
    }
    return true;
  }
  return wanted == live;
}

/** The object without what changes on every write (for comparing dry-run answers). */
nlohmann::json withoutWriteMarks(nlohmann::json object) {
  model::dropManagedFields(object);
  if (object.contains("metadata") && object["metadata"].is_object()) {
    object["metadata"].erase("resourceVersion");
  }
  return object;
}

/** The manifests as DaemonSets to apply, every local check done before anything is sent. */
tl::expected<std::vector<Planned>, CommandError> plan(const ipc::Request& request,
                                                      const Target& target) {
  auto files = manifestFilesArg(request.args.value("files", nlohmann::json()));
  if (!files) return tl::unexpected(server::commandError(ipc::ErrorKind::Usage, files.error()));
  auto manifests = readDaemonSets(*files);
  if (!manifests) {
    return tl::unexpected(server::commandError(ipc::ErrorKind::Invalid, manifests.error()));
  }
  if (manifests->empty()) {
    return tl::unexpected(
        server::commandError(ipc::ErrorKind::Usage, "no objects passed to apply"));
  }
  const auto cause = changeCauseArg(request.args);
  std::vector<Planned> planned;
  for (auto& manifest : *manifests) {
    Planned p;
    p.namespace_ = manifest.namespace_.empty() ? target.namespace_ : manifest.namespace_;
    if (request.kube.namespace_ && !manifest.namespace_.empty() &&
        manifest.namespace_ != target.namespace_) {
      return tl::unexpected(server::commandError(
          ipc::ErrorKind::Usage,
          "the namespace from the provided object " + kube::goQuote(manifest.namespace_) +
              " does not match the namespace " + kube::goQuote(target.namespace_) +
              ". You must pass '--namespace=" + manifest.namespace_ +
              "' to perform this operation."));
    }
    p.body = manifest.object;
    p.body["metadata"]["namespace"] = p.namespace_;
    putChangeCause(p.body, cause);
    p.manifest = std::move(manifest);
    planned.push_back(std::move(p));
  }
  return planned;
}

/** The outcome of applying one DaemonSet. */
struct Applied {
  std::string operation;  // created, configured, unchanged
  nlohmann::json object;  // what the server answered (or would have, for a client dry run)
};

Awaitable<tl::expected<Applied, CommandError>> applyOne(
    Target& target, const Planned& p, DryRun dryRun, bool force, bool settingCause) {
  using Result = tl::expected<Applied, CommandError>;
  auto before = co_await getDaemonSet(target);
  if (!before) co_return Result(tl::unexpect, fromApiError(before.error()));
  const bool existed = before->has_value();

  if (dryRun == DryRun::Client) {
    const bool same = existed && containedIn(p.body, **before);
    co_return Applied{!existed ? "created"
                      : same   ? "unchanged"
                               : "configured",
                      same ? **before : p.body};
  }
  // Watch the revisions from now on, so the cache records the one this change makes.
  target.handle.cluster->revisions(target.namespace_);
  const std::string query = "fieldManager=" + kFieldManager;
  const std::string forced = query + "&force=true";
  const PatchRequest request{"application/apply-patch+yaml", p.body.dump(), force ? forced : query,
                             dryRun};
  auto answer = co_await patchDaemonSet(target, request);
  if (!answer && answer.error().httpStatus == 409 && !force) {
    // Fields last set by kubectl dsroll's own set image, restart, strategy or undo: the
    // manifest takes them back, as kubectl apply would.
    const auto conflicts = applyConflicts(answer.error().causes);
    if (forceableConflicts(conflicts, settingCause)) {
      const PatchRequest again{request.contentType, request.body, forced, dryRun};
      answer = co_await patchDaemonSet(target, again);
    }
  }
  if (!answer) {
    const auto& error = answer.error();
    const auto conflicts = applyConflicts(error.causes);
    if (error.httpStatus == 409 && !conflicts.empty()) {
      co_return Result(tl::unexpect,
                       server::commandError(ipc::ErrorKind::Conflict, conflictMessage(conflicts)));
    }
    co_return Result(tl::unexpect, fromApiError(error));
  }
  std::string operation = "created";
  if (existed) {
    const bool same = dryRun == DryRun::None
                          ? model::str(**before, {"metadata", "resourceVersion"}) ==
                                model::str(*answer, {"metadata", "resourceVersion"})
                          : withoutWriteMarks(**before) == withoutWriteMarks(*answer);
    operation = same ? "unchanged" : "configured";
  }
  co_return Applied{operation, std::move(*answer)};
}

std::string objectName(const Planned& p) {
  return "daemonset.apps/" + p.manifest.name;
}

/** stderr note after a failure part-way: what was applied and what was not. */
std::string partialNote(const std::vector<Planned>& planned, std::size_t failed) {
  std::string applied;
  for (std::size_t i = 0; i < failed; ++i)
    applied += (i ? ", " : "") + objectName(planned[i]);
  std::string skipped;
  for (std::size_t i = failed + 1; i < planned.size(); ++i) {
    skipped += (skipped.empty() ? "" : ", ") + objectName(planned[i]);
  }
  std::string note = "applied before the failure (left as applied): " + applied;
  if (!skipped.empty()) note += "; not applied: " + skipped;
  return note + "\n";
}

Awaitable<CommandResult> runApply(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request, false);
  if (!target) co_return tl::unexpected(target.error());
  auto dryRun = dryRunArg(ctx.request);
  if (!dryRun) co_return tl::unexpected(dryRun.error());
  const std::string output = args.value("output", std::string());
  auto planned = plan(ctx.request, *target);
  if (!planned) co_return tl::unexpected(planned.error());
  const bool force = args.value("forceConflicts", false);
  const bool settingCause = changeCauseArg(args).has_value();

  std::vector<nlohmann::json> objects;
  std::vector<Target> applied;
  for (std::size_t i = 0; i < planned->size(); ++i) {
    const auto& p = (*planned)[i];
    Target one = *target;
    one.namespace_ = p.namespace_;
    one.name = p.manifest.name;
    auto result = co_await applyOne(one, p, *dryRun, force, settingCause);
    if (!result) {
      if (i > 0) ctx.reply.err(partialNote(*planned, i));
      co_return tl::unexpected(result.error());
    }
    if (printsObjects(output)) {
      objects.push_back(std::move(result->object));
    } else {
      ctx.reply.out(changeOutput(output, p.manifest.name, result->operation, *dryRun, {}));
    }
    applied.push_back(std::move(one));
  }
  if (printsObjects(output)) ctx.reply.out(objectsOutput(output, objects));

  if (args.value("wait", false) && *dryRun == DryRun::None) {
    for (auto& one : applied) {
      auto waited = co_await waitRollout(s, ctx, one);
      if (!waited || *waited != 0) co_return waited;
    }
  }
  co_return 0;
}

}  // namespace

void registerApply(server::CommandRegistry& registry, Services& services) {
  registry.add("apply", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runApply(services, ctx);
  });
}

}  // namespace dsroll::commands
