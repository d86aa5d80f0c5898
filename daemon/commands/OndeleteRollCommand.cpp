// ondelete-roll NAME [--batch N] [--timeout D]: with updateStrategy OnDelete the controller
// replaces a pod only when someone deletes it. This deletes the old pods --batch nodes at a
// time and waits until each node's new pod is available before the next batch; it stops at the
// first new pod that fails (crash loop, image pull, no room) and leaves the rest alone.

#include "daemon/commands/OndeleteRollCommand.hpp"

#include <set>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/DiagnoseSnapshot.hpp"
#include "daemon/diagnose/OndeletePlan.hpp"
#include "daemon/kube/ResourcePath.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"
#include "daemon/render/GoFormat.hpp"
#include "daemon/server/Server.hpp"

namespace dsroll::commands {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kSyncTimeout = std::chrono::seconds(30);
constexpr auto kTick = std::chrono::seconds(1);  // availability also changes with time

/** The informers one roll watches, and the snapshot they give now. */
struct RollState {
  std::shared_ptr<state::DaemonSetInformer> daemonSets;
  std::shared_ptr<state::RevisionInformer> revisions;
  std::shared_ptr<state::PodInformer> pods;
  std::shared_ptr<state::NodeInformer> nodes;
  bool nodesKnown = true;
  std::string key;

  const state::DaemonSetRecord* ds() const { return daemonSets->find(key); }

  diagnose::Snapshot snapshot() const {
    std::vector<const state::PodRecord*> podRecords;
    for (const auto& [k, p] : pods->items())
      podRecords.push_back(&p);
    std::vector<const state::NodeRecord*> nodeRecords;
    if (nodesKnown) {
      for (const auto& [k, n] : nodes->items())
        nodeRecords.push_back(&n);
    }
    return makeSnapshot(*ds(), revisionsOf(*revisions, *ds()), podRecords, nodeRecords, nodesKnown,
                        nowSeconds());
  }

  std::uint64_t version() const {
    return daemonSets->changes().version() + pods->changes().version() +
           revisions->changes().version();
  }

  /** Until something changes, the tick passes or the deadline comes. */
  Awaitable<void> wait(std::uint64_t seen, Clock::time_point deadline) {
    auto until = std::min(deadline, Clock::now() + kTick);
    while (version() == seen && Clock::now() < until) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
      co_await pods->changes().waitChange(pods->changes().version(),
                                          std::min(left, std::chrono::milliseconds(250)));
    }
  }
};

CommandError timedOut() {
  return server::commandError(ipc::ErrorKind::Timeout, "timed out waiting for the condition");
}

Awaitable<tl::expected<void, kube::ApiError>> deletePod(kube::ApiClient& client,
                                                        const std::string& ns,
                                                        const state::PodRecord& pod) {
  kube::HttpRequest request;
  request.method = "DELETE";
  request.target = kube::resourcePath(kube::kPods, ns, pod.name);
  request.body =
      nlohmann::json{
          {"apiVersion", "v1"}, {"kind", "DeleteOptions"}, {"preconditions", {{"uid", pod.uid}}}}
          .dump();
  request.contentType = "application/json";
  request.what = kube::targetOf("delete", kube::kPods, ns, pod.name);
  auto answer = co_await client.send(std::move(request));
  // Gone already, or replaced (the uid precondition failed): either way this pod is done.
  if (!answer && answer.error().httpStatus != 404 && answer.error().httpStatus != 409) {
    co_return tl::expected<void, kube::ApiError>(tl::unexpect, answer.error());
  }
  co_return tl::expected<void, kube::ApiError>();
}

CommandError stopped(const std::string& name,
                     const std::string& node,
                     const diagnose::NodeCheck& check) {
  return server::commandError(
      ipc::ErrorKind::Invalid,
      "stopped: the new pod " + (check.pod.empty() ? "" : check.pod + " ") + "on " + node +
          " is failing (" + check.reason +
          "); the remaining old pods were left alone: run kubectl dsroll diagnose " + name);
}

Awaitable<CommandResult> runRoll(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  const auto batch = args.value("batch", std::int64_t{1});
  if (batch < 1) {
    co_return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage, "--batch must be at least 1, got " + std::to_string(batch)));
  }
  auto timeout = timeoutArg(ctx.request, std::chrono::milliseconds(0));
  if (!timeout) co_return tl::unexpected(timeout.error());
  const auto deadline = timeout->count() > 0 ? Clock::now() + *timeout : Clock::time_point::max();

  auto live = co_await loadLive(s, *target, true);
  if (!live) co_return tl::unexpected(live.error());
  if (auto fresh = co_await freshDaemonSet(*live, *target); !fresh)
    co_return tl::unexpected(fresh.error());
  const auto type =
      model::str(live->ds.object, {"spec", "updateStrategy", "type"}, "RollingUpdate");
  if (type != "OnDelete") {
    co_return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage,
        "daemonset \"" + target->name + "\" uses updateStrategy " + type +
            ": the controller replaces its pods itself; ondelete-roll is for OnDelete"));
  }
  auto& cluster = *target->handle.cluster;
  RollState roll{
      live->daemonSets,
      live->revisionInformer,
      cluster.pods(target->namespace_, model::selectorString(live->ds.object["spec"]["selector"])),
      cluster.nodes(),
      true,
      target->namespace_ + "/" + target->name};
  if (auto synced = co_await roll.pods->waitSynced(kSyncTimeout); !synced) {
    co_return tl::unexpected(fromApiError(synced.error()));
  }
  roll.nodesKnown = static_cast<bool>(co_await roll.nodes->waitSynced(kSyncTimeout));
  const auto busy = s.server.holdBusy();

  // The new revision must exist before old and new pods can be told apart.
  while (roll.ds() != nullptr && roll.ds()->observedGeneration < roll.ds()->generation) {
    if (Clock::now() >= deadline) co_return tl::unexpected(timedOut());
    const auto seen = roll.version();
    co_await roll.wait(seen, deadline);
  }
  if (roll.ds() == nullptr) co_return tl::unexpected(daemonSetNotFound(target->name));

  auto snap = roll.snapshot();
  std::set<std::string> skipped;
  auto todo = diagnose::oldPodsInOrder(snap.pods);
  ctx.reply.out("daemonset.apps/" + target->name + ": " + std::to_string(todo.size()) +
                (todo.size() == 1 ? " old pod" : " old pods") + " to replace with revision " +
                std::to_string(snap.currentRevision) + ", " + std::to_string(batch) +
                " at a time\n");
  while (true) {
    snap = roll.snapshot();
    std::vector<const diagnose::DsPod*> next;
    for (const auto* p : diagnose::oldPodsInOrder(snap.pods)) {
      const auto* node = snap.node(p->node);
      if (node != nullptr && node->ready != "True") {
        if (skipped.insert(p->pod.name).second) {
          ctx.reply.out("skipping pod " + p->pod.name + ": node " + p->node + " is NotReady\n");
        }
        continue;
      }
      if (static_cast<std::int64_t>(next.size()) < batch) next.push_back(p);
    }
    if (next.empty()) break;
    std::vector<std::string> nodes;
    for (const auto* p : next) {
      ctx.reply.out("deleting pod " + p->pod.name + " on " + p->node + " (revision " +
                    std::to_string(p->revision) + ")\n");
      const state::PodRecord pod = p->pod;  // named: the snapshot is rebuilt while this waits
      const std::string node = p->node;
      if (auto done = co_await deletePod(cluster.client(), target->namespace_, pod); !done) {
        co_return tl::unexpected(fromApiError(done.error()));
      }
      nodes.push_back(node);
    }
    std::set<std::string> waiting(nodes.begin(), nodes.end());
    while (!waiting.empty()) {
      const auto seen = roll.version();
      snap = roll.snapshot();
      for (auto it = waiting.begin(); it != waiting.end();) {
        const auto check = diagnose::checkNode(snap.pods, *it);
        if (check.outcome == diagnose::NodeOutcome::Failed) {
          co_return tl::unexpected(stopped(target->name, *it, check));
        }
        if (check.outcome == diagnose::NodeOutcome::Available) {
          ctx.reply.out(*it + ": new pod " + check.pod + " available\n");
          it = waiting.erase(it);
        } else {
          ++it;
        }
      }
      if (waiting.empty()) break;
      if (Clock::now() >= deadline) co_return tl::unexpected(timedOut());
      co_await roll.wait(seen, deadline);
    }
  }
  // Every old pod is gone: wait for the controller's count to agree.
  const std::string quoted = render::gofmt::quote(target->name);
  while (true) {
    const auto seen = roll.version();
    const auto* ds = roll.ds();
    if (ds == nullptr) co_return tl::unexpected(daemonSetNotFound(target->name));
    const auto desired = model::integer(ds->object, {"status", "desiredNumberScheduled"});
    const auto updated = model::integer(ds->object, {"status", "updatedNumberScheduled"});
    const auto available = model::integer(ds->object, {"status", "numberAvailable"});
    if (ds->observedGeneration >= ds->generation && updated >= desired && available >= desired) {
      if (!skipped.empty()) {
        ctx.reply.out(std::to_string(skipped.size()) +
                      " old pods on NotReady nodes were left alone\n");
        co_return 1;
      }
      ctx.reply.out("daemon set " + quoted + " successfully rolled out\n");
      co_return 0;
    }
    if (!skipped.empty() && updated + static_cast<std::int64_t>(skipped.size()) >= desired) {
      ctx.reply.out(std::to_string(skipped.size()) +
                    " old pods on NotReady nodes were left alone\n");
      co_return 1;
    }
    snap = roll.snapshot();
    for (const auto& p : snap.pods) {
      if (!p.updated || p.available) continue;
      if (const auto check = diagnose::checkNode(snap.pods, p.node);
          check.outcome == diagnose::NodeOutcome::Failed) {
        co_return tl::unexpected(stopped(target->name, p.node, check));
      }
    }
    if (Clock::now() >= deadline) co_return tl::unexpected(timedOut());
    co_await roll.wait(seen, deadline);
  }
}

}  // namespace

void registerOndeleteRoll(server::CommandRegistry& registry, Services& services) {
  registry.add("ondelete-roll",
               [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
                 co_return co_await runRoll(services, ctx);
               });
}

}  // namespace dsroll::commands
