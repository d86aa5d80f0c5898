#pragma once
// The candidates `complete` offers, built from what the daemon holds: revisions with their
// change-cause, a template's containers, the images a container has had.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/commands/CompletionQuery.hpp"
#include "daemon/commands/HistoryModel.hpp"

namespace dsroll::commands {

struct CompletionCandidate {
  std::string value;
  std::string description;
};

/** cobra's ShellCompDirective for the kind (NoFileComp; KeepOrder for revisions and images,
 * listed newest first; NoSpace after "container="). */
int completionDirective(CompletionKind kind);

/** Newest first; described by change-cause (else images), marking the current and cache-only. */
std::vector<CompletionCandidate> revisionCandidates(const std::vector<HistoryEntry>& entries);

/** "name=" for each container and init container, described by its image. */
std::vector<CompletionCandidate> containerCandidates(const nlohmann::json& podTemplate);

/** "container=image" for each image the container has had, newest revision first. */
std::vector<CompletionCandidate> imageCandidates(const std::string& container,
                                                 const std::vector<HistoryEntry>& entries);

/** Those whose value starts with prefix. */
std::vector<CompletionCandidate> startingWith(std::vector<CompletionCandidate> candidates,
                                              const std::string& prefix);

}  // namespace dsroll::commands
