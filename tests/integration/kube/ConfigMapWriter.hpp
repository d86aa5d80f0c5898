#pragma once
// Changes ConfigMaps in one namespace through an ApiClient of its own (its own io_context, run
// on the calling thread), and lists them: the other side of the watch tests.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <tl/expected.hpp>

#include "daemon/kube/ApiClient.hpp"
#include "daemon/kube/ResourcePath.hpp"
#include "tests/integration/kube/ReflectorHarness.hpp"

namespace dsroll::kube::testing {

/** The label every ConfigMap written here carries (so watches can ignore the others). */
inline constexpr const char* kWatchedLabel = "dsroll-test=watch";

/** The ConfigMaps of a namespace, as a reflector target. */
inline const ResourceType kConfigMaps{"", "v1", "configmaps", true};

class ConfigMapWriter {
 public:
  ConfigMapWriter(RestConfig config, std::string ns);

  /** Creates or replaces ConfigMap `name` with data.v = value; the new resourceVersion. */
  tl::expected<std::uint64_t, ApiError> put(const std::string& name,
                                            const std::string& value,
                                            bool create);
  tl::expected<void, ApiError> remove(const std::string& name);

  struct Listing {
    std::map<std::string, Known> items;
    std::string resourceVersion;
  };
  tl::expected<Listing, ApiError> list();

  tl::expected<void, ApiError> createNamespace();
  void deleteNamespace();

  ClientStats stats() const { return client_->stats(); }
  ApiClient& client() { return *client_; }
  boost::asio::io_context& io() { return io_; }

 private:
  boost::asio::io_context io_;
  std::unique_ptr<ApiClient> client_;
  std::string namespace_;
};

}  // namespace dsroll::kube::testing
