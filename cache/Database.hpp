#pragma once
// One SQLite connection, owned: closed when the Database goes away.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "cache/RevisionCache.hpp"

struct sqlite3;

namespace dsroll::cache {

/**
 * A CacheError for a failed SQLite call on db: "cache database <file>: <context>: <sqlite
 * message>", carrying the extended result code rc.
 */
CacheError sqliteError(sqlite3* db, int rc, std::string_view context);

/** An open SQLite connection. Move-only; the handle is closed by the destructor. */
class Database {
 public:
  /**
   * Opens (creating if absent) the database at path with READWRITE|CREATE|NOFOLLOW, extended
   * result codes and a busy timeout. Writes nothing: the file is not touched until configure()
   * or a write, so a caller can inspect a database it may refuse. ":memory:" opens a private
   * in-memory database.
   */
  static tl::expected<Database, CacheError> open(const std::string& path);

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  ~Database() = default;

  /** journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON. WAL writes the file header. */
  tl::expected<void, CacheError> configure();

  /** Runs one or more statements that return no rows of interest (DDL, pragmas). */
  tl::expected<void, CacheError> exec(std::string_view sql, std::string_view context);

  /** Runs a query whose first column of the first row is an integer (a pragma, a count). */
  tl::expected<std::int64_t, CacheError> queryInt64(std::string_view sql, std::string_view context);
  /** Like queryInt64 for a text column (NULL reads as ""). */
  tl::expected<std::string, CacheError> queryText(std::string_view sql, std::string_view context);

  /** The path as given to open(). */
  const std::string& path() const { return path_; }
  bool inMemory() const { return path_ == ":memory:"; }
  /** The absolute file name SQLite resolved, "" for an in-memory database. */
  std::string fileName() const;

  /** Rows changed by the most recent INSERT, UPDATE or DELETE. */
  std::int64_t changes() const;
  std::int64_t lastInsertRowid() const;
  /** False inside an explicit transaction. */
  bool autocommit() const;

  sqlite3* handle() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };

  Database(std::unique_ptr<sqlite3, Closer> db, std::string path);

  template <typename T, typename Read>
  tl::expected<T, CacheError> queryFirst(std::string_view sql, std::string_view context, Read read);

  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
};

}  // namespace dsroll::cache
