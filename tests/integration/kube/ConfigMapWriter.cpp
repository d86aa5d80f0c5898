#include "tests/integration/kube/ConfigMapWriter.hpp"

#include <nlohmann/json.hpp>

#include "daemon/kube/ResourcePath.hpp"
#include "tests/integration/kube/KubeTestSupport.hpp"

namespace dsroll::kube::testing {

namespace {

const ResourceType kNamespaces{"", "v1", "namespaces", false};

}  // namespace

ConfigMapWriter::ConfigMapWriter(RestConfig config, std::string ns)
    : client_(std::make_unique<ApiClient>(io_.get_executor(), std::move(config), testLogger())),
      namespace_(std::move(ns)) {}

tl::expected<std::uint64_t, ApiError> ConfigMapWriter::put(const std::string& name,
                                                           const std::string& value,
                                                           bool create) {
  HttpRequest request;
  request.method = create ? "POST" : "PUT";
  request.target =
      create ? resourcePath(kConfigMaps, namespace_) : resourcePath(kConfigMaps, namespace_, name);
  request.body = nlohmann::json{
      {"apiVersion", "v1"},
      {"kind", "ConfigMap"},
      {"metadata",
       {{"name", name}, {"namespace", namespace_}, {"labels", {{"dsroll-test", "watch"}}}}},
      {"data",
       {{"v",
         value}}}}.dump();
  request.what = targetOf(create ? "create" : "update", kConfigMaps, namespace_, name);
  request.timeout = std::chrono::seconds(5);
  auto answer = runSync(io_, client_->sendJson(std::move(request)));
  if (!answer) return tl::unexpected(answer.error());
  return versionOf(*answer);
}

tl::expected<void, ApiError> ConfigMapWriter::remove(const std::string& name) {
  HttpRequest request;
  request.method = "DELETE";
  request.target = resourcePath(kConfigMaps, namespace_, name);
  request.what = targetOf("delete", kConfigMaps, namespace_, name);
  request.timeout = std::chrono::seconds(5);
  auto answer = runSync(io_, client_->send(std::move(request)));
  if (!answer) return tl::unexpected(answer.error());
  return {};
}

tl::expected<ConfigMapWriter::Listing, ApiError> ConfigMapWriter::list() {
  HttpRequest request;
  request.target =
      resourcePath(kConfigMaps, namespace_) + queryString({{"labelSelector", kWatchedLabel}});
  request.what = targetOf("list", kConfigMaps, namespace_);
  auto answer = runSync(io_, client_->sendJson(std::move(request)));
  if (!answer) return tl::unexpected(answer.error());
  Listing out;
  out.resourceVersion = (*answer)["metadata"].value("resourceVersion", std::string());
  for (const auto& item : (*answer)["items"]) {
    const auto name = item["metadata"].value("name", std::string());
    out.items[name] =
        Known{versionOf(item), item.value("data", nlohmann::json::object()).value("v", "")};
  }
  return out;
}

tl::expected<void, ApiError> ConfigMapWriter::createNamespace() {
  HttpRequest request;
  request.method = "POST";
  request.target = resourcePath(kNamespaces, "");
  request.body =
      nlohmann::json{
          {"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", namespace_}}}}
          .dump();
  request.what = targetOf("create", kNamespaces, "", namespace_);
  auto answer = runSync(io_, client_->send(std::move(request)));
  if (!answer) return tl::unexpected(answer.error());
  return {};
}

void ConfigMapWriter::deleteNamespace() {
  HttpRequest request;
  request.method = "DELETE";
  request.target = resourcePath(kNamespaces, "", namespace_);
  request.what = targetOf("delete", kNamespaces, "", namespace_);
  (void)runSync(io_, client_->send(std::move(request)));
}

}  // namespace dsroll::kube::testing
