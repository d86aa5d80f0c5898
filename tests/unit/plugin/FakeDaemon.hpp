#pragma once
// A stand-in for dsrolld in tests: a thread with a listening Unix socket that runs a scripted
// handler for each connection it accepts, speaking the ipc frames.

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "ipc/Frame.hpp"

namespace dsroll::plugin::testing {

class FakeConnection {
 public:
  explicit FakeConnection(int fd);
  ~FakeConnection();

  /** The next frame, or nullopt at end of stream (waits at most 5 s). */
  std::optional<nlohmann::json> read();
  void send(const nlohmann::json& frame);
  void sendRaw(const std::string& bytes);

  /** Answers the plugin's hello with ours (pid 4242). */
  nlohmann::json handshake();

 private:
  int fd_;
  ipc::FrameDecoder decoder_;
};

class FakeDaemon {
 public:
  using Handler = std::function<void(FakeConnection&)>;

  /** Listens on `socketPath` and serves each connection with `handler`, one at a time. */
  FakeDaemon(std::string socketPath, Handler handler);
  ~FakeDaemon();

  /** Stops serving and waits for the current handler to return (idempotent). */
  void finish();

  /** Closes the listening socket and removes its file (the daemon "stops accepting"). */
  void stopListening();

  int connections() const { return connections_.load(); }

 private:
  void serve();

  std::string path_;
  Handler handler_;
  int listener_ = -1;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace dsroll::plugin::testing
