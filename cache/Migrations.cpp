#include "cache/Migrations.hpp"

#include <array>
#include <string>

#include "cache/Transaction.hpp"

namespace dsroll::cache {

namespace {

constexpr std::array kMigrations{
    Migration{1, "initial schema", &migrations_impl::initial0001},
};

tl::expected<void, CacheError> applyStep(Database& db, const Migration& step) {
  auto tx = Transaction::begin(db);
  if (!tx) {
    return tl::unexpected(tx.error());
  }
  // Read again under the write lock: another process may have migrated meanwhile.
  auto version = db.queryInt64("PRAGMA user_version", "reading the schema version");
  if (!version) {
    return tl::unexpected(version.error());
  }
  if (*version >= step.version) {
    return {};
  }
  if (*version != step.version - 1) {
    return tl::unexpected(CacheError{"cache database " + db.path() + ": schema version " +
                                     std::to_string(*version) + " cannot be migrated to " +
                                     std::to_string(step.version)});
  }
  const std::string context = "migrating to schema " + std::to_string(step.version) + " (" +
                              std::string(step.description) + ")";
  if (auto applied = step.apply(db); !applied) {
    return tl::unexpected(
        CacheError{applied.error().message + " (" + context + ")", applied.error().code});
  }
  std::string bump = "PRAGMA user_version = " + std::to_string(step.version);
  if (*version == 0) {
    bump += "; PRAGMA application_id = " + std::to_string(kApplicationId);
  }
  if (auto bumped = db.exec(bump, context); !bumped) {
    return bumped;
  }
  return tx->commit();
}

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latestSchemaVersion() {
  return kMigrations.back().version;
}

std::string newerSchemaMessage(const std::string& path, std::int64_t found, int known) {
  return "cache database " + path + " was written by a newer kubectl-dsroll (schema " +
         std::to_string(found) + ", this build knows " + std::to_string(known) +
         "); upgrade kubectl-dsroll or move the file away";
}

tl::expected<void, CacheError> migrate(Database& db, std::span<const Migration> steps) {
  const int latest = steps.empty() ? 0 : steps.back().version;
  auto version = db.queryInt64("PRAGMA user_version", "reading the schema version");
  if (!version) {
    return tl::unexpected(version.error());
  }
  if (*version > latest) {
    return tl::unexpected(CacheError{newerSchemaMessage(db.path(), *version, latest)});
  }
  for (const Migration& step : steps) {
    if (step.version > *version) {
      if (auto applied = applyStep(db, step); !applied) {
        return applied;
      }
    }
  }
  return {};
}

}  // namespace dsroll::cache
