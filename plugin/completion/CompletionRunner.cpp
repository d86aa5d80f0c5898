#include "plugin/completion/CompletionRunner.hpp"

#include "plugin/cli/CommandLine.hpp"
#include "plugin/client/DaemonClient.hpp"
#include "plugin/client/RequestContext.hpp"
#include "plugin/completion/Completer.hpp"

namespace dsroll::plugin::completion {

namespace {

class RowCollector final : public client::FrameSink {
 public:
  void output(ipc::Stream, const std::string&) override {}
  void progress(const nlohmann::json&) override {}
  void row(const nlohmann::json& data) override { rows.push_back(data); }

  std::vector<nlohmann::json> rows;
};

}  // namespace

std::string runCompletion(const std::vector<std::string>& words,
                          const CompletionEnvironment& environment) {
  cli::CommandLine line;
  const LocalCompletion local = completeLocally(line, words);
  if (!local.askDaemon) {
    return formatCompletion(local.completion);
  }
  cli::DaemonCall call{"complete", {{"words", words}}, {}};
  const std::vector<std::string> done(words.begin(), words.empty() ? words.end() : words.end() - 1);
  ipc::Request request =
      client::makeRequest(call, line.kubeFlagsOf(done), environment.env, {}, environment.cwd);

  client::UvLoop loop;
  RowCollector sink;
  client::DaemonClientOptions options;
  options.connector.socketPath = environment.paths.socket;
  options.connector.launcher = nullptr;  // completion never starts the daemon
  options.version = environment.version;
  options.handleSigint = false;
  options.deadlineMs = environment.deadlineMs;
  options.maxRestarts = 0;
  client::SessionOutcome outcome;
  {
    client::DaemonClient daemon(loop.get(), options, sink);
    outcome = daemon.run(std::move(request));
  }
  if (outcome.exitCode != 0) {
    return formatCompletion(local.completion);
  }
  return formatCompletion(mergeDaemonAnswer(local, sink.rows, outcome.data));
}

}  // namespace dsroll::plugin::completion
