// Credentials::prepare and accept: when an exec plugin must be relayed to the plugin's terminal,
// how the credential the plugin brings back is checked and cached, and watches that retry.

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <boost/asio/bind_cancellation_slot.hpp>

#include "daemon/asio/Net.hpp"
#include "daemon/kube/ApiClient.hpp"
#include "daemon/kube/Credentials.hpp"
#include "daemon/kube/Reflector.hpp"
#include "daemon/lifecycle/Logger.hpp"

namespace dsroll::kube {
namespace {

namespace asio = net::asio;

constexpr const char* kValid =
    R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
    R"("status":{"token":"relayed"}})";

template <typename T>
T run(Awaitable<T> work) {
  asio::io_context io;
  std::optional<T> out;
  asio::co_spawn(
      io, [&]() -> Awaitable<void> { out = co_await std::move(work); }, asio::detached);
  io.run();
  return std::move(*out);
}

class CredentialsRelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dsroll-credentials-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /** An exec plugin that prints `stdoutText` (or fails with `exitCode`). */
  RestConfig config(const std::string& mode, const std::string& stdoutText, int exitCode = 0) {
    const auto script = dir_ / "plugin.sh";
    std::ofstream(script) << "#!/bin/sh\nprintf '%s' '" << stdoutText << "'\nexit " << exitCode
                          << "\n";
    ::chmod(script.c_str(), 0700);
    RestConfig rest;
    rest.server = "https://127.0.0.1:6443";
    ExecConfig exec;
    exec.command = script.string();
    exec.apiVersion = "client.authentication.k8s.io/v1";
    exec.interactiveMode = mode;
    rest.auth.exec = exec;
    return rest;
  }

  std::filesystem::path dir_;
};

TEST_F(CredentialsRelayTest, AlwaysAsksForARelayWithoutRunningThePlugin) {
  Credentials credentials(config("Always", kValid));
  auto ready = run(credentials.prepare(true, true));
  ASSERT_FALSE(ready);
  EXPECT_EQ(ready.error().kind, ipc::ErrorKind::NeedsCredential);
  EXPECT_EQ(ready.error().message,
            "Unable to connect to the server: getting credentials: exec plugin cannot support "
            "interactive mode: standard input is not a terminal");
  EXPECT_EQ(credentials.execRuns(), 0);
}

TEST_F(CredentialsRelayTest, ARelayedCredentialIsCachedAndUsed) {
  Credentials credentials(config("Always", kValid));
  ASSERT_TRUE(credentials.accept(kValid));
  EXPECT_TRUE(run(credentials.prepare(true, true)));
  auto auth = run(credentials.current());
  ASSERT_TRUE(auth) << auth.error().message;
  EXPECT_EQ(auth->authorization, "Bearer relayed");
  EXPECT_EQ(credentials.execRuns(), 0);
  EXPECT_EQ(credentials.execRelays(), 1);
}

TEST_F(CredentialsRelayTest, ARelayedCredentialIsValidatedLikeTheDaemonsOwn) {
  Credentials credentials(config("Always", kValid));
  auto noStatus = credentials.accept(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})");
  ASSERT_FALSE(noStatus);
  EXPECT_EQ(noStatus.error().kind, ipc::ErrorKind::Unauthorized);
  EXPECT_EQ(noStatus.error().message,
            "Unable to connect to the server: getting credentials: exec plugin didn't return a "
            "status field");
  auto otherVersion = credentials.accept(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",)"
      R"("status":{"token":"t"}})");
  ASSERT_FALSE(otherVersion);
  EXPECT_EQ(otherVersion.error().message,
            "Unable to connect to the server: getting credentials: exec plugin is configured to "
            "use API version client.authentication.k8s.io/v1, plugin returned version "
            "client.authentication.k8s.io/v1beta1");
  EXPECT_EQ(credentials.execRelays(), 0);
}

TEST_F(CredentialsRelayTest, AnExpiredRelayedCredentialIsRefused) {
  Credentials credentials(config("Always", kValid));
  auto expired = credentials.accept(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
      R"("status":{"token":"t","expirationTimestamp":"2001-01-01T00:00:00Z"}})");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().message,
            "Unable to connect to the server: getting credentials: exec plugin returned a "
            "credential that has expired");
}

TEST_F(CredentialsRelayTest, ARequestThatBroughtACredentialIsNeverAskedAgain) {
  Credentials credentials(config("Always", kValid));
  auto ready = run(credentials.prepare(true, false));
  ASSERT_FALSE(ready);
  EXPECT_EQ(ready.error().kind, ipc::ErrorKind::Unauthorized);
}

TEST_F(CredentialsRelayTest, IfAvailableRunsHereFirst) {
  Credentials credentials(config("IfAvailable", kValid));
  EXPECT_TRUE(run(credentials.prepare(true, true)));
  EXPECT_EQ(credentials.execRuns(), 1);
  EXPECT_TRUE(run(credentials.prepare(true, true)));  // cached
  EXPECT_EQ(credentials.execRuns(), 1);
}

TEST_F(CredentialsRelayTest, IfAvailableFailingHereIsRelayedOnlyToATerminal) {
  Credentials credentials(config("IfAvailable", "", 2));
  auto withTerminal = run(credentials.prepare(true, true));
  ASSERT_FALSE(withTerminal);
  EXPECT_EQ(withTerminal.error().kind, ipc::ErrorKind::NeedsCredential);
  auto withoutTerminal = run(credentials.prepare(false, true));
  ASSERT_FALSE(withoutTerminal);
  EXPECT_EQ(withoutTerminal.error().kind, ipc::ErrorKind::Unauthorized);
  EXPECT_EQ(withoutTerminal.error().message.rfind(
                "Unable to connect to the server: getting credentials: exec: executable ", 0),
            0u);
}

TEST_F(CredentialsRelayTest, IfAvailableMissingIsNeverRelayed) {
  RestConfig rest = config("IfAvailable", kValid);
  rest.auth.exec->command = (dir_ / "missing").string();
  Credentials credentials(rest);
  auto ready = run(credentials.prepare(true, true));
  ASSERT_FALSE(ready);
  EXPECT_EQ(ready.error().kind, ipc::ErrorKind::Unauthorized);
}

TEST_F(CredentialsRelayTest, NeverIsLeftToTheDaemon) {
  Credentials credentials(config("Never", "", 2));
  auto ready = run(credentials.prepare(true, true));
  ASSERT_FALSE(ready);
  EXPECT_EQ(ready.error().kind, ipc::ErrorKind::Unauthorized);
}

/** Counts the failures a reflector reports and keeps the last. */
class Failures final : public WatchHandler {
 public:
  void onListStart() override {}
  void onListItem(nlohmann::json&&) override {}
  void onListEnd(const std::string&) override {}
  void onEvent(WatchEventType, nlohmann::json&&) override {}
  void onHealth(const ApiError* error) override {
    if (error == nullptr) return;
    ++count;
    last = *error;
  }
  int count = 0;
  ApiError last;
};

// A watch that failed for want of a credential retries as soon as the plugin brings one, not
// after its backoff (here ten minutes): the command that brought it waits on that watch.
TEST_F(CredentialsRelayTest, ARelayedCredentialEndsAWatchBackoff) {
  asio::io_context io;
  lifecycle::Logger log(lifecycle::Logger::Options{"", 0, 0, false, lifecycle::LogLevel::Error});
  RestConfig rest = config("Always", kValid);
  rest.server = "https://127.0.0.1:1";  // nothing listens: with a credential, a refused connection
  rest.requestTimeout = std::chrono::seconds(2);
  ApiClient client(io.get_executor(), rest, log);
  Failures failures;
  ReflectorOptions options;
  options.initialBackoff = std::chrono::minutes(10);
  Reflector reflector(client, WatchTarget{kDaemonSets, "ns", "", ""}, failures, log, options);
  bool done = false;
  asio::cancellation_signal stop;
  asio::co_spawn(io, reflector.run(),
                 asio::bind_cancellation_slot(stop.slot(),
                                              [&done](const std::exception_ptr&) { done = true; }));
  auto runUntil = [&io](const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!condition() && std::chrono::steady_clock::now() < deadline) {
      io.run_for(std::chrono::milliseconds(50));
    }
  };
  runUntil([&] { return failures.count == 1; });
  ASSERT_EQ(failures.count, 1);
  EXPECT_EQ(failures.last.message,
            "Unable to connect to the server: getting credentials: exec plugin cannot support "
            "interactive mode: standard input is not a terminal");

  ASSERT_TRUE(client.acceptExecCredential(kValid));
  runUntil([&] { return failures.count == 2; });
  ASSERT_EQ(failures.count, 2) << "the watch still waits out its backoff";
  EXPECT_EQ(failures.last.kind, ipc::ErrorKind::Unreachable) << failures.last.message;

  stop.emit(asio::cancellation_type::terminal);
  runUntil([&] { return done; });
  EXPECT_TRUE(done);
}

}  // namespace
}  // namespace dsroll::kube
