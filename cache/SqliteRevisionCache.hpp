#pragma once
// RevisionCache on a SQLite file (see DESIGN.md section 6 and migrations/ for the schema).

#include <memory>

#include <tl/expected.hpp>

#include "cache/CacheStatements.hpp"
#include "cache/Database.hpp"
#include "cache/RevisionCache.hpp"

namespace dsroll::cache {

class SqliteRevisionCache final : public RevisionCache {
 public:
  /** Takes a configured, migrated database (openCacheDatabase) and prepares the queries. */
  static tl::expected<std::unique_ptr<SqliteRevisionCache>, CacheError> create(Database db);

  SqliteRevisionCache(const SqliteRevisionCache&) = delete;
  SqliteRevisionCache& operator=(const SqliteRevisionCache&) = delete;
  ~SqliteRevisionCache() override = default;

  tl::expected<void, CacheError> transaction(
      const std::function<tl::expected<void, CacheError>()>& fn) override;

  tl::expected<std::int64_t, CacheError> clusterId(const ClusterKey& key) override;
  tl::expected<void, CacheError> recordDaemonSet(std::int64_t clusterId,
                                                 const DaemonSetInfo& ds,
                                                 Timestamp seenAt) override;
  tl::expected<void, CacheError> markDaemonSetDeleted(const std::string& uid,
                                                      Timestamp at) override;
  tl::expected<void, CacheError> recordRevision(const RevisionInfo& rev, Timestamp seenAt) override;
  tl::expected<void, CacheError> markRevisionPruned(const std::string& uid, Timestamp at) override;
  tl::expected<void, CacheError> markSynced(std::int64_t clusterId,
                                            const std::string& namespace_,
                                            Timestamp at) override;
  tl::expected<std::int64_t, CacheError> startRollout(const std::string& daemonSetUid,
                                                      const std::string& revisionUid,
                                                      Timestamp at,
                                                      std::int64_t nodesDesired) override;
  tl::expected<void, CacheError> finishRollout(std::int64_t rolloutId,
                                               RolloutOutcome outcome,
                                               Timestamp at,
                                               std::int64_t nodesUpdated) override;

  tl::expected<std::optional<std::int64_t>, CacheError> findCluster(const ClusterKey& key) override;
  tl::expected<std::vector<DaemonSetRow>, CacheError> findDaemonSets(
      std::int64_t clusterId, const std::string& namespace_, const std::string& name) override;
  tl::expected<std::vector<DaemonSetRow>, CacheError> listDaemonSets(
      std::int64_t clusterId, const std::string& namespace_) override;
  tl::expected<std::vector<RevisionRow>, CacheError> revisions(
      const std::string& daemonSetUid) override;
  tl::expected<std::vector<RolloutRow>, CacheError> rollouts(
      const std::string& daemonSetUid) override;
  tl::expected<std::optional<std::string>, CacheError> lastKnownGood(
      const std::string& daemonSetUid) override;
  tl::expected<std::optional<Timestamp>, CacheError> lastSynced(
      std::int64_t clusterId, const std::string& namespace_) override;

  tl::expected<CacheInfo, CacheError> info() override;
  tl::expected<PruneResult, CacheError> prune(const PrunePolicy& policy) override;

 private:
  SqliteRevisionCache(Database db, CacheStatements statements);

  tl::expected<std::int64_t, CacheError> usedBytes();
  /** Runs an UPDATE of one row by key; an error naming what when no row matched. */
  tl::expected<void, CacheError> updateOne(Statement& statement,
                                           const std::string& context,
                                           const std::string& missing);

  // Declared first so the statements are finalized before the connection closes.
  Database db_;
  CacheStatements st_;
};

}  // namespace dsroll::cache
