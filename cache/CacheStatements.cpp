#include "cache/CacheStatements.hpp"

#include <string_view>
#include <utility>

namespace dsroll::cache {

namespace {

// Columns read by readDaemonSet() and readRevision(), in this order.
#define DSROLL_DAEMONSET_COLUMNS                                                          \
  "cluster_id, uid, namespace, name, created_at, selector, first_seen_at, last_seen_at, " \
  "deleted_at"
#define DSROLL_REVISION_COLUMNS                                                        \
  "uid, name, daemonset_uid, revision, hash, change_cause, images, data, created_at, " \
  "first_seen_at, pruned_at"

// The most recent rollout that completed; ?1 or an outer column names the DaemonSet.
#define DSROLL_LAST_COMPLETE(ds)                                              \
  "SELECT o.revision_uid FROM rollouts o WHERE o.daemonset_uid = " ds         \
  " AND o.outcome = 'Complete' ORDER BY o.ended_at DESC, o.started_at DESC, " \
  "o.id DESC LIMIT 1"

const std::pair<Statement CacheStatements::*, std::string_view> kQueries[] = {
    {&CacheStatements::findCluster, "SELECT id FROM clusters WHERE server = ?1 AND context = ?2"},
    {&CacheStatements::insertCluster, "INSERT INTO clusters (server, context) VALUES (?1, ?2)"},
    // A uid seen under another context of the same server moves there: the latest wins.
    {&CacheStatements::upsertDaemonSet,
     "INSERT INTO daemonsets (uid, cluster_id, namespace, name, created_at, selector, "
     "first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
     "ON CONFLICT (uid) DO UPDATE SET cluster_id = excluded.cluster_id, "
     "selector = excluded.selector, last_seen_at = max(last_seen_at, excluded.last_seen_at)"},
    {&CacheStatements::markDaemonSetDeleted,
     "UPDATE daemonsets SET deleted_at = coalesce(deleted_at, ?2) WHERE uid = ?1"},
    {&CacheStatements::selectRevisionNumber, "SELECT revision FROM revisions WHERE uid = ?1"},
    {&CacheStatements::insertRevision,
     "INSERT INTO revisions (uid, daemonset_uid, name, hash, revision, change_cause, images, "
     "data, created_at, first_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
    {&CacheStatements::updateRevisionNumber, "UPDATE revisions SET revision = ?2 WHERE uid = ?1"},
    {&CacheStatements::insertRevisionNumber,
     "INSERT OR IGNORE INTO revision_numbers (revision_uid, revision, seen_at) "
     "VALUES (?1, ?2, ?3)"},
    {&CacheStatements::markRevisionPruned,
     "UPDATE revisions SET pruned_at = coalesce(pruned_at, ?2) WHERE uid = ?1"},
    {&CacheStatements::upsertSynced,
     "INSERT INTO synced (cluster_id, namespace, at) VALUES (?1, ?2, ?3) "
     "ON CONFLICT (cluster_id, namespace) DO UPDATE SET at = max(at, excluded.at)"},
    {&CacheStatements::insertRollout,
     "INSERT INTO rollouts (daemonset_uid, revision_uid, started_at, outcome, nodes_desired, "
     "nodes_updated) VALUES (?1, ?2, ?3, 'InProgress', ?4, 0)"},
    // Finishing with InProgress records progress and leaves the rollout open.
    {&CacheStatements::finishRollout,
     "UPDATE rollouts SET outcome = ?2, nodes_updated = ?4, "
     "ended_at = CASE WHEN ?2 = 'InProgress' THEN NULL ELSE ?3 END WHERE id = ?1"},
    {&CacheStatements::findDaemonSets,
     "SELECT " DSROLL_DAEMONSET_COLUMNS
     " FROM daemonsets WHERE cluster_id = ?1 AND namespace = ?2 AND name = ?3 "
     "ORDER BY created_at DESC, first_seen_at DESC, uid"},
    {&CacheStatements::listDaemonSets,
     "SELECT " DSROLL_DAEMONSET_COLUMNS
     " FROM daemonsets WHERE cluster_id = ?1 AND (?2 = '' OR namespace = ?2) "
     "ORDER BY namespace, name, created_at DESC, uid"},
    {&CacheStatements::selectRevisions,
     "SELECT " DSROLL_REVISION_COLUMNS
     " FROM revisions WHERE daemonset_uid = ?1 ORDER BY revision, created_at, uid"},
    {&CacheStatements::selectRevisionNumbers,
     "SELECT n.revision_uid, n.revision, n.seen_at FROM revision_numbers n "
     "JOIN revisions r ON r.uid = n.revision_uid WHERE r.daemonset_uid = ?1 "
     "ORDER BY n.seen_at, n.revision"},
    {&CacheStatements::selectRollouts,
     "SELECT id, daemonset_uid, revision_uid, started_at, ended_at, outcome, nodes_desired, "
     "nodes_updated FROM rollouts WHERE daemonset_uid = ?1 ORDER BY started_at, id"},
    {&CacheStatements::lastKnownGood, DSROLL_LAST_COMPLETE("?1")},
    // A sync of every namespace ("") counts for each namespace.
    {&CacheStatements::lastSynced,
     "SELECT max(at) FROM synced WHERE cluster_id = ?1 AND namespace IN (?2, '')"},
    // Revisions the cluster no longer has, oldest pruned first, except a live DaemonSet's last
    // known good one: undo may need it and the cache may be its only copy.
    {&CacheStatements::pruneCandidates,
     "SELECT r.uid, r.pruned_at FROM revisions r JOIN daemonsets d ON d.uid = r.daemonset_uid "
     "WHERE r.pruned_at IS NOT NULL AND (?1 IS NULL OR r.daemonset_uid = ?1) "
     "AND NOT (d.deleted_at IS NULL AND r.uid IS (" DSROLL_LAST_COMPLETE(
         "r.daemonset_uid") ")) "
                            "ORDER BY r.pruned_at, r.uid"},
    {&CacheStatements::deleteRevision, "DELETE FROM revisions WHERE uid = ?1"},
    {&CacheStatements::deleteEmptyDaemonSets,
     "DELETE FROM daemonsets WHERE deleted_at IS NOT NULL AND (?1 IS NULL OR uid = ?1) "
     "AND (?2 IS NULL OR deleted_at < ?2) "
     "AND NOT EXISTS (SELECT 1 FROM revisions r WHERE r.daemonset_uid = daemonsets.uid)"},
};

#undef DSROLL_DAEMONSET_COLUMNS
#undef DSROLL_REVISION_COLUMNS
#undef DSROLL_LAST_COMPLETE

}  // namespace

tl::expected<CacheStatements, CacheError> CacheStatements::prepare(Database& db) {
  CacheStatements statements;
  for (const auto& [member, sql] : kQueries) {
    auto prepared = Statement::prepare(db, sql);
    if (!prepared) {
      return tl::unexpected(prepared.error());
    }
    statements.*member = std::move(*prepared);
  }
  return statements;
}

}  // namespace dsroll::cache
