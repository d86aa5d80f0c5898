#include "daemon/state/ClusterRegistry.hpp"

#include "cache/RevisionCache.hpp"
#include "daemon/asio/Net.hpp"
#include "daemon/lifecycle/Logger.hpp"

namespace dsroll::state {

namespace asio = net::asio;

std::string clusterIdentity(const kube::RestConfig& c) {
  // A unit separator keeps fields from running into each other.
  std::string id = c.server;
  auto add = [&id](const std::string& field) {
    id += '\x1f';
    id += field;
  };
  add(c.tls.caPem);
  add(c.tls.insecureSkipVerify ? "insecure" : "verify");
  add(c.tls.serverName);
  add(c.tls.clientCertPem);
  add(c.tls.clientKeyPem);
  add(c.auth.token);
  add(c.auth.tokenFile);
  add(c.auth.username);
  add(c.auth.password);
  if (c.auth.exec) {
    add(c.auth.exec->command);
    for (const auto& arg : c.auth.exec->args) add(arg);
    for (const auto& [k, v] : c.auth.exec->env) add(k + "=" + v);
  }
  add(c.impersonate.user);
  add(c.impersonate.uid);
  for (const auto& g : c.impersonate.groups) add(g);
  for (const auto& [k, values] : c.impersonate.extra) {
    for (const auto& v : values) add(k + "=" + v);
  }
  return id;
}

ClusterRegistry::ClusterRegistry(Executor executor, lifecycle::Logger& log,
                                 cache::RevisionCache* cache)
    : executor_(std::move(executor)), log_(log), cache_(cache) {}

ClusterRegistry::~ClusterRegistry() {
  *alive_ = false;
  stopAll();
}

ClusterHandle ClusterRegistry::get(kube::ResolvedConfig config,
                                   const std::map<std::string, std::string>& env) {
  std::int64_t cacheId = -1;
  if (cache_ != nullptr) {
    if (auto id = cache_->clusterId(cache::ClusterKey{config.rest.server, config.contextName})) {
      cacheId = *id;
    } else {
      log_.error("cache: " + id.error().message);
    }
  }
  auto& slot = clusters_[clusterIdentity(config.rest)];
  if (!slot) {
    log_.info("new cluster " + config.rest.server + " (context \"" + config.contextName + "\")");
    slot = std::make_shared<Cluster>(executor_, config.rest, log_, cache_, cacheId);
  }
  slot->client().setCallerEnv(env);
  return ClusterHandle{slot, std::move(config), cacheId};
}

void ClusterRegistry::startJanitor(std::chrono::steady_clock::duration idle) {
  auto alive = alive_;
  asio::co_spawn(
      executor_,
      [this, alive, idle]() -> asio::awaitable<void> {
        asio::steady_timer timer(executor_);
        while (*alive) {
          timer.expires_after(std::chrono::minutes(1));
          auto [ec] = co_await timer.async_wait(net::useTuple);
          if (ec || !*alive) co_return;
          for (auto& [id, cluster] : clusters_) {
            cluster->stopUnused(idle);
          }
        }
      },
      [this](const std::exception_ptr& e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          log_.error(std::string("janitor: ") + ex.what());
        }
      });
}

void ClusterRegistry::stopAll() {
  *alive_ = false;
  for (auto& [id, cluster] : clusters_) {
    cluster->stopAll();
  }
}

std::vector<ClusterStats> ClusterRegistry::stats() const {
  std::vector<ClusterStats> out;
  for (const auto& [id, cluster] : clusters_) {
    out.push_back(cluster->stats());
  }
  return out;
}

}  // namespace dsroll::state
