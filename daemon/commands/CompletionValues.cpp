#include "daemon/commands/CompletionValues.hpp"

#include <algorithm>
#include <set>

#include "daemon/model/Json.hpp"

namespace dsroll::commands {

namespace {

constexpr int kNoSpace = 2;
constexpr int kNoFileComp = 4;
constexpr int kKeepOrder = 32;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : ",") + item;
  return out;
}

/** The image of a container (or init container) in a template, "" when it has none. */
std::string imageIn(const nlohmann::json& podTemplate, const std::string& container) {
  for (const char* list : {"containers", "initContainers"}) {
    const auto* containers = model::at(podTemplate, {"spec", list});
    if (containers == nullptr || !containers->is_array()) continue;
    for (const auto& c : *containers) {
      if (model::str(c, {"name"}) == container) return model::str(c, {"image"});
    }
  }
  return "";
}

}  // namespace

int completionDirective(CompletionKind kind) {
  switch (kind) {
    case CompletionKind::Revision:
    case CompletionKind::Image:
      return kNoFileComp | kKeepOrder;
    case CompletionKind::Container:
      return kNoFileComp | kNoSpace;
    default:
      return kNoFileComp;
  }
}

std::vector<CompletionCandidate> revisionCandidates(const std::vector<HistoryEntry>& entries) {
  std::vector<CompletionCandidate> out;
  std::set<std::int64_t> seen;
  const std::int64_t current = entries.empty() ? 0 : entries.back().revision;
  for (auto e = entries.rbegin(); e != entries.rend(); ++e) {
    if (!seen.insert(e->revision).second) continue;
    std::string description = e->changeCause.empty() ? joined(e->images) : e->changeCause;
    if (e->revision == current) description += " (current)";
    if (!e->live) description += " (cache only)";
    out.push_back({std::to_string(e->revision), description});
  }
  return out;
}

std::vector<CompletionCandidate> containerCandidates(const nlohmann::json& podTemplate) {
  std::vector<CompletionCandidate> out;
  for (const char* list : {"containers", "initContainers"}) {
    const auto* containers = model::at(podTemplate, {"spec", list});
    if (containers == nullptr || !containers->is_array()) continue;
    const std::string kind = std::string(list) == "containers" ? "" : "init container, ";
    for (const auto& c : *containers) {
      out.push_back({model::str(c, {"name"}) + "=", kind + "image " + model::str(c, {"image"})});
    }
  }
  return out;
}

std::vector<CompletionCandidate> imageCandidates(const std::string& container,
                                                 const std::vector<HistoryEntry>& entries) {
  std::vector<CompletionCandidate> out;
  std::set<std::string> seen;
  const std::int64_t current = entries.empty() ? 0 : entries.back().revision;
  for (auto e = entries.rbegin(); e != entries.rend(); ++e) {
    const std::string image = imageIn(templateOf(e->data), container);
    if (image.empty() || !seen.insert(image).second) continue;
    out.push_back({container + "=" + image, e->revision == current
                                                ? "current image"
                                                : "revision " + std::to_string(e->revision)});
  }
  return out;
}

std::vector<CompletionCandidate> startingWith(std::vector<CompletionCandidate> candidates,
                                              const std::string& prefix) {
  std::erase_if(candidates, [&prefix](const auto& c) {
    return c.value.compare(0, prefix.size(), prefix) != 0;
  });
  return candidates;
}

}  // namespace dsroll::commands
