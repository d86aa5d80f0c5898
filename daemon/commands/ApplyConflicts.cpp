#include "daemon/commands/ApplyConflicts.hpp"

#include <algorithm>

#include "daemon/commands/ChangeCause.hpp"

namespace dsroll::commands {

namespace {

const std::string kConflictWith = "conflict with ";

/** "\"kubectl-set\" using apps/v1" -> kubectl-set */
std::string managerName(const std::string& manager) {
  if (manager.size() < 2 || manager.front() != '"') return manager;
  const auto end = manager.find('"', 1);
  return end == std::string::npos ? manager : manager.substr(1, end - 1);
}

}  // namespace

std::vector<FieldConflict> applyConflicts(
    const std::vector<std::pair<std::string, std::string>>& causes) {
  std::vector<FieldConflict> out;
  for (const auto& [field, message] : causes) {
    if (message.rfind(kConflictWith, 0) != 0) continue;
    out.push_back({message.substr(kConflictWith.size()), field});
  }
  return out;
}

bool forceableConflicts(const std::vector<FieldConflict>& conflicts, bool settingChangeCause) {
  const std::string causeField = ".metadata.annotations." + kChangeCauseAnnotation;
  return !conflicts.empty() &&
         std::all_of(conflicts.begin(), conflicts.end(), [&](const FieldConflict& c) {
           return managerName(c.manager) == kFieldManager ||
                  (settingChangeCause && c.field == causeField);
         });
}

std::string conflictMessage(const std::vector<FieldConflict>& conflicts) {
  // Grouped by manager in the server's order of first mention, fields in the server's order.
  std::vector<std::pair<std::string, std::vector<std::string>>> byManager;
  for (const auto& c : conflicts) {
    auto it = std::find_if(byManager.begin(), byManager.end(),
                           [&](const auto& entry) { return entry.first == c.manager; });
    if (it == byManager.end()) {
      byManager.push_back({c.manager, {}});
      it = std::prev(byManager.end());
    }
    it->second.push_back(c.field);
  }
  const std::size_t n = conflicts.size();
  std::string line =
      "Apply failed with " + std::to_string(n) + (n == 1 ? " conflict: " : " conflicts: ");
  for (std::size_t i = 0; i < byManager.size(); ++i) {
    const auto& [manager, fields] = byManager[i];
    if (i > 0) line += "; ";
    line += (fields.size() == 1 ? "conflict with " : "conflicts with ") + manager + ":";
    for (std::size_t f = 0; f < fields.size(); ++f)
      line += (f == 0 ? " " : ", ") + fields[f];
  }
  return line +
         " (these fields have other managers: run again with --force-conflicts to take them "
         "over, or remove them from the manifest)";
}

}  // namespace dsroll::commands
