#pragma once
// Runs Reflectors on an io_context thread of their own and records what they deliver, so a test
// on the main thread can change objects, restart the API server, and compare afterwards.

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "daemon/kube/ApiClient.hpp"
#include "daemon/kube/Reflector.hpp"

namespace dsroll::kube::testing {

/** One object as the reflector's owner knows it. */
struct Known {
  std::uint64_t resourceVersion = 0;
  std::string value;  // data.v of a ConfigMap
};

/**
 * The view a reflector builds, plus every resourceVersion it delivered per object, in order,
 * and anything that broke the rules (a duplicate or an older version after a newer one).
 */
class Recorder final : public WatchHandler {
 public:
  void onListStart() override;
  void onListItem(nlohmann::json&& item) override;
  void onListEnd(const std::string& resourceVersion) override;
  void onEvent(WatchEventType type, nlohmann::json&& object) override;
  void onHealth(const ApiError* error) override;

  std::map<std::string, Known> view;
  /** name -> versions delivered (listed, added, modified, deleted), in delivery order. */
  std::map<std::string, std::vector<std::uint64_t>> delivered;
  /** name -> versions that arrived through a list (a relist may skip intermediate changes). */
  std::map<std::string, std::set<std::uint64_t>> listed;
  std::map<std::string, int> deletions;
  std::vector<std::string> problems;
  std::int64_t events = 0;
  int lists = 0;
  std::string listResourceVersion;

 private:
  void deliver(const std::string& name, std::uint64_t version, bool fromList);
  std::set<std::string> seenInList_;
};

/** Reflectors running on their own thread until stop(). */
class ReflectorHarness {
 public:
  explicit ReflectorHarness(RestConfig config);
  ~ReflectorHarness();
  ReflectorHarness(const ReflectorHarness&) = delete;
  ReflectorHarness& operator=(const ReflectorHarness&) = delete;

  /** Adds a reflector (before start()); returns its index. */
  std::size_t add(WatchTarget target, ReflectorOptions options = {});
  void start();
  /** Cancels every reflector and joins the thread. */
  void stop();

  /** Runs `read` on the io thread and returns its result. */
  template <typename T>
  T inspect(std::function<T()> read) {
    std::promise<T> promise;
    boost::asio::post(io_, [&] { promise.set_value(read()); });
    return promise.get_future().get();
  }

  Recorder& recorder(std::size_t i) { return *entries_[i]->recorder; }
  const Reflector& reflector(std::size_t i) { return *entries_[i]->reflector; }
  ClientStats clientStats();

 private:
  struct Entry {
    std::unique_ptr<Recorder> recorder;
    std::unique_ptr<Reflector> reflector;
    boost::asio::cancellation_signal signal;
    bool done = false;
  };
  boost::asio::io_context io_;
  std::unique_ptr<ApiClient> client_;
  std::vector<std::unique_ptr<Entry>> entries_;
  std::thread thread_;
  bool started_ = false;
};

/** metadata.resourceVersion as a number (etcd revisions; 0 when absent). */
std::uint64_t versionOf(const nlohmann::json& object);

}  // namespace dsroll::kube::testing
