// Helpers the checks share: lists, durations, IntOrString fields, the revision to go back to.

#include <algorithm>
#include <cmath>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/render/Age.hpp"

namespace dsroll::diagnose {

std::string nameList(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
    out += (i == 0 ? "" : ", ") + names[i];
  }
  if (names.size() > limit) {
    out += " and " + std::to_string(names.size() - limit) + " more";
  }
  return out;
}

std::string duration(std::int64_t seconds) {
  return render::humanDuration(std::chrono::seconds(std::max<std::int64_t>(0, seconds)));
}

std::string intOrString(const nlohmann::json* value, const std::string& fallback) {
  if (value == nullptr || value->is_null()) return fallback;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return std::to_string(value->get<std::int64_t>());
  return fallback;
}

std::int64_t scaledValue(const nlohmann::json* value, std::int64_t total, std::int64_t fallback) {
  if (value == nullptr || value->is_null()) return fallback;
  if (value->is_number_integer()) return value->get<std::int64_t>();
  if (!value->is_string()) return fallback;
  const auto text = value->get<std::string>();
  if (text.empty() || text.back() != '%') return fallback;
  char* end = nullptr;
  const long long percent = std::strtoll(text.c_str(), &end, 10);
  if (end != text.c_str() + text.size() - 1) return fallback;
  // DaemonSets round up (intstr.GetScaledValueFromIntOrPercent(..., true)).
  return static_cast<std::int64_t>(
      std::ceil(static_cast<double>(percent) * static_cast<double>(total) / 100.0));
}

const nlohmann::json* revisionPodSpec(const state::RevisionRecord& revision) {
  return model::at(revision.object, {"data", "spec", "template", "spec"});
}

std::optional<GoodRevision> revisionToRestore(const Snapshot& s) {
  auto find = [&](std::int64_t number) -> const state::RevisionRecord* {
    for (const auto& r : s.revisions) {
      if (r.revision == number) return &r;
    }
    return nullptr;
  };
  if (s.lastKnownGood && *s.lastKnownGood > 0 && *s.lastKnownGood != s.currentRevision) {
    return GoodRevision{*s.lastKnownGood, true, find(*s.lastKnownGood)};
  }
  const state::RevisionRecord* previous = nullptr;
  for (const auto& r : s.revisions) {
    if (r.revision < s.currentRevision &&
        (previous == nullptr || r.revision > previous->revision)) {
      previous = &r;
    }
  }
  if (previous == nullptr) return std::nullopt;
  return GoodRevision{previous->revision, false, previous};
}

}  // namespace dsroll::diagnose
