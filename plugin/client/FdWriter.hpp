#pragma once
// Blocking writes to stdout/stderr. A closed pipe (`| head`) is noted, not reported: the plugin
// then stops quietly, as kubectl does.

#include <string_view>

namespace dsroll::plugin::client {

class FdWriter {
 public:
  explicit FdWriter(int fd) : fd_(fd) {}

  /** Writes all of `text`; false once the reader is gone (EPIPE) or on another error. */
  bool write(std::string_view text);

  /** Whether a write failed with EPIPE. */
  bool broken() const { return broken_; }

  int fd() const { return fd_; }

 private:
  int fd_;
  bool broken_ = false;
  bool failed_ = false;
};

/** Makes writes to a closed pipe fail with EPIPE instead of killing the process. */
void ignoreSigpipe();

}  // namespace dsroll::plugin::client
