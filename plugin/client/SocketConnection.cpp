#include "plugin/client/SocketConnection.hpp"

namespace dsroll::plugin::client {

namespace {

struct WriteRequest {
  uv_write_t request{};
  std::string bytes;
};

}  // namespace

SocketConnection::SocketConnection(uv_loop_t* loop) : loop_(loop), pipe_(makePipe(loop, this)) {}

void SocketConnection::connect(const std::string& path, StatusCallback done) {
  connected_ = std::move(done);
  auto* request = new uv_connect_t{};
  uv_pipe_connect(request, pipe_.get(), path.c_str(), [](uv_connect_t* req, int status) {
    auto* self = ownerOf<SocketConnection>(req->handle);
    delete req;
    if (self != nullptr && self->connected_) {
      auto callback = std::move(self->connected_);
      callback(status);
    }
  });
}

void SocketConnection::startReading(DataCallback data, StatusCallback ended) {
  data_ = std::move(data);
  ended_ = std::move(ended);
  readBuffer_.resize(64 * 1024);
  uv_read_start(
      reinterpret_cast<uv_stream_t*>(pipe_.get()),
      [](uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
        auto* self = ownerOf<SocketConnection>(handle);
        *buf = self == nullptr ? uv_buf_init(nullptr, 0)
                               : uv_buf_init(self->readBuffer_.data(),
                                             static_cast<unsigned int>(self->readBuffer_.size()));
      },
      [](uv_stream_t* stream, ssize_t n, const uv_buf_t* buf) {
        auto* self = ownerOf<SocketConnection>(stream);
        if (self == nullptr) return;
        if (n < 0) {
          self->fail(static_cast<int>(n));
        } else if (n > 0 && self->data_) {
          // A copy: the callback may close this connection, which clears data_.
          auto deliver = self->data_;
          deliver(std::string_view(buf->base, static_cast<std::size_t>(n)));
        }
      });
}

void SocketConnection::write(std::string bytes) {
  if (!pipe_) return;
  auto* request = new WriteRequest{};
  request->bytes = std::move(bytes);
  uv_buf_t buf =
      uv_buf_init(request->bytes.data(), static_cast<unsigned int>(request->bytes.size()));
  const int status = uv_write(&request->request, reinterpret_cast<uv_stream_t*>(pipe_.get()), &buf,
                              1, [](uv_write_t* req, int result) {
                                auto* self = ownerOf<SocketConnection>(req->handle);
                                delete reinterpret_cast<WriteRequest*>(req);
                                if (self != nullptr && result < 0) self->fail(result);
                              });
  if (status < 0) {
    delete request;
    fail(status);
  }
}

void SocketConnection::close() {
  connected_ = nullptr;
  data_ = nullptr;
  ended_ = nullptr;
  pipe_.reset();
}

void SocketConnection::fail(int status) {
  if (ended_) {
    auto ended = std::move(ended_);
    ended_ = nullptr;
    ended(status);
  }
}

}  // namespace dsroll::plugin::client
