#pragma once
// A write transaction that rolls back unless committed. Outermost: BEGIN IMMEDIATE, so the write
// lock is taken up front and a busy database fails at begin rather than halfway. Nested inside
// another transaction: a savepoint, so a failed step undoes only its own writes.

#include <tl/expected.hpp>

#include "cache/Database.hpp"

namespace dsroll::cache {

class Transaction {
 public:
  /** Starts a transaction on db, which must outlive it. */
  static tl::expected<Transaction, CacheError> begin(Database& db);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /** Rolls back unless commit() succeeded. */
  ~Transaction();

  /** Makes the writes permanent (or, nested, part of the enclosing transaction). Once only. */
  tl::expected<void, CacheError> commit();

  bool nested() const { return nested_; }

 private:
  Transaction(Database& db, bool nested) : db_(&db), nested_(nested) {}

  Database* db_;
  bool nested_;
  bool open_ = true;
};

}  // namespace dsroll::cache
