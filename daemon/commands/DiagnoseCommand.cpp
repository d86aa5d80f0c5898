// diagnose NAME [-o json|yaml] [--offline]: why a rollout is stuck, from the daemon's live state
// (informers) plus a few one-off requests for the nodes that need a closer look; from the cache
// when the cluster cannot be reached. Exit code 0 when nothing blocks the rollout, 2 when a
// finding does, 1 on errors (and when only the cache could answer).

#include "daemon/commands/DiagnoseCommand.hpp"

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/DiagnoseFetch.hpp"
#include "daemon/commands/DiagnoseSnapshot.hpp"
#include "daemon/diagnose/CacheReport.hpp"
#include "daemon/diagnose/Diagnose.hpp"
#include "daemon/diagnose/ReportText.hpp"
#include "daemon/lifecycle/Logger.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"
#include "daemon/render/KubectlYaml.hpp"

namespace dsroll::commands {

namespace {

constexpr auto kSyncTimeout = std::chrono::seconds(10);
constexpr auto kObserveWait = std::chrono::seconds(5);
constexpr int kBlockingExit = 2;

using Clock = std::chrono::steady_clock;

std::string millis(Clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return std::to_string(us / 1000) + "." + std::to_string(us % 1000 / 100) + " ms";
}

void printReport(CommandContext& ctx, const diagnose::Report& report, const std::string& output) {
  if (output == "json") {
    ctx.reply.out(render::toKubectlJson(diagnose::toJson(report)));
  } else if (output == "yaml") {
    ctx.reply.out(render::toKubectlYaml(diagnose::toJson(report)));
  } else {
    ctx.reply.out(diagnose::renderText(report, ctx.request.terminal.color));
  }
}

/** diagnose from what the cache remembers; why is the API error ("" for --offline). */
CommandResult fromCache(Services& s,
                        CommandContext& ctx,
                        const Target& target,
                        const diagnose::CommandStyle& style,
                        const CommandError* why,
                        const std::string& output) {
  auto cached = loadCached(s, target);
  if (!cached) {
    if (why != nullptr) return tl::unexpected(*why);
    return tl::unexpected(cached.error());
  }
  diagnose::CachedView view;
  view.daemonSet = cached->daemonSet;
  view.revisions = cached->revisions;
  view.lastSynced = cached->lastSynced;
  view.now = nowSeconds();
  view.style = style;
  if (why != nullptr) view.unreachable = why->message;
  if (s.cache != nullptr) {
    if (auto rollouts = s.cache->rollouts(view.daemonSet.info.uid)) view.rollouts = *rollouts;
    if (auto lkg = s.cache->lastKnownGood(view.daemonSet.info.uid)) view.lastKnownGoodUid = *lkg;
  }
  ctx.reply.err(cacheNotice(*cached, why != nullptr ? "the API server is unreachable" : ""));
  printReport(ctx, diagnose::cacheReport(view), output);
  return why != nullptr ? 1 : 0;
}

CommandError explainForbidden(CommandError error, const Target& target, const std::string& flags) {
  if (error.kind == ipc::ErrorKind::Forbidden) {
    error.message +=
        "\ndiagnose reads daemonsets, controllerrevisions, pods and events in namespace \"" +
        target.namespace_ +
        "\" (and nodes, if allowed); check with: kubectl auth can-i list "
        "daemonsets -n " +
        target.namespace_ + flags;
  }
  return error;
}

/** Waits (briefly) for the controller to observe the newest generation. */
Awaitable<const state::DaemonSetRecord*> observed(state::DaemonSetInformer& informer,
                                                  const std::string& key) {
  const auto deadline = std::chrono::steady_clock::now() + kObserveWait;
  while (true) {
    const auto seen = informer.changes().version();
    const auto* ds = informer.find(key);
    const auto now = std::chrono::steady_clock::now();
    if (ds == nullptr || ds->observedGeneration >= ds->generation || now >= deadline) co_return ds;
    co_await informer.changes().waitChange(
        seen, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  }
}

std::optional<std::int64_t> lastKnownGood(Services& s, const diagnose::Snapshot& snap) {
  if (s.cache == nullptr) return std::nullopt;
  auto uid = s.cache->lastKnownGood(snap.ds.uid);
  if (!uid || !*uid) return std::nullopt;
  for (const auto& r : snap.revisions) {
    if (r.uid == **uid) return r.revision;
  }
  if (auto rows = s.cache->revisions(snap.ds.uid)) {
    for (const auto& row : *rows) {
      if (row.info.uid == **uid) return row.info.revision;
    }
  }
  return std::nullopt;
}

Awaitable<CommandResult> runDiagnose(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  const std::string output = args.value("output", std::string());
  const diagnose::CommandStyle style{target->name, target->namespace_,
                                     globalFlags(ctx.request.kube)};
  if (args.value("offline", false)) {
    co_return fromCache(s, ctx, *target, style, nullptr, output);
  }

  auto live = co_await loadLive(s, *target, true);
  if (live) {
    if (auto fresh = co_await freshDaemonSet(*live, *target); !fresh)
      live = tl::unexpected(fresh.error());
  }
  if (!live) {
    if (unreachable(live.error()))
      co_return fromCache(s, ctx, *target, style, &live.error(), output);
    co_return tl::unexpected(explainForbidden(live.error(), *target, style.globalFlags));
  }
  auto& cluster = *target->handle.cluster;
  std::vector<std::string> notes;
  const std::string selector = model::selectorString(live->ds.object["spec"]["selector"]);
  auto pods = cluster.pods(target->namespace_, selector);
  auto nodes = cluster.nodes();
  if (auto synced = co_await pods->waitSynced(kSyncTimeout); !synced) {
    notes.push_back("the DaemonSet's pods could not be listed: " + synced.error().message);
  } else if (!pods->healthy()) {
    notes.push_back("the pods watch is down (" + pods->lastError() + "): pods as last seen");
  }
  bool nodesKnown = true;
  if (auto synced = co_await nodes->waitSynced(kSyncTimeout); !synced) {
    nodesKnown = false;
    notes.push_back("nodes could not be listed (" + synced.error().message +
                    "): resource, taint, node and clock checks were skipped");
  }
  const std::string key = target->namespace_ + "/" + target->name;
  const auto* ds = co_await observed(*live->daemonSets, key);
  if (ds == nullptr) co_return tl::unexpected(daemonSetNotFound(target->name));

  const auto started = Clock::now();
  std::vector<const state::PodRecord*> podRecords;
  for (const auto& [k, p] : pods->items())
    podRecords.push_back(&p);
  std::vector<const state::NodeRecord*> nodeRecords;
  if (nodesKnown) {
    for (const auto& [k, n] : nodes->items())
      nodeRecords.push_back(&n);
  }
  auto snap = makeSnapshot(*ds, revisionsOf(*live->revisionInformer, *ds), podRecords, nodeRecords,
                           nodesKnown, nowSeconds());
  snap.style = style;
  if (const auto clock = cluster.client().lastServerClock()) {
    snap.serverOffset =
        std::chrono::duration_cast<std::chrono::seconds>(clock->server - clock->local).count();
  }
  snap.lastKnownGood = lastKnownGood(s, snap);

  // The records are copied: the informers may change while the requests below wait.
  const auto copied = Clock::now();
  const auto requestsBefore = cluster.client().stats().requests;
  diagnose::Extras extras;
  if (diagnose::wantsSchedulingEvents(snap)) {
    co_await fetchSchedulingEvents(cluster.client(), target->namespace_, extras, notes);
  }
  if (nodesKnown) {
    if (auto crowded = diagnose::nodesToInspect(snap, extras.events); !crowded.empty()) {
      co_await fetchNodePods(cluster.client(), std::move(crowded), extras, notes);
    }
  }
  if (snap.ds.observedGeneration < snap.ds.generation ||
      model::integer(snap.ds.object, {"spec", "minReadySeconds"}) > 0) {
    co_await fetchControllerLease(cluster.client(), extras);
  }
  const auto fetched = Clock::now();
  const auto requests = cluster.client().stats().requests - requestsBefore;
  const auto report = diagnose::analyze(snap, extras, std::move(notes));
  printReport(ctx, report, output);
  s.log.info("diagnose " + key + ": " + std::to_string(report.findings.size()) + " findings; " +
             std::to_string(snap.pods.size()) + " pods, " + std::to_string(snap.nodes.size()) +
             " nodes copied in " + millis(copied - started) + ", " + std::to_string(requests) +
             " requests in " + millis(fetched - copied) + ", analysed and printed in " +
             millis(Clock::now() - fetched));
  co_return report.blocking() ? kBlockingExit : 0;
}

}  // namespace

void registerDiagnose(server::CommandRegistry& registry, Services& services) {
  registry.add("diagnose", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runDiagnose(services, ctx);
  });
}

}  // namespace dsroll::commands
