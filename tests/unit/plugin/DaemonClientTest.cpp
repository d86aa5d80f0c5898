#include "plugin/client/DaemonClient.hpp"

#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <memory>

#include "ipc/Protocol.hpp"
#include "tests/unit/plugin/FakeDaemon.hpp"
#include "tests/unit/plugin/TempDir.hpp"

namespace dsroll::plugin::testing {
namespace {

using nlohmann::json;

class RecordingSink final : public client::FrameSink {
 public:
  void output(ipc::Stream stream, const std::string& text) override {
    (stream == ipc::Stream::Stdout ? out : err) += text;
    if (breakAfterOutput) isBroken = true;
  }
  void progress(const json& data) override { progresses.push_back(data); }
  void row(const json& data) override { rows.push_back(data); }
  bool broken() const override { return isBroken; }

  std::string out;
  std::string err;
  std::vector<json> progresses;
  std::vector<json> rows;
  bool breakAfterOutput = false;
  bool isBroken = false;
};

// Starts a fake daemon when asked, as dsrolld's startup pipe would report it.
class FakeLauncher final : public client::DaemonLauncher {
 public:
  std::function<client::StartupResult()> onLaunch;
  int launches = 0;

  void launch(std::function<void(client::StartupResult)> done) override {
    ++launches;
    done(onLaunch());
  }
};

ipc::Request historyRequest() {
  ipc::Request request;
  request.command = "history";
  request.args = {{"name", "fluentd"}, {"revision", 0}};
  request.kube.namespace_ = "kube-system";
  request.env = {{"HOME", "/home/u"}};
  request.cwd = "/work";
  return request;
}

class DaemonClientTest : public ::testing::Test {
 protected:
  client::DaemonClientOptions options(client::DaemonLauncher* launcher = nullptr) {
    client::DaemonClientOptions o;
    o.connector.socketPath = dir.file("dsrolld.sock");
    o.connector.launcher = launcher;
    o.connector.budgetMs = 3000;
    o.connector.firstDelayMs = 1;
    o.version = "1.2.3";
    o.handleSigint = true;
    return o;
  }

  client::SessionOutcome run(const client::DaemonClientOptions& o) {
    client::UvLoop loop;
    client::DaemonClient daemon(loop.get(), o, sink);
    return daemon.run(historyRequest());
  }

  TempDir dir;
  RecordingSink sink;
};

TEST_F(DaemonClientTest, SendsHelloAndRequestAndReturnsTheResult) {
  json hello;
  json request;
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    hello = c.handshake();
    request = c.read().value_or(nullptr);
    c.send({{"type", "output"},
            {"id", 1},
            {"stream", "stdout"},
            {"text", "REVISION  CHANGE-CAUSE\n"}});
    c.send({{"type", "row"}, {"id", 1}, {"data", {{"value", "x"}}}});
    c.send({{"type", "result"}, {"id", 1}, {"exitCode", 3}, {"data", {{"directive", 4}}}});
  });
  const client::SessionOutcome outcome = run(options());
  daemon.finish();
  EXPECT_EQ(outcome.exitCode, 3);
  EXPECT_FALSE(outcome.message);
  EXPECT_EQ(outcome.data, json({{"directive", 4}}));
  EXPECT_EQ(sink.out, "REVISION  CHANGE-CAUSE\n");
  ASSERT_EQ(sink.rows.size(), 1u);
  EXPECT_EQ(hello["type"], "hello");
  EXPECT_EQ(hello["version"], "1.2.3");
  EXPECT_EQ(hello["protocol"], ipc::kProtocolVersion);
  EXPECT_EQ(request["type"], "request");
  EXPECT_EQ(request["id"], 1);
  EXPECT_EQ(request["command"], "history");
  EXPECT_EQ(request["args"]["name"], "fluentd");
  EXPECT_EQ(request["kube"]["namespace"], "kube-system");
  EXPECT_EQ(request["env"]["HOME"], "/home/u");
  EXPECT_EQ(request["cwd"], "/work");
}

TEST_F(DaemonClientTest, StreamsOutputToBothStreamsInOrder) {
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    for (int i = 0; i < 100; ++i) {
      c.send({{"type", "output"},
              {"id", 1},
              {"stream", i % 10 == 0 ? "stderr" : "stdout"},
              {"text", "line " + std::to_string(i) + "\n"}});
    }
    c.send({{"type", "progress"}, {"id", 1}, {"data", {{"done", true}}}});
    c.send({{"type", "result"}, {"id", 1}, {"exitCode", 0}});
  });
  const client::SessionOutcome outcome = run(options());
  EXPECT_EQ(outcome.exitCode, 0);
  std::string expectedOut;
  std::string expectedErr;
  for (int i = 0; i < 100; ++i) {
    (i % 10 == 0 ? expectedErr : expectedOut) += "line " + std::to_string(i) + "\n";
  }
  EXPECT_EQ(sink.out, expectedOut);
  EXPECT_EQ(sink.err, expectedErr);
  ASSERT_EQ(sink.progresses.size(), 1u);
}

TEST_F(DaemonClientTest, ErrorFrameGivesItsMessageAndExitCode) {
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    c.send({{"type", "error"},
            {"id", 1},
            {"kind", "not-found"},
            {"message", "Error from server (NotFound): daemonsets.apps \"fluentd\" not found"},
            {"exitCode", 1}});
  });
  const client::SessionOutcome outcome = run(options());
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, "Error from server (NotFound): daemonsets.apps \"fluentd\" not found");
}

TEST_F(DaemonClientTest, OtherExitCodesPassThrough) {
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    c.send({{"type", "error"},
            {"id", 1},
            {"kind", "timeout"},
            {"message", "error: timed out"},
            {"exitCode", 7}});
  });
  EXPECT_EQ(run(options()).exitCode, 7);
}

TEST_F(DaemonClientTest, EndOfStreamBeforeTheAnswerIsReported) {
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    c.send({{"type", "output"}, {"id", 1}, {"stream", "stdout"}, {"text", "partial\n"}});
  });
  const client::SessionOutcome outcome = run(options());
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message,
            "error: lost connection to dsrolld before it answered (see kubectl dsroll daemon "
            "logs)");
  EXPECT_EQ(sink.out, "partial\n");
}

TEST_F(DaemonClientTest, MalformedFrameIsAnError) {
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    c.sendRaw(std::string("\0\0\0\x03{x}", 7));
    c.read();
  });
  const client::SessionOutcome outcome = run(options());
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, "error: dsrolld sent a malformed reply: frame is not valid JSON");
}

TEST_F(DaemonClientTest, NoSpawnWhenTheDaemonIsDown) {
  FakeLauncher launcher;
  auto o = options(&launcher);
  o.connector.noSpawn = true;
  const client::SessionOutcome outcome = run(o);
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, "error: dsrolld is not running and KUBECTL_DSROLL_NO_SPAWN is set");
  EXPECT_EQ(launcher.launches, 0);
}

TEST_F(DaemonClientTest, StartsTheDaemonWhenTheSocketIsMissing) {
  FakeLauncher launcher;
  std::unique_ptr<FakeDaemon> daemon;
  launcher.onLaunch = [&] {
    daemon = std::make_unique<FakeDaemon>(dir.file("dsrolld.sock"), [](FakeConnection& c) {
      c.handshake();
      c.read();
      c.send({{"type", "result"}, {"id", 1}, {"exitCode", 0}});
    });
    return client::StartupResult{client::StartupResult::Kind::Ready, "99"};
  };
  const client::SessionOutcome outcome = run(options(&launcher));
  EXPECT_EQ(outcome.exitCode, 0) << outcome.message.value_or("");
  EXPECT_EQ(launcher.launches, 1);
}

TEST_F(DaemonClientTest, LockedMeansSomeoneElseIsStartingItSoKeepConnecting) {
  FakeLauncher launcher;
  std::unique_ptr<FakeDaemon> daemon;
  std::thread starter;
  launcher.onLaunch = [&] {
    // Another plugin's daemon wins the race and comes up a moment later.
    starter = std::thread([&] {
      usleep(50 * 1000);
      daemon = std::make_unique<FakeDaemon>(dir.file("dsrolld.sock"), [](FakeConnection& c) {
        c.handshake();
        c.read();
        c.send({{"type", "result"}, {"id", 1}, {"exitCode", 0}});
      });
    });
    return client::StartupResult{client::StartupResult::Kind::Locked, "77"};
  };
  const client::SessionOutcome outcome = run(options(&launcher));
  starter.join();
  EXPECT_EQ(outcome.exitCode, 0) << outcome.message.value_or("");
  EXPECT_EQ(launcher.launches, 1);
}

// After a version mismatch the old daemon keeps the lock while it drains (up to 10 s): a
// plugin that gave up after its usual budget failed although the new daemon was about to start.
TEST_F(DaemonClientTest, WhileAnotherDaemonHoldsTheLockItWaitsLonger) {
  FakeLauncher launcher;
  std::unique_ptr<FakeDaemon> daemon;
  std::thread starter;
  launcher.onLaunch = [&] {
    if (!starter.joinable()) {
      starter = std::thread([&] {
        usleep(1000 * 1000);  // the old daemon has finished draining
        daemon = std::make_unique<FakeDaemon>(dir.file("dsrolld.sock"), [](FakeConnection& c) {
          c.handshake();
          c.read();
          c.send({{"type", "result"}, {"id", 1}, {"exitCode", 0}});
        });
      });
    }
    return client::StartupResult{client::StartupResult::Kind::Locked, "77"};
  };
  auto o = options(&launcher);
  o.connector.budgetMs = 300;
  o.connector.lockedBudgetMs = 5000;
  o.connector.respawnAfterMs = 100;
  const client::SessionOutcome outcome = run(o);
  starter.join();
  EXPECT_EQ(outcome.exitCode, 0) << outcome.message.value_or("");
  EXPECT_GE(launcher.launches, 2);
}

TEST_F(DaemonClientTest, StartupErrorIsReported) {
  FakeLauncher launcher;
  launcher.onLaunch = [] {
    return client::StartupResult{client::StartupResult::Kind::Failed,
                                 "state directory /x is world-writable"};
  };
  const client::SessionOutcome outcome = run(options(&launcher));
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, "error: cannot start dsrolld: state directory /x is world-writable");
}

TEST_F(DaemonClientTest, VersionMismatchWaitsForTheOldDaemonAndStartsOurs) {
  FakeLauncher launcher;
  std::unique_ptr<FakeDaemon> fresh;
  launcher.onLaunch = [&] {
    fresh = std::make_unique<FakeDaemon>(dir.file("dsrolld.sock"), [](FakeConnection& c) {
      c.handshake();
      c.read();
      c.send({{"type", "output"}, {"id", 1}, {"stream", "stdout"}, {"text", "new\n"}});
      c.send({{"type", "result"}, {"id", 1}, {"exitCode", 0}});
    });
    return client::StartupResult{client::StartupResult::Kind::Ready, "2"};
  };
  FakeDaemon* oldPointer = nullptr;
  FakeDaemon old(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.read();
    c.send({{"type", "error"},
            {"id", 0},
            {"kind", "version-mismatch"},
            {"message", "error: dsrolld 0.0.9 cannot serve kubectl-dsroll 1.2.3"},
            {"exitCode", 1}});
    oldPointer->stopListening();
  });
  oldPointer = &old;
  const client::SessionOutcome outcome = run(options(&launcher));
  EXPECT_EQ(outcome.exitCode, 0) << outcome.message.value_or("");
  EXPECT_EQ(sink.out, "new\n");
  EXPECT_EQ(launcher.launches, 1);
}

TEST_F(DaemonClientTest, VersionMismatchGivesUpAfterTwoRestarts) {
  FakeLauncher launcher;
  std::vector<std::unique_ptr<FakeDaemon>> daemons;
  auto mismatching = [&] {
    auto slot = std::make_shared<FakeDaemon*>(nullptr);
    daemons.push_back(
        std::make_unique<FakeDaemon>(dir.file("dsrolld.sock"), [slot](FakeConnection& c) {
          c.read();
          c.send({{"type", "error"},
                  {"id", 0},
                  {"kind", "version-mismatch"},
                  {"message", "error: version mismatch"},
                  {"exitCode", 1}});
          (*slot)->stopListening();
        }));
    *slot = daemons.back().get();
  };
  launcher.onLaunch = [&] {
    mismatching();
    return client::StartupResult{client::StartupResult::Kind::Ready, "3"};
  };
  mismatching();
  const client::SessionOutcome outcome = run(options(&launcher));
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, "error: version mismatch");
  EXPECT_EQ(launcher.launches, 2);
}

TEST_F(DaemonClientTest, CtrlCSendsCancelAndWaitsForTheAnswer) {
  json cancel;
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    ::kill(::getpid(), SIGINT);
    cancel = c.read().value_or(nullptr);
    c.send(
        {{"type", "error"}, {"id", 1}, {"kind", "cancelled"}, {"message", ""}, {"exitCode", 130}});
  });
  const client::SessionOutcome outcome = run(options());
  daemon.finish();
  EXPECT_EQ(cancel, json({{"type", "cancel"}, {"id", 1}}));
  EXPECT_EQ(outcome.exitCode, 130);
  EXPECT_FALSE(outcome.message);
}

TEST_F(DaemonClientTest, SecondCtrlCExitsAtOnce) {
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    ::kill(::getpid(), SIGINT);
    c.read();  // the cancel; this fake daemon never answers it
    ::kill(::getpid(), SIGINT);
    c.read();  // end of stream when the plugin goes
  });
  const client::SessionOutcome outcome = run(options());
  EXPECT_EQ(outcome.exitCode, 130);
}

TEST_F(DaemonClientTest, ClosedStdoutCancelsQuietly) {
  json cancel;
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    c.send({{"type", "output"}, {"id", 1}, {"stream", "stdout"}, {"text", "first\n"}});
    cancel = c.read().value_or(nullptr);
  });
  sink.breakAfterOutput = true;
  const client::SessionOutcome outcome = run(options());
  daemon.finish();
  EXPECT_EQ(outcome.exitCode, 141);
  EXPECT_FALSE(outcome.message);
  EXPECT_EQ(cancel, json({{"type", "cancel"}, {"id", 1}}));
}

TEST_F(DaemonClientTest, DeadlineEndsAWaitForASilentDaemon) {
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    c.read();
    c.read();  // silent until the plugin hangs up
  });
  auto o = options();
  o.deadlineMs = 50;
  o.handleSigint = false;
  const client::SessionOutcome outcome = run(o);
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, "error: dsrolld did not answer in time");
}

}  // namespace
}  // namespace dsroll::plugin::testing
