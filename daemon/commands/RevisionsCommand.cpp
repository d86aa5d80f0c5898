// revisions NAME [-o json|yaml|name|wide] [--offline]: the ControllerRevisions exactly as
// `kubectl get controllerrevision -l <the DaemonSet's selector> -n NS` prints them (selected by
// label, as kubectl does, sorted by name as the server lists them). From the cache when offline,
// unreachable, or after the DaemonSet was deleted, with a notice.

#include "daemon/commands/RevisionsCommand.hpp"

#include <algorithm>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/HistorySource.hpp"
#include "daemon/commands/RevisionObjects.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"
#include "daemon/render/Age.hpp"
#include "daemon/render/HistoryTables.hpp"

namespace dsroll::commands {

namespace {

std::map<std::string, std::string> labelMap(const nlohmann::json& object) {
  std::map<std::string, std::string> labels;
  if (const auto* l = model::at(object, {"metadata", "labels"}); l && l->is_object()) {
    for (const auto& [k, v] : l->items()) {
      if (v.is_string()) labels.emplace(k, v.get<std::string>());
    }
  }
  return labels;
}

/** What to print: objects (live, or rebuilt from the cache) in name order. */
struct Listing {
  std::vector<nlohmann::json> objects;
  std::int64_t cacheOnly = 0;  // revisions the cache keeps that the cluster pruned
  std::string notice;
};

Listing fromLive(Services& s, const LiveDaemonSet& live) {
  Listing listing;
  const auto* selector = model::at(live.ds.object, {"spec", "selector"});
  std::vector<const state::RevisionRecord*> chosen;
  for (const auto& [key, rev] : live.revisionInformer->items()) {
    if (rev.namespace_ != live.ds.namespace_) continue;
    if (selector != nullptr && !model::selectorMatches(*selector, labelMap(rev.object))) continue;
    chosen.push_back(&rev);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const auto* a, const auto* b) { return a->name < b->name; });
  for (const auto* rev : chosen) {
    listing.objects.push_back(withKind(rev->object, "apps/v1", "ControllerRevision"));
  }
  if (s.cache != nullptr) {
    if (auto rows = s.cache->revisions(live.ds.uid)) {
      listing.cacheOnly = std::count_if(rows->begin(), rows->end(),
                                        [](const auto& r) { return r.prunedAt.has_value(); });
    }
  }
  return listing;
}

Listing fromCache(const CachedDaemonSet& cached, std::string notice) {
  Listing listing;
  listing.notice = std::move(notice);
  std::vector<const cache::RevisionRow*> rows;
  for (const auto& row : cached.revisions) {
    if (row.prunedAt) {
      ++listing.cacheOnly;
    } else {
      rows.push_back(&row);
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto* a, const auto* b) { return a->info.name < b->info.name; });
  for (const auto* row : rows) {
    listing.objects.push_back(controllerRevisionObject(cached.daemonSet.info, row->info));
  }
  return listing;
}

Awaitable<tl::expected<Listing, CommandError>> loadListing(Services& s,
                                                           Target& target,
                                                           bool offline) {
  using Result = tl::expected<Listing, CommandError>;
  auto cachedListing = [&](const std::string& why) -> Result {
    auto source = historyFromCache(s, target, why);
    if (!source) return tl::unexpected(source.error());
    return fromCache(*source->cached, source->notice);
  };
  if (offline) co_return cachedListing("");
  auto live = co_await loadLive(s, target, true);
  if (!live) {
    const auto& error = live.error();
    const bool useCache = unreachable(error) || error.kind == ipc::ErrorKind::NotFound;
    if (useCache) {
      auto cached = cachedListing(unreachable(error) ? "the API server is unreachable" : "");
      if (cached) co_return cached;
    }
    co_return Result(tl::unexpect, error);
  }
  co_return Result(fromLive(s, *live));
}

std::string table(const std::vector<nlohmann::json>& objects) {
  const auto now = std::chrono::system_clock::now();
  std::vector<render::ControllerRevisionRow> rows;
  for (const auto& o : objects) {
    rows.push_back({"", model::nameOf(o), render::controllerRevisionController(o),
                    model::integer(o, {"revision"}),
                    render::ageSince(model::str(o, {"metadata", "creationTimestamp"}), now)});
  }
  return render::controllerRevisionTable(rows);
}

Awaitable<CommandResult> runRevisions(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  const std::string output = args.value("output", std::string());
  if (!output.empty() && output != "wide" && output != "name" && output != "json" &&
      output != "yaml") {
    co_return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage, "unable to match a printer suitable for the output format \"" +
                                   output + "\", allowed formats are: json,name,wide,yaml"));
  }
  auto listing = co_await loadListing(s, *target, args.value("offline", false));
  if (!listing) co_return tl::unexpected(listing.error());
  if (!listing->notice.empty()) ctx.reply.err(listing->notice);

  if (output == "json" || output == "yaml") {
    ctx.reply.out(printKubectlList(std::move(listing->objects), output));
    co_return 0;
  }
  if (listing->objects.empty()) {
    ctx.reply.err("No resources found in " + target->namespace_ + " namespace.\n");
  } else if (output == "name") {
    for (const auto& o : listing->objects) {
      ctx.reply.out("controllerrevision.apps/" + model::nameOf(o) + "\n");
    }
  } else {
    ctx.reply.out(table(listing->objects));
  }
  if (listing->cacheOnly > 0 && output != "name") {
    const bool one = listing->cacheOnly == 1;
    ctx.reply.err("(" + std::to_string(listing->cacheOnly) + " more revision" +
                  (one ? " the cluster has pruned is" : "s the cluster has pruned are") +
                  " kept in the cache: kubectl dsroll history " + target->name + " -n " +
                  target->namespace_ + " -o wide)\n");
  }
  co_return 0;
}

}  // namespace

void registerRevisions(server::CommandRegistry& registry, Services& services) {
  registry.add("revisions", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runRevisions(services, ctx);
  });
}

}  // namespace dsroll::commands
