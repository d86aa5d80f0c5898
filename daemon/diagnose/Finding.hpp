#pragma once
// What diagnose reports: findings, each with a cause, its evidence and the commands that fix it,
// gathered into a report that renders as text or as data for scripts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dsroll::diagnose {

/** Blocking: the rollout cannot finish without action. Warning: wrong or slow, not stuck. */
enum class Severity { Blocking, Warning, Info };

std::string_view toString(Severity severity);

/** One fixing command, and what it does when that is not obvious. */
struct Fix {
  std::string command;
  std::string note;
};

struct Finding {
  std::string kind;  // stable name for scripts: InsufficientResources, BrokenTemplate, ...
  Severity severity = Severity::Warning;
  std::string cause;                  // the headline, one line
  std::vector<std::string> evidence;  // lines; a leading "  " nests a line under the one before
  std::vector<Fix> fixes;
  nlohmann::json data = nlohmann::json::object();  // the evidence as data (-o json)
};

/** Where the rollout stands, as the report's first line and -o json's "progress". */
struct ProgressSummary {
  std::string strategy;  // RollingUpdate, OnDelete
  std::string maxUnavailable;
  std::string maxSurge;
  std::int64_t minReadySeconds = 0;
  std::int64_t generation = 0;
  std::int64_t observedGeneration = 0;
  std::int64_t revision = 0;  // the current template's revision, 0 if unknown
  std::int64_t desired = 0;
  std::int64_t updated = 0;
  std::int64_t available = 0;
  std::int64_t ready = 0;
  bool done = false;
  std::string message;  // kubectl rollout status's line, without newline
};

struct Report {
  std::string namespace_;
  std::string name;
  std::string source = "live";                // "live", or "cache" when the cluster was not asked
  std::optional<ProgressSummary> progress;    // absent when answered from the cache
  std::optional<std::int64_t> lastKnownGood;  // revision number
  std::vector<Finding> findings;              // blocking first, then warnings, then notes
  std::vector<std::string> notes;             // what could not be looked at, and why

  bool blocking() const;
  /** No blocking finding and no warning. */
  bool healthy() const;
};

/** Orders findings by severity, keeping the order within one severity. */
void sortFindings(std::vector<Finding>& findings);

nlohmann::json toJson(const Report& report);

}  // namespace dsroll::diagnose
