#include "tests/integration/kube/ReflectorHarness.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>

#include "tests/integration/kube/KubeTestSupport.hpp"

namespace dsroll::kube::testing {

namespace asio = boost::asio;

std::uint64_t versionOf(const nlohmann::json& object) {
  const auto& meta = object.value("metadata", nlohmann::json::object());
  const std::string rv = meta.value("resourceVersion", std::string());
  return rv.empty() ? 0 : std::stoull(rv);
}

namespace {

std::string nameOf(const nlohmann::json& object) {
  return object.value("metadata", nlohmann::json::object()).value("name", std::string());
}

std::string valueOf(const nlohmann::json& object) {
  return object.value("data", nlohmann::json::object()).value("v", std::string());
}

}  // namespace

void Recorder::deliver(const std::string& name, std::uint64_t version, bool fromList) {
  auto& versions = delivered[name];
  if (!versions.empty() && version <= versions.back()) {
    if (fromList && version == versions.back()) return;  // relisted, unchanged
    problems.push_back(name + ": version " + std::to_string(version) + " delivered after " +
                       std::to_string(versions.back()) + (fromList ? " (list)" : " (watch)"));
  }
  versions.push_back(version);
  if (fromList) listed[name].insert(version);
}

void Recorder::onListStart() {
  ++lists;
  seenInList_.clear();
}

void Recorder::onListItem(nlohmann::json&& item) {
  const std::string name = nameOf(item);
  seenInList_.insert(name);
  deliver(name, versionOf(item), true);
  view[name] = Known{versionOf(item), valueOf(item)};
}

void Recorder::onListEnd(const std::string& resourceVersion) {
  listResourceVersion = resourceVersion;
  for (auto it = view.begin(); it != view.end();) {
    if (seenInList_.count(it->first) == 0) {
      ++deletions[it->first];  // deleted while we were not watching
      it = view.erase(it);
    } else {
      ++it;
    }
  }
}

void Recorder::onEvent(WatchEventType type, nlohmann::json&& object) {
  ++events;
  const std::string name = nameOf(object);
  deliver(name, versionOf(object), false);
  if (type == WatchEventType::Deleted) {
    ++deletions[name];
    view.erase(name);
  } else {
    view[name] = Known{versionOf(object), valueOf(object)};
  }
}

void Recorder::onHealth(const ApiError*) {}

ReflectorHarness::ReflectorHarness(RestConfig config)
    : client_(std::make_unique<ApiClient>(io_.get_executor(), std::move(config), testLogger())) {}

ReflectorHarness::~ReflectorHarness() {
  stop();
}

std::size_t ReflectorHarness::add(WatchTarget target, ReflectorOptions options) {
  auto entry = std::make_unique<Entry>();
  entry->recorder = std::make_unique<Recorder>();
  entry->reflector = std::make_unique<Reflector>(*client_, std::move(target), *entry->recorder,
                                                 testLogger(), options);
  entries_.push_back(std::move(entry));
  return entries_.size() - 1;
}

void ReflectorHarness::start() {
  for (auto& entry : entries_) {
    Entry* e = entry.get();
    asio::co_spawn(io_, e->reflector->run(),
                   asio::bind_cancellation_slot(
                       e->signal.slot(), [e](const std::exception_ptr&) { e->done = true; }));
  }
  started_ = true;
  thread_ = std::thread([this] { io_.run(); });
}

void ReflectorHarness::stop() {
  if (!started_) return;
  started_ = false;
  asio::post(io_, [this] {
    for (auto& entry : entries_)
      entry->signal.emit(asio::cancellation_type::terminal);
  });
  thread_.join();
}

ClientStats ReflectorHarness::clientStats() {
  return inspect<ClientStats>([this] { return client_->stats(); });
}

}  // namespace dsroll::kube::testing
