#include "daemon/commands/CommandSupport.hpp"

#include <algorithm>

#include "daemon/commands/Mutation.hpp"
#include "daemon/kube/KubeConfig.hpp"
#include "daemon/kube/ResourcePath.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"
#include "daemon/render/Age.hpp"

namespace dsroll::commands {

namespace {

constexpr auto kSyncTimeout = std::chrono::seconds(30);
constexpr auto kReconnectGrace = std::chrono::seconds(2);

std::map<std::string, std::string> labelsOf(const nlohmann::json& object) {
  std::map<std::string, std::string> labels;
  if (const auto* l = model::at(object, {"metadata", "labels"}); l && l->is_object()) {
    for (const auto& [k, v] : l->items()) {
      if (v.is_string()) labels.emplace(k, v.get<std::string>());
    }
  }
  return labels;
}

}  // namespace

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

tl::expected<Target, CommandError> resolveTarget(Services& services,
                                                 const ipc::Request& request,
                                                 bool requireName) {
  auto config = kube::resolveConfig(request.kube, request.env, request.cwd);
  if (!config) {
    return tl::unexpected(CommandError{ipc::ErrorKind::Config, config.error().display, 1});
  }
  Target target;
  target.name = request.args.value("name", std::string());
  if (requireName && target.name.empty()) {
    return tl::unexpected(
        server::commandError(ipc::ErrorKind::Usage, "required resource not specified"));
  }
  target.namespace_ = config->namespace_;
  target.handle = services.clusters.get(std::move(*config), request.env);
  return target;
}

CommandError fromApiError(const kube::ApiError& error) {
  return CommandError{error.kind, error.message, 1};
}

CommandError daemonSetNotFound(const std::string& name) {
  return CommandError{ipc::ErrorKind::NotFound,
                      "Error from server (NotFound): daemonsets.apps \"" + name + "\" not found",
                      1};
}

std::string globalFlags(const ipc::KubeFlags& kube) {
  std::string flags;
  if (kube.kubeconfig) flags += " --kubeconfig=" + *kube.kubeconfig;
  if (kube.context) flags += " --context=" + *kube.context;
  return flags;
}

bool unreachable(const CommandError& error) {
  return error.kind == ipc::ErrorKind::Unreachable;
}

std::vector<state::RevisionRecord> revisionsOf(const state::RevisionInformer& informer,
                                               const state::DaemonSetRecord& ds) {
  std::vector<state::RevisionRecord> out;
  const auto* selector = model::at(ds.object, {"spec", "selector"});
  for (const auto& [key, rev] : informer.items()) {
    if (rev.namespace_ != ds.namespace_ || rev.ownerUid != ds.uid) {
      continue;
    }
    if (selector != nullptr && !model::selectorMatches(*selector, labelsOf(rev.object))) {
      continue;
    }
    out.push_back(rev);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.revision < b.revision; });
  return out;
}

Awaitable<tl::expected<LiveDaemonSet, CommandError>> loadLive(Services& /*services*/,
                                                              Target& target,
                                                              bool withRevisions) {
  using Result = tl::expected<LiveDaemonSet, CommandError>;
  auto& cluster = *target.handle.cluster;
  LiveDaemonSet live;
  live.daemonSets = cluster.daemonSets(target.namespace_);
  if (withRevisions) {
    // Start both watches before waiting so their first lists overlap.
    live.revisionInformer = cluster.revisions(target.namespace_);
  }
  if (auto synced = co_await live.daemonSets->waitSynced(kSyncTimeout); !synced) {
    co_return Result(tl::unexpect, fromApiError(synced.error()));
  }
  // Synced once, but the watch is down: give a reconnect a moment, else what we hold may be
  // stale and the caller answers from the cache instead.
  const auto reconnectDeadline = std::chrono::steady_clock::now() + kReconnectGrace;
  while (!live.daemonSets->healthy() && std::chrono::steady_clock::now() < reconnectDeadline) {
    co_await live.daemonSets->changes().waitChange(live.daemonSets->changes().version(),
                                                   std::chrono::milliseconds(200));
  }
  if (!live.daemonSets->healthy()) {
    co_return Result(tl::unexpect,
                     CommandError{ipc::ErrorKind::Unreachable, live.daemonSets->lastError(), 1});
  }
  const auto* ds = live.daemonSets->find(target.namespace_ + "/" + target.name);
  if (ds == nullptr) {
    co_return Result(tl::unexpect, daemonSetNotFound(target.name));
  }
  live.ds = *ds;
  if (withRevisions) {
    if (auto synced = co_await live.revisionInformer->waitSynced(kSyncTimeout); !synced) {
      co_return Result(tl::unexpect, fromApiError(synced.error()));
    }
    live.revisions = revisionsOf(*live.revisionInformer, live.ds);
  }
  co_return Result(std::move(live));
}

Awaitable<tl::expected<state::DaemonSetRecord, CommandError>> freshDaemonSet(LiveDaemonSet& live,
                                                                             Target& target) {
  using Result = tl::expected<state::DaemonSetRecord, CommandError>;
  kube::HttpRequest request;
  request.target = kube::resourcePath(kube::kDaemonSets, target.namespace_, target.name);
  request.what = kube::targetOf("get", kube::kDaemonSets, target.namespace_, target.name);
  auto object = co_await target.handle.cluster->client().sendJson(std::move(request));
  if (!object) {
    co_return Result(tl::unexpect, fromApiError(object.error()));
  }
  auto record = state::DaemonSetRecord::fromJson(*object);
  if (!record) {
    co_return Result(tl::unexpect, server::commandError(ipc::ErrorKind::Internal,
                                                        "the server answered with no DaemonSet"));
  }
  // Named, not temporary: g++ 12 mishandles temporaries bound to a coroutine's reference
  // parameters.
  const std::string key = record->key();
  co_await waitObserved(*live.daemonSets, key, record->resourceVersion, std::chrono::seconds(2));
  live.ds = *record;
  if (live.revisionInformer) {
    live.revisions = revisionsOf(*live.revisionInformer, live.ds);
  }
  co_return Result(std::move(*record));
}

tl::expected<CachedDaemonSet, CommandError> loadCached(Services& services, const Target& target) {
  if (services.cache == nullptr) {
    return tl::unexpected(server::commandError(
        ipc::ErrorKind::Cache, "the revision cache is not available: " + services.cacheProblem));
  }
  const auto& config = target.handle.config;
  auto noEntry = [&] {
    return server::commandError(ipc::ErrorKind::Cache,
                                "no cached history for daemonset \"" + target.name +
                                    "\" in namespace \"" + target.namespace_ + "\" of context \"" +
                                    config.contextName + "\" (" + config.rest.server + ")");
  };
  if (target.handle.cacheClusterId < 0) {
    return tl::unexpected(noEntry());
  }
  auto rows =
      services.cache->findDaemonSets(target.handle.cacheClusterId, target.namespace_, target.name);
  if (!rows) {
    return tl::unexpected(server::commandError(ipc::ErrorKind::Cache, rows.error().message));
  }
  if (rows->empty()) {
    return tl::unexpected(noEntry());
  }
  CachedDaemonSet cached;
  cached.daemonSet = rows->front();
  auto revisions = services.cache->revisions(cached.daemonSet.info.uid);
  if (!revisions) {
    return tl::unexpected(server::commandError(ipc::ErrorKind::Cache, revisions.error().message));
  }
  cached.revisions = std::move(*revisions);
  if (auto synced = services.cache->lastSynced(target.handle.cacheClusterId, target.namespace_)) {
    cached.lastSynced = *synced;
  }
  return cached;
}

std::string cacheNotice(const CachedDaemonSet& cached, const std::string& why) {
  std::string when = "never synced";
  if (cached.lastSynced) {
    const auto ago =
        std::chrono::seconds(std::max<std::int64_t>(0, nowSeconds() - *cached.lastSynced));
    when = "last synced " + render::humanDuration(ago) + " ago";
  }
  std::string notice = "(from cache, " + when;
  if (cached.daemonSet.deletedAt) {
    notice += "; the DaemonSet was deleted " +
              render::humanDuration(std::chrono::seconds(
                  std::max<std::int64_t>(0, nowSeconds() - *cached.daemonSet.deletedAt))) +
              " ago";
  }
  notice += why.empty() ? ")" : "; " + why + ")";
  return notice + "\n";
}

tl::expected<std::chrono::milliseconds, CommandError> timeoutArg(
    const ipc::Request& request, std::chrono::milliseconds fallback) {
  const auto text = request.args.value("timeout", std::string());
  if (text.empty()) {
    return fallback;
  }
  auto parsed = kube::parseDuration(text);
  if (!parsed) {
    return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage,
        "invalid argument \"" + text + "\" for \"--timeout\" flag: " + parsed.error().message));
  }
  return *parsed;
}

}  // namespace dsroll::commands
