#include "plugin/logs/LogTail.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "plugin/client/UvSupport.hpp"

namespace dsroll::plugin::logs {

namespace {

// Follows one file by polling: cheap, and it notices rotation (another inode) and truncation.
class Follower {
 public:
  Follower(std::string path, client::FdWriter& out) : path_(std::move(path)), out_(out) {}

  ~Follower() { closeFile(); }

  /** Prints from `offset` (or from the start of a new file) to the current end. */
  bool poll() {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return true;  // not there (yet, or mid-rotation)
    if (fd_ < 0 || st.st_ino != inode_) {
      closeFile();
      fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) return true;
      inode_ = st.st_ino;
      offset_ = startAt_;
      startAt_ = 0;
    }
    if (static_cast<std::uint64_t>(st.st_size) < offset_) offset_ = 0;  // truncated
    char buffer[65536];
    while (true) {
      const ssize_t n = ::pread(fd_, buffer, sizeof buffer, static_cast<off_t>(offset_));
      if (n <= 0) break;
      offset_ += static_cast<std::uint64_t>(n);
      if (!out_.write(std::string_view(buffer, static_cast<std::size_t>(n)))) return false;
    }
    return true;
  }

  void startAt(std::uint64_t offset, ino_t inode) {
    startAt_ = offset;
    inode_ = inode;
  }

 private:
  void closeFile() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string path_;
  client::FdWriter& out_;
  int fd_ = -1;
  ino_t inode_ = 0;
  std::uint64_t offset_ = 0;
  std::uint64_t startAt_ = 0;
};

}  // namespace

std::string_view lastLines(std::string_view text, std::int64_t count) {
  if (count < 0) return text;
  std::size_t end = text.size();
  if (end > 0 && text[end - 1] == '\n') --end;  // the final newline ends the last line
  std::size_t start = end;
  for (std::int64_t seen = 0; start > 0; --start) {
    if (text[start - 1] == '\n' && ++seen == count) break;
  }
  if (count == 0) return text.substr(text.size());
  return text.substr(start);
}

int showLog(uv_loop_t* loop,
            const LogTailOptions& options,
            client::FdWriter& out,
            client::FdWriter& err) {
  std::string content;
  struct stat st {};
  const bool exists = ::stat(options.path.c_str(), &st) == 0;
  if (exists) {
    const int fd = ::open(options.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      err.write("error: cannot read " + options.path + ": " + std::strerror(errno) + "\n");
      return 1;
    }
    char buffer[65536];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
      content.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
  } else if (!options.follow) {
    err.write("error: there is no daemon log at " + options.path +
              " (dsrolld has not run with this state directory)\n");
    return 1;
  }
  if (!out.write(lastLines(content, options.tail))) return out.broken() ? 0 : 1;
  if (!options.follow) return 0;

  Follower follower(options.path, out);
  if (exists) follower.startAt(content.size(), st.st_ino);
  struct State {
    Follower* follower;
    bool stopped = false;
  } state{&follower};
  auto timer = client::makeTimer(loop, &state);
  uv_timer_start(
      timer.get(),
      [](uv_timer_t* t) {
        auto* s = client::ownerOf<State>(t);
        if (s != nullptr && !s->follower->poll()) {
          s->stopped = true;
          uv_timer_stop(t);
        }
      },
      options.pollMs, options.pollMs);
  while (!state.stopped) {
    uv_run(loop, UV_RUN_ONCE);
  }
  return 0;
}

}  // namespace dsroll::plugin::logs
