#include "cache/Transaction.hpp"

#include <stdexcept>

namespace dsroll::cache {

namespace {
// Savepoints may share a name: ROLLBACK TO and RELEASE act on the innermost one.
constexpr const char* kSavepoint = "SAVEPOINT dsroll_nested";
constexpr const char* kRelease = "RELEASE dsroll_nested";
constexpr const char* kRollbackSavepoint = "ROLLBACK TO dsroll_nested; RELEASE dsroll_nested";
}  // namespace

tl::expected<Transaction, CacheError> Transaction::begin(Database& db) {
  const bool nested = !db.autocommit();
  auto begun = db.exec(nested ? kSavepoint : "BEGIN IMMEDIATE", "starting a transaction");
  if (!begun) {
    return tl::unexpected(begun.error());
  }
  return Transaction(db, nested);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_), nested_(other.nested_), open_(other.open_) {
  other.open_ = false;
}

Transaction::~Transaction() {
  if (!open_) {
    return;
  }
  // Nothing to report to: the writes are discarded either way. A failed COMMIT may already have
  // rolled back, and then this fails harmlessly with "no transaction is active".
  if (nested_) {
    (void)db_->exec(kRollbackSavepoint, "rolling back a savepoint");
  } else if (!db_->autocommit()) {
    (void)db_->exec("ROLLBACK", "rolling back");
  }
}

tl::expected<void, CacheError> Transaction::commit() {
  if (!open_) {
    throw std::logic_error("Transaction::commit called twice");
  }
  auto done = db_->exec(nested_ ? kRelease : "COMMIT", "committing");
  if (done) {
    open_ = false;
  }
  return done;
}

}  // namespace dsroll::cache
