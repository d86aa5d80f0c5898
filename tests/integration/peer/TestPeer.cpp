// dsroll_test_peer: a misbehaving client (and a silent server) for the daemon lifecycle tests.
// It writes raw bytes to the daemon's socket the way a broken or hostile peer would and prints
// every frame it gets back as one JSON line, then "EOF" when the daemon closes the connection.
//
//   dsroll_test_peer SOCKET not-json        a frame whose body is not JSON
//   dsroll_test_peer SOCKET not-object      a frame whose body is a JSON array
//   dsroll_test_peer SOCKET oversize        a header announcing more than the frame cap
//   dsroll_test_peer SOCKET random [SEED]   64 KiB of random bytes
//   dsroll_test_peer SOCKET no-hello        a request before the hello
//   dsroll_test_peer SOCKET bad-hello       a hello whose fields have the wrong types
//   dsroll_test_peer SOCKET unknown-type    hello, then a message of an unknown type
//   dsroll_test_peer SOCKET duplicate-id    hello, then two requests with the same id
//   dsroll_test_peer SOCKET zero-length     a frame of length 0
//   dsroll_test_peer SOCKET cancel-at-once [COMMAND]   hello, a request and its cancel in one write
//   dsroll_test_peer SOCKET gone-at-once [COMMAND]     hello and a request, then close at once
//   dsroll_test_peer SOCKET deep [DEPTH]    a request whose args nest DEPTH arrays deep
//   dsroll_test_peer SOCKET half SECONDS    hello, half a request, then only reads for SECONDS
//   dsroll_test_peer SOCKET silent SECONDS  connects, sends nothing, reads for SECONDS
//   dsroll_test_peer SOCKET no-read COUNT   hello, then COUNT daemon.status requests, never reading
//   dsroll_test_peer SOCKET hold COUNT SECONDS   COUNT idle connections held for SECONDS
//   dsroll_test_peer SOCKET request COMMAND [ARGS_JSON]   a well-formed request, frames printed
//   dsroll_test_peer blackhole PORT_FILE    a TCP server on 127.0.0.1 that accepts and never
//   answers

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ipc/Frame.hpp"
#include "ipc/Messages.hpp"
#include "ipc/Protocol.hpp"

namespace {

using nlohmann::json;
using namespace dsroll;

int usage() {
  std::fputs("usage: dsroll_test_peer SOCKET MODE [ARGS...] | dsroll_test_peer blackhole FILE\n",
             stderr);
  return 2;
}

int connectTo(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (fd < 0 || path.size() >= sizeof addr.sun_path) return -1;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    std::fprintf(stderr, "connect %s: %s\n", path.c_str(), std::strerror(errno));
    ::close(fd);
    return -1;
  }
  return fd;
}

/** Writes everything; false when the daemon closed or reset the connection. */
bool writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::printf("WRITE-FAILED %s\n", std::strerror(errno));
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string header(std::uint32_t length) {
  std::string out(4, '\0');
  out[0] = static_cast<char>((length >> 24) & 0xffu);
  out[1] = static_cast<char>((length >> 16) & 0xffu);
  out[2] = static_cast<char>((length >> 8) & 0xffu);
  out[3] = static_cast<char>(length & 0xffu);
  return out;
}

std::string rawFrame(const std::string& body) {
  return header(static_cast<std::uint32_t>(body.size())) + body;
}

std::string hello() {
  return ipc::encodeFrame(ipc::toJson(ipc::Hello{ipc::kProtocolVersion, DSROLL_VERSION, {}, 0}));
}

std::string request(std::uint64_t id, const std::string& command, json args = json::object()) {
  ipc::Request r;
  r.id = id;
  r.command = command;
  r.args = std::move(args);
  return ipc::encodeFrame(ipc::toJson(r));
}

/**
 * Prints frames until the daemon closes the connection, `seconds` pass, or `finals` final frames
 * (result or error) for request `untilFinalFor` have come; returns the frames seen.
 */
int printReplies(int fd, int seconds, std::uint64_t untilFinalFor = 0, int finals = 1) {
  ipc::FrameDecoder decoder(ipc::kMaxFrameBytes);
  std::string buffer(64 * 1024, '\0');
  int frames = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (::poll(&p, 1, static_cast<int>(std::max<long>(left.count(), 0))) <= 0) break;
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n <= 0) {
      std::printf(n == 0 ? "EOF\n" : "RESET\n");
      return frames;
    }
    decoder.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    while (true) {
      auto frame = decoder.next();
      if (!frame) {
        std::printf("BAD-FRAME %s\n", frame.error().message.c_str());
        return frames;
      }
      if (!frame->has_value()) break;
      ++frames;
      std::printf("%s\n", (*frame)->dump().c_str());
      const auto& f = **frame;
      if (untilFinalFor != 0 && f.value("id", std::uint64_t{0}) == untilFinalFor &&
          (f.value("type", "") == "result" || f.value("type", "") == "error") && --finals == 0) {
        return frames;
      }
    }
  }
  std::printf("TIMEOUT\n");
  return frames;
}

int blackhole(const std::string& portFile) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, 64) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("blackhole");
    return 1;
  }
  {
    std::ofstream out(portFile + ".tmp");
    out << ntohs(addr.sin_port) << "\n";
  }
  std::rename((portFile + ".tmp").c_str(), portFile.c_str());
  std::vector<int> held;
  while (true) {
    const int c = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (c >= 0) held.push_back(c);  // never read, never answer, never close
  }
}

int run(const std::string& socket, const std::string& mode, const std::vector<std::string>& args) {
  auto arg = [&](std::size_t i, const std::string& fallback) {
    return i < args.size() ? args[i] : fallback;
  };
  if (mode == "hold") {
    const int count = std::stoi(arg(0, "10"));
    std::vector<int> fds;
    for (int i = 0; i < count; ++i) {
      const int fd = connectTo(socket);
      if (fd >= 0) fds.push_back(fd);
    }
    std::printf("HELD %zu\n", fds.size());
    std::fflush(stdout);
    std::this_thread::sleep_for(std::chrono::seconds(std::stoi(arg(1, "5"))));
    for (int fd : fds)
      ::close(fd);
    return 0;
  }
  const int fd = connectTo(socket);
  if (fd < 0) return 1;
  bool wrote = true;
  if (mode == "not-json") {
    wrote = writeAll(fd, hello() + rawFrame("{\"type\": \"request\", \"id\": 1,"));
  } else if (mode == "not-object") {
    wrote = writeAll(fd, rawFrame("[1, 2, 3]"));
  } else if (mode == "zero-length") {
    wrote = writeAll(fd, header(0));
  } else if (mode == "oversize") {
    // Only the header: a daemon that waited for the body (or allocated it) would be wrong.
    wrote = writeAll(fd, header(static_cast<std::uint32_t>(ipc::kMaxFrameBytes + 1)) + "{}");
  } else if (mode == "random") {
    std::mt19937 rng(static_cast<std::uint32_t>(std::stoul(arg(0, "1"))));
    std::string bytes(64 * 1024, '\0');
    for (char& c : bytes)
      c = static_cast<char>(rng() & 0xffu);
    wrote = writeAll(fd, bytes);
  } else if (mode == "no-hello") {
    wrote = writeAll(fd, request(1, "daemon.status"));
  } else if (mode == "bad-hello") {
    wrote = writeAll(fd, rawFrame(R"({"type":"hello","protocol":"one","version":7})"));
  } else if (mode == "unknown-type") {
    wrote = writeAll(fd, hello() + rawFrame(R"({"type":"shout","id":1})"));
  } else if (mode == "duplicate-id") {
    if (writeAll(fd, hello() + request(7, "daemon.status") + request(7, "daemon.status"))) {
      printReplies(fd, 10, 7, 2);
    }
    ::close(fd);
    return 0;
  } else if (mode == "cancel-at-once" || mode == "gone-at-once") {
    // A request and its cancel (or the end of the connection) in the same write.
    const std::string cancel = ipc::encodeFrame(ipc::toJson(ipc::Cancel{1}));
    const std::string bytes = hello() + request(1, arg(0, "daemon.status")) +
                              (mode == "cancel-at-once" ? cancel : std::string());
    if (writeAll(fd, bytes) && mode == "cancel-at-once") printReplies(fd, 10, 1);
    ::close(fd);
    return 0;
  } else if (mode == "deep") {
    // A request whose args nest DEPTH arrays deep: within the frame cap, but deep enough to
    // overflow the stack of anything that copies or walks JSON recursively.
    const std::size_t depth = std::stoul(arg(0, "1000000"));
    std::string body = R"({"type":"request","id":1,"command":"daemon.status","args":{"a":)";
    body += std::string(depth, '[') + std::string(depth, ']') + "}}";
    if (writeAll(fd, hello() + rawFrame(body))) printReplies(fd, 30, 1);
    ::close(fd);
    return 0;
  } else if (mode == "half" || mode == "silent") {
    // hello, then half a request (or nothing at all), then only listen.
    if (mode == "half") {
      const std::string frame = request(1, "daemon.status");
      wrote = writeAll(fd, hello() + frame.substr(0, frame.size() / 2));
    }
    std::printf("SENT-%s\n", mode == "half" ? "HALF" : "NOTHING");
    printReplies(fd, std::stoi(arg(0, "5")));
    ::close(fd);
    return 0;
  } else if (mode == "no-read") {
    const int count = std::stoi(arg(0, "100000"));
    wrote = writeAll(fd, hello());
    int sent = 0;
    std::string batch;
    for (int i = 1; wrote && i <= count; ++i) {
      batch += request(static_cast<std::uint64_t>(i), "daemon.status");
      if (batch.size() > 64 * 1024 || i == count) {
        wrote = writeAll(fd, batch);
        batch.clear();
        sent = i;
      }
    }
    std::printf("SENT %d\n", sent);
    std::fflush(stdout);
    // Still not reading: wait until the daemon gives up on us (or the test's patience ends).
    pollfd p{fd, POLLRDHUP, 0};
    const int ready = ::poll(&p, 1, 30000);
    std::printf(ready > 0 ? "DROPPED\n" : "NOT-DROPPED\n");
    ::close(fd);
    return 0;
  } else if (mode == "request") {
    const json requestArgs = args.size() > 1 ? json::parse(args[1]) : json::object();
    if (writeAll(fd, hello() + request(1, arg(0, "daemon.status"), requestArgs))) {
      printReplies(fd, 30, 1);
    }
    ::close(fd);
    return 0;
  } else {
    ::close(fd);
    return usage();
  }
  // Even when a write failed the daemon may have answered first: read what it said.
  if (!wrote) std::printf("PARTIAL-WRITE\n");
  printReplies(fd, 10);
  ::close(fd);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (argc < 3) return usage();
  const std::string first = argv[1];
  if (first == "blackhole") return blackhole(argv[2]);
  return run(first, argv[2], std::vector<std::string>(argv + 3, argv + argc));
}
