#include "plugin/cli/ResourceArg.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace dsroll::plugin::cli {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Resource words kubectl users type for other kinds, so `history deployment foo` is refused
// rather than read as a DaemonSet named "deployment".
bool isOtherKnownType(const std::string& word) {
  static constexpr std::string_view kTypes[] = {"deployment",
                                                "deployments",
                                                "deploy",
                                                "deployment.apps",
                                                "deployments.apps",
                                                "statefulset",
                                                "statefulsets",
                                                "sts",
                                                "statefulset.apps",
                                                "statefulsets.apps",
                                                "replicaset",
                                                "replicasets",
                                                "rs",
                                                "pod",
                                                "pods",
                                                "po",
                                                "job",
                                                "jobs",
                                                "cronjob",
                                                "cronjobs",
                                                "cj",
                                                "service",
                                                "services",
                                                "svc",
                                                "configmap",
                                                "configmaps",
                                                "cm",
                                                "secret",
                                                "secrets",
                                                "node",
                                                "nodes",
                                                "no",
                                                "namespace",
                                                "namespaces",
                                                "ns",
                                                "controllerrevision",
                                                "controllerrevisions",
                                                "replicationcontroller"};
  const std::string w = lower(word);
  return std::find(std::begin(kTypes), std::end(kTypes), w) != std::end(kTypes);
}

CliError refuse(const std::string& type) {
  return plainError("dsroll only works with DaemonSets, not \"" + type + "\"");
}

}  // namespace

bool isDaemonSetType(const std::string& word) {
  const std::string w = lower(word);
  return w == "ds" || w == "daemonset" || w == "daemonsets" || w == "daemonset.apps" ||
         w == "daemonsets.apps" || w == "daemonset.v1.apps" || w == "daemonsets.v1.apps";
}

tl::expected<ResourceArg, CliError> parseResourceArg(const std::vector<std::string>& positionals,
                                                     bool moreFollow) {
  if (positionals.empty()) {
    return tl::unexpected(plainError("required resource not specified"));
  }
  const std::string& first = positionals.front();
  if (const auto slash = first.find('/'); slash != std::string::npos) {
    const std::string type = first.substr(0, slash);
    const std::string name = first.substr(slash + 1);
    if (type.empty() || name.empty() || name.find('/') != std::string::npos) {
      return tl::unexpected(
          plainError("arguments in resource/name form must have a single resource and name"));
    }
    if (!isDaemonSetType(type)) {
      return tl::unexpected(refuse(type));
    }
    return ResourceArg{name, 1};
  }
  const bool twoWords =
      positionals.size() >= 2 && (isDaemonSetType(first) || isOtherKnownType(first) || !moreFollow);
  if (twoWords) {
    if (!isDaemonSetType(first)) {
      return tl::unexpected(refuse(first));
    }
    if (positionals[1].empty()) {
      return tl::unexpected(plainError("resource name may not be empty"));
    }
    return ResourceArg{positionals[1], 2};
  }
  if (isDaemonSetType(first)) {
    return tl::unexpected(usageError("a DaemonSet name is required after \"" + first + "\""));
  }
  if (first.empty()) {
    return tl::unexpected(plainError("resource name may not be empty"));
  }
  return ResourceArg{first, 1};
}

tl::expected<std::string, CliError> parseSingleResource(
    const std::vector<std::string>& positionals) {
  auto resource = parseResourceArg(positionals, false);
  if (!resource) {
    return tl::unexpected(resource.error());
  }
  if (positionals.size() > resource->consumed) {
    std::string extra;
    for (std::size_t i = resource->consumed; i < positionals.size(); ++i) {
      extra += (extra.empty() ? "" : " ") + positionals[i];
    }
    return tl::unexpected(usageError("expected one DaemonSet, got extra arguments: " + extra));
  }
  return resource->name;
}

}  // namespace dsroll::plugin::cli
