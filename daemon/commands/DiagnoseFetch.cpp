#include "daemon/commands/DiagnoseFetch.hpp"

#include <set>

#include "daemon/asio/Net.hpp"
#include "daemon/kube/ResourcePath.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

namespace {

const kube::ResourceType kLeases{"coordination.k8s.io", "v1", "leases", true};

/** "Forbidden" etc., short: the API server's own sentence. */
std::string shortError(const kube::ApiError& e) {
  return e.detail.empty() ? e.message : e.detail;
}

/** Lists every page of a collection; items are passed to onItem. */
template <typename OnItem>
Awaitable<tl::expected<void, kube::ApiError>> listAll(kube::ApiClient& client,
                                                      const kube::ResourceType& type,
                                                      const std::string& namespace_,
                                                      const std::string& fieldSelector,
                                                      OnItem onItem) {
  std::string continueToken;
  do {
    kube::HttpRequest request;
    request.target =
        kube::resourcePath(type, namespace_) +
        kube::queryString(
            {{"fieldSelector", fieldSelector}, {"limit", "500"}, {"continue", continueToken}});
    request.what = kube::targetOf("list", type, namespace_);
    auto page = co_await client.sendJson(std::move(request));
    if (!page) co_return tl::expected<void, kube::ApiError>(tl::unexpect, page.error());
    if (const auto* items = model::at(*page, {"items"}); items && items->is_array()) {
      for (const auto& item : *items)
        onItem(item);
    }
    continueToken = model::str(*page, {"metadata", "continue"});
  } while (!continueToken.empty());
  co_return tl::expected<void, kube::ApiError>();
}

}  // namespace

Awaitable<void> fetchSchedulingEvents(kube::ApiClient& client,
                                      std::string namespace_,
                                      diagnose::Extras& extras,
                                      std::vector<std::string>& notes) {
  const std::string selector = "involvedObject.kind=Pod,reason=FailedScheduling";
  // Named, not temporary: g++ 12 mishandles temporaries inside a co_await expression.
  auto onEvent = [&](const nlohmann::json& item) {
    if (auto e = diagnose::SchedulingEvent::fromJson(item)) extras.events.push_back(std::move(*e));
  };
  auto listed = co_await listAll(client, kube::kEvents, namespace_, selector, onEvent);
  if (!listed) notes.push_back("scheduling events not read: " + shortError(listed.error()));
}

Awaitable<void> fetchNodePods(kube::ApiClient& client,
                              std::vector<std::string> nodes,
                              diagnose::Extras& extras,
                              std::vector<std::string>& notes) {
  std::set<std::string> namespaces;
  std::string firstError;
  for (const auto& node : nodes)
    extras.nodePods[node];  // the slots exist before any worker runs
  // A few lists at a time over kept-alive connections; after a 403 the rest would be the same.
  std::size_t next = 0;
  auto worker = [&]() -> Awaitable<void> {
    while (next < nodes.size()) {
      const std::string node = nodes[next++];
      auto& slot = extras.nodePods[node];
      if (!firstError.empty()) {
        slot.error = firstError;
        continue;
      }
      const std::string selector = "spec.nodeName=" + node;
      const std::string all;
      auto onPod = [&](const nlohmann::json& item) {
        if (auto p = diagnose::OtherPod::fromJson(item)) {
          namespaces.insert(p->namespace_);
          slot.pods.push_back(std::move(*p));
        }
      };
      auto listed = co_await listAll(client, kube::kPods, all, selector, onPod);
      if (!listed) {
        slot.pods.clear();
        slot.error = shortError(listed.error());
        if (firstError.empty() && listed.error().httpStatus == 403) firstError = slot.error;
      }
    }
  };
  {
    using namespace boost::asio::experimental::awaitable_operators;
    // Named, not temporaries: see the g++ 12 note above.
    auto a = worker();
    auto b = worker();
    auto c = worker();
    auto d = worker();
    co_await (std::move(a) && std::move(b) && std::move(c) && std::move(d));
  }
  for (const auto& [node, slot] : extras.nodePods) {
    if (firstError.empty() && !slot.error.empty()) firstError = slot.error;
  }
  if (!firstError.empty())
    notes.push_back("pods on the nodes short of room not read: " + firstError);
  if (namespaces.empty()) co_return;

  // Budgets: every namespace at once, else the namespaces of the pods found, one by one.
  auto onBudget = [&](const nlohmann::json& item) {
    if (auto b = diagnose::DisruptionBudget::fromJson(item))
      extras.budgets.push_back(std::move(*b));
  };
  const std::string all;
  const std::string none;
  auto listed = co_await listAll(client, kube::kPodDisruptionBudgets, all, none, onBudget);
  if (listed) co_return;
  extras.budgets.clear();
  for (const auto& ns : namespaces) {
    auto one = co_await listAll(client, kube::kPodDisruptionBudgets, ns, none, onBudget);
    if (!one && extras.budgetsError.empty()) extras.budgetsError = shortError(one.error());
  }
  if (!extras.budgetsError.empty()) {
    notes.push_back("PodDisruptionBudgets not all read: " + extras.budgetsError);
  }
}

Awaitable<void> fetchControllerLease(kube::ApiClient& client, diagnose::Extras& extras) {
  kube::HttpRequest request;
  request.target = kube::resourcePath(kLeases, "kube-system", "kube-controller-manager");
  request.what = kube::targetOf("get", kLeases, "kube-system", "kube-controller-manager");
  auto lease = co_await client.sendJson(std::move(request));
  if (!lease) {
    extras.controllerLeaseError =
        lease.error().httpStatus == 404
            ? "kube-system has no kube-controller-manager lease (leader election off?)"
            : shortError(lease.error());
    co_return;
  }
  extras.controllerLease = diagnose::ControllerLease::fromJson(*lease);
}

}  // namespace dsroll::commands
