#include "daemon/commands/Manifests.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "daemon/kube/GoText.hpp"
#include "daemon/kube/YamlJson.hpp"

namespace dsroll::commands {

namespace {

// Far above any real DaemonSet, low enough that an alias bomb stops early.
constexpr kube::YamlLimits kManifestLimits{100, 200'000};

int lineOf(const YAML::Node& node) {
  const int line = node.Mark().line;
  return line < 0 ? 1 : line + 1;
}

std::string kindAndName(const nlohmann::json& object) {
  const std::string kind = object.value("kind", std::string());
  std::string name;
  if (const auto m = object.find("metadata"); m != object.end() && m->is_object()) {
    name = m->value("name", std::string());
  }
  const std::string apiVersion = object.value("apiVersion", std::string());
  const std::string what = kind == "DaemonSet" ? apiVersion + " " + kind : kind;
  return name.empty() ? what : what + " " + kube::goQuote(name);
}

/** Checks one object and appends it if it is a DaemonSet; Lists recurse into their items. */
tl::expected<void, std::string> collect(const std::string& source,
                                        int lineNumber,
                                        nlohmann::json object,
                                        std::vector<ManifestDaemonSet>& out) {
  const std::string line = std::to_string(lineNumber);
  if (!object.is_object()) {
    return tl::unexpected("error parsing " + source + ": line " + line + ": the document is " +
                          (object.is_array() ? "a list" : "a scalar") + ", not an object");
  }
  const auto kind = object.find("kind");
  if (kind == object.end() || !kind->is_string() || kind->get<std::string>().empty()) {
    return tl::unexpected(source + ": line " + line + ": Object 'Kind' is missing");
  }
  const auto apiVersion = object.find("apiVersion");
  if (apiVersion == object.end() || !apiVersion->is_string() ||
      apiVersion->get<std::string>().empty()) {
    return tl::unexpected(source + ": line " + line + ": Object 'apiVersion' is missing");
  }
  const std::string kindText = kind->get<std::string>();
  if (kindText == "List" || kindText == "DaemonSetList") {
    if (const auto items = object.find("items"); items != object.end() && items->is_array()) {
      for (auto& item : *items) {
        if (auto ok = collect(source, lineNumber, std::move(item), out); !ok) return ok;
      }
    }
    return {};
  }
  if (kindText != "DaemonSet" || object.value("apiVersion", std::string()) != "apps/v1") {
    return tl::unexpected(source +
                          ": kubectl dsroll apply only handles DaemonSets (apps/v1), not " +
                          kindAndName(object));
  }
  ManifestDaemonSet ds;
  ds.source = source;
  ds.line = lineNumber;
  if (const auto m = object.find("metadata"); m != object.end() && m->is_object()) {
    const auto name = m->find("name");
    if (name != m->end() && name->is_string()) ds.name = name->get<std::string>();
    const auto ns = m->find("namespace");
    if (ns != m->end() && ns->is_string()) ds.namespace_ = ns->get<std::string>();
  }
  if (ds.name.empty()) {
    return tl::unexpected(source + ": line " + line + ": DaemonSet has no metadata.name");
  }
  ds.object = std::move(object);
  out.push_back(std::move(ds));
  return {};
}

tl::expected<void, std::string> readFile(const ManifestFile& file,
                                         std::vector<ManifestDaemonSet>& out) {
  const std::string source = file.path == "-" ? "STDIN" : file.path;
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(file.content);
  } catch (const YAML::Exception& e) {
    // An error found at the end of the input (an unclosed flow mapping) is on the last line,
    // not on the empty one after the final newline.
    const auto lines =
        static_cast<int>(std::count(file.content.begin(), file.content.end(), '\n') +
                         (file.content.empty() || file.content.back() == '\n' ? 0 : 1));
    const int line = std::clamp(e.mark.line + 1, 1, std::max(lines, 1));
    return tl::unexpected("error parsing " + source + ": line " + std::to_string(line) + ": " +
                          e.msg);
  }
  for (const auto& document : documents) {
    if (document.IsNull() || !document.IsDefined()) continue;
    auto object = kube::yamlToJson(document, kManifestLimits);
    if (!object) {
      return tl::unexpected("error parsing " + source + ": line " +
                            std::to_string(lineOf(document)) + ": " + object.error());
    }
    if (object->is_null()) continue;
    if (auto ok = collect(source, lineOf(document), std::move(*object), out); !ok) return ok;
  }
  return {};
}

}  // namespace

tl::expected<std::vector<ManifestFile>, std::string> manifestFilesArg(const nlohmann::json& files) {
  std::vector<ManifestFile> out;
  if (!files.is_array()) return tl::unexpected(std::string("no files given to apply"));
  for (const auto& file : files) {
    if (!file.is_object() || !file.contains("content") || !file["content"].is_string()) {
      return tl::unexpected(std::string("malformed apply request: a file without content"));
    }
    out.push_back({file.value("path", std::string("-")), file["content"].get<std::string>()});
  }
  return out;
}

tl::expected<std::vector<ManifestDaemonSet>, std::string> readDaemonSets(
    const std::vector<ManifestFile>& files) {
  std::vector<ManifestDaemonSet> out;
  for (const auto& file : files) {
    if (auto ok = readFile(file, out); !ok) return tl::unexpected(ok.error());
  }
  return out;
}

}  // namespace dsroll::commands
