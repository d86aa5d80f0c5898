// Schema 1: clusters, DaemonSets, ControllerRevisions (with every number each has had), the
// rollout log and the last sync per namespace. Released: never edit, add a new step instead.

#include "cache/Migrations.hpp"

namespace dsroll::cache::migrations_impl {

namespace {

// Times are seconds since the Unix epoch. Revisions are keyed by ControllerRevision uid because
// `.revision` changes on undo. `data` is the ControllerRevision's data as served, byte for byte.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE clusters (
  id INTEGER PRIMARY KEY,
  server TEXT NOT NULL,
  context TEXT NOT NULL,
  UNIQUE (server, context)
) STRICT;

CREATE TABLE daemonsets (
  uid TEXT PRIMARY KEY,
  cluster_id INTEGER NOT NULL REFERENCES clusters (id),
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  selector TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  deleted_at INTEGER
) STRICT;
CREATE INDEX daemonsets_by_name ON daemonsets (cluster_id, namespace, name);

CREATE TABLE revisions (
  uid TEXT PRIMARY KEY,
  daemonset_uid TEXT NOT NULL REFERENCES daemonsets (uid),
  name TEXT NOT NULL,
  hash TEXT NOT NULL,
  revision INTEGER NOT NULL,
  change_cause TEXT NOT NULL,
  images TEXT NOT NULL CHECK (json_type(images) = 'array'),
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL,
  pruned_at INTEGER
) STRICT;
CREATE INDEX revisions_by_daemonset ON revisions (daemonset_uid, revision);
CREATE INDEX revisions_by_pruned ON revisions (pruned_at) WHERE pruned_at IS NOT NULL;

CREATE TABLE revision_numbers (
  revision_uid TEXT NOT NULL REFERENCES revisions (uid) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (revision_uid, revision)
) STRICT, WITHOUT ROWID;

CREATE TABLE rollouts (
  id INTEGER PRIMARY KEY,
  daemonset_uid TEXT NOT NULL REFERENCES daemonsets (uid) ON DELETE CASCADE,
  revision_uid TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  outcome TEXT NOT NULL CHECK (outcome IN ('InProgress', 'Complete', 'Superseded', 'Stuck')),
  nodes_desired INTEGER NOT NULL,
  nodes_updated INTEGER NOT NULL
) STRICT;
CREATE INDEX rollouts_by_daemonset ON rollouts (daemonset_uid, started_at);

CREATE TABLE synced (
  cluster_id INTEGER NOT NULL REFERENCES clusters (id),
  namespace TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (cluster_id, namespace)
) STRICT, WITHOUT ROWID;
)sql";

}  // namespace

tl::expected<void, CacheError> initial0001(Database& db) {
  return db.exec(kSchema, "creating the tables");
}

}  // namespace dsroll::cache::migrations_impl
