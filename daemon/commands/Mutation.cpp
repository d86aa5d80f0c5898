#include "daemon/commands/Mutation.hpp"

#include <cstdlib>

#include "daemon/kube/ResourcePath.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

namespace {

/** resourceVersions are opaque, but etcd's are integers; a newer one means ours was seen. */
bool atLeast(const std::string& have, const std::string& want) {
  if (have == want) return true;
  char* endHave = nullptr;
  char* endWant = nullptr;
  const auto h = std::strtoull(have.c_str(), &endHave, 10);
  const auto w = std::strtoull(want.c_str(), &endWant, 10);
  return *endHave == '\0' && *endWant == '\0' && !have.empty() && !want.empty() && h >= w;
}

}  // namespace

tl::expected<DryRun, CommandError> dryRunArg(const ipc::Request& request) {
  const auto value = request.args.value("dryRun", std::string("none"));
  if (value == "none" || value.empty()) return DryRun::None;
  if (value == "client") return DryRun::Client;
  if (value == "server") return DryRun::Server;
  return tl::unexpected(server::commandError(
      ipc::ErrorKind::Usage,
      "Invalid dry-run value (" + value + "). Must be \"none\", \"server\", or \"client\"."));
}

std::string dryRunSuffix(DryRun dryRun) {
  switch (dryRun) {
    case DryRun::None: return "";
    case DryRun::Client: return " (dry run)";
    case DryRun::Server: return " (server dry run)";
  }
  return "";
}

Awaitable<void> waitObserved(state::DaemonSetInformer& informer, const std::string& key,
                             const std::string& rv, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto seen = informer.changes().version();
    const auto* ds = informer.find(key);
    if (ds != nullptr && atLeast(ds->resourceVersion, rv)) co_return;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) co_return;
    co_await informer.changes().waitChange(
        seen, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  }
}

Awaitable<tl::expected<nlohmann::json, kube::ApiError>> patchDaemonSet(Target& target,
                                                                       const PatchRequest& patch) {
  using Result = tl::expected<nlohmann::json, kube::ApiError>;
  kube::HttpRequest request;
  request.method = "PATCH";
  std::string query = patch.query;
  if (patch.dryRun == DryRun::Server) {
    if (!query.empty()) query += '&';
    query += "dryRun=All";
  }
  request.target = kube::resourcePath(kube::kDaemonSets, target.namespace_, target.name);
  if (!query.empty()) request.target += '?' + query;
  request.contentType = patch.contentType;
  request.body = patch.body;
  request.what = kube::targetOf("patch", kube::kDaemonSets, target.namespace_, target.name);
  auto answer = co_await target.handle.cluster->client().sendJson(std::move(request));
  if (!answer) {
    co_return Result(tl::unexpect, answer.error());
  }
  if (patch.dryRun == DryRun::None) {
    auto informer = target.handle.cluster->daemonSets(target.namespace_);
    // Named, not temporary: g++ 12 mishandles temporaries (and initializer lists) inside a
    // co_await expression.
    const std::string rv = model::str(*answer, {"metadata", "resourceVersion"});
    const std::string key = target.namespace_ + "/" + target.name;
    co_await waitObserved(*informer, key, rv, std::chrono::seconds(5));
  }
  co_return Result(std::move(*answer));
}

}  // namespace dsroll::commands
