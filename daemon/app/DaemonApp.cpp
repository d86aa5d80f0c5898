#include "daemon/app/DaemonApp.hpp"

#include <unistd.h>

#include "cache/RevisionCache.hpp"
#include "daemon/app/DaemonCommands.hpp"
#include "daemon/asio/Net.hpp"
#include "daemon/commands/Commands.hpp"
#include "daemon/state/ClusterRegistry.hpp"
#include "daemon/lifecycle/Logger.hpp"
#include "daemon/lifecycle/StartupPipe.hpp"
#include "daemon/server/Server.hpp"

namespace dsroll::app {

namespace asio = net::asio;

struct DaemonApp::Impl {
  Impl(DaemonOptions opts, ipc::Paths p, lifecycle::Logger& logger)
      : options(std::move(opts)),
        paths(std::move(p)),
        log(logger),
        io(1),
        server(io.get_executor(),
               server::Server::Options{paths.socket, DSROLL_VERSION, options.idleTimeout},
               commands, log),
        signals(io, SIGTERM, SIGINT, SIGHUP) {}

  /** Opens the cache; without it the daemon still serves live answers and says why not more. */
  void openCache() {
    std::vector<cache::OpenNotice> notices;
    auto opened = cache::RevisionCache::open(paths.cacheDb, &notices);
    for (const auto& notice : notices) {
      log.warn(notice.message);
      pendingNotices.push_back(notice.message);
    }
    if (opened) {
      revisionCache = std::move(*opened);
    } else {
      cacheProblem = opened.error().message;
      log.error("cache unavailable: " + cacheProblem);
      pendingNotices.push_back("revision cache unavailable: " + cacheProblem);
    }
  }

  DaemonOptions options;
  ipc::Paths paths;
  lifecycle::Logger& log;
  asio::io_context io;
  server::CommandRegistry commands;
  server::Server server;
  asio::signal_set signals;
  std::unique_ptr<cache::RevisionCache> revisionCache;
  std::string cacheProblem;
  std::vector<std::string> pendingNotices;
  std::unique_ptr<state::ClusterRegistry> clusters;
  std::unique_ptr<commands::Services> services;
};

DaemonApp::DaemonApp(DaemonOptions options, ipc::Paths paths, lifecycle::Logger& log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(paths), log)) {}

DaemonApp::~DaemonApp() = default;

int DaemonApp::run(lifecycle::StartupPipe& startup) {
  auto& s = *impl_;
  s.openCache();
  s.clusters = std::make_unique<state::ClusterRegistry>(s.io.get_executor(), s.log,
                                                        s.revisionCache.get());
  s.clusters->startJanitor(std::chrono::minutes(10));
  s.services.reset(new commands::Services{s.io.get_executor(), s.log, *s.clusters, s.server,
                                          s.revisionCache.get(), s.cacheProblem,
                                          s.pendingNotices});
  commands::registerCommands(s.commands, *s.services);
  registerDaemonCommands(s.commands, DaemonInfo{s.server, s.paths, s.options, *s.clusters});

  if (auto listening = s.server.listen(); !listening) {
    s.log.error(listening.error());
    startup.failed(listening.error());
    return 1;
  }
  s.server.onStopped([&s] {
    s.clusters->stopAll();
    net::error_code ignored;
    s.signals.cancel(ignored);
    s.io.stop();
  });
  s.signals.async_wait([&s](net::error_code ec, int signo) {
    if (!ec) {
      // Finish what is in flight (cache writes included) rather than cutting it off.
      s.server.drain("signal " + std::to_string(signo), std::chrono::seconds(5));
    }
  });
  s.server.start();
  s.log.info("dsrolld " DSROLL_VERSION " listening on " + s.paths.socket + " (pid " +
             std::to_string(::getpid()) + ")");
  startup.ready(::getpid());
  s.io.run();
  s.log.info("dsrolld exited");
  return 0;
}

}  // namespace dsroll::app
