#include "cache/Statement.hpp"

#include <stdexcept>

#include <sqlite3.h>

namespace dsroll::cache {

StatementScope::~StatementScope() {
  statement_->reset();
}

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const {
  sqlite3_finalize(stmt);
}

Statement::Statement(std::unique_ptr<sqlite3_stmt, Finalizer> stmt) : stmt_(std::move(stmt)) {}

tl::expected<Statement, CacheError> Statement::prepare(Database& db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  // The length is passed, so sql need not be NUL-terminated.
  const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt(raw);
  if (rc != SQLITE_OK) {
    return tl::unexpected(
        sqliteError(db.handle(), rc, "preparing \"" + std::string(sql.substr(0, 60)) + "\""));
  }
  const auto rest = sql.substr(tail ? static_cast<std::size_t>(tail - sql.data()) : sql.size());
  if (!stmt || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    throw std::logic_error("Statement::prepare needs exactly one SQL statement: " +
                           std::string(sql));
  }
  return Statement(std::move(stmt));
}

void Statement::noteBind(int rc) {
  if (rc != SQLITE_OK && bindError_ == 0) {
    bindError_ = rc;
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  noteBind(sqlite3_bind_int64(stmt_.get(), index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  noteBind(sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bindNull(index);
}

Statement& Statement::bindNull(int index) {
  noteBind(sqlite3_bind_null(stmt_.get(), index));
  return *this;
}

tl::expected<bool, CacheError> Statement::step(std::string_view context) {
  sqlite3* db = sqlite3_db_handle(stmt_.get());
  if (bindError_ != 0) {
    const int rc = bindError_;
    bindError_ = 0;
    return tl::unexpected(sqliteError(db, rc, context));
  }
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return tl::unexpected(sqliteError(db, rc, context));
}

tl::expected<void, CacheError> Statement::run(std::string_view context) {
  for (;;) {
    auto more = step(context);
    if (!more) {
      return tl::unexpected(more.error());
    }
    if (!*more) {
      return {};
    }
  }
}

std::int64_t Statement::columnInt64(int index) const {
  return sqlite3_column_int64(stmt_.get(), index);
}

std::optional<std::int64_t> Statement::columnOptionalInt64(int index) const {
  if (columnIsNull(index)) {
    return std::nullopt;
  }
  return columnInt64(index);
}

std::string Statement::columnText(int index) const {
  const auto* text = sqlite3_column_text(stmt_.get(), index);
  if (!text) {
    return {};
  }
  const int bytes = sqlite3_column_bytes(stmt_.get(), index);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
}

bool Statement::columnIsNull(int index) const {
  return sqlite3_column_type(stmt_.get(), index) == SQLITE_NULL;
}

void Statement::reset() {
  if (stmt_) {
    // reset repeats the last step's error, which step() already reported.
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
  }
  bindError_ = 0;
}

}  // namespace dsroll::cache
