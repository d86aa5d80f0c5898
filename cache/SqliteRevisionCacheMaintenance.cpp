// info() and prune() of SqliteRevisionCache.

#include <sys/stat.h>

#include "cache/SqliteRevisionCache.hpp"
#include "cache/Transaction.hpp"

namespace dsroll::cache {

namespace {

std::int64_t fileSize(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

struct Candidate {
  std::string uid;
  Timestamp prunedAt = 0;
};

}  // namespace

tl::expected<std::int64_t, CacheError> SqliteRevisionCache::usedBytes() {
  auto used = db_.queryInt64(
      "SELECT (p.page_count - f.freelist_count) * s.page_size "
      "FROM pragma_page_count p, pragma_freelist_count f, pragma_page_size s",
      "measuring the database");
  return used;
}

tl::expected<CacheInfo, CacheError> SqliteRevisionCache::info() {
  CacheInfo info;
  info.path = db_.path();
  struct Count {
    std::int64_t* into;
    const char* sql;
  };
  const Count counts[] = {
      {&info.clusters, "SELECT count(*) FROM clusters"},
      {&info.daemonSets, "SELECT count(*) FROM daemonsets"},
      {&info.revisions, "SELECT count(*) FROM revisions"},
      {&info.rollouts, "SELECT count(*) FROM rollouts"},
      {&info.freeBytes,
       "SELECT f.freelist_count * s.page_size FROM pragma_freelist_count f, pragma_page_size s"},
  };
  for (const Count& count : counts) {
    auto value = db_.queryInt64(count.sql, "reading the cache statistics");
    if (!value) {
      return tl::unexpected(value.error());
    }
    *count.into = *value;
  }
  auto version = db_.queryInt64("PRAGMA user_version", "reading the schema version");
  if (!version) {
    return tl::unexpected(version.error());
  }
  info.schemaVersion = static_cast<int>(*version);
  if (const std::string file = db_.fileName(); !file.empty()) {
    info.fileBytes = fileSize(file) + fileSize(file + "-wal");
  } else {
    auto bytes = db_.queryInt64(
        "SELECT p.page_count * s.page_size FROM pragma_page_count p, pragma_page_size s",
        "measuring the database");
    if (!bytes) {
      return tl::unexpected(bytes.error());
    }
    info.fileBytes = *bytes;
  }
  return info;
}

tl::expected<PruneResult, CacheError> SqliteRevisionCache::prune(const PrunePolicy& policy) {
  PruneResult result;
  auto tx = Transaction::begin(db_);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  auto before = usedBytes();
  if (!before) {
    return tl::unexpected(before.error());
  }
  result.bytesBefore = *before;

  std::vector<Candidate> candidates;
  {
    Statement& select = st_.pruneCandidates;
    auto scope = select.scope();
    policy.daemonSetUid ? select.bind(1, *policy.daemonSetUid) : select.bindNull(1);
    for (;;) {
      auto more = select.step("choosing revisions to prune");
      if (!more) {
        return tl::unexpected(more.error());
      }
      if (!*more) {
        break;
      }
      candidates.push_back(Candidate{select.columnText(0), select.columnInt64(1)});
    }
  }

  // Oldest pruned first: everything pruned before the cutoff, then more until under maxBytes.
  std::int64_t used = result.bytesBefore;
  for (const Candidate& candidate : candidates) {
    const bool tooOld = policy.prunedBefore && candidate.prunedAt < *policy.prunedBefore;
    const bool tooBig = policy.maxBytes && used > *policy.maxBytes;
    if (!tooOld && !tooBig) {
      break;
    }
    Statement& remove = st_.deleteRevision;
    auto scope = remove.scope();
    remove.bind(1, candidate.uid);
    if (auto ran = remove.run("removing revision " + candidate.uid); !ran) {
      return tl::unexpected(ran.error());
    }
    ++result.revisionsRemoved;
    if (policy.maxBytes) {
      auto now = usedBytes();
      if (!now) {
        return tl::unexpected(now.error());
      }
      used = *now;
    }
  }

  Statement& removeEmpty = st_.deleteEmptyDaemonSets;
  auto scope = removeEmpty.scope();
  policy.daemonSetUid ? removeEmpty.bind(1, *policy.daemonSetUid) : removeEmpty.bindNull(1);
  removeEmpty.bind(2, policy.prunedBefore);
  if (auto ran = removeEmpty.run("removing deleted DaemonSets"); !ran) {
    return tl::unexpected(ran.error());
  }
  result.daemonSetsRemoved = db_.changes();

  auto after = usedBytes();
  if (!after) {
    return tl::unexpected(after.error());
  }
  result.bytesAfter = *after;
  if (auto committed = tx->commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return result;
}

}  // namespace dsroll::cache
