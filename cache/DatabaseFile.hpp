#pragma once
// Opening the cache file by the rules of RevisionCache::open: refuse a newer schema, move aside a
// file that is not ours or is corrupt, then configure and migrate.

#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "cache/Database.hpp"

namespace dsroll::cache {

/**
 * Opens path ready for use: WAL, foreign keys, current schema. A file that is not a SQLite
 * database, fails `PRAGMA quick_check`, or carries another application_id is renamed to
 * <path>.corrupt-<unix time> (with its -wal and -shm) and replaced by an empty database, with a
 * notice. A database of a newer schema is refused and left as it was.
 */
tl::expected<Database, CacheError> openCacheDatabase(const std::string& path,
                                                     std::vector<OpenNotice>* notices);

/**
 * Renames path and its -wal, -shm and -journal companions to <path>.corrupt-<now>[-N]<suffix>.
 * Returns the new name of the main file.
 */
tl::expected<std::string, CacheError> moveAside(const std::string& path, std::int64_t now);

}  // namespace dsroll::cache
