#pragma once
// The daemon's log: one line per event, appended to a file that rotates by size
// (dsrolld.log -> dsrolld.log.1 -> ... ), optionally mirrored to stderr (--foreground).

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace dsroll::lifecycle {

enum class LogLevel { Debug, Info, Warn, Error };

class Logger {
 public:
  struct Options {
    std::string path;                       // "" = no file
    std::int64_t maxBytes = 8 * 1024 * 1024;
    int keep = 3;                           // rotated files kept
    bool mirrorToStderr = false;
    LogLevel minLevel = LogLevel::Info;
  };

  explicit Logger(Options options);
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;
  ~Logger();

  void log(LogLevel level, std::string_view message);
  void debug(std::string_view m) { log(LogLevel::Debug, m); }
  void info(std::string_view m) { log(LogLevel::Info, m); }
  void warn(std::string_view m) { log(LogLevel::Warn, m); }
  void error(std::string_view m) { log(LogLevel::Error, m); }

  const std::string& path() const { return options_.path; }

 private:
  void openFile();
  void rotate();

  Options options_;
  std::mutex mutex_;  // the exec-credential worker thread logs too
  int fd_ = -1;
  std::int64_t size_ = 0;
};

}  // namespace dsroll::lifecycle
