#pragma once
// One request over a connected socket: hello both ways, the request, then frames until its
// result or error (ipc/COMMANDS.md).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "ipc/Frame.hpp"
#include "ipc/Messages.hpp"
#include "plugin/client/FrameSink.hpp"
#include "plugin/client/SocketConnection.hpp"

namespace dsroll::plugin::client {

/** ipc/COMMANDS.md's text for a connection lost before the final frame. */
inline constexpr const char* kLostConnectionMessage =
    "error: lost connection to dsrolld before it answered (see kubectl dsroll daemon logs)";

/** How the request ended. */
struct SessionOutcome {
  int exitCode = 0;
  nlohmann::json data;                 // result.data
  std::optional<std::string> message;  // a line for stderr (error frame, lost connection)
  bool versionMismatch = false;        // the daemon is another version and is going away
  std::optional<nlohmann::json> credentialRequest{};  // NeedsCredential: error.data (ExecRelay)
};

class RequestSession {
 public:
  RequestSession(std::unique_ptr<SocketConnection> connection,
                 ipc::Hello hello,
                 ipc::Request request,
                 FrameSink& sink,
                 std::function<void(SessionOutcome)> done);

  void start();

  /** Ctrl-C: asks the daemon to stop the request (once); the answer still arrives. */
  void cancel();

  /** Whether the request was sent (so a cancel means something). */
  bool requestSent() const { return state_ == State::Running; }

  /** Closes the connection; no callback runs afterwards. */
  void abandon();

 private:
  enum class State { AwaitingHello, Running, Finished };

  void onBytes(std::string_view bytes);
  void onMessage(const ipc::Message& message);
  void finish(SessionOutcome outcome);

  std::unique_ptr<SocketConnection> connection_;
  ipc::Hello hello_;
  ipc::Request request_;
  FrameSink& sink_;
  std::function<void(SessionOutcome)> done_;
  ipc::FrameDecoder decoder_;
  State state_ = State::AwaitingHello;
  bool cancelSent_ = false;
};

}  // namespace dsroll::plugin::client
