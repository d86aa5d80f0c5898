#pragma once
// The daemon's durable memory: every DaemonSet and ControllerRevision it has seen, per cluster,
// kept after the cluster prunes or deletes them, plus a log of rollouts. Only the daemon opens
// the database; it is used from the daemon's single io thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace dsroll::cache {

/** Seconds since the Unix epoch. */
using Timestamp = std::int64_t;

struct CacheError {
  std::string message;  // one line, names the file and what is wrong
  int code = 0;         // SQLite extended result code; 0 when SQLite did not report the failure
};

/** Something the user should hear about once (a corrupt file moved aside, say). */
struct OpenNotice {
  std::string message;
};

/** A cluster as the user addresses it: API server URL and kubeconfig context name. */
struct ClusterKey {
  std::string server;
  std::string context;
};

struct DaemonSetInfo {
  std::string uid;
  std::string namespace_;
  std::string name;
  Timestamp createdAt = 0;
  std::string selector;  // label selector in kubectl's string form, e.g. "name=fluentd"
};

struct DaemonSetRow {
  std::int64_t clusterId = 0;
  DaemonSetInfo info;
  Timestamp firstSeenAt = 0;
  Timestamp lastSeenAt = 0;
  std::optional<Timestamp> deletedAt;
};

struct RevisionInfo {
  std::string uid;           // ControllerRevision uid: the key, since .revision changes on undo
  std::string name;          // <ds>-<hash>
  std::string daemonSetUid;  // the controller's uid
  std::int64_t revision = 0;
  std::string hash;                 // controller-revision-hash label
  std::string changeCause;          // kubernetes.io/change-cause annotation, "" when absent
  std::vector<std::string> images;  // init containers first, then containers, in order
  std::string data;                 // the ControllerRevision's data, raw JSON bytes as served
  Timestamp createdAt = 0;
};

struct RevisionNumber {
  std::int64_t revision = 0;
  Timestamp seenAt = 0;
};

struct RevisionRow {
  RevisionInfo info;
  Timestamp firstSeenAt = 0;
  std::optional<Timestamp> prunedAt;    // set when the cluster no longer has it
  std::vector<RevisionNumber> numbers;  // every .revision it has had, oldest first
};

enum class RolloutOutcome { InProgress, Complete, Superseded, Stuck };

struct RolloutRow {
  std::int64_t id = 0;
  std::string daemonSetUid;
  std::string revisionUid;
  Timestamp startedAt = 0;
  std::optional<Timestamp> endedAt;
  RolloutOutcome outcome = RolloutOutcome::InProgress;
  std::int64_t nodesDesired = 0;
  std::int64_t nodesUpdated = 0;
};

struct CacheInfo {
  std::string path;
  std::int64_t fileBytes = 0;  // database plus WAL
  std::int64_t freeBytes = 0;  // of the database, pages on the free list (VACUUM would return them)
  std::int64_t clusters = 0;
  std::int64_t daemonSets = 0;
  std::int64_t revisions = 0;
  std::int64_t rollouts = 0;
  int schemaVersion = 0;
};

/**
 * Only revisions the cluster has already pruned are removed, oldest pruned first; a live
 * DaemonSet's last known good revision is kept. Then deleted DaemonSets with no revisions left
 * (deleted before prunedBefore, when given) are removed with their rollouts.
 */
struct PrunePolicy {
  // Drop revisions pruned from the cluster before this.
  std::optional<Timestamp> prunedBefore = std::nullopt;
  // Then drop more, oldest pruned first, until the pages in use take at most this many bytes.
  std::optional<std::int64_t> maxBytes = std::nullopt;
  // Only this DaemonSet (uid).
  std::optional<std::string> daemonSetUid = std::nullopt;
};

struct PruneResult {
  std::int64_t revisionsRemoved = 0;
  std::int64_t daemonSetsRemoved = 0;
  std::int64_t bytesBefore = 0;  // pages in use times page size (the file does not shrink)
  std::int64_t bytesAfter = 0;
};

class RevisionCache {
 public:
  /**
   * Opens (creating if needed) the database at path and migrates it to the current schema.
   * Refuses a database written by a newer version. A file that is not a database of ours, or is
   * corrupt, is renamed to <path>.corrupt-<unix time> (never deleted) and a fresh database is
   * created; the notice says so. ":memory:" is accepted for tests.
   */
  static tl::expected<std::unique_ptr<RevisionCache>, CacheError> open(
      const std::string& path, std::vector<OpenNotice>* notices = nullptr);

  virtual ~RevisionCache() = default;

  /** Runs the writes of fn in one transaction; rolled back if fn returns an error. */
  virtual tl::expected<void, CacheError> transaction(
      const std::function<tl::expected<void, CacheError>()>& fn) = 0;

  // --- writes (each is atomic on its own; group several with transaction()) ---
  /** The id of the cluster, recorded on first use. */
  virtual tl::expected<std::int64_t, CacheError> clusterId(const ClusterKey& key) = 0;
  /**
   * Inserts by uid, or refreshes last_seen (and the selector). A uid seen under another
   * clusterId moves there: the same server reached through two contexts shares its uids.
   */
  virtual tl::expected<void, CacheError> recordDaemonSet(std::int64_t clusterId,
                                                         const DaemonSetInfo& ds,
                                                         Timestamp seenAt) = 0;
  /** Keeps the first time it is called; an error for an unknown uid. */
  virtual tl::expected<void, CacheError> markDaemonSetDeleted(const std::string& uid,
                                                              Timestamp at) = 0;
  /**
   * Inserts, or updates the revision number (appending to its number history) when changed.
   * Name, data, hash, images, change-cause and created time are kept from the first record.
   * The DaemonSet must be recorded first (an error names it otherwise).
   */
  virtual tl::expected<void, CacheError> recordRevision(const RevisionInfo& rev,
                                                        Timestamp seenAt) = 0;
  /** The cluster no longer has it. Keeps the first time; an error for an unknown uid. */
  virtual tl::expected<void, CacheError> markRevisionPruned(const std::string& uid,
                                                            Timestamp at) = 0;
  /** namespace_ "" stands for a sync of every namespace. The time never goes back. */
  virtual tl::expected<void, CacheError> markSynced(std::int64_t clusterId,
                                                    const std::string& namespace_,
                                                    Timestamp at) = 0;
  /** A new InProgress rollout; returns its id. The DaemonSet must be recorded. */
  virtual tl::expected<std::int64_t, CacheError> startRollout(const std::string& daemonSetUid,
                                                              const std::string& revisionUid,
                                                              Timestamp at,
                                                              std::int64_t nodesDesired) = 0;
  /** Sets outcome, end and nodes updated; InProgress records progress and leaves it open. */
  virtual tl::expected<void, CacheError> finishRollout(std::int64_t rolloutId,
                                                       RolloutOutcome outcome,
                                                       Timestamp at,
                                                       std::int64_t nodesUpdated) = 0;

  // --- reads ---
  virtual tl::expected<std::optional<std::int64_t>, CacheError> findCluster(
      const ClusterKey& key) = 0;
  /** DaemonSets with this namespace/name in the cluster, newest first (deleted ones included). */
  virtual tl::expected<std::vector<DaemonSetRow>, CacheError> findDaemonSets(
      std::int64_t clusterId, const std::string& namespace_, const std::string& name) = 0;
  /** Every DaemonSet of the cluster (namespace "" = all namespaces), sorted by namespace, name. */
  virtual tl::expected<std::vector<DaemonSetRow>, CacheError> listDaemonSets(
      std::int64_t clusterId, const std::string& namespace_) = 0;
  /** Revisions of a DaemonSet sorted by current revision number, ascending. */
  virtual tl::expected<std::vector<RevisionRow>, CacheError> revisions(
      const std::string& daemonSetUid) = 0;
  /** Rollouts of a DaemonSet, oldest first. */
  virtual tl::expected<std::vector<RolloutRow>, CacheError> rollouts(
      const std::string& daemonSetUid) = 0;
  /** The revision uid of the most recent rollout that completed, if any. */
  virtual tl::expected<std::optional<std::string>, CacheError> lastKnownGood(
      const std::string& daemonSetUid) = 0;
  /** The later of the namespace's last sync and the last sync of every namespace (""). */
  virtual tl::expected<std::optional<Timestamp>, CacheError> lastSynced(
      std::int64_t clusterId, const std::string& namespace_) = 0;

  // --- maintenance ---
  /** Counts and sizes; fileBytes includes the WAL. */
  virtual tl::expected<CacheInfo, CacheError> info() = 0;
  /** See PrunePolicy. One transaction; the file does not shrink (no VACUUM). */
  virtual tl::expected<PruneResult, CacheError> prune(const PrunePolicy& policy) = 0;
};

/** "InProgress", "Complete", "Superseded", "Stuck" (also the stored form). */
std::string_view toString(RolloutOutcome outcome);

}  // namespace dsroll::cache
