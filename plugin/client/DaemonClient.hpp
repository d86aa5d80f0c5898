#pragma once
// Running one request against the daemon: connect (starting it if needed), handshake, restart
// an old daemon after a version mismatch (at most twice), stream the answer into a FrameSink,
// and Ctrl-C: cancel once, exit 130 on the second.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <uv.h>

#include "ipc/Messages.hpp"
#include "plugin/client/Connector.hpp"
#include "plugin/client/FrameSink.hpp"
#include "plugin/client/RequestSession.hpp"
#include "plugin/client/UvSupport.hpp"

namespace dsroll::plugin::client {

struct DaemonClientOptions {
  ConnectorOptions connector;
  std::string version;                      // ours, for hello
  bool handleSigint = true;                 // Ctrl-C cancels (off for completion)
  std::optional<std::uint64_t> deadlineMs;  // give up after this long (completion)
  int maxRestarts = 2;                      // respawns after a version mismatch
};

class DaemonClient {
 public:
  DaemonClient(uv_loop_t* loop, DaemonClientOptions options, FrameSink& sink);
  ~DaemonClient();

  /** Runs the loop until the request is answered; the outcome says what to print and exit. */
  SessionOutcome run(ipc::Request request);

  /** What SIGINT does: the first cancels the request, the second ends at once with 130. */
  void interrupt();

 private:
  void connect();
  void onConnected(Connector::Connected connected);
  void onSessionDone(SessionOutcome outcome);
  void finish(SessionOutcome outcome);

  uv_loop_t* loop_;
  DaemonClientOptions options_;
  FrameSink& sink_;
  Connector connector_;
  std::unique_ptr<RequestSession> session_;
  ipc::Request request_;
  UvPtr<uv_signal_t> sigint_;
  UvPtr<uv_timer_t> deadline_;
  std::optional<SessionOutcome> outcome_;
  int restarts_ = 0;
  int interrupts_ = 0;
};

}  // namespace dsroll::plugin::client
