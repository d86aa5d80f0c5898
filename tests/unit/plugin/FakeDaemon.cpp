#include "tests/unit/plugin/FakeDaemon.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

#include "ipc/Protocol.hpp"

namespace dsroll::plugin::testing {

FakeConnection::FakeConnection(int fd) : fd_(fd), decoder_(ipc::kMaxFrameBytes) {}

FakeConnection::~FakeConnection() {
  ::close(fd_);
}

std::optional<nlohmann::json> FakeConnection::read() {
  while (true) {
    auto frame = decoder_.next();
    if (!frame) return std::nullopt;
    if (frame->has_value()) return **frame;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return std::nullopt;
    char buffer[4096];
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) return std::nullopt;
    decoder_.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
  }
}

void FakeConnection::send(const nlohmann::json& frame) {
  sendRaw(ipc::encodeFrame(frame));
}

void FakeConnection::sendRaw(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

nlohmann::json FakeConnection::handshake() {
  auto hello = read();
  if (!hello) return nullptr;
  send({{"type", "hello"},
        {"protocol", ipc::kProtocolVersion},
        {"version", (*hello)["version"]},
        {"capabilities", {"cancel", "progress"}},
        {"pid", 4242}});
  return *hello;
}

FakeDaemon::FakeDaemon(std::string socketPath, Handler handler)
    : path_(std::move(socketPath)), handler_(std::move(handler)) {
  listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
  ::unlink(path_.c_str());
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 16) != 0) {
    throw std::runtime_error("fake daemon cannot listen on " + path_);
  }
  thread_ = std::thread([this] { serve(); });
}

FakeDaemon::~FakeDaemon() {
  finish();
}

void FakeDaemon::finish() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void FakeDaemon::stopListening() {
  if (listener_ >= 0) {
    // shutdown wakes a poll() in the serving thread; the descriptor is closed by whoever stops.
    ::shutdown(listener_, SHUT_RDWR);
    ::unlink(path_.c_str());
  }
}

void FakeDaemon::serve() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    if ((p.revents & (POLLHUP | POLLERR)) != 0) break;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) break;
    ++connections_;
    FakeConnection connection(fd);
    handler_(connection);
  }
  ::close(listener_);
  listener_ = -1;
}

}  // namespace dsroll::plugin::testing
