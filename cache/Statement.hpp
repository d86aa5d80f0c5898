#pragma once
// A prepared statement, owned: finalized when the Statement goes away. Statements are prepared
// once and reused; scope() resets one when a use ends.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "cache/Database.hpp"

struct sqlite3_stmt;

namespace dsroll::cache {

class Statement;

/** Resets a statement and clears its bindings when the scope ends. */
class [[nodiscard]] StatementScope {
 public:
  explicit StatementScope(Statement& statement) : statement_(&statement) {}
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;
  ~StatementScope();

 private:
  Statement* statement_;
};

class Statement {
 public:
  /** An empty statement; only assignment and destruction are valid on it. */
  Statement() = default;

  /** Compiles sql (exactly one statement) for db, which must outlive the Statement. */
  static tl::expected<Statement, CacheError> prepare(Database& db, std::string_view sql);

  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  ~Statement() = default;

  /** Resets the statement when the returned scope ends, so a half-read query holds no lock. */
  StatementScope scope() { return StatementScope(*this); }

  // Parameters are 1-based. A failed bind is reported by the next step() or run().
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);  // copied: a temporary is fine
  Statement& bind(int index, std::optional<std::int64_t> value);
  Statement& bindNull(int index);

  /** Runs to the next row: true when a row is ready, false when the statement is done. */
  tl::expected<bool, CacheError> step(std::string_view context);

  /** Runs a statement that returns no rows (or whose rows do not matter) to completion. */
  tl::expected<void, CacheError> run(std::string_view context);

  // Columns are 0-based and valid after step() returned true.
  std::int64_t columnInt64(int index) const;
  std::optional<std::int64_t> columnOptionalInt64(int index) const;
  /** The column's bytes exactly as stored (embedded NULs included); NULL reads as "". */
  std::string columnText(int index) const;
  bool columnIsNull(int index) const;

  /** Back to the start, bindings cleared. */
  void reset();

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };

  explicit Statement(std::unique_ptr<sqlite3_stmt, Finalizer> stmt);
  void noteBind(int rc);

  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  int bindError_ = 0;
};

}  // namespace dsroll::cache
