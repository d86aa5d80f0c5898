#include "cache/Database.hpp"

#include <cerrno>
#include <cstring>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dsroll::cache {

namespace {

// The daemon is the only writer; a reader (sqlite3 CLI, a second daemon starting up) may hold a
// lock briefly, so waiting a few seconds beats failing.
constexpr int kBusyTimeoutMs = 5000;

std::string displayName(sqlite3* db) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  return (file && *file) ? std::string(file) : std::string(":memory:");
}

// SQLite retries a failed read-write open read-only, so for a new file in a directory we may not
// write it reports the retry's ENOENT. The directory's own access says what went wrong.
int openErrno(sqlite3* db, const std::string& path) {
  int err = db ? sqlite3_system_errno(db) : 0;
  if (err == ENOENT) {
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) &&
        ::access(dir.c_str(), W_OK | X_OK) != 0) {
      err = errno;
    }
  }
  return err;
}

std::string openFailure(sqlite3* db, int rc, const std::string& path) {
  std::string why;
  if (rc == SQLITE_CANTOPEN_SYMLINK) {
    why = "it is a symbolic link";
  } else if (const int err = openErrno(db, path); err != 0) {
    why = std::strerror(err);
  } else {
    why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  }
  return "cannot open cache database " + path + ": " + why;
}

}  // namespace

CacheError sqliteError(sqlite3* db, int rc, std::string_view context) {
  std::string message = "cache database " + displayName(db) + ": ";
  message.append(context);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  // For I/O failures the errno says more than SQLite's "unable to open database file".
  const int primary = rc & 0xff;
  if (db && (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_READONLY)) {
    if (const int err = sqlite3_system_errno(db); err != 0) {
      message += " (";
      message += std::strerror(err);
      message += ")";
    }
  }
  return CacheError{std::move(message), rc};
}

void Database::Closer::operator()(sqlite3* db) const {
  // Every statement is finalized before its Database goes away, so close cannot be busy.
  sqlite3_close(db);
}

Database::Database(std::unique_ptr<sqlite3, Closer> db, std::string path)
    : db_(std::move(db)), path_(std::move(path)) {}

tl::expected<Database, CacheError> Database::open(const std::string& path) {
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, Closer> db(raw);
  if (rc != SQLITE_OK) {
    return tl::unexpected(CacheError{openFailure(raw, rc, path), rc});
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // An existing file we may not write is opened read-only without an error; say so now rather
  // than at the first write.
  if (sqlite3_db_readonly(raw, "main") == 1) {
    return tl::unexpected(CacheError{
        "cache database " + path + " is not writable: " + std::strerror(EACCES), SQLITE_READONLY});
  }
  return Database(std::move(db), path);
}

tl::expected<void, CacheError> Database::configure() {
  if (!inMemory()) {
    // Revision rows are 2-3 KB: 8 KiB pages pack them with a third less waste than 4 KiB.
    // Only a new, empty database takes it (and only before WAL is on); older files keep theirs.
    if (auto paged = exec("PRAGMA page_size = 8192", "setting the page size"); !paged) {
      return paged;
    }
    // journal_mode answers with the mode in effect, which stays "delete" when WAL is refused.
    auto mode = queryText("PRAGMA journal_mode = WAL", "switching to WAL mode");
    if (!mode) {
      return tl::unexpected(mode.error());
    }
    if (*mode != "wal") {
      return tl::unexpected(CacheError{"cache database " + path_ + ": WAL mode was refused"});
    }
  }
  return exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", "configuring");
}

tl::expected<void, CacheError> Database::exec(std::string_view sql, std::string_view context) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return tl::unexpected(sqliteError(db_.get(), rc, context));
  }
  return {};
}

template <typename T, typename Read>
tl::expected<T, CacheError> Database::queryFirst(std::string_view sql,
                                                 std::string_view context,
                                                 Read read) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc != SQLITE_OK) {
    return tl::unexpected(sqliteError(db_.get(), rc, context));
  }
  rc = sqlite3_step(raw);
  if (rc == SQLITE_ROW) {
    return read(raw);
  }
  if (rc == SQLITE_DONE) {
    return tl::unexpected(CacheError{"cache database " + displayName(db_.get()) + ": " +
                                     std::string(context) + ": the query returned no row"});
  }
  return tl::unexpected(sqliteError(db_.get(), rc, context));
}

tl::expected<std::int64_t, CacheError> Database::queryInt64(std::string_view sql,
                                                            std::string_view context) {
  return queryFirst<std::int64_t>(sql, context,
                                  [](sqlite3_stmt* stmt) { return sqlite3_column_int64(stmt, 0); });
}

tl::expected<std::string, CacheError> Database::queryText(std::string_view sql,
                                                          std::string_view context) {
  return queryFirst<std::string>(sql, context, [](sqlite3_stmt* stmt) {
    const auto* text = sqlite3_column_text(stmt, 0);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(sqlite3_column_bytes(stmt, 0)))
                : std::string();
  });
}

std::string Database::fileName() const {
  const char* file = sqlite3_db_filename(db_.get(), "main");
  return file ? std::string(file) : std::string();
}

std::int64_t Database::changes() const {
  return sqlite3_changes64(db_.get());
}

std::int64_t Database::lastInsertRowid() const {
  return sqlite3_last_insert_rowid(db_.get());
}

bool Database::autocommit() const {
  return sqlite3_get_autocommit(db_.get()) != 0;
}

}  // namespace dsroll::cache
