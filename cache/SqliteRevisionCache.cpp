#include "cache/SqliteRevisionCache.hpp"

#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "cache/DatabaseFile.hpp"
#include "cache/Transaction.hpp"

namespace dsroll::cache {

namespace {

// A foreign key names no row; say which one is missing and what to do.
CacheError explainMissingParent(CacheError error, const std::string& parent) {
  if (error.code == SQLITE_CONSTRAINT_FOREIGNKEY) {
    error.message += " (" + parent + " is not in the cache: record it first)";
  }
  return error;
}

}  // namespace

tl::expected<std::unique_ptr<RevisionCache>, CacheError> RevisionCache::open(
    const std::string& path, std::vector<OpenNotice>* notices) {
  auto db = openCacheDatabase(path, notices);
  if (!db) {
    return tl::unexpected(db.error());
  }
  auto cache = SqliteRevisionCache::create(std::move(*db));
  if (!cache) {
    return tl::unexpected(cache.error());
  }
  return std::unique_ptr<RevisionCache>(std::move(*cache));
}

SqliteRevisionCache::SqliteRevisionCache(Database db, CacheStatements statements)
    : db_(std::move(db)), st_(std::move(statements)) {}

tl::expected<std::unique_ptr<SqliteRevisionCache>, CacheError> SqliteRevisionCache::create(
    Database db) {
  auto statements = CacheStatements::prepare(db);
  if (!statements) {
    return tl::unexpected(statements.error());
  }
  return std::unique_ptr<SqliteRevisionCache>(
      new SqliteRevisionCache(std::move(db), std::move(*statements)));
}

tl::expected<void, CacheError> SqliteRevisionCache::transaction(
    const std::function<tl::expected<void, CacheError>()>& fn) {
  auto tx = Transaction::begin(db_);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  if (auto done = fn(); !done) {
    return done;  // the Transaction rolls back
  }
  return tx->commit();
}

tl::expected<void, CacheError> SqliteRevisionCache::updateOne(Statement& statement,
                                                              const std::string& context,
                                                              const std::string& missing) {
  if (auto ran = statement.run(context); !ran) {
    return ran;
  }
  if (db_.changes() == 0) {
    return tl::unexpected(
        CacheError{"cache database " + db_.path() + ": " + context + ": " + missing});
  }
  return {};
}

tl::expected<std::int64_t, CacheError> SqliteRevisionCache::clusterId(const ClusterKey& key) {
  auto found = findCluster(key);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (*found) {
    return **found;
  }
  Statement& insert = st_.insertCluster;
  auto scope = insert.scope();
  insert.bind(1, key.server).bind(2, key.context);
  if (auto ran = insert.run("recording cluster " + key.server); !ran) {
    return tl::unexpected(ran.error());
  }
  return db_.lastInsertRowid();
}

tl::expected<void, CacheError> SqliteRevisionCache::recordDaemonSet(std::int64_t clusterId,
                                                                    const DaemonSetInfo& ds,
                                                                    Timestamp seenAt) {
  Statement& upsert = st_.upsertDaemonSet;
  auto scope = upsert.scope();
  upsert.bind(1, ds.uid)
      .bind(2, clusterId)
      .bind(3, ds.namespace_)
      .bind(4, ds.name)
      .bind(5, ds.createdAt)
      .bind(6, ds.selector)
      .bind(7, seenAt);
  auto ran = upsert.run("recording DaemonSet " + ds.namespace_ + "/" + ds.name);
  if (!ran) {
    return tl::unexpected(
        explainMissingParent(ran.error(), "cluster " + std::to_string(clusterId)));
  }
  return {};
}

tl::expected<void, CacheError> SqliteRevisionCache::markDaemonSetDeleted(const std::string& uid,
                                                                         Timestamp at) {
  Statement& update = st_.markDaemonSetDeleted;
  auto scope = update.scope();
  update.bind(1, uid).bind(2, at);
  return updateOne(update, "marking DaemonSet " + uid + " deleted", "no such DaemonSet");
}

tl::expected<void, CacheError> SqliteRevisionCache::recordRevision(const RevisionInfo& rev,
                                                                   Timestamp seenAt) {
  const std::string context = "recording revision " + rev.name + " (" + rev.uid + ")";
  // Most calls see a revision again unchanged: answer those without a transaction.
  std::optional<std::int64_t> stored;
  {
    Statement& select = st_.selectRevisionNumber;
    auto scope = select.scope();
    select.bind(1, rev.uid);
    auto row = select.step(context);
    if (!row) {
      return tl::unexpected(row.error());
    }
    if (*row) {
      stored = select.columnInt64(0);
    }
  }
  if (stored == rev.revision) {
    return {};
  }
  auto tx = Transaction::begin(db_);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  if (!stored) {
    // Only the uid and what comes from the object's immutable data are written once; a later
    // record of the same uid changes the number alone.
    const std::string images =
        nlohmann::json(rev.images).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    Statement& insert = st_.insertRevision;
    auto scope = insert.scope();
    insert.bind(1, rev.uid)
        .bind(2, rev.daemonSetUid)
        .bind(3, rev.name)
        .bind(4, rev.hash)
        .bind(5, rev.revision)
        .bind(6, rev.changeCause)
        .bind(7, images)
        .bind(8, rev.data)
        .bind(9, rev.createdAt)
        .bind(10, seenAt);
    if (auto ran = insert.run(context); !ran) {
      return tl::unexpected(explainMissingParent(ran.error(), "DaemonSet " + rev.daemonSetUid));
    }
  } else {
    Statement& update = st_.updateRevisionNumber;
    auto scope = update.scope();
    update.bind(1, rev.uid).bind(2, rev.revision);
    if (auto ran = update.run(context); !ran) {
      return ran;
    }
  }
  Statement& number = st_.insertRevisionNumber;
  auto scope = number.scope();
  number.bind(1, rev.uid).bind(2, rev.revision).bind(3, seenAt);
  if (auto ran = number.run(context); !ran) {
    return ran;
  }
  return tx->commit();
}

tl::expected<void, CacheError> SqliteRevisionCache::markRevisionPruned(const std::string& uid,
                                                                       Timestamp at) {
  Statement& update = st_.markRevisionPruned;
  auto scope = update.scope();
  update.bind(1, uid).bind(2, at);
  return updateOne(update, "marking revision " + uid + " pruned", "no such revision");
}

tl::expected<void, CacheError> SqliteRevisionCache::markSynced(std::int64_t clusterId,
                                                               const std::string& namespace_,
                                                               Timestamp at) {
  Statement& upsert = st_.upsertSynced;
  auto scope = upsert.scope();
  upsert.bind(1, clusterId).bind(2, namespace_).bind(3, at);
  auto ran = upsert.run("recording the sync of namespace \"" + namespace_ + "\"");
  if (!ran) {
    return tl::unexpected(
        explainMissingParent(ran.error(), "cluster " + std::to_string(clusterId)));
  }
  return {};
}

tl::expected<std::int64_t, CacheError> SqliteRevisionCache::startRollout(
    const std::string& daemonSetUid,
    const std::string& revisionUid,
    Timestamp at,
    std::int64_t nodesDesired) {
  Statement& insert = st_.insertRollout;
  auto scope = insert.scope();
  insert.bind(1, daemonSetUid).bind(2, revisionUid).bind(3, at).bind(4, nodesDesired);
  if (auto ran = insert.run("recording a rollout of DaemonSet " + daemonSetUid); !ran) {
    return tl::unexpected(explainMissingParent(ran.error(), "DaemonSet " + daemonSetUid));
  }
  return db_.lastInsertRowid();
}

tl::expected<void, CacheError> SqliteRevisionCache::finishRollout(std::int64_t rolloutId,
                                                                  RolloutOutcome outcome,
                                                                  Timestamp at,
                                                                  std::int64_t nodesUpdated) {
  Statement& update = st_.finishRollout;
  auto scope = update.scope();
  update.bind(1, rolloutId).bind(2, toString(outcome)).bind(3, at).bind(4, nodesUpdated);
  return updateOne(update, "finishing rollout " + std::to_string(rolloutId), "no such rollout");
}

}  // namespace dsroll::cache
