#include "plugin/PluginMain.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "ipc/Paths.hpp"
#include "plugin/Version.hpp"
#include "plugin/cli/CommandLine.hpp"
#include "plugin/cli/CommonArgs.hpp"
#include "plugin/client/ConsoleSink.hpp"
#include "plugin/client/DaemonClient.hpp"
#include "plugin/client/DaemonLauncher.hpp"
#include "plugin/client/ExecRelay.hpp"
#include "plugin/client/FdWriter.hpp"
#include "plugin/client/RequestContext.hpp"
#include "plugin/client/TerminalInfo.hpp"
#include "plugin/completion/CompletionInstall.hpp"
#include "plugin/completion/CompletionRunner.hpp"
#include "plugin/logs/LogTail.hpp"

namespace dsroll::plugin {

namespace {

// Stands in for dsrolld when it cannot be found, so the error appears only if it is needed.
class MissingDaemon final : public client::DaemonLauncher {
 public:
  explicit MissingDaemon(std::string where) : where_(std::move(where)) {}
  void launch(std::function<void(client::StartupResult)> done) override {
    done({client::StartupResult::Kind::Failed, "dsrolld was not found " + where_});
  }

 private:
  std::string where_;
};

bool isSet(const std::optional<std::string>& value) {
  return value && !value->empty() && *value != "0" && *value != "false";
}

completion::CompletionEnvironment completionEnvironment(char** environment) {
  completion::CompletionEnvironment env;
  env.paths = ipc::computePaths(ipc::processEnv(), ::getuid());
  env.version = std::string(pluginVersion());
  env.env = client::environmentMap(environment);
  env.cwd = client::currentDirectory();
  return env;
}

int runDaemonCall(const cli::DaemonCall& call,
                  const ipc::KubeFlags& kube,
                  const ipc::Terminal& terminal,
                  char** environment,
                  client::FdWriter& out,
                  client::FdWriter& err) {
  const auto env = ipc::processEnv();
  for (const std::string& warning : call.klogWarnings) {
    err.write(cli::klogWarningLine(warning, std::chrono::system_clock::now(), ::getpid()));
  }
  const ipc::Paths paths = ipc::computePaths(env, ::getuid());
  client::UvLoop loop;
  const std::string self = client::selfExecutable();
  const auto daemon = client::findDaemonExecutable(self, env("PATH").value_or(""));
  std::unique_ptr<client::DaemonLauncher> launcher;
  if (daemon) {
    launcher = std::make_unique<client::ProcessLauncher>(loop.get(), *daemon);
  } else {
    const std::string dir =
        self.substr(0, self.rfind('/') == std::string::npos ? 0 : self.rfind('/'));
    launcher =
        std::make_unique<MissingDaemon>("next to " + (dir.empty() ? self : dir) + " or on PATH");
  }
  client::DaemonClientOptions options;
  options.connector.socketPath = paths.socket;
  options.connector.noSpawn = isSet(env("KUBECTL_DSROLL_NO_SPAWN"));
  options.connector.launcher = launcher.get();
  options.version = std::string(pluginVersion());
  client::ConsoleSink sink(loop.get(), out, err, terminal);
  client::SessionOutcome outcome;
  {
    // A client per run: an exec plugin that needs the terminal makes a second one (ExecRelay).
    auto runOnce = [&](const ipc::Request& request) {
      client::DaemonClient client(loop.get(), options, sink);
      return client.run(request);
    };
    client::RelayIo io;
    io.environment = client::environmentMap(environment);
    outcome = client::runWithCredentialRelay(
        runOnce,
        client::makeRequest(call, kube, io.environment, terminal, client::currentDirectory()), io);
  }
  sink.finish();
  if (outcome.message) err.write(*outcome.message + "\n");
  return outcome.exitCode;
}

}  // namespace

int runPlugin(int argc, char** argv, char** environment) {
  client::ignoreSigpipe();
  client::FdWriter out(1);
  client::FdWriter err(2);
  const auto env = ipc::processEnv();
  const ipc::Terminal terminal = client::probeTerminal(env("NO_COLOR"), env("TERM"));
  cli::CommandLine line(terminal.stdoutIsTty ? static_cast<std::size_t>(terminal.width) : 0);
  cli::ParseEnvironment parseEnvironment;
  parseEnvironment.color = terminal.color;
  parseEnvironment.readStdin = [] { return cli::readAllFromFd(0); };
  auto invocation = line.parse(std::vector<std::string>(argv + 1, argv + argc), parseEnvironment);
  if (!invocation) {
    err.write(invocation.error());
    return 1;
  }
  for (const std::string& warning : invocation->warnings)
    err.write(warning);

  if (const auto* text = std::get_if<cli::PrintText>(&invocation->action)) {
    out.write(text->text);
    return 0;
  }
  if (const auto* logs = std::get_if<cli::ShowLogs>(&invocation->action)) {
    client::UvLoop loop;
    logs::LogTailOptions options;
    options.path = ipc::computePaths(env, ::getuid()).logFile;
    options.follow = logs->follow;
    options.tail = logs->tail;
    return logs::showLog(loop.get(), options, out, err);
  }
  if (const auto* install = std::get_if<cli::InstallCompletion>(&invocation->action)) {
    auto done = completion::installCompleter(
        {install->dir, client::selfExecutable(), env("PATH").value_or("")});
    if (!done) {
      err.write(done.error() + "\n");
      return 1;
    }
    out.write(*done);
    return 0;
  }
  if (const auto* complete = std::get_if<cli::RunCompletion>(&invocation->action)) {
    out.write(completion::runCompletion(complete->words, completionEnvironment(environment)));
    return 0;
  }
  const auto& call = std::get<cli::DaemonCall>(invocation->action);
  return runDaemonCall(call, invocation->kube, terminal, environment, out, err);
}

int runCompleter(int argc, char** argv, char** environment) {
  client::ignoreSigpipe();
  client::FdWriter out(1);
  out.write(completion::runCompletion(std::vector<std::string>(argv + 1, argv + argc),
                                      completionEnvironment(environment)));
  return 0;
}

}  // namespace dsroll::plugin
