#pragma once
// Every query of SqliteRevisionCache, prepared once when the cache opens and reused.

#include <tl/expected.hpp>

#include "cache/Database.hpp"
#include "cache/Statement.hpp"

namespace dsroll::cache {

struct CacheStatements {
  Statement findCluster;
  Statement insertCluster;
  Statement upsertDaemonSet;
  Statement markDaemonSetDeleted;
  Statement selectRevisionNumber;
  Statement insertRevision;
  Statement updateRevisionNumber;
  Statement insertRevisionNumber;
  Statement markRevisionPruned;
  Statement upsertSynced;
  Statement insertRollout;
  Statement finishRollout;
  Statement findDaemonSets;
  Statement listDaemonSets;
  Statement selectRevisions;
  Statement selectRevisionNumbers;
  Statement selectRollouts;
  Statement lastKnownGood;
  Statement lastSynced;
  Statement pruneCandidates;
  Statement deleteRevision;
  Statement deleteEmptyDaemonSets;

  /** Prepares them all on db, which must outlive them. */
  static tl::expected<CacheStatements, CacheError> prepare(Database& db);
};

}  // namespace dsroll::cache
