// The read side of SqliteRevisionCache.

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "cache/RolloutOutcome.hpp"
#include "cache/SqliteRevisionCache.hpp"

namespace dsroll::cache {

namespace {

// Column order: DSROLL_DAEMONSET_COLUMNS in CacheStatements.cpp.
DaemonSetRow readDaemonSet(const Statement& s) {
  DaemonSetRow row;
  row.clusterId = s.columnInt64(0);
  row.info.uid = s.columnText(1);
  row.info.namespace_ = s.columnText(2);
  row.info.name = s.columnText(3);
  row.info.createdAt = s.columnInt64(4);
  row.info.selector = s.columnText(5);
  row.firstSeenAt = s.columnInt64(6);
  row.lastSeenAt = s.columnInt64(7);
  row.deletedAt = s.columnOptionalInt64(8);
  return row;
}

tl::expected<std::vector<std::string>, std::string> parseImages(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) {
    return tl::unexpected(std::string("images is not a JSON array"));
  }
  std::vector<std::string> images;
  images.reserve(json.size());
  for (const auto& image : json) {
    if (!image.is_string()) {
      return tl::unexpected(std::string("images holds a value that is not a string"));
    }
    images.push_back(image.get<std::string>());
  }
  return images;
}

// Column order: DSROLL_REVISION_COLUMNS in CacheStatements.cpp.
tl::expected<RevisionRow, std::string> readRevision(const Statement& s) {
  RevisionRow row;
  row.info.uid = s.columnText(0);
  row.info.name = s.columnText(1);
  row.info.daemonSetUid = s.columnText(2);
  row.info.revision = s.columnInt64(3);
  row.info.hash = s.columnText(4);
  row.info.changeCause = s.columnText(5);
  auto images = parseImages(s.columnText(6));
  if (!images) {
    return tl::unexpected("revision " + row.info.uid + ": " + images.error());
  }
  row.info.images = std::move(*images);
  row.info.data = s.columnText(7);
  row.info.createdAt = s.columnInt64(8);
  row.firstSeenAt = s.columnInt64(9);
  row.prunedAt = s.columnOptionalInt64(10);
  return row;
}

tl::expected<std::vector<DaemonSetRow>, CacheError> readDaemonSets(Statement& s,
                                                                   const std::string& context) {
  std::vector<DaemonSetRow> rows;
  for (;;) {
    auto more = s.step(context);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more) {
      return rows;
    }
    rows.push_back(readDaemonSet(s));
  }
}

}  // namespace

tl::expected<std::optional<std::int64_t>, CacheError> SqliteRevisionCache::findCluster(
    const ClusterKey& key) {
  Statement& select = st_.findCluster;
  auto scope = select.scope();
  select.bind(1, key.server).bind(2, key.context);
  auto row = select.step("looking up cluster " + key.server);
  if (!row) {
    return tl::unexpected(row.error());
  }
  return *row ? std::optional(select.columnInt64(0)) : std::nullopt;
}

tl::expected<std::vector<DaemonSetRow>, CacheError> SqliteRevisionCache::findDaemonSets(
    std::int64_t clusterId, const std::string& namespace_, const std::string& name) {
  Statement& select = st_.findDaemonSets;
  auto scope = select.scope();
  select.bind(1, clusterId).bind(2, namespace_).bind(3, name);
  return readDaemonSets(select, "looking up DaemonSet " + namespace_ + "/" + name);
}

tl::expected<std::vector<DaemonSetRow>, CacheError> SqliteRevisionCache::listDaemonSets(
    std::int64_t clusterId, const std::string& namespace_) {
  Statement& select = st_.listDaemonSets;
  auto scope = select.scope();
  select.bind(1, clusterId).bind(2, namespace_);
  return readDaemonSets(select, "listing DaemonSets");
}

tl::expected<std::vector<RevisionRow>, CacheError> SqliteRevisionCache::revisions(
    const std::string& daemonSetUid) {
  const std::string context = "reading the revisions of DaemonSet " + daemonSetUid;
  std::vector<RevisionRow> rows;
  std::unordered_map<std::string, std::size_t> byUid;
  {
    Statement& select = st_.selectRevisions;
    auto scope = select.scope();
    select.bind(1, daemonSetUid);
    for (;;) {
      auto more = select.step(context);
      if (!more) {
        return tl::unexpected(more.error());
      }
      if (!*more) {
        break;
      }
      auto row = readRevision(select);
      if (!row) {
        return tl::unexpected(
            CacheError{"cache database " + db_.path() + ": " + context + ": " + row.error()});
      }
      byUid.emplace(row->info.uid, rows.size());
      rows.push_back(std::move(*row));
    }
  }
  Statement& numbers = st_.selectRevisionNumbers;
  auto scope = numbers.scope();
  numbers.bind(1, daemonSetUid);
  for (;;) {
    auto more = numbers.step(context);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more) {
      return rows;
    }
    // Both queries run in one autocommit read each; the single writer is this thread, so no
    // revision can appear between them.
    if (auto it = byUid.find(numbers.columnText(0)); it != byUid.end()) {
      rows[it->second].numbers.push_back(
          RevisionNumber{numbers.columnInt64(1), numbers.columnInt64(2)});
    }
  }
}

tl::expected<std::vector<RolloutRow>, CacheError> SqliteRevisionCache::rollouts(
    const std::string& daemonSetUid) {
  const std::string context = "reading the rollouts of DaemonSet " + daemonSetUid;
  Statement& select = st_.selectRollouts;
  auto scope = select.scope();
  select.bind(1, daemonSetUid);
  std::vector<RolloutRow> rows;
  for (;;) {
    auto more = select.step(context);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more) {
      return rows;
    }
    RolloutRow row;
    row.id = select.columnInt64(0);
    row.daemonSetUid = select.columnText(1);
    row.revisionUid = select.columnText(2);
    row.startedAt = select.columnInt64(3);
    row.endedAt = select.columnOptionalInt64(4);
    const std::string outcome = select.columnText(5);
    auto parsed = parseRolloutOutcome(outcome);
    if (!parsed) {
      return tl::unexpected(CacheError{"cache database " + db_.path() + ": " + context +
                                       ": rollout " + std::to_string(row.id) +
                                       " has an unknown outcome \"" + outcome + "\""});
    }
    row.outcome = *parsed;
    row.nodesDesired = select.columnInt64(6);
    row.nodesUpdated = select.columnInt64(7);
    rows.push_back(std::move(row));
  }
}

tl::expected<std::optional<std::string>, CacheError> SqliteRevisionCache::lastKnownGood(
    const std::string& daemonSetUid) {
  Statement& select = st_.lastKnownGood;
  auto scope = select.scope();
  select.bind(1, daemonSetUid);
  auto row = select.step("finding the last known good revision of DaemonSet " + daemonSetUid);
  if (!row) {
    return tl::unexpected(row.error());
  }
  return *row ? std::optional(select.columnText(0)) : std::nullopt;
}

tl::expected<std::optional<Timestamp>, CacheError> SqliteRevisionCache::lastSynced(
    std::int64_t clusterId, const std::string& namespace_) {
  Statement& select = st_.lastSynced;
  auto scope = select.scope();
  select.bind(1, clusterId).bind(2, namespace_);
  auto row = select.step("reading the last sync of namespace \"" + namespace_ + "\"");
  if (!row) {
    return tl::unexpected(row.error());
  }
  return *row ? select.columnOptionalInt64(0) : std::nullopt;
}

}  // namespace dsroll::cache
