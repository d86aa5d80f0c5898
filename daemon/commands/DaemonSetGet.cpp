#include "daemon/commands/DaemonSetGet.hpp"

#include "daemon/kube/ResourcePath.hpp"

namespace dsroll::commands {

Awaitable<tl::expected<std::optional<nlohmann::json>, kube::ApiError>> getDaemonSet(
    Target& target) {
  using Result = tl::expected<std::optional<nlohmann::json>, kube::ApiError>;
  kube::HttpRequest request;
  request.target = kube::resourcePath(kube::kDaemonSets, target.namespace_, target.name);
  request.what = kube::targetOf("get", kube::kDaemonSets, target.namespace_, target.name);
  auto object = co_await target.handle.cluster->client().sendJson(std::move(request));
  if (!object) {
    if (object.error().httpStatus == 404) co_return Result(std::nullopt);
    co_return Result(tl::unexpect, object.error());
  }
  co_return Result(std::move(*object));
}

Awaitable<tl::expected<nlohmann::json, CommandError>> requireDaemonSet(Target& target) {
  using Result = tl::expected<nlohmann::json, CommandError>;
  auto object = co_await getDaemonSet(target);
  if (!object) co_return Result(tl::unexpect, fromApiError(object.error()));
  if (!*object) co_return Result(tl::unexpect, daemonSetNotFound(target.name));
  co_return Result(std::move(**object));
}

}  // namespace dsroll::commands
