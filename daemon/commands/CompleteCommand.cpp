// complete: what the daemon knows for a partial command line (see CompleteCommand.hpp). Names
// come from a running DaemonSet watch of the namespace (or of all namespaces) when there is one,
// else from the cache; revisions from a running revision watch merged with the cache.

#include "daemon/commands/CompleteCommand.hpp"

#include <map>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/CompletionValues.hpp"
#include "daemon/commands/RolloutState.hpp"
#include "daemon/kube/KubeConfigLoader.hpp"
#include "daemon/render/Age.hpp"

namespace dsroll::commands {

namespace {

template <typename Informer>
std::shared_ptr<Informer> synced(std::shared_ptr<Informer> scoped,
                                 std::shared_ptr<Informer> everywhere) {
  if (scoped && scoped->synced()) return scoped;
  if (everywhere && everywhere->synced()) return everywhere;
  return nullptr;
}

std::shared_ptr<state::DaemonSetInformer> runningDaemonSets(const Target& t) {
  auto& c = *t.handle.cluster;
  return synced(c.runningDaemonSets(t.namespace_), c.runningDaemonSets(""));
}

std::string ago(std::int64_t then) {
  return render::humanDuration(
             std::chrono::seconds(std::max<std::int64_t>(0, nowSeconds() - then))) +
         " ago";
}

std::vector<cache::DaemonSetRow> cachedDaemonSets(Services& s,
                                                  const Target& t,
                                                  const std::string& namespace_) {
  if (s.cache == nullptr || t.handle.cacheClusterId < 0) return {};
  auto rows = s.cache->listDaemonSets(t.handle.cacheClusterId, namespace_);
  return rows ? *rows : std::vector<cache::DaemonSetRow>{};
}

std::vector<CompletionCandidate> names(Services& s, const Target& t, const CompletionQuery& q) {
  std::map<std::string, std::string> found;
  const auto informer = runningDaemonSets(t);
  if (informer) {
    for (const auto& [key, ds] : informer->items()) {
      if (ds.namespace_ == t.namespace_) found[ds.name] = rolloutState(ds.object, {}).text();
    }
  }
  const auto rows = cachedDaemonSets(s, t, t.namespace_);
  for (const auto& row : rows) {
    // A watch knows better which exist; without one, the cache's last word.
    if (!row.deletedAt && !informer) found.try_emplace(row.info.name, "(from the cache)");
  }
  if (q.cachedNamesToo) {
    for (const auto& row : rows) {
      if (row.deletedAt) {
        found.try_emplace(row.info.name,
                          "deleted " + ago(*row.deletedAt) + ", history in the cache");
      }
    }
  }
  std::vector<CompletionCandidate> out;
  for (const auto& [name, description] : found)
    out.push_back({q.valuePrefix + name, description});
  return out;
}

/** What the daemon holds of a DaemonSet's history, without asking the cluster. */
std::vector<HistoryEntry> knownHistory(Services& s, const Target& t, const std::string& name) {
  const auto informer = runningDaemonSets(t);
  const state::DaemonSetRecord* live =
      informer ? informer->find(t.namespace_ + "/" + name) : nullptr;
  std::string uid = live != nullptr ? live->uid : "";
  if (uid.empty() && s.cache != nullptr && t.handle.cacheClusterId >= 0) {
    if (auto rows = s.cache->findDaemonSets(t.handle.cacheClusterId, t.namespace_, name);
        rows && !rows->empty()) {
      uid = rows->front().info.uid;
    }
  }
  if (uid.empty()) return {};
  std::vector<state::RevisionRecord> liveRevisions;
  auto& c = *t.handle.cluster;
  if (auto revisions = synced(c.runningRevisions(t.namespace_), c.runningRevisions(""));
      revisions && live != nullptr) {
    liveRevisions = revisionsOf(*revisions, *live);
  }
  std::vector<cache::RevisionRow> cached;
  if (s.cache != nullptr) {
    if (auto rows = s.cache->revisions(uid)) cached = std::move(*rows);
  }
  auto entries = mergeHistory(liveRevisions, cached, {}, std::nullopt);
  if (liveRevisions.empty()) {
    // No watch to ask: what the cluster had when last seen.
    for (auto& e : entries) {
      for (const auto& row : cached) {
        if (row.info.uid == e.uid) e.live = !row.prunedAt.has_value();
      }
    }
  }
  return entries;
}

std::vector<CompletionCandidate> namespaces(Services& s, const Target& t) {
  std::map<std::string, int> counts;
  if (auto informer = t.handle.cluster->runningDaemonSets(""); informer && informer->synced()) {
    for (const auto& [key, ds] : informer->items())
      ++counts[ds.namespace_];
  } else {
    for (const auto& row : cachedDaemonSets(s, t, "")) {
      if (!row.deletedAt) ++counts[row.info.namespace_];
    }
  }
  std::vector<CompletionCandidate> out;
  for (const auto& [ns, n] : counts) {
    out.push_back({ns, std::to_string(n) + (n == 1 ? " DaemonSet" : " DaemonSets")});
  }
  return out;
}

std::vector<CompletionCandidate> kubeconfigNames(const ipc::Request& request, CompletionKind kind) {
  auto loaded =
      kube::loadKubeConfigs(request.kube.kubeconfig, request.env, request.cwd, kube::diskReader());
  if (!loaded) return {};
  const auto& config = loaded->merged;
  std::vector<CompletionCandidate> out;
  if (kind == CompletionKind::Context) {
    for (const auto& [name, c] : config.contexts) {
      std::string description = "cluster " + c.cluster + ", user " + c.user;
      if (!c.namespace_.empty()) description += ", namespace " + c.namespace_;
      out.push_back({name, description});
    }
  } else if (kind == CompletionKind::Cluster) {
    for (const auto& [name, c] : config.clusters)
      out.push_back({name, ""});
  } else {
    for (const auto& [name, u] : config.users)
      out.push_back({name, ""});
  }
  return out;
}

std::vector<CompletionCandidate> candidates(Services& s,
                                            const ipc::Request& request,
                                            const CompletionQuery& q) {
  if (q.kind == CompletionKind::Context || q.kind == CompletionKind::Cluster ||
      q.kind == CompletionKind::User) {
    return kubeconfigNames(request, q.kind);
  }
  auto target = resolveTarget(s, request, false);
  if (!target) return {};
  switch (q.kind) {
    case CompletionKind::DaemonSetName:
      return names(s, *target, q);
    case CompletionKind::Namespace:
      return namespaces(s, *target);
    case CompletionKind::Revision:
      return revisionCandidates(knownHistory(s, *target, q.name));
    case CompletionKind::Image:
      return imageCandidates(q.container, knownHistory(s, *target, q.name));
    case CompletionKind::Container: {
      const auto entries = knownHistory(s, *target, q.name);
      if (entries.empty()) return {};
      return containerCandidates(templateOf(entries.back().data));
    }
    default:
      return {};
  }
}

CommandResult runComplete(Services& s, CommandContext& ctx) {
  std::vector<std::string> words;
  if (const auto it = ctx.request.args.find("words");
      it != ctx.request.args.end() && it->is_array()) {
    for (const auto& w : *it) {
      if (w.is_string()) words.push_back(w.get<std::string>());
    }
  }
  const auto query = parseCompletion(words);
  if (query.kind == CompletionKind::None) return 0;
  for (const auto& c : startingWith(candidates(s, ctx.request, query), query.partial)) {
    ctx.reply.row({{"value", c.value}, {"description", c.description}});
  }
  ctx.reply.resultData({{"directive", completionDirective(query.kind)}});
  return 0;
}

}  // namespace

void registerComplete(server::CommandRegistry& registry, Services& services) {
  registry.add("complete", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return runComplete(services, ctx);
  });
}

}  // namespace dsroll::commands
