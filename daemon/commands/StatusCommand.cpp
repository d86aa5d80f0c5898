// status NAME [--timeout D] [--watch=false]: kubectl's lines without a TTY, a live per-node view
// with one. Driven by the shared watches: every change of the DaemonSet prints, as kubectl does.

#include "daemon/commands/StatusCommand.hpp"

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/RolloutProgress.hpp"
#include "daemon/commands/StuckHint.hpp"
#include "daemon/commands/WaitRollout.hpp"
#include "daemon/diagnose/Snapshot.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"

namespace dsroll::commands {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kTick = std::chrono::milliseconds(500);
constexpr auto kStallBeforeHint = std::chrono::seconds(20);

/** kubectl's status line ends in a newline; a progress frame carries the line alone. */
std::string withoutNewline(std::string line) {
  while (!line.empty() && line.back() == '\n')
    line.pop_back();
  return line;
}

/** The live-view side: pods and nodes watches, progress frames, the ETA. */
class LiveView {
 public:
  LiveView(Target& target, const state::DaemonSetRecord& ds, std::string diagnoseCommand)
      : diagnoseCommand_(std::move(diagnoseCommand)),
        pods_(target.handle.cluster->pods(target.namespace_,
                                          model::selectorString(ds.object["spec"]["selector"]))),
        nodes_(target.handle.cluster->nodes()),
        revisions_(target.handle.cluster->revisions(target.namespace_)),
        started_(Clock::now()) {}

  Awaitable<void> sync() {
    // A user who may not list nodes still gets counts; the view just has no nodes.
    (void)co_await pods_->waitSynced(std::chrono::seconds(10));
    (void)co_await nodes_->waitSynced(std::chrono::seconds(10));
    (void)co_await revisions_->waitSynced(std::chrono::seconds(10));
  }

  RolloutProgress progress(const state::DaemonSetRecord& ds) const {
    std::vector<const state::PodRecord*> pods;
    for (const auto& [k, p] : pods_->items()) {
      if (p.ownerUid == ds.uid) pods.push_back(&p);
    }
    std::vector<const state::NodeRecord*> nodes;
    for (const auto& [k, n] : nodes_->items())
      nodes.push_back(&n);
    return rolloutProgress(ds, currentHash(ds), pods, nodes, nowSeconds());
  }

  nlohmann::json frame(const state::DaemonSetRecord& ds,
                       const KubectlStatus& status,
                       const RolloutProgress& p) {
    const auto elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
    if (!firstUpdated_) firstUpdated_ = p.updated;
    nlohmann::json eta = nullptr;
    const auto gained = p.updated - *firstUpdated_;
    if (gained > 0 && p.desired > p.updated) {
      eta = elapsed / static_cast<double>(gained) * static_cast<double>(p.desired - p.updated);
    }
    nlohmann::json nodes = nlohmann::json::array();
    for (const auto& n : p.nodes) {
      nodes.push_back({{"name", n.name}, {"state", toString(n.state)}, {"reason", n.reason}});
    }
    const auto hint = stuckHint(diagnoseCommand_, p);
    return {{"namespace", ds.namespace_},
            {"name", ds.name},
            {"strategy", model::str(ds.object, {"spec", "updateStrategy", "type"})},
            {"generation", ds.generation},
            {"observedGeneration", ds.observedGeneration},
            {"revision", currentRevision(ds)},
            {"desired", p.desired},
            {"updated", p.updated},
            {"available", p.available},
            {"ready", p.ready},
            {"elapsedSeconds", elapsed},
            {"etaSeconds", eta},
            {"nodes", nodes},
            {"message", withoutNewline(status.message)},
            {"hint", hint.empty() ? nlohmann::json(nullptr) : nlohmann::json(hint)},
            {"done", status.done}};
  }

  std::uint64_t version() const {
    return pods_->changes().version() + nodes_->changes().version() +
           revisions_->changes().version();
  }

 private:
  const state::RevisionRecord* newest(const state::DaemonSetRecord& ds) const {
    const state::RevisionRecord* best = nullptr;
    for (const auto& [k, r] : revisions_->items()) {
      if (r.ownerUid == ds.uid && (best == nullptr || r.revision > best->revision)) best = &r;
    }
    return best;
  }
  std::string currentHash(const state::DaemonSetRecord& ds) const {
    const auto* r = newest(ds);
    return r != nullptr ? r->hash : "";
  }
  std::int64_t currentRevision(const state::DaemonSetRecord& ds) const {
    const auto* r = newest(ds);
    return r != nullptr ? r->revision : 0;
  }

  std::string diagnoseCommand_;
  std::shared_ptr<state::PodInformer> pods_;
  std::shared_ptr<state::NodeInformer> nodes_;
  std::shared_ptr<state::RevisionInformer> revisions_;
  Clock::time_point started_;
  std::optional<std::int64_t> firstUpdated_;
};

Awaitable<CommandResult> followRollout(Services& s,
                                       CommandContext& ctx,
                                       Target* target,
                                       bool watch) {
  auto timeout = timeoutArg(ctx.request, std::chrono::milliseconds(0));
  if (!timeout) co_return tl::unexpected(timeout.error());
  const bool tty = ctx.request.terminal.stdoutIsTty;

  auto live = co_await loadLive(s, *target, false);
  if (!live) co_return tl::unexpected(live.error());
  if (auto fresh = co_await freshDaemonSet(*live, *target); !fresh) {
    co_return tl::unexpected(fresh.error());
  }
  auto& informer = *live->daemonSets;
  const std::string key = target->namespace_ + "/" + target->name;
  const std::string diagnoseCommand =
      diagnose::CommandStyle{target->name, target->namespace_, globalFlags(ctx.request.kube)}
          .dsroll("diagnose");
  const auto deadline = timeout->count() > 0 ? Clock::now() + *timeout : Clock::time_point::max();

  std::unique_ptr<LiveView> view;
  if (tty && watch) {
    view = std::make_unique<LiveView>(*target, live->ds, diagnoseCommand);
    co_await view->sync();
  }
  std::string printedVersion;
  std::uint64_t viewVersion = 0;
  auto lastProgress = Clock::now();
  std::int64_t lastUpdated = -1;
  bool hinted = false;
  while (true) {
    informer.touch();
    const auto seen = informer.changes().version();
    const auto* ds = informer.find(key);
    if (ds == nullptr) {
      co_return tl::unexpected(
          server::commandError(ipc::ErrorKind::NotFound, "object has been deleted"));
    }
    const auto status = kubectlStatus(ds->object);
    if (status.error) {
      co_return tl::unexpected(server::commandError(ipc::ErrorKind::Usage, *status.error));
    }
    const bool changed = ds->resourceVersion != printedVersion;
    if (view) {
      if (changed || view->version() != viewVersion || !status.done) {
        ctx.reply.progress(view->frame(*ds, status, view->progress(*ds)));
        viewVersion = view->version();
      }
      if (status.done) {
        ctx.reply.out(status.message);
        co_return 0;
      }
    } else if (changed) {
      ctx.reply.out(status.message);
      if (status.done || !watch) co_return 0;
    }
    printedVersion = ds->resourceVersion;

    const auto updated = model::integer(ds->object, {"status", "updatedNumberScheduled"}) +
                         model::integer(ds->object, {"status", "numberAvailable"});
    if (updated != lastUpdated) {
      lastUpdated = updated;
      lastProgress = Clock::now();
    } else if (!view && !hinted && Clock::now() - lastProgress > kStallBeforeHint) {
      hinted = true;
      // Progress stopped: look at the pods once to say why, on stderr (stdout stays kubectl's).
      LiveView probe(*target, *ds, diagnoseCommand);
      co_await probe.sync();
      const auto progress = probe.progress(*ds);
      auto hint = stuckHint(diagnoseCommand, progress);
      if (hint.empty()) {
        const auto stalled =
            std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - lastProgress).count();
        hint = idleHint(diagnoseCommand, progress, stalled);
      }
      if (!hint.empty()) ctx.reply.err("hint: " + hint + "\n");
    }

    const auto now = Clock::now();
    if (now >= deadline) {
      co_return tl::unexpected(
          server::commandError(ipc::ErrorKind::Timeout, "timed out waiting for the condition"));
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    if (view || !hinted) {
      wait = std::min<std::chrono::milliseconds>(wait, view ? kTick : std::chrono::seconds(5));
    }
    co_await informer.changes().waitChange(seen, wait);
  }
}

Awaitable<CommandResult> runStatus(Services& s, CommandContext& ctx) {
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  co_return co_await followRollout(s, ctx, &*target, ctx.request.args.value("watch", true));
}

}  // namespace

Awaitable<CommandResult> waitRollout(Services& services, CommandContext& ctx, Target& target) {
  co_return co_await followRollout(services, ctx, &target, true);
}

void registerStatus(server::CommandRegistry& registry, Services& services) {
  registry.add("status", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runStatus(services, ctx);
  });
}

}  // namespace dsroll::commands
