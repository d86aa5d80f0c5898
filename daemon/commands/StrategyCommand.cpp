// strategy NAME: shows the update strategy with the numbers the controller derives from it;
// with --type, --max-unavailable, --max-surge, --min-ready-seconds or --revision-history-limit it
// changes them, refusing what the API server would refuse with the API server's own words. None
// of these fields is part of the pod template, so a change never makes a new revision.

#include "daemon/commands/StrategyCommand.hpp"

#include "daemon/commands/ApplyConflicts.hpp"
#include "daemon/commands/ChangeOutput.hpp"
#include "daemon/commands/DaemonSetGet.hpp"
#include "daemon/commands/Mutation.hpp"
#include "daemon/commands/StrategyRules.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/render/KubectlYaml.hpp"
#include "daemon/render/TabWriter.hpp"

namespace dsroll::commands {

namespace {

std::string valueText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

/** The strategy as an object, for -o json|yaml. */
nlohmann::json strategyObject(const std::string& namespace_,
                              const std::string& name,
                              const UpdateStrategy& s,
                              std::int64_t desired) {
  const auto effective = effectiveStrategy(s, desired);
  nlohmann::json out{{"namespace", namespace_},
                     {"name", name},
                     {"type", s.type},
                     {"minReadySeconds", s.minReadySeconds},
                     {"desiredNumberScheduled", desired}};
  out["revisionHistoryLimit"] =
      s.revisionHistoryLimit ? nlohmann::json(*s.revisionHistoryLimit) : nlohmann::json();
  if (s.hasRollingUpdate) {
    out["maxUnavailable"] = s.maxUnavailable;
    out["maxSurge"] = s.maxSurge;
    out["effectiveMaxUnavailable"] = effective.maxUnavailable;
    out["effectiveMaxSurge"] = effective.maxSurge;
  }
  return out;
}

std::string strategyText(const std::string& name, const UpdateStrategy& s, std::int64_t desired) {
  const auto effective = effectiveStrategy(s, desired);
  const std::string of = " of " + std::to_string(desired) + " desired pods)";
  std::string table = "Type:\t" + s.type + "\n";
  if (s.type == "RollingUpdate" && s.hasRollingUpdate) {
    table += "Max Unavailable:\t" + valueText(s.maxUnavailable) + " (" +
             std::to_string(effective.maxUnavailable) + of + "\n";
    table += "Max Surge:\t" + valueText(s.maxSurge) + " (" + std::to_string(effective.maxSurge) +
             of + "\n";
  }
  table += "Min Ready Seconds:\t" + std::to_string(s.minReadySeconds) + "\n";
  table += "Revision History Limit:\t" +
           (s.revisionHistoryLimit ? std::to_string(*s.revisionHistoryLimit) : "<unset>") + "\n";
  std::string out = "daemonset.apps/" + name + "\n" + render::tabwrite(table);
  if (s.type == "OnDelete") {
    out += "Pods are replaced only when deleted: kubectl dsroll ondelete-roll " + name + "\n";
  }
  return out;
}

Awaitable<CommandResult> runStrategy(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  auto dryRun = dryRunArg(ctx.request);
  if (!dryRun) co_return tl::unexpected(dryRun.error());
  const std::string output = args.value("output", std::string());
  auto change = strategyChangeArg(args);
  if (!change)
    co_return tl::unexpected(server::commandError(ipc::ErrorKind::Usage, change.error()));

  auto live = co_await requireDaemonSet(*target);
  if (!live) co_return tl::unexpected(live.error());
  const auto current = strategyOf(*live);
  const std::int64_t desired = model::integer(*live, {"status", "desiredNumberScheduled"});

  if (change->empty()) {
    if (printsObjects(output)) {
      const auto object = strategyObject(target->namespace_, target->name, current, desired);
      ctx.reply.out(output == "json" ? render::toKubectlJson(object)
                                     : render::toKubectlYaml(object));
    } else if (output == "name") {
      ctx.reply.out("daemonset.apps/" + target->name + "\n");
    } else {
      ctx.reply.out(strategyText(target->name, current, desired));
    }
    co_return 0;
  }

  auto next = changedStrategy(current, *change);
  if (!next) co_return tl::unexpected(server::commandError(ipc::ErrorKind::Usage, next.error()));
  if (auto errors = validateStrategy(*next); !errors.empty()) {
    co_return tl::unexpected(
        CommandError{ipc::ErrorKind::Invalid, invalidDaemonSet(target->name, errors), 1});
  }
  const auto patch = strategyPatch(current, *next);
  if (patch.empty()) {
    ctx.reply.out(changeOutput(output, target->name, "strategy unchanged", *dryRun, *live));
    co_return 0;
  }
  if (*dryRun == DryRun::Client) {
    nlohmann::json updated = *live;
    updated.merge_patch(patch);
    ctx.reply.out(changeOutput(output, target->name, "strategy updated", *dryRun, updated));
    co_return 0;
  }
  const PatchRequest request{"application/strategic-merge-patch+json", patch.dump(),
                             "fieldManager=" + kFieldManager, *dryRun};
  auto answer = co_await patchDaemonSet(*target, request);
  if (!answer) co_return tl::unexpected(fromApiError(answer.error()));
  ctx.reply.out(changeOutput(output, target->name, "strategy updated", *dryRun, *answer));
  co_return 0;
}

}  // namespace

void registerStrategy(server::CommandRegistry& registry, Services& services) {
  registry.add("strategy", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runStrategy(services, ctx);
  });
}

}  // namespace dsroll::commands
