#include "daemon/lifecycle/Logger.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace dsroll::lifecycle {

namespace {

std::string_view levelName(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "DEBUG";
    case LogLevel::Info: return "INFO ";
    case LogLevel::Warn: return "WARN ";
    case LogLevel::Error: return "ERROR";
  }
  return "INFO ";
}

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis));
  return buf;
}

}  // namespace

Logger::Logger(Options options) : options_(std::move(options)) { openFile(); }

Logger::~Logger() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void Logger::openFile() {
  if (options_.path.empty()) {
    return;
  }
  fd_ = ::open(options_.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW,
               0600);
  struct stat st {};
  size_ = (fd_ >= 0 && ::fstat(fd_, &st) == 0) ? st.st_size : 0;
}

void Logger::rotate() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  for (int i = options_.keep - 1; i >= 1; --i) {
    const std::string from = options_.path + "." + std::to_string(i);
    const std::string to = options_.path + "." + std::to_string(i + 1);
    std::rename(from.c_str(), to.c_str());
  }
  if (options_.keep > 0) {
    std::rename(options_.path.c_str(), (options_.path + ".1").c_str());
  } else {
    ::unlink(options_.path.c_str());
  }
  openFile();
}

void Logger::log(LogLevel level, std::string_view message) {
  if (level < options_.minLevel) {
    return;
  }
  std::string line = timestamp();
  line += ' ';
  line += levelName(level);
  line += ' ';
  line += message;
  line += '\n';
  const std::lock_guard lock(mutex_);
  if (fd_ >= 0) {
    if (size_ + static_cast<std::int64_t>(line.size()) > options_.maxBytes) {
      rotate();
    }
    if (fd_ >= 0 && ::write(fd_, line.data(), line.size()) > 0) {
      size_ += static_cast<std::int64_t>(line.size());
    }
  }
  if (options_.mirrorToStderr) {
    (void)!::write(STDERR_FILENO, line.data(), line.size());
  }
}

}  // namespace dsroll::lifecycle
