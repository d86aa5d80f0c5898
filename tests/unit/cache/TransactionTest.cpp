#include "cache/Transaction.hpp"

#include <gtest/gtest.h>

namespace dsroll::cache {
namespace {

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(":memory:");
    ASSERT_TRUE(opened);
    db_.emplace(std::move(*opened));
    ASSERT_TRUE(db_->exec("CREATE TABLE t (x INTEGER)", "creating t"));
  }

  std::int64_t rows() { return db_->queryInt64("SELECT count(*) FROM t", "counting").value(); }
  void insert() { ASSERT_TRUE(db_->exec("INSERT INTO t VALUES (1)", "inserting")); }

  std::optional<Database> db_;
};

TEST_F(TransactionTest, RollsBackUnlessCommitted) {
  {
    auto tx = Transaction::begin(*db_);
    ASSERT_TRUE(tx);
    EXPECT_FALSE(tx->nested());
    insert();
    EXPECT_EQ(rows(), 1);
  }
  EXPECT_EQ(rows(), 0);
  EXPECT_TRUE(db_->autocommit());
}

TEST_F(TransactionTest, CommitKeepsTheWrites) {
  auto tx = Transaction::begin(*db_);
  ASSERT_TRUE(tx);
  insert();
  ASSERT_TRUE(tx->commit());
  EXPECT_TRUE(db_->autocommit());
  EXPECT_EQ(rows(), 1);
}

TEST_F(TransactionTest, NestedRollbackUndoesOnlyItsOwnWrites) {
  auto outer = Transaction::begin(*db_);
  ASSERT_TRUE(outer);
  insert();
  {
    auto inner = Transaction::begin(*db_);
    ASSERT_TRUE(inner);
    EXPECT_TRUE(inner->nested());
    insert();
    EXPECT_EQ(rows(), 2);
  }
  EXPECT_EQ(rows(), 1);
  EXPECT_FALSE(db_->autocommit());
  {
    auto inner = Transaction::begin(*db_);
    ASSERT_TRUE(inner);
    insert();
    ASSERT_TRUE(inner->commit());
  }
  ASSERT_TRUE(outer->commit());
  EXPECT_EQ(rows(), 2);
}

TEST_F(TransactionTest, OuterRollbackUndoesCommittedNestedWrites) {
  {
    auto outer = Transaction::begin(*db_);
    ASSERT_TRUE(outer);
    auto inner = Transaction::begin(*db_);
    ASSERT_TRUE(inner);
    insert();
    ASSERT_TRUE(inner->commit());
  }
  EXPECT_EQ(rows(), 0);
}

TEST_F(TransactionTest, MovedFromTransactionDoesNothing) {
  auto tx = Transaction::begin(*db_);
  ASSERT_TRUE(tx);
  insert();
  Transaction moved = std::move(*tx);
  tx = tl::unexpected(CacheError{});  // destroys the moved-from one: no rollback
  EXPECT_FALSE(db_->autocommit());
  ASSERT_TRUE(moved.commit());
  EXPECT_EQ(rows(), 1);
}

TEST_F(TransactionTest, SecondCommitIsABug) {
  auto tx = Transaction::begin(*db_);
  ASSERT_TRUE(tx);
  ASSERT_TRUE(tx->commit());
  EXPECT_THROW((void)tx->commit(), std::logic_error);
}

TEST_F(TransactionTest, NestsInsideATransactionStartedElsewhere) {
  ASSERT_TRUE(db_->exec("BEGIN", "test"));
  auto tx = Transaction::begin(*db_);
  ASSERT_TRUE(tx);
  EXPECT_TRUE(tx->nested());
}

}  // namespace
}  // namespace dsroll::cache
