#pragma once
// The schema, one numbered step per version (cache/migrations/000N_<what>.cpp). Each step runs in
// its own BEGIN IMMEDIATE together with the `PRAGMA user_version` bump, so a crash leaves the
// database at one version or the next, never between. Steps are never edited once released:
// a change is a new step.

#include <cstdint>
#include <span>
#include <string_view>

#include <tl/expected.hpp>

#include "cache/Database.hpp"

namespace dsroll::cache {

/** `PRAGMA application_id` of every kubectl-dsroll cache: "DSRL". */
inline constexpr std::int32_t kApplicationId = 0x4453524c;

struct Migration {
  int version;  // user_version after this step
  std::string_view description;
  tl::expected<void, CacheError> (*apply)(Database& db);
};

/** Every step, in order: versions 1, 2, ... */
std::span<const Migration> migrations();

/** The schema version this build writes: the last step's version. */
int latestSchemaVersion();

/**
 * Applies the steps above the database's user_version, each in its own transaction with its
 * version bump (and, for the first, the application_id). Refuses a database whose version is
 * newer than the last step.
 */
tl::expected<void, CacheError> migrate(Database& db, std::span<const Migration> steps);
inline tl::expected<void, CacheError> migrate(Database& db) {
  return migrate(db, migrations());
}

/** The message for a database written by a newer build (schema `found`, this build `known`). */
std::string newerSchemaMessage(const std::string& path, std::int64_t found, int known);

namespace migrations_impl {
tl::expected<void, CacheError> initial0001(Database& db);
}  // namespace migrations_impl

}  // namespace dsroll::cache
