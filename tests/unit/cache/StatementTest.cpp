#include "cache/Statement.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace dsroll::cache {
namespace {

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    db_.emplace(std::move(*opened));
    ASSERT_TRUE(db_->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT) STRICT",
                          "creating t"));
  }

  Statement prepare(std::string_view sql) {
    auto statement = Statement::prepare(*db_, sql);
    EXPECT_TRUE(statement) << statement.error().message;
    return std::move(*statement);
  }

  std::optional<Database> db_;
};

TEST_F(StatementTest, BindsAndReadsBackExactBytes) {
  Statement insert = prepare("INSERT INTO t (n, s) VALUES (?1, ?2)");
  Statement select = prepare("SELECT n, s FROM t WHERE id = ?1");
  const std::string bytes("{\"a\":\"caf\xc3\xa9\",\"nul\":\"x\0y\"}\n  ", 31);
  {
    auto scope = insert.scope();
    insert.bind(1, std::int64_t{-42}).bind(2, std::string_view(bytes));
    ASSERT_TRUE(insert.run("inserting"));
  }
  auto scope = select.scope();
  select.bind(1, db_->lastInsertRowid());
  ASSERT_TRUE(select.step("selecting").value());
  EXPECT_EQ(select.columnInt64(0), -42);
  EXPECT_EQ(select.columnText(1), bytes);
  EXPECT_FALSE(select.step("selecting").value());
}

TEST_F(StatementTest, OptionalBindsNullAndReadsNull) {
  Statement insert = prepare("INSERT INTO t (n, s) VALUES (?1, ?2)");
  Statement select = prepare("SELECT n, s FROM t");
  {
    auto scope = insert.scope();
    insert.bind(1, std::optional<std::int64_t>()).bindNull(2);
    ASSERT_TRUE(insert.run("inserting"));
  }
  auto scope = select.scope();
  ASSERT_TRUE(select.step("selecting").value());
  EXPECT_TRUE(select.columnIsNull(0));
  EXPECT_EQ(select.columnOptionalInt64(0), std::nullopt);
  EXPECT_EQ(select.columnText(1), "");
}

TEST_F(StatementTest, IsReusedFromTheStartAfterItsScope) {
  ASSERT_TRUE(db_->exec("INSERT INTO t (n) VALUES (1), (2), (3)", "filling"));
  Statement select = prepare("SELECT n FROM t WHERE n >= ?1 ORDER BY n");
  for (int round = 0; round < 3; ++round) {
    auto scope = select.scope();
    select.bind(1, std::int64_t{2});
    ASSERT_TRUE(select.step("selecting").value());
    EXPECT_EQ(select.columnInt64(0), 2);  // left half-read on purpose
  }
}

TEST_F(StatementTest, HalfReadQueryHoldsNoLockAfterItsScope) {
  ASSERT_TRUE(db_->exec("INSERT INTO t (n) VALUES (1), (2)", "filling"));
  Statement select = prepare("SELECT n FROM t");
  {
    auto scope = select.scope();
    ASSERT_TRUE(select.step("selecting").value());
  }
  // A pending read would make DROP TABLE fail with "database table is locked".
  EXPECT_TRUE(db_->exec("DROP TABLE t", "dropping"));
}

TEST_F(StatementTest, BindErrorIsReportedByStep) {
  Statement insert = prepare("INSERT INTO t (n) VALUES (?1)");
  auto scope = insert.scope();
  insert.bind(5, std::int64_t{1});
  auto ran = insert.run("inserting n");
  ASSERT_FALSE(ran);
  EXPECT_EQ(ran.error().code, SQLITE_RANGE);
  EXPECT_NE(ran.error().message.find("inserting n"), std::string::npos);
}

TEST_F(StatementTest, StepErrorCarriesTheExtendedCode) {
  Statement insert = prepare("INSERT INTO t (id, n) VALUES (?1, 1)");
  for (int i = 0; i < 2; ++i) {
    auto scope = insert.scope();
    insert.bind(1, std::int64_t{7});
    auto ran = insert.run("inserting row 7");
    if (i == 0) {
      ASSERT_TRUE(ran);
    } else {
      ASSERT_FALSE(ran);
      EXPECT_EQ(ran.error().code, SQLITE_CONSTRAINT_PRIMARYKEY);
    }
  }
}

TEST_F(StatementTest, PrepareErrorNamesTheStatement) {
  auto bad = Statement::prepare(*db_, "SELECT nope FROM t");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("preparing \"SELECT nope FROM t\": no such column: nope"),
            std::string::npos)
      << bad.error().message;
}

TEST_F(StatementTest, PrepareUsesTheLengthNotATerminator) {
  const std::string text = "SELECT 7; garbage that is never parsed";
  auto statement = Statement::prepare(*db_, std::string_view(text).substr(0, 8));
  ASSERT_TRUE(statement);
  auto scope = statement->scope();
  ASSERT_TRUE(statement->step("selecting").value());
  EXPECT_EQ(statement->columnInt64(0), 7);
}

TEST_F(StatementTest, MoreThanOneStatementIsABug) {
  EXPECT_THROW((void)Statement::prepare(*db_, "SELECT 1; SELECT 2"), std::logic_error);
}

}  // namespace
}  // namespace dsroll::cache
