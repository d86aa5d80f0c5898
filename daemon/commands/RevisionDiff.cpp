#include "daemon/commands/RevisionDiff.hpp"

#include <map>

#include "daemon/render/KubectlYaml.hpp"
#include "daemon/render/UnifiedDiff.hpp"

namespace dsroll::commands {

namespace {

/** One entry per revision number, the live one where there are several. */
std::map<std::int64_t, const HistoryEntry*> byNumber(const std::vector<HistoryEntry>& entries) {
  std::map<std::int64_t, const HistoryEntry*> out;
  for (const auto& e : entries) {
    auto [it, inserted] = out.emplace(e.revision, &e);
    if (!inserted && e.live && !it->second->live) it->second = &e;
  }
  return out;
}

std::string numbersText(const std::map<std::int64_t, const HistoryEntry*>& numbers) {
  std::string out;
  for (const auto& [number, entry] : numbers) {
    if (!out.empty()) out += ", ";
    out += std::to_string(number);
  }
  return out;
}

}  // namespace

tl::expected<DiffPair, std::string> chooseDiffPair(const std::vector<HistoryEntry>& entries,
                                                   std::int64_t from,
                                                   std::int64_t to,
                                                   const std::string& daemonSetName) {
  const auto numbers = byNumber(entries);
  const std::string what = "daemonset \"" + daemonSetName + "\"";
  if (numbers.empty()) {
    return tl::unexpected("no rollout history found for " + what);
  }
  auto find = [&](std::int64_t revision) -> tl::expected<const HistoryEntry*, std::string> {
    auto it = numbers.find(revision);
    if (it == numbers.end()) {
      return tl::unexpected("unable to find the specified revision " + std::to_string(revision) +
                            " (" + what + " has revision" + (numbers.size() > 1 ? "s " : " ") +
                            numbersText(numbers) + ")");
    }
    return it->second;
  };
  const HistoryEntry* current = numbers.rbegin()->second;
  DiffPair pair;
  if (from == 0) {
    if (numbers.size() < 2) {
      return tl::unexpected(what + " has only revision " + numbersText(numbers) +
                            ": there is no previous revision to compare it with");
    }
    pair.from = std::next(numbers.rbegin())->second;
    pair.to = current;
    return pair;
  }
  auto a = find(from);
  if (!a) return tl::unexpected(a.error());
  pair.from = *a;
  if (to == 0) {
    pair.to = current;
    return pair;
  }
  auto b = find(to);
  if (!b) return tl::unexpected(b.error());
  pair.to = *b;
  return pair;
}

std::string revisionLabel(const HistoryEntry& entry) {
  return "revision " + std::to_string(entry.revision) + " (" + entry.name + ")";
}

std::string revisionDiff(const DiffPair& pair, bool color) {
  const std::string a = render::toKubectlYaml(templateOf(pair.from->data));
  const std::string b = render::toKubectlYaml(templateOf(pair.to->data));
  return render::unifiedDiff(a, b, revisionLabel(*pair.from), revisionLabel(*pair.to), 3, color);
}

}  // namespace dsroll::commands
