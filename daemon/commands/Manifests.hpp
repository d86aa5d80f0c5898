#pragma once
// The DaemonSets in the files `apply` was given: multi-document YAML or JSON read into the JSON
// the API server takes, with errors that name the file and line.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::commands {

/** One file as the plugin sent it ("-" is stdin). */
struct ManifestFile {
  std::string path;
  std::string content;
};

/** One DaemonSet document. */
struct ManifestDaemonSet {
  std::string source;  // the file as kubectl names it ("STDIN" for "-")
  int line = 0;        // 1-based line where the document starts
  std::string name;
  std::string namespace_;  // metadata.namespace, "" when the manifest has none
  nlohmann::json object;
};

/** args.files ([{path, content}]) as ManifestFiles; an error line if malformed. */
tl::expected<std::vector<ManifestFile>, std::string> manifestFilesArg(const nlohmann::json& files);

/**
 * Every DaemonSet in the files, in order; empty documents are skipped and List/DaemonSetList
 * documents contribute their items. The error (without "error: ") is the first problem found:
 *   `error parsing x.yaml: line 7: illegal map value`
 *   `x.yaml: kubectl dsroll apply only handles DaemonSets (apps/v1), not Deployment "web"`
 *   `x.yaml: line 3: Object 'Kind' is missing`
 */
tl::expected<std::vector<ManifestDaemonSet>, std::string> readDaemonSets(
    const std::vector<ManifestFile>& files);

}  // namespace dsroll::commands
