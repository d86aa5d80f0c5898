#include "cache/Migrations.hpp"

#include <array>

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace dsroll::cache {
namespace {

Database openMemory() {
  auto db = Database::open(":memory:");
  EXPECT_TRUE(db);
  EXPECT_TRUE(db->configure());
  return std::move(*db);
}

std::int64_t pragma(Database& db, const char* sql) {
  return db.queryInt64(sql, "test").value();
}

TEST(MigrationsTest, VersionsAreConsecutiveFromOne) {
  int expected = 1;
  for (const Migration& step : migrations()) {
    EXPECT_EQ(step.version, expected++) << step.description;
  }
  EXPECT_EQ(latestSchemaVersion(), expected - 1);
}

TEST(MigrationsTest, MigratesAFreshDatabaseAndSetsTheApplicationId) {
  Database db = openMemory();
  ASSERT_TRUE(migrate(db));
  EXPECT_EQ(pragma(db, "PRAGMA user_version"), latestSchemaVersion());
  EXPECT_EQ(pragma(db, "PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(pragma(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 6);
  EXPECT_EQ(pragma(db, "SELECT count(*) FROM pragma_table_list WHERE strict = 1"), 6);
  EXPECT_TRUE(db.autocommit());
}

TEST(MigrationsTest, RunningAgainChangesNothing) {
  Database db = openMemory();
  ASSERT_TRUE(migrate(db));
  const auto changes = pragma(db, "SELECT total_changes()");
  ASSERT_TRUE(migrate(db));
  EXPECT_EQ(pragma(db, "SELECT total_changes()"), changes);
}

TEST(MigrationsTest, TablesAreStrict) {
  Database db = openMemory();
  ASSERT_TRUE(migrate(db));
  auto bad = db.exec("INSERT INTO clusters (server, context) VALUES (1, x'00')", "test");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, SQLITE_CONSTRAINT_DATATYPE);
}

tl::expected<void, CacheError> createA(Database& db) {
  return db.exec("CREATE TABLE a (x INTEGER) STRICT", "creating a");
}

// Creates b, then fails: the step must leave neither b nor its version bump behind.
tl::expected<void, CacheError> createBThenFail(Database& db) {
  if (auto created = db.exec("CREATE TABLE b (x INTEGER) STRICT", "creating b"); !created) {
    return created;
  }
  return db.exec("INSERT INTO missing VALUES (1)", "filling b");
}

TEST(MigrationsTest, AFailedStepRollsBackWithItsVersionBump) {
  const std::array steps{Migration{1, "a", &createA}, Migration{2, "b", &createBThenFail}};
  Database db = openMemory();
  auto migrated = migrate(db, steps);
  ASSERT_FALSE(migrated);
  EXPECT_NE(migrated.error().message.find("no such table: missing (migrating to schema 2 (b))"),
            std::string::npos)
      << migrated.error().message;
  EXPECT_EQ(pragma(db, "PRAGMA user_version"), 1);
  EXPECT_EQ(pragma(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'a'"), 1);
  EXPECT_EQ(pragma(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), 0);
  EXPECT_TRUE(db.autocommit());
}

TEST(MigrationsTest, ContinuesFromTheStoredVersion) {
  const std::array first{Migration{1, "a", &createA}};
  const std::array both{Migration{1, "a", &createA},
                        Migration{2, "c", [](Database& db) {
                                    return db.exec("CREATE TABLE c (x INTEGER)", "creating c");
                                  }}};
  Database db = openMemory();
  ASSERT_TRUE(migrate(db, first));
  ASSERT_TRUE(migrate(db, both));  // step 1 would fail if it ran again: a exists
  EXPECT_EQ(pragma(db, "PRAGMA user_version"), 2);
}

TEST(MigrationsTest, RefusesANewerSchema) {
  Database db = openMemory();
  ASSERT_TRUE(db.exec("PRAGMA user_version = 99", "test"));
  auto migrated = migrate(db);
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().message,
            "cache database :memory: was written by a newer kubectl-dsroll (schema 99, this "
            "build knows " +
                std::to_string(latestSchemaVersion()) +
                "); upgrade kubectl-dsroll or move the file away");
  EXPECT_EQ(pragma(db, "PRAGMA user_version"), 99);
}

}  // namespace
}  // namespace dsroll::cache
