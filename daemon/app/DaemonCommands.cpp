#include "daemon/app/DaemonCommands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "daemon/render/Age.hpp"
#include "daemon/server/Server.hpp"
#include "daemon/state/ClusterRegistry.hpp"

namespace dsroll::app {

namespace {

std::int64_t fileBytes(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

nlohmann::json statusJson(const DaemonInfo& info) {
  const auto stats = info.server.stats();
  nlohmann::json clusters = nlohmann::json::array();
  std::int64_t watches = 0;
  for (const auto& c : info.clusters.stats()) {
    watches += c.watching;
    clusters.push_back({{"server", c.server},
                        {"informers", c.informers},
                        {"watchesOpen", c.watching},
                        {"objects", c.objects},
                        {"requests", c.client.requests},
                        {"connectionsOpened", c.client.connectionsOpened}});
  }
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::steady_clock::now() - stats.startedAt);
  return nlohmann::json{
      {"version", DSROLL_VERSION},
      {"pid", static_cast<std::int64_t>(::getpid())},
      {"uptimeSeconds", uptime.count()},
      {"socket", info.paths.socket},
      {"log", info.paths.logFile},
      {"cache", info.paths.cacheDb},
      {"cacheBytes", fileBytes(info.paths.cacheDb) + fileBytes(info.paths.cacheDb + "-wal")},
      {"clients", stats.sessions},
      // Not counting the daemon.status request that asks: "0 in flight" means nothing else runs.
      {"requestsInFlight", std::max<std::int64_t>(stats.requestsInFlight - 1, 0)},
      {"requestsServed", stats.requestsServed},
      {"refusedPeers", stats.refusedPeers},
      {"clusters", clusters},
      {"watchesOpen", watches},
      {"idleTimeoutSeconds",
       std::chrono::duration_cast<std::chrono::seconds>(info.options.idleTimeout).count()},
  };
}

std::string statusText(const nlohmann::json& s) {
  auto line = [](const char* label, const std::string& value) {
    std::string out = label;
    out.resize(18, ' ');
    return out + value + "\n";
  };
  std::string out = "dsrolld " + s["version"].get<std::string>() + "\n";
  out += line("pid:", std::to_string(s["pid"].get<std::int64_t>()));
  out += line("uptime:", render::humanDuration(std::chrono::seconds(s["uptimeSeconds"].get<std::int64_t>())));
  out += line("socket:", s["socket"].get<std::string>());
  out += line("log:", s["log"].get<std::string>());
  out += line("cache:", s["cache"].get<std::string>() + " (" +
                            std::to_string(s["cacheBytes"].get<std::int64_t>()) + " bytes)");
  out += line("clients:", std::to_string(s["clients"].get<std::int64_t>()));
  out += line("requests:", std::to_string(s["requestsServed"].get<std::int64_t>()) + " served, " +
                               std::to_string(s["requestsInFlight"].get<std::int64_t>()) +
                               " in flight");
  out += line("clusters:", std::to_string(s["clusters"].size()) + " (" +
                               std::to_string(s["watchesOpen"].get<std::int64_t>()) +
                               " watches open)");
  for (const auto& c : s["clusters"]) {
    out += line("", c["server"].get<std::string>() + ": " +
                        std::to_string(c["watchesOpen"].get<std::int64_t>()) + " watches, " +
                        std::to_string(c["objects"].get<std::int64_t>()) + " objects");
  }
  out += line("idle timeout:",
              render::humanDuration(std::chrono::seconds(s["idleTimeoutSeconds"].get<std::int64_t>())));
  return out;
}

}  // namespace

void registerDaemonCommands(server::CommandRegistry& registry, DaemonInfo info) {
  registry.add("daemon.status", [info](server::CommandContext& ctx) -> Awaitable<server::CommandResult> {
    auto status = statusJson(info);
    const auto output = ctx.request.args.value("output", std::string());
    if (output == "json") {
      ctx.reply.out(status.dump(4) + "\n");
    } else {
      ctx.reply.out(statusText(status));
    }
    co_return 0;
  });
  registry.add("daemon.stop", [info](server::CommandContext& ctx) -> Awaitable<server::CommandResult> {
    ctx.reply.out("dsrolld (pid " + std::to_string(::getpid()) + ") stopping\n");
    // Drain after this reply is queued so the client sees it.
    info.server.drain("stop requested", std::chrono::seconds(5));
    co_return 0;
  });
}

}  // namespace dsroll::app
