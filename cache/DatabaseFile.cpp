#include "cache/DatabaseFile.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>

#include <sqlite3.h>
#include <sys/stat.h>

#include "cache/Migrations.hpp"

namespace dsroll::cache {

namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool isCorruption(const CacheError& error) {
  const int primary = error.code & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

std::string hex(std::int64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%08llx",
                static_cast<unsigned long long>(static_cast<std::uint32_t>(value)));
  return buffer;
}

// quick_check answers "*** in database main ***\nPage 34: ...\nPage 33: ..."; a notice is one line.
std::string firstProblem(std::string report) {
  constexpr std::string_view kBanner = "*** in database main ***";
  if (report.rfind(kBanner, 0) == 0) {
    report.erase(0, kBanner.size());
  }
  report.erase(0, report.find_first_not_of("\n "));
  if (const auto end = report.find('\n'); end != std::string::npos) {
    report = report.substr(0, end) + " ...";
  }
  return report;
}

/** Why the file cannot be used as it is (it will be moved aside), or nullopt when it can. */
tl::expected<std::optional<std::string>, CacheError> inspect(Database& db) {
  using Verdict = std::optional<std::string>;
  auto appId = db.queryInt64("PRAGMA application_id", "reading the application id");
  if (!appId) {
    if (isCorruption(appId.error())) {
      return Verdict(sqlite3_errstr(appId.error().code));
    }
    return tl::unexpected(appId.error());
  }
  auto version = db.queryInt64("PRAGMA user_version", "reading the schema version");
  if (!version) {
    return tl::unexpected(version.error());
  }
  if (*appId != kApplicationId) {
    if (*appId != 0) {
      return Verdict("application id " + hex(*appId) + " is not kubectl-dsroll's");
    }
    auto objects = db.queryInt64("SELECT count(*) FROM sqlite_schema", "reading the schema");
    if (!objects) {
      if (isCorruption(objects.error())) {
        return Verdict(sqlite3_errstr(objects.error().code));
      }
      return tl::unexpected(objects.error());
    }
    if (*objects != 0 || *version != 0) {
      return Verdict("a SQLite database of another program");
    }
    return Verdict();  // empty: a new file
  }
  if (*version > latestSchemaVersion()) {
    return tl::unexpected(
        CacheError{newerSchemaMessage(db.path(), *version, latestSchemaVersion())});
  }
  auto check = db.queryText("PRAGMA quick_check", "checking integrity");
  if (!check) {
    if (isCorruption(check.error())) {
      return Verdict(sqlite3_errstr(check.error().code));
    }
    return tl::unexpected(check.error());
  }
  if (*check != "ok") {
    return Verdict("integrity check failed: " + firstProblem(*check));
  }
  return Verdict();
}

tl::expected<Database, CacheError> prepare(Database db) {
  if (auto configured = db.configure(); !configured) {
    return tl::unexpected(configured.error());
  }
  if (auto migrated = migrate(db); !migrated) {
    return tl::unexpected(migrated.error());
  }
  return db;
}

}  // namespace

tl::expected<std::string, CacheError> moveAside(const std::string& path, std::int64_t now) {
  const std::string stem = path + ".corrupt-" + std::to_string(now);
  std::string target = stem;
  for (int n = 1; exists(target); ++n) {
    target = stem + "-" + std::to_string(n);
  }
  // The main file first: once it is gone nothing will apply a stale WAL to it, and a WAL left
  // behind is moved next (a fresh database must not replay it).
  for (const std::string suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string from = path + suffix;
    if (suffix.empty() || exists(from)) {
      if (::rename(from.c_str(), (target + suffix).c_str()) != 0) {
        return tl::unexpected(CacheError{"cannot move " + from + " to " + target + suffix + ": " +
                                         std::strerror(errno)});
      }
    }
  }
  return target;
}

tl::expected<Database, CacheError> openCacheDatabase(const std::string& path,
                                                     std::vector<OpenNotice>* notices) {
  auto db = Database::open(path);
  if (!db) {
    return tl::unexpected(db.error());
  }
  if (db->inMemory()) {
    return prepare(std::move(*db));
  }
  // Until the file is known to be ours, closing must not checkpoint a WAL into it.
  sqlite3_db_config(db->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  auto verdict = inspect(*db);
  if (!verdict) {
    return tl::unexpected(verdict.error());
  }
  if (!*verdict) {
    sqlite3_db_config(db->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    return prepare(std::move(*db));
  }
  db = tl::unexpected(CacheError{});  // close it before renaming
  auto moved = moveAside(path, static_cast<std::int64_t>(std::time(nullptr)));
  if (!moved) {
    return tl::unexpected(CacheError{"cache database " + path + " is unusable (" + **verdict +
                                     ") and " + moved.error().message});
  }
  if (notices) {
    notices->push_back(OpenNotice{"cache database " + path + " was unusable (" + **verdict +
                                  "); moved it to " + *moved + " and started an empty cache"});
  }
  auto fresh = Database::open(path);
  if (!fresh) {
    return tl::unexpected(fresh.error());
  }
  return prepare(std::move(*fresh));
}

}  // namespace dsroll::cache
