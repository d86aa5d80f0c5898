#include "cache/Database.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/unit/cache/CacheTestSupport.hpp"

namespace dsroll::cache {
namespace {

using test::TempDir;

TEST(DatabaseTest, OpensInMemory) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_TRUE(db->inMemory());
  EXPECT_EQ(db->fileName(), "");
  ASSERT_TRUE(db->configure());
  EXPECT_EQ(db->queryInt64("PRAGMA foreign_keys", "test").value(), 1);
}

TEST(DatabaseTest, ConfigureTurnsOnWalNormalSyncAndForeignKeys) {
  TempDir dir;
  auto db = Database::open(dir.file("cache.db"));
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE(db->configure());
  EXPECT_EQ(db->queryText("PRAGMA journal_mode", "test").value(), "wal");
  EXPECT_EQ(db->queryInt64("PRAGMA synchronous", "test").value(), 1);  // NORMAL
  EXPECT_EQ(db->queryInt64("PRAGMA foreign_keys", "test").value(), 1);
  EXPECT_EQ(db->queryInt64("PRAGMA busy_timeout", "test").value(), 5000);
  EXPECT_EQ(db->fileName(), std::filesystem::canonical(dir.path()).string() + "/cache.db");
}

TEST(DatabaseTest, OpenWritesNothingUntilConfigured) {
  TempDir dir;
  const std::string path = dir.file("cache.db");
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db);
    EXPECT_EQ(db->queryInt64("PRAGMA user_version", "test").value(), 0);
  }
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
}

TEST(DatabaseTest, ErrorsNameTheFileTheContextAndCarryTheCode) {
  TempDir dir;
  auto db = Database::open(dir.file("cache.db"));
  ASSERT_TRUE(db);
  auto failed =
      db->exec("CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES ('text')", "filling t");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, SQLITE_CONSTRAINT_DATATYPE);
  EXPECT_NE(failed.error().message.find("cache.db: filling t: cannot store TEXT value"),
            std::string::npos)
      << failed.error().message;

  auto noRow = db->queryInt64("SELECT x FROM t", "reading t");
  ASSERT_FALSE(noRow);
  EXPECT_NE(noRow.error().message.find("reading t: the query returned no row"), std::string::npos);
}

TEST(DatabaseTest, RefusesASymbolicLink) {
  TempDir dir;
  const std::string target = dir.file("real.db");
  const std::string link = dir.file("cache.db");
  std::filesystem::create_symlink(target, link);
  auto db = Database::open(link);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().message, "cannot open cache database " + link + ": it is a symbolic link");
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(DatabaseTest, MissingDirectoryGivesThePathAndTheErrno) {
  TempDir dir;
  const std::string path = dir.file("absent/cache.db");
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().message,
            "cannot open cache database " + path + ": No such file or directory");
}

TEST(DatabaseTest, TracksAutocommitChangesAndRowids) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)", "test"));
  EXPECT_TRUE(db->autocommit());
  ASSERT_TRUE(db->exec("BEGIN", "test"));
  EXPECT_FALSE(db->autocommit());
  ASSERT_TRUE(db->exec("INSERT INTO t (x) VALUES (1), (2), (3)", "test"));
  EXPECT_EQ(db->changes(), 3);
  EXPECT_EQ(db->lastInsertRowid(), 3);
  ASSERT_TRUE(db->exec("COMMIT", "test"));
  EXPECT_TRUE(db->autocommit());
}

TEST(DatabaseTest, MovesKeepTheConnection) {
  auto db = Database::open(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->exec("CREATE TABLE t (x)", "test"));
  Database moved = std::move(*db);
  EXPECT_EQ(moved.queryInt64("SELECT count(*) FROM t", "test").value(), 0);
}

}  // namespace
}  // namespace dsroll::cache
