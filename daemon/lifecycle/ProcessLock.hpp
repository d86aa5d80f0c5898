#pragma once
// One daemon per user: an exclusive flock on the pid file, taken before daemonizing and held
// for the life of the process.

#include <string>
#include <variant>

namespace dsroll::lifecycle {

class ProcessLock {
 public:
  /** Another process holds the lock; pid is what it wrote (0 if unreadable). */
  struct Held {
    long pid = 0;
  };
  struct Failed {
    std::string message;
  };

  static std::variant<ProcessLock, Held, Failed> tryAcquire(const std::string& pidFile);

  ProcessLock(ProcessLock&& other) noexcept;
  ProcessLock& operator=(ProcessLock&&) = delete;
  ProcessLock(const ProcessLock&) = delete;
  ProcessLock& operator=(const ProcessLock&) = delete;
  ~ProcessLock();

  /** Records the current pid (call again after daemonizing: the pid changes). */
  void writePid() const;

 private:
  explicit ProcessLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace dsroll::lifecycle
