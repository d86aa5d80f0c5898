#pragma once
// One Unix socket connection on a libuv loop: connect, read bytes, queue writes, close.

#include <functional>
#include <string>
#include <string_view>

#include <uv.h>

#include "plugin/client/UvSupport.hpp"

namespace dsroll::plugin::client {

class SocketConnection {
 public:
  using StatusCallback = std::function<void(int status)>;
  using DataCallback = std::function<void(std::string_view bytes)>;

  explicit SocketConnection(uv_loop_t* loop);

  /** Connects to `path`; `done(0)` on success, else a libuv error (UV_ENOENT, ...). */
  void connect(const std::string& path, StatusCallback done);

  /** Delivers received bytes; `ended` gets UV_EOF or a read/write error, once. */
  void startReading(DataCallback data, StatusCallback ended);

  /** Queues bytes to send; a failure is reported through `ended`. */
  void write(std::string bytes);

  /** Closes the socket; no callback runs afterwards. */
  void close();

 private:
  void fail(int status);

  uv_loop_t* loop_;
  UvPtr<uv_pipe_t> pipe_;
  StatusCallback connected_;
  DataCallback data_;
  StatusCallback ended_;
  std::string readBuffer_;
};

}  // namespace dsroll::plugin::client
